// SPDX-License-Identifier: Apache-2.0
// A C++ host app: offloads an array to the device "auto" picks (the GPU where one answers,
// every core otherwise) through the compiled entry points, so plain g++ is enough, and
// checks what comes back.
#include <cmath>
#include <cstdio>
#include <vector>

#include <lanes/array.hpp>
#include <lanes/compiled.hpp>

int main() {
  try {
    lanes::device where("auto");
    std::printf("device: %s\n", where.name().c_str());
    const std::size_t n = 1'000'000;
    std::vector<double> host(n);
    for (std::size_t i = 0; i < n; ++i) host[i] = double(n - i);  // n, n-1, ..., 1
    lanes::array<double> x(host.data(), n, where), y(n, where);
    lanes::compiled::axpy(where, 2.0, lanes::span<const double>(x.view()), y.view());  // y = 2 x
    lanes::compiled::sort(where, y.view());
    double sum = lanes::compiled::sum(where, lanes::span<const double>(y.view()));
    std::vector<double> back = y.to_host();
    bool ok = sum == double(n) * double(n + 1) && back.front() == 2.0 && back.back() == 2.0 * double(n);
    std::printf("sum of 2 * (1..%zu) = %.0f (%s)\n", n, sum, ok ? "checked" : "WRONG");
    return ok ? 0 : 1;
  } catch (const lanes::error& e) {
    std::fprintf(stderr, "lanes: %s\n", e.what());
    return 1;
  }
}
