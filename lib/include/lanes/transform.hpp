// SPDX-License-Identifier: Apache-2.0
// transform: out[i] = f(in[i]) or f(a[i], b[i]); in place (out == in) is allowed.
#pragma once

#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/for_each.hpp"
#include "lanes/span.hpp"

namespace lanes {

template <class Ex, class T, class U, class F>
void transform(const Ex& ex, span<T> in, span<U> out, F f) {
  detail::check_data(in, "transform", "in");
  detail::check_room(out, in.size(), "transform", "out");
  detail::check_in_place_or_disjoint(in, out, "transform", "in");
  for_each_index(ex, in.size(), [=] LANES_HD(std::size_t i) { out[i] = f(in[i]); });
}

template <class Ex, class A, class B, class U, class F>
void transform(const Ex& ex, span<A> a, span<B> b, span<U> out, F f) {
  detail::check_data(a, "transform", "a");
  detail::check_data(b, "transform", "b");
  detail::check_same_size(a, b, "transform", "a", "b");
  detail::check_room(out, a.size(), "transform", "out");
  detail::check_in_place_or_disjoint(a, out, "transform", "a");
  detail::check_in_place_or_disjoint(b, out, "transform", "b");
  for_each_index(ex, a.size(), [=] LANES_HD(std::size_t i) { out[i] = f(a[i], b[i]); });
}

LANES_ACCEPT_RANGES(transform)

}  // namespace lanes
