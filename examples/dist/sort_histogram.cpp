// SPDX-License-Identifier: Apache-2.0
// A distributed app: every rank makes its own part of the data (n values, normally
// distributed, from its own stream), then, across all ranks, a global sort (the output is
// block-partitioned and globally ordered), a histogram, min/max and the sum, printed by
// rank 0 with the time each took.
//
//   mpirun -np 4 build/release/examples/dist/lanes_dist_example [n per rank, default 4000000]
//
// On a cluster: mpirun --hostfile hosts -np <ranks> --map-by socket (or one rank per GPU)
// lanes_dist_example; each rank runs its part on every core it was given (lanes::cpu{}),
// or on cpu:N with `--bind-to none` and N threads per rank.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "lanes/dist.hpp"

int main(int argc, char** argv) {
  lanes::dist::environment mpi(&argc, &argv);
  lanes::dist::comm world;
  const std::size_t per_rank = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 4000000;
  const std::size_t n = per_rank * std::size_t(world.size());
  lanes::cpu ex;
  auto clock = [] { return std::chrono::steady_clock::now(); };
  auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };

  // This rank's values: Box-Muller over its own linear congruential stream.
  lanes::dist::array<double> values(world, n);
  std::uint64_t s = 0x9E3779B97F4A7C15ull * std::uint64_t(world.rank() + 1);
  auto uniform = [&] {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return (double(s >> 11) + 0.5) / double(1ull << 53);
  };
  for (double& v : values.local()) v = std::sqrt(-2 * std::log(uniform())) * std::cos(6.283185307179586 * uniform());

  auto t0 = clock();
  const double sum = lanes::dist::reduce(ex, values, 0.0);
  const auto range = lanes::dist::min_max(ex, values);
  auto t1 = clock();
  std::vector<std::uint64_t> bins(12);
  const std::uint64_t outside = lanes::dist::histogram(ex, values, -3.0, 3.0, lanes::span<std::uint64_t>(bins));
  auto t2 = clock();
  lanes::dist::sort(ex, values);
  auto t3 = clock();

  // Check the order across ranks: each rank's first value is not below the last one before it.
  const double mine_first = values.local_size() ? values.local()[0] : INFINITY;
  double previous_last = -INFINITY;
  const double mine_last = values.local_size() ? values.local()[values.local_size() - 1] : -INFINITY;
  MPI_Exscan(&mine_last, &previous_last, 1, MPI_DOUBLE, MPI_MAX, world.get());
  if (world.rank() == 0) previous_last = -INFINITY;
  bool ordered = std::is_sorted(values.local().begin(), values.local().end()) && previous_last <= mine_first;
  ordered = !world.any(!ordered);

  if (world.rank() == 0) {
    std::printf("%d ranks x %zu values: sum %.6g, min %.4f, max %.4f (%.3f s)\n", world.size(), per_rank, sum,
                range.min, range.max, seconds(t0, t1));
    std::printf("histogram over [-3, 3) in %zu bins (%.3f s), %llu outside:\n", bins.size(), seconds(t1, t2),
                (unsigned long long)outside);
    for (std::size_t b = 0; b < bins.size(); ++b)
      std::printf("  [%5.2f, %5.2f) %llu\n", -3.0 + 0.5 * double(b), -2.5 + 0.5 * double(b), (unsigned long long)bins[b]);
    std::printf("global sort: %.3f s, %s\n", seconds(t2, t3), ordered ? "ordered across ranks" : "NOT ORDERED");
  }
  return ordered ? 0 : 1;
}
