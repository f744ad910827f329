// SPDX-License-Identifier: Apache-2.0
// What a user would pick instead of Lanes, on the same data: raw oneTBB, OpenMP, C++17
// parallel algorithms (std_par), Thrust on its TBB backend, and a serial loop.
#pragma once

#include <cstdint>

#include "bench.hpp"

namespace lanes_bench::peers {

std::vector<job> triad(float* a, const float* b, const float* c, std::size_t n);
std::vector<job> reduce(const float* x, std::size_t n);
std::vector<job> inclusive_scan(const float* in, float* out, std::size_t n);
std::vector<job> exclusive_scan(const float* in, float* out, std::size_t n);
// Sorts work[0, n) after prepare() has refilled it (and values, if not null).
std::vector<job> sort_u32(std::uint32_t* work, std::size_t n, std::function<void()> prepare);
std::vector<job> sort_f32(float* work, std::size_t n, std::function<void()> prepare);
std::vector<job> sort_by_key_u32(std::uint32_t* keys, std::uint32_t* values, std::size_t n,
                                 std::function<void()> prepare);
std::vector<job> histogram(const float* x, std::size_t n, std::uint64_t* bins, std::size_t nbins, float lo, float hi);
std::vector<job> histogram_u8(const std::uint8_t* x, std::size_t n, std::uint64_t* bins);  // 256 bins of bytes
std::vector<job> for_each_small(float* y, const float* x, std::size_t n, std::size_t calls);
// The sequence algorithms (sequences.cpp) and random fills.
std::vector<job> unique_u32(const std::uint32_t* in, std::size_t n, std::uint32_t* out);
std::vector<job> partition_u32(const std::uint32_t* in, std::size_t n, std::uint32_t* out, std::uint32_t* out_false);
std::vector<job> partition_in_place_u32(std::uint32_t* work, std::size_t n, const std::function<void()>& prepare);
std::vector<job> merge_u32(const std::uint32_t* a, std::size_t na, const std::uint32_t* b, std::size_t nb,
                           std::uint32_t* out);
std::vector<job> lower_bound_u32(const std::uint32_t* sorted, std::size_t n, const std::uint32_t* needles,
                                 std::size_t count, std::uint64_t* found);
std::vector<job> uniform_f32(float* out, std::size_t n);
std::vector<job> normal_f32(float* out, std::size_t n);
// The compute-bound kernels' OpenMP loops (peers_kernels.cpp).
std::vector<job> monte_carlo_pi(std::size_t n);
std::vector<job> count_primes(std::size_t n);
std::vector<job> particles(double* x, double* y, const double* w, std::size_t n, std::function<void()> reset);
std::vector<job> mandelbrot(std::uint32_t* out, std::size_t n);
std::vector<job> distance_matrix(const float* points, float* out, std::size_t n);
std::vector<job> nbody(float* pos, float* vel, const float* mass, std::size_t n, std::function<void()> reset);

// Kokkos (peers_kokkos.cpp, where Kokkos is found: LANES_BENCH_KOKKOS), on device "seq".
std::vector<job> kokkos_triad(float* a, const float* b, const float* c, std::size_t n);
std::vector<job> kokkos_reduce(const float* x, std::size_t n);
std::vector<job> kokkos_scan(const float* in, float* out, std::size_t n, bool exclusive);
std::vector<job> kokkos_sort_u32(std::uint32_t* work, std::size_t n, std::function<void()> prepare);
std::vector<job> kokkos_sort_f32(float* work, std::size_t n, std::function<void()> prepare);
std::vector<job> kokkos_uniform_f32(float* out, std::size_t n);
std::vector<job> kokkos_normal_f32(float* out, std::size_t n);

}  // namespace lanes_bench::peers
