// SPDX-License-Identifier: Apache-2.0
// The README's first program: one kernel, run on one thread and on every core.
#include <cstdio>
#include <lanes/lanes.hpp>

int main() {
  lanes::array<double> x(10'000'000), y(10'000'000);
  lanes::iota(lanes::cpu{}, x.view(), 0.0);                       // x = 0, 1, 2, ...
  auto saxpy = [x = x.view(), y = y.view()](std::size_t i) { y[i] = 2.0 * x[i] + 1.0; };
  lanes::for_each_index(lanes::seq{}, x.size(), saxpy);           // one thread
  lanes::for_each_index(lanes::cpu{}, x.size(), saxpy);           // every core (oneTBB)
  double sum = lanes::reduce(lanes::cpu{}, y.view(), 0.0, lanes::deterministic);
  std::printf("sum = %.0f\n", sum);                               // sum = 100000000000000
}
