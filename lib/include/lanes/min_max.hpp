// SPDX-License-Identifier: Apache-2.0
// min_max: the smallest and largest element, ignoring NaN (like fmin/fmax).
// -0.0 counts as smaller than +0.0, so the result does not depend on the order of work.
// With no element (or only NaN) it returns {max(), lowest()} (+inf and -inf for floats).
#pragma once

#include <cmath>
#include <limits>
#include <type_traits>

#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/detail/radix_key.hpp"
#include "lanes/reduce.hpp"
#include "lanes/span.hpp"

namespace lanes {

template <class T>
struct min_max_result {
  T min;
  T max;
};

namespace detail {

template <class T>
LANES_HD bool before(T a, T b) {  // a < b, with -0.0 before +0.0
  if constexpr (std::is_floating_point_v<T>)
    return a < b || (a == b && sign_bit(a) && !sign_bit(b));
  else
    return a < b;
}

template <class T>
struct min_max_op {
  LANES_HD min_max_result<T> operator()(min_max_result<T> a, min_max_result<T> b) const {
    return {before(b.min, a.min) ? b.min : a.min, before(a.max, b.max) ? b.max : a.max};
  }
};

template <class T>
constexpr min_max_result<T> min_max_identity() {
  if constexpr (std::numeric_limits<T>::has_infinity)
    return {std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity()};
  else
    return {std::numeric_limits<T>::max(), std::numeric_limits<T>::lowest()};
}

}  // namespace detail

template <class Ex, class T>
min_max_result<std::remove_cv_t<T>> min_max(const Ex& ex, span<T> in) {
  using V = std::remove_cv_t<T>;
  detail::check_data(in, "min_max", "in");
  constexpr auto identity = detail::min_max_identity<V>();
  return detail::reduce_indices(ex, in.size(), identity, detail::min_max_op<V>{},
                                [=] LANES_HD(std::size_t i) -> min_max_result<V> {
                                  V x = in[i];
                                  if (x != x) return identity;  // NaN
                                  return {x, x};
                                });
}

LANES_ACCEPT_RANGES(min_max)

}  // namespace lanes
