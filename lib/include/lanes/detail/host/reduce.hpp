// SPDX-License-Identifier: Apache-2.0
// reduce on the CPU backends, in the fixed order of lanes/reduce.hpp: blocks of reduce_block
// items in parallel, each folded by reduce_lanes lanes, then pairwise trees.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <type_traits>
#include <utility>
#include <vector>

#include "lanes/config.hpp"
#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__CUDACC__)
#define LANES_SUM_PAIRS 1
#include <immintrin.h>
#endif

namespace lanes::detail {

// The span algorithms' load (reduce, the scans): named, so that the CPU code sees that the
// items lie side by side in memory.
template <class T>
struct load_items {
  T* items;
  LANES_HD std::remove_cv_t<T> operator()(std::size_t i) const { return items[i]; }
};

// Step 3: pairwise tree over v[0, m) in place; returns the root. Needs m >= 1.
template <class Acc, class Op>
Acc tree_reduce(Acc* v, std::size_t m, Op& op) {
  for (std::size_t stride = 1; stride < m; stride *= 2)
    for (std::size_t i = 0; i + stride < m; i += 2 * stride) v[i] = op(v[i], v[i + stride]);
  return v[0];
}

// g(0), g(1), ..., g(N - 1), written out.
template <class G, std::size_t... J>
inline void each_of(G& g, std::index_sequence<J...>) {
  (g(J), ...);
}

// Step 2 and 3 for one block [begin, end), end > begin. The lanes' step is written out, so
// the accumulators stay in registers (a loop over them kept them in memory, each step
// waiting on a store and a load), and a step's items are all loaded before any is added:
// with each load beside its add, GCC left most lanes of a float sum in double unvectorised.
template <class Acc, class Op, class F>
LANES_ALWAYS_INLINE Acc fold_block(std::size_t begin, std::size_t end, Op& op, F& f) {
  constexpr std::size_t W = reduce_lanes;
  Acc acc[W];
  std::size_t lanes_used = std::min(W, end - begin);
  for (std::size_t j = 0; j < lanes_used; ++j) acc[j] = Acc(f(begin + j));
  std::size_t i = begin + lanes_used;
  Acc item[W];
  auto load = [&](std::size_t j) { item[j] = Acc(f(i + j)); };
  auto lane_step = [&](std::size_t j) { acc[j] = op(acc[j], item[j]); };
  for (; i + W <= end; i += W) {
    each_of(load, std::make_index_sequence<W>{});
    each_of(lane_step, std::make_index_sequence<W>{});
  }
  for (std::size_t j = 0; i + j < end; ++j) acc[j] = op(acc[j], Acc(f(i + j)));
  return tree_reduce(acc, lanes_used, op);
}

#if LANES_AVX2_AT_RUN_TIME
// The same block in AVX2 (4 doubles or 8 floats of the lanes a register), the same bits.
template <class Acc, class Op, class F>
LANES_AVX2_TARGET Acc fold_block_avx2(std::size_t begin, std::size_t end, Op& op, F& f) {
  return fold_block<Acc>(begin, end, op, f);
}
#endif

template <class Acc, class Op, class F>
Acc reduce_one_block(std::size_t begin, std::size_t end, Op& op, F& f) {
#if LANES_AVX2_AT_RUN_TIME
  if (cpu_has_avx2()) return fold_block_avx2<Acc>(begin, end, op, f);
#endif
  return fold_block<Acc>(begin, end, op, f);
}

#ifdef LANES_SUM_PAIRS
// A plain sum: std::plus over a span of floats or doubles in a double accumulator, or of
// floats in a float one.
template <class Acc, class Op, class F>
struct plain_sum : std::false_type {};
template <class Acc, class Op, class T>
struct plain_sum<Acc, Op, load_items<T>> {
  using item = std::remove_cv_t<T>;
  static constexpr bool value =
      (std::is_same_v<Op, std::plus<>> || std::is_same_v<Op, std::plus<Acc>>) &&
      ((std::is_same_v<Acc, double> && (std::is_same_v<item, float> || std::is_same_v<item, double>)) ||
       (std::is_same_v<Acc, float> && std::is_same_v<item, float>));
};

// AVX2 registers of a plain sum's lanes: 4 doubles or 8 floats, lane j of the fixed order in
// element j % per of register j / per.
__attribute__((target("avx2"), always_inline)) inline __m256d sum_lanes(const float* p, double) {
  return _mm256_cvtps_pd(_mm_loadu_ps(p));
}
__attribute__((target("avx2"), always_inline)) inline __m256d sum_lanes(const double* p, double) {
  return _mm256_loadu_pd(p);
}
__attribute__((target("avx2"), always_inline)) inline __m256 sum_lanes(const float* p, float) {
  return _mm256_loadu_ps(p);
}
__attribute__((target("avx2"), always_inline)) inline __m256d sum_add(__m256d a, __m256d b) {
  return _mm256_add_pd(a, b);
}
__attribute__((target("avx2"), always_inline)) inline __m256 sum_add(__m256 a, __m256 b) { return _mm256_add_ps(a, b); }
__attribute__((target("avx2"), always_inline)) inline void sum_store(double* to, __m256d a) { _mm256_storeu_pd(to, a); }
__attribute__((target("avx2"), always_inline)) inline void sum_store(float* to, __m256 a) { _mm256_storeu_ps(to, a); }

// Two whole blocks, p[0, reduce_block) and the next, side by side: fold_block's steps and
// bits, with twice the independent adds in flight. One block at a time, the adds waited on
// the conversions: on a Zen 3, 0.82 of the read loop's bandwidth on 2 cores and 0.77 on one;
// two at a time, 0.98 and 1.0. AVX2 on AVX-512 machines too: 8 chains of adds.
template <class Acc, class T>
__attribute__((target("avx2"))) void sum_block_pair(const T* p, Acc* out) {
  constexpr std::size_t per = 32 / sizeof(Acc), regs = reduce_lanes / per;
  decltype(sum_lanes(p, Acc{})) a[regs], b[regs];
  for (std::size_t r = 0; r < regs; ++r) {
    a[r] = sum_lanes(p + r * per, Acc{});
    b[r] = sum_lanes(p + reduce_block + r * per, Acc{});
  }
  for (std::size_t i = reduce_lanes; i < reduce_block; i += reduce_lanes)
    for (std::size_t r = 0; r < regs; ++r) {
      a[r] = sum_add(a[r], sum_lanes(p + i + r * per, Acc{}));
      b[r] = sum_add(b[r], sum_lanes(p + reduce_block + i + r * per, Acc{}));
    }
  Acc lanes_a[reduce_lanes], lanes_b[reduce_lanes];
  for (std::size_t r = 0; r < regs; ++r) {
    sum_store(lanes_a + r * per, a[r]);
    sum_store(lanes_b + r * per, b[r]);
  }
  std::plus<> op;
  out[0] = tree_reduce(lanes_a, reduce_lanes, op);
  out[1] = tree_reduce(lanes_b, reduce_lanes, op);
}
#endif

// out[b - first] = the fold of block b, for b in [first, last) (reduce_one_block's bits).
template <class Acc, class Op, class F>
void fold_blocks(std::size_t first, std::size_t last, std::size_t n, Op& op, F& f, Acc* out) {
  std::size_t b = first;
#ifdef LANES_SUM_PAIRS
  if constexpr (plain_sum<Acc, Op, F>::value) {
    if (cpu_has_avx2())
      for (; b + 2 <= last && (b + 2) * reduce_block <= n; b += 2)
        sum_block_pair(f.items + b * reduce_block, out + (b - first));
  }
#endif
  for (; b < last; ++b) {
    const std::size_t begin = b * reduce_block;
    out[b - first] = reduce_one_block<Acc>(begin, std::min(n, begin + reduce_block), op, f);
  }
}

// Blocks whose partial results are held at once: 2^16 (2^28 items). A longer range is
// reduced as aligned groups of this many blocks, their roots combined pairwise, which is
// the same tree (a pairwise tree over an aligned power-of-two range is op(tree of its first
// half, tree of its second)): the same bits, in bounded scratch, for any n.
inline constexpr std::size_t reduce_group_blocks = std::size_t(1) << 16;

// The one reduction every reduce-like algorithm uses: op over f(i) for i in [0, n).
template <class Ex>
struct reducer {
  template <class Acc, class Op, class F>
  static Acc run(const Ex& ex, std::size_t n, Acc init, Op op, F f) {
    if (n == 0) return init;
    if (n <= reduce_block) return op(init, reduce_one_block<Acc>(0, n, op, f));
    const std::size_t blocks = ceil_div(n, reduce_block);
    std::vector<Acc> partials(std::min(blocks, reduce_group_blocks), init);
    return op(init, tree_of_blocks(ex, n, 0, blocks, partials.data(), op, f));
  }

  // The tree over blocks [first, first + count), count a power of two or the rest of them.
  template <class Acc, class Op, class F>
  static Acc tree_of_blocks(const Ex& ex, std::size_t n, std::size_t first, std::size_t count, Acc* partials, Op& op,
                            F& f) {
    const std::size_t blocks = std::min(count, ceil_div(n, reduce_block) - first);
    if (blocks > reduce_group_blocks) {
      std::size_t half = reduce_group_blocks;
      while (half * 2 < blocks) half *= 2;  // the largest power of two below blocks
      Acc left = tree_of_blocks(ex, n, first, half, partials, op, f);
      return op(left, tree_of_blocks(ex, n, first + half, half, partials, op, f));
    }
    // Groups of blocks per task keep scheduling cheap; the blocks themselves stay fixed.
    parallel_ranges(ex, blocks, 16, [&](std::size_t lo, std::size_t hi) {
      fold_blocks(first + lo, first + hi, n, op, f, partials + lo);
    });
    return tree_reduce(partials, blocks, op);
  }
};

}  // namespace lanes::detail
