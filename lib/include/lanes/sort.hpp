// SPDX-License-Identifier: Apache-2.0
// sort and sort_by_key: stable. Arithmetic keys use a parallel LSD radix sort in the order
//   integers as usual; floats -inf < ... < -0.0 < +0.0 < ... < +inf, then every NaN;
// the comparator overload uses a parallel merge sort for any strict weak order.
#pragma once

#include <type_traits>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/detail/host/sort.hpp"
#include "lanes/detail/radix_key.hpp"
#include "lanes/span.hpp"

namespace lanes {

template <class Ex, class K>
void sort(const Ex& ex, span<K> keys) {
  static_assert(detail::is_radix_key_v<K>, "sort without a comparator needs arithmetic keys");
  detail::check_data(keys, "sort", "keys");
  detail::radix_sorter<Ex>::run(ex, keys.data(), static_cast<void*>(nullptr), keys.size());
}

// Sorts keys and moves values[i] with keys[i]; values may be of any trivially copyable type.
template <class Ex, class K, class V>
void sort_by_key(const Ex& ex, span<K> keys, span<V> values) {
  static_assert(detail::is_radix_key_v<K>, "sort_by_key needs arithmetic keys");
  static_assert(std::is_trivially_copyable_v<V>, "sort_by_key moves trivially copyable values");
  detail::check_data(keys, "sort_by_key", "keys");
  detail::check_data(values, "sort_by_key", "values");
  detail::check_same_size(keys, values, "sort_by_key", "keys", "values");
  detail::check_disjoint(keys, values, "sort_by_key", "keys", "values");
  detail::radix_sorter<Ex>::run(ex, keys.data(), values.data(), keys.size());
}

// Stable sort by comp(a, b) ("a goes before b"), a strict weak order.
template <class Ex, class T, class Comp>
void sort(const Ex& ex, span<T> data, Comp comp) {
  static_assert(std::is_trivially_copyable_v<T>, "sort moves trivially copyable elements");
  detail::check_data(data, "sort", "data");
  detail::merge_sorter<Ex>::run(ex, data.data(), data.size(), comp);
}

LANES_ACCEPT_RANGES(sort)
LANES_ACCEPT_RANGES(sort_by_key)

}  // namespace lanes
