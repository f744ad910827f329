// SPDX-License-Identifier: Apache-2.0
// What every test shares: the executors each body runs on, the sizes, input data, and
// references computed independently of Lanes.
#pragma once

#include <algorithm>
#include <cmath>
#include <numeric>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>

#include "key_order.hpp"
#include "lanes/array.hpp"
#include "lanes/device.hpp"
#include "lanes/executor.hpp"
#include "lanes/kernels/impl/group.hpp"
#if LANES_TEST_ON_GPU
#include "lanes/cuda.cuh"
#endif

namespace lanes_test {

// seq cut the GPU's way: kernels give each index one item, as a GPU thread takes one, and
// make one pass per stencil step. The CPU suite runs their GPU-shaped bodies on it, so the
// paths cuda takes are checked against the same naive loops where no GPU answers.
struct gpu_shaped_seq {};

}  // namespace lanes_test

template <>
struct lanes::detail::backend<lanes_test::gpu_shaped_seq> {
  static std::size_t concurrency(const lanes_test::gpu_shaped_seq&) { return 1; }
  template <class F>
  static void for_blocks(const lanes_test::gpu_shaped_seq&, std::size_t blocks, F&& f) {
    backend<seq>::for_blocks(seq{}, blocks, f);
  }
};

template <>
struct lanes::kernels::impl::items_per_index<lanes_test::gpu_shaped_seq> {
  static constexpr std::size_t of(std::size_t) { return 1; }
};

template <>
struct lanes::kernels::impl::reuses_cache<lanes_test::gpu_shaped_seq> {
  static constexpr bool value = false;
};

namespace lanes_test {

// The sizes the issue asks for: empty, tiny, odd, and past every block boundary.
inline const std::vector<std::size_t> sizes = {0, 1, 2, 3, 17, 1000, 4099, (1u << 20) + 7};

// Element types of the arithmetic algorithms.
using arithmetic_types = std::tuple<float, double, std::int32_t, std::int64_t, std::uint32_t, std::uint64_t>;
using floating_types = std::tuple<float, double>;

// Calls body(executor) for seq, cpu (all cores) and cpu with 1, 2 and 8 threads, each in
// its own Catch2 section so a failure names the executor.
template <class Body>
void for_each_cpu_executor(Body&& body) {
  DYNAMIC_SECTION("seq") { body(lanes::seq{}); }
  DYNAMIC_SECTION("cpu") { body(lanes::cpu{}); }
  for (int threads : {1, 2, 8}) {
    DYNAMIC_SECTION("cpu{" << threads << "}") { body(lanes::cpu{threads}); }
  }
}

// The executors a test body runs on: the CPU's and gpu_shaped_seq in the CPU suite; the GPU
// in the GPU suite, which compiles the same test files with nvcc and LANES_TEST_ON_GPU
// (tests/gpu/). A body that runs on both keeps its data in the executor's memory (on below)
// and its device code in LANES_HD lambdas inside a named function template (nvcc allows
// none in a generic lambda).
template <class Body>
void for_each_executor(Body&& body) {
#if LANES_TEST_ON_GPU
  DYNAMIC_SECTION("cuda") { body(lanes::cuda{}); }
#else
  for_each_cpu_executor(body);
  DYNAMIC_SECTION("seq, the GPU's shapes") { body(gpu_shaped_seq{}); }
#endif
}

#if !LANES_TEST_ON_GPU && defined(__x86_64__) && defined(__GNUC__)
// The vector instruction sets of the hand-written x86 code that this processor runs (not
// just its widest, which the library picks): tests try each.
inline std::vector<lanes::detail::vector_isa> vector_isas_here() {
  std::vector<lanes::detail::vector_isa> isas;
  if (__builtin_cpu_supports("avx2")) isas.push_back(lanes::detail::vector_isa::avx2);
  if (lanes::detail::vector_isa_here() == lanes::detail::vector_isa::avx512) isas.push_back(lanes::detail::vector_isa::avx512);
  return isas;
}
#endif

// The memory an executor works on: the host's for CPU executors, its GPU's for cuda.
inline lanes::device memory_of(const lanes::seq&) { return lanes::device("seq"); }
inline lanes::device memory_of(const lanes::cpu&) { return lanes::device("seq"); }
inline lanes::device memory_of(const gpu_shaped_seq&) { return lanes::device("seq"); }
#if LANES_TEST_ON_GPU
inline lanes::device memory_of(const lanes::cuda& ex) { return lanes::device("cuda:" + std::to_string(ex.device())); }
#endif

// A copy of host in ex's memory; .view() for the algorithms, .to_host() to check it.
template <class Ex, class T>
lanes::array<T> on(const Ex& ex, const std::vector<T>& host) {
  return lanes::array<T>(host.data(), host.size(), memory_of(ex));
}

// Deterministic pseudo-random values; integers small enough that sums of 2^21 of them
// fit in int32, floats in [-1, 1].
template <class T>
std::vector<T> random_values(std::size_t n, std::uint64_t seed = 42) {
  std::mt19937_64 gen(seed + n);
  std::vector<T> v(n);
  if constexpr (std::is_floating_point_v<T>) {
    std::uniform_real_distribution<double> dist(-1.0, 1.0);
    for (auto& x : v) x = static_cast<T>(dist(gen));
  } else {
    std::uniform_int_distribution<int> dist(std::is_signed_v<T> ? -500 : 0, 500);
    for (auto& x : v) x = static_cast<T>(dist(gen));
  }
  return v;
}

// Random floats of very different magnitudes (2^-20 to 2^20 times [-1, 1]): any change
// in the order of their sum changes its bits.
inline std::vector<float> order_sensitive_floats(std::size_t n, std::uint64_t seed) {
  auto v = random_values<float>(n, seed);
  for (std::size_t i = 0; i < n; ++i) v[i] *= std::ldexp(1.0f, int(i % 41) - 20);
  return v;
}

// got == expected, reported as the first index that differs (Catch would print every
// element of both vectors, which takes minutes for a million of them).
template <class T>
void require_equal(const std::vector<T>& got, const std::vector<T>& expected) {
  REQUIRE(got.size() == expected.size());
  auto [g, e] = std::mismatch(got.begin(), got.end(), expected.begin());
  if (g != got.end()) {
    INFO("first difference at index " << (g - got.begin()));
    REQUIRE(*g == *e);
  }
}

// Runs of 1 to 4 equal items from a pool with duplicates; for floats the pool holds both
// zeros, both infinities and NaNs of both signs.
template <class T>
std::vector<T> runs(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 gen(seed * 7919 + n);
  std::vector<T> pool;
  for (int k = -6; k <= 6; ++k) pool.push_back(static_cast<T>(std::is_signed_v<T> ? k : k + 6));
  if constexpr (std::is_floating_point_v<T>) {
    const T inf = std::numeric_limits<T>::infinity(), nan = std::numeric_limits<T>::quiet_NaN();
    pool.insert(pool.end(), {T(-0.0), T(0.0), inf, -inf, nan, -nan, T(0.5)});
  }
  std::vector<T> v;
  while (v.size() < n) {
    const T x = pool[gen() % pool.size()];
    for (std::size_t r = gen() % 4 + 1; r > 0 && v.size() < n; --r) v.push_back(x);
  }
  return v;
}

template <class T>
std::vector<T> sorted_runs(std::size_t n, std::uint64_t seed) {
  auto v = runs<T>(n, seed);
  std::stable_sort(v.begin(), v.end(), documented_less<T>);
  return v;
}

template <class T>
void require_same_bits(const std::vector<T>& got, const std::vector<T>& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    if (std::memcmp(&got[i], &expected[i], sizeof(T)) != 0) {
      INFO("first difference at index " << i);
      REQUIRE(got[i] == expected[i]);  // fails, or prints which NaN or zero differs
      REQUIRE(std::memcmp(&got[i], &expected[i], sizeof(T)) == 0);
    }
}

// Tolerance of a floating sum of n terms whose magnitudes add up to abs_sum, in the
// accumulator's precision: 4 sqrt(n) rounding errors of abs_sum (rounding errors of a
// blocked sum grow like sqrt(n); this also covers the long sequential runs of a scan).
template <class Acc>
long double sum_tolerance(std::size_t n, long double abs_sum) {
  return 4.0L * std::sqrt(static_cast<long double>(n) + 1) * std::numeric_limits<Acc>::epsilon() * abs_sum;
}

}  // namespace lanes_test
