// SPDX-License-Identifier: Apache-2.0
// count_if and copy_if (stable: kept elements stay in their input order).
#pragma once

#include <cstddef>
#include <functional>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/detail/host/select.hpp"
#include "lanes/reduce.hpp"
#include "lanes/span.hpp"

namespace lanes {

template <class Ex, class T, class Pred>
std::size_t count_if(const Ex& ex, span<T> in, Pred pred) {
  detail::check_data(in, "count_if", "in");
  return detail::reduce_indices(ex, in.size(), std::size_t{0}, std::plus<>{},
                                [=] LANES_HD(std::size_t i) -> std::size_t { return pred(in[i]) ? 1 : 0; });
}

// Copies the elements where pred holds to the front of out and returns their count.
// pred is evaluated twice per element (count, then copy), so it must be pure. If out is
// too small for what is kept, it throws before writing anything.
template <class Ex, class T, class U, class Pred>
std::size_t copy_if(const Ex& ex, span<T> in, span<U> out, Pred pred) {
  detail::check_data(in, "copy_if", "in");
  detail::check_data(out, "copy_if", "out");
  detail::check_disjoint(in, out, "copy_if", "in");
  return detail::selector<Ex>::copy_if(ex, in, out, pred);
}

LANES_ACCEPT_RANGES(count_if)
LANES_ACCEPT_RANGES(copy_if)

}  // namespace lanes
