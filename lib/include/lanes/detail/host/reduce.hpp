// SPDX-License-Identifier: Apache-2.0
// reduce on the CPU backends, in the fixed order of lanes/reduce.hpp: blocks of reduce_block
// items in parallel, each folded by reduce_lanes lanes, then pairwise trees.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "lanes/config.hpp"
#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"

namespace lanes::detail {

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
      for (std::size_t b = lo; b < hi; ++b) {
        const std::size_t begin = (first + b) * reduce_block;
        partials[b] = reduce_one_block<Acc>(begin, std::min(n, begin + reduce_block), op, f);
      }
    });
    return tree_reduce(partials, blocks, op);
  }
};

}  // namespace lanes::detail
