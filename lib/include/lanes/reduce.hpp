// SPDX-License-Identifier: Apache-2.0
// reduce and transform_reduce. The accumulator has the type of `init` (a float span reduced
// with a double init accumulates in double); op must be associative and commutative. A sum
// in a signed integer accumulator wraps modulo 2^bits (detail/wrapping.hpp).
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

#include "lanes/detail/backend.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/detail/host/reduce.hpp"
#include "lanes/detail/wrapping.hpp"
#include "lanes/executor.hpp"
#include "lanes/span.hpp"

namespace lanes {

// Tag: the result must have the same bits on every executor and thread count.
struct deterministic_t {
  explicit deterministic_t() = default;
};
inline constexpr deterministic_t deterministic{};

namespace detail {

// The one dispatch every reduce-like algorithm (count_if, min_max, index checks) goes through.
template <class Ex, class Acc, class Op, class F>
Acc reduce_indices(const Ex& ex, std::size_t n, Acc init, Op op, F f) {
  return reducer<Ex>::run(ex, n, init, defined_op<Acc>(op), f);  // signed integer sums wrap
}

// How many i in [0, n) have keep(i).
template <class Ex, class Keep>
std::size_t count_indices(const Ex& ex, std::size_t n, Keep keep) {
  return reduce_indices(ex, n, std::size_t{0}, std::plus<>{},
                        [=] LANES_HD(std::size_t i) -> std::size_t { return keep(i) ? 1 : 0; });
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
  return detail::reduce_indices(ex, in.size(), init, op, detail::load_items<T>{in.data()});
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

LANES_ACCEPT_RANGES(transform_reduce)
LANES_ACCEPT_RANGES(reduce)

}  // namespace lanes
