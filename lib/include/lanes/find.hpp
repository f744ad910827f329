// SPDX-License-Identifier: Apache-2.0
// Searches by predicate: find_if (the first index where pred holds), any_of, all_of, none_of.
// Each is one reduction over every item (the smallest matching index), so pred must be pure;
// no executor stops early, and the answer is the same on every executor.
#pragma once

#include <cstddef>

#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/reduce.hpp"
#include "lanes/span.hpp"

namespace lanes {
namespace detail {

struct smaller_index {
  LANES_HD std::size_t operator()(std::size_t a, std::size_t b) const { return b < a ? b : a; }
};

}  // namespace detail

// The first i with pred(in[i]), or in.size() when there is none.
template <class Ex, class T, class Pred>
std::size_t find_if(const Ex& ex, span<T> in, Pred pred) {
  detail::check_data(in, "find_if", "in");
  const std::size_t n = in.size();
  return detail::reduce_indices(ex, n, n, detail::smaller_index{},
                                [=] LANES_HD(std::size_t i) { return pred(in[i]) ? i : n; });
}

template <class Ex, class T, class Pred>
bool any_of(const Ex& ex, span<T> in, Pred pred) {
  return find_if(ex, in, pred) != in.size();
}

template <class Ex, class T, class Pred>
bool none_of(const Ex& ex, span<T> in, Pred pred) {
  return !any_of(ex, in, pred);
}

template <class Ex, class T, class Pred>
bool all_of(const Ex& ex, span<T> in, Pred pred) {
  return find_if(ex, in, [=] LANES_HD(const T& x) { return !pred(x); }) == in.size();
}

LANES_ACCEPT_RANGES(find_if)
LANES_ACCEPT_RANGES(any_of)
LANES_ACCEPT_RANGES(none_of)
LANES_ACCEPT_RANGES(all_of)

}  // namespace lanes
