// SPDX-License-Identifier: Apache-2.0
// inclusive_scan and exclusive_scan; in place (out == in) is allowed. op must be associative;
// it need not commute (items are combined in their order). The result has the same bits on
// every executor and thread count (segments and blocks at fixed bounds, prefixes chained
// block by block: detail/host/scan.hpp). Sums of signed integers wrap modulo 2^bits
// (detail/wrapping.hpp).
#pragma once

#include <cstddef>
#include <functional>
#include <type_traits>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/detail/host/scan.hpp"
#include "lanes/detail/wrapping.hpp"
#include "lanes/span.hpp"

namespace lanes {
namespace detail {

// Scans [0, n): store(i, op(carry, load(0..i))) (inclusive) or op(carry, load(0..i-1))
// (exclusive), where the carry is init if has_init, else nothing.
template <class Ex, class Acc, class Op, class Load, class Store>
void scan_indices(const Ex& ex, std::size_t n, bool exclusive, bool has_init, Acc init, Op op, Load load,
                  Store store) {
  scanner<Ex>::run(ex, n, exclusive, has_init, init, defined_op<Acc>(op), load, store);  // signed sums wrap
}

}  // namespace detail

template <class Ex, class T, class U, class Op = std::plus<>>
void inclusive_scan(const Ex& ex, span<T> in, span<U> out, Op op = {}) {
  using Acc = std::remove_cv_t<T>;
  detail::check_data(in, "inclusive_scan", "in");
  detail::check_room(out, in.size(), "inclusive_scan", "out");
  detail::check_in_place_or_disjoint(in, out, "inclusive_scan", "in");
  detail::scan_indices(ex, in.size(), false, false, Acc{}, op, detail::load_items<T>{in.data()},
                       detail::store_items<U>{out.data()});
}

template <class Ex, class T, class U, class Acc, class Op = std::plus<>>
void exclusive_scan(const Ex& ex, span<T> in, span<U> out, Acc init, Op op = {}) {
  detail::check_data(in, "exclusive_scan", "in");
  detail::check_room(out, in.size(), "exclusive_scan", "out");
  detail::check_in_place_or_disjoint(in, out, "exclusive_scan", "in");
  detail::scan_indices(ex, in.size(), true, true, init, op, detail::load_items<T>{in.data()},
                       detail::store_items<U>{out.data()});
}

LANES_ACCEPT_RANGES(inclusive_scan)
LANES_ACCEPT_RANGES(exclusive_scan)

}  // namespace lanes
