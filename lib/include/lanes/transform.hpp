// SPDX-License-Identifier: Apache-2.0
// Element-wise algorithms: transform (out[i] = f(in[i]) or f(a[i], b[i]); in place, out ==
// in, is allowed), replace_if (in place) and adjacent_difference.
#pragma once

#include <functional>
#include <utility>

#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/detail/wrapping.hpp"
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

// data[i] = value wherever pred(data[i]).
template <class Ex, class T, class Pred, class V>
void replace_if(const Ex& ex, span<T> data, Pred pred, V value) {
  detail::check_data(data, "replace_if", "data");
  const T replacement = T(value);
  for_each_index(ex, data.size(), [=] LANES_HD(std::size_t i) {
    if (pred(data[i])) data[i] = replacement;
  });
}

// out[0] = in[0], out[i] = op(in[i], in[i - 1]) (by default in[i] - in[i - 1], which wraps
// modulo 2^bits for signed integers). in and out must be disjoint: a parallel pass would read
// items already overwritten.
template <class Ex, class T, class U, class Op = std::minus<>>
void adjacent_difference(const Ex& ex, span<T> in, span<U> out, Op op = {}) {
  detail::check_data(in, "adjacent_difference", "in");
  detail::check_room(out, in.size(), "adjacent_difference", "out");
  detail::check_disjoint(in, out, "adjacent_difference", "in");
  using Difference = decltype(std::declval<T>() - std::declval<T>());  // after integer promotion
  const auto defined = detail::defined_op<Difference>(op);
  for_each_index(ex, in.size(),
                 [=] LANES_HD(std::size_t i) { out[i] = i == 0 ? U(in[0]) : U(defined(in[i], in[i - 1])); });
}

LANES_ACCEPT_RANGES(transform)
LANES_ACCEPT_RANGES(replace_if)
LANES_ACCEPT_RANGES(adjacent_difference)

}  // namespace lanes
