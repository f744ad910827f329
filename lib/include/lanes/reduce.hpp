// reduce and transform_reduce. The accumulator has the type of `init` (a float span reduced
// with a double init accumulates in double); op must be associative and commutative.
//
// The summation order is fixed, whatever the executor or its thread count:
//   1. [0, n) is cut into blocks of reduce_block items, aligned at multiples of it;
//   2. inside a block, lane j (of reduce_lanes) folds items j, j + lanes, j + 2 lanes, ...
//      from left to right, starting from its first item;
//   3. the lanes of a block, then the blocks' results, are combined by a pairwise tree:
//      level by level, v[i] = op(v[i], v[i + stride]) for i a multiple of 2 * stride;
//   4. the result is op(init, tree). With n = 0 it is init.
// So every reduce on seq and cpu gives the same bits for every thread count, and a GPU that
// follows the same steps gives them too: lanes::deterministic asks for exactly that.
#pragma once

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

#include "lanes/detail/blocking.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/executor.hpp"
#include "lanes/span.hpp"

namespace lanes {

// Tag: the result must have the same bits on every executor and thread count.
struct deterministic_t {
  explicit deterministic_t() = default;
};
inline constexpr deterministic_t deterministic{};

namespace detail {

inline constexpr std::size_t reduce_block = 4096;
inline constexpr std::size_t reduce_lanes = 16;

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
// The same block in AVX2 (4 doubles or 8 floats of the lanes a register): 1.6x to 2x
// faster than the baseline on data in cache, the same bits.
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

// The one reduction every reduce-like algorithm uses: op over f(i) for i in [0, n). A
// backend with kernels of its own (cuda) specialises reducer for its executor.
template <class Ex>
struct reducer {
  template <class Acc, class Op, class F>
  static Acc run(const Ex& ex, std::size_t n, Acc init, Op op, F f) {
    if (n == 0) return init;
    if (n <= reduce_block) return op(init, reduce_one_block<Acc>(0, n, op, f));
    std::vector<Acc> partials(ceil_div(n, reduce_block), init);
    // Groups of blocks per task keep scheduling cheap; the blocks themselves stay fixed.
    parallel_ranges(ex, partials.size(), 16, [&](std::size_t first, std::size_t last) {
      for (std::size_t b = first; b < last; ++b)
        partials[b] = reduce_one_block<Acc>(b * reduce_block, std::min(n, (b + 1) * reduce_block), op, f);
    });
    return op(init, tree_reduce(partials.data(), partials.size(), op));
  }
};

template <class Ex, class Acc, class Op, class F>
Acc reduce_indices(const Ex& ex, std::size_t n, Acc init, Op op, F f) {
  return reducer<Ex>::run(ex, n, init, op, f);
}

}  // namespace detail

// op(init, f(0), ..., f(n-1)) in the fixed order above.
template <class Ex, class Acc, class Op, class F>
Acc transform_reduce(const Ex& ex, std::size_t n, Acc init, Op op, F f) {
  return detail::reduce_indices(ex, n, init, op, f);
}

// op over f(in[i]).
template <class Ex, class T, class Acc, class Op, class F>
Acc transform_reduce(const Ex& ex, span<T> in, Acc init, Op op, F f) {
  detail::check_data(in, "transform_reduce", "in");
  return detail::reduce_indices(ex, in.size(), init, op, [=] LANES_HD(std::size_t i) { return f(in[i]); });
}

// op over f(a[i], b[i]), e.g. a dot product with std::plus<>{} and std::multiplies<>{}.
template <class Ex, class A, class B, class Acc, class Op, class F>
Acc transform_reduce(const Ex& ex, span<A> a, span<B> b, Acc init, Op op, F f) {
  detail::check_data(a, "transform_reduce", "a");
  detail::check_data(b, "transform_reduce", "b");
  detail::check_same_size(a, b, "transform_reduce", "a", "b");
  return detail::reduce_indices(ex, a.size(), init, op, [=] LANES_HD(std::size_t i) { return f(a[i], b[i]); });
}

template <class Ex, class T, class Acc, class Op = std::plus<>>
Acc reduce(const Ex& ex, span<T> in, Acc init, Op op = {}) {
  detail::check_data(in, "reduce", "in");
  return detail::reduce_indices(ex, in.size(), init, op, [=] LANES_HD(std::size_t i) { return in[i]; });
}

// On seq and cpu every reduce already follows the fixed order; the tag makes that a
// contract on every backend, the GPU included.
template <class Ex, class T, class Acc, class Op>
Acc reduce(const Ex& ex, span<T> in, Acc init, Op op, deterministic_t) {
  return reduce(ex, in, init, op);
}

template <class Ex, class T, class Acc>
Acc reduce(const Ex& ex, span<T> in, Acc init, deterministic_t) {
  return reduce(ex, in, init, std::plus<>{});
}

}  // namespace lanes
