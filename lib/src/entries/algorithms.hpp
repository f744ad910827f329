// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the algorithms (lanes/compiled.hpp), defined once for every
// executor; instantiated per backend (see LANES_ELEMENT_ENTRIES / LANES_FLOAT_ENTRIES).
#pragma once

#include <cstdint>

#include "lib/src/entries/executor_of.hpp"
#include "lanes/histogram.hpp"
#include "lanes/merge.hpp"
#include "lanes/min_max.hpp"
#include "lanes/permute.hpp"
#include "lanes/reduce.hpp"
#include "lanes/scan.hpp"
#include "lanes/search.hpp"
#include "lanes/select.hpp"
#include "lanes/sort.hpp"
#include "lanes/transform.hpp"

namespace lanes::detail {

template <class Ex, class T>
double algorithm_entries<Ex, T>::sum(const device& d, span<const T> x) {
  return reduce(executor_of<Ex>(d), x, 0.0);
}
template <class Ex, class T>
min_max_result<T> algorithm_entries<Ex, T>::min_max(const device& d, span<const T> x) {
  return lanes::min_max(executor_of<Ex>(d), x);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::inclusive_scan(const device& d, span<const T> in, span<T> out) {
  lanes::inclusive_scan(executor_of<Ex>(d), in, out);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::exclusive_scan(const device& d, span<const T> in, span<T> out) {
  lanes::exclusive_scan(executor_of<Ex>(d), in, out, T(0));
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::sort(const device& d, span<T> keys) {
  lanes::sort(executor_of<Ex>(d), keys);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::sort_by_key(const device& d, span<T> keys, span<std::uint8_t> values) {
  lanes::sort_by_key(executor_of<Ex>(d), keys, values);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::sort_by_key(const device& d, span<T> keys, span<std::uint32_t> values) {
  lanes::sort_by_key(executor_of<Ex>(d), keys, values);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::sort_by_key(const device& d, span<T> keys, span<std::uint64_t> values) {
  lanes::sort_by_key(executor_of<Ex>(d), keys, values);
}
template <class Ex, class T>
std::uint64_t algorithm_entries<Ex, T>::histogram(const device& d, span<const T> x, double lo, double hi,
                                                  span<std::uint64_t> bins) {
  return lanes::histogram(executor_of<Ex>(d), x, lo, hi, bins);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::gather(const device& d, span<const T> in, span<const std::int64_t> indices,
                                      span<T> out) {
  lanes::gather(executor_of<Ex>(d), in, indices, out);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::scatter(const device& d, span<const T> in, span<const std::int64_t> indices,
                                       span<T> out) {
  lanes::scatter(executor_of<Ex>(d), in, indices, out);
}
template <class Ex, class T>
std::size_t algorithm_entries<Ex, T>::unique(const device& d, span<const T> in, span<T> out) {
  return lanes::unique(executor_of<Ex>(d), in, out);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::merge(const device& d, span<const T> a, span<const T> b, span<T> out) {
  lanes::merge(executor_of<Ex>(d), a, b, out);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::merge_by_key(const device& d, span<const T> a_keys, span<const std::uint8_t> a_values,
                                            span<const T> b_keys, span<const std::uint8_t> b_values, span<T> keys_out,
                                            span<std::uint8_t> values_out) {
  lanes::merge_by_key(executor_of<Ex>(d), a_keys, a_values, b_keys, b_values, keys_out, values_out);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::merge_by_key(const device& d, span<const T> a_keys, span<const std::uint32_t> a_values,
                                            span<const T> b_keys, span<const std::uint32_t> b_values, span<T> keys_out,
                                            span<std::uint32_t> values_out) {
  lanes::merge_by_key(executor_of<Ex>(d), a_keys, a_values, b_keys, b_values, keys_out, values_out);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::merge_by_key(const device& d, span<const T> a_keys, span<const std::uint64_t> a_values,
                                            span<const T> b_keys, span<const std::uint64_t> b_values, span<T> keys_out,
                                            span<std::uint64_t> values_out) {
  lanes::merge_by_key(executor_of<Ex>(d), a_keys, a_values, b_keys, b_values, keys_out, values_out);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::lower_bound(const device& d, span<const T> sorted, span<const T> needles,
                                           span<std::int64_t> out) {
  lanes::lower_bound(executor_of<Ex>(d), sorted, needles, out);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::upper_bound(const device& d, span<const T> sorted, span<const T> needles,
                                           span<std::int64_t> out) {
  lanes::upper_bound(executor_of<Ex>(d), sorted, needles, out);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::reverse(const device& d, span<T> x) {
  lanes::reverse(executor_of<Ex>(d), x);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::adjacent_difference(const device& d, span<const T> in, span<T> out) {
  lanes::adjacent_difference(executor_of<Ex>(d), in, out);
}

template <class Ex, class T>
std::size_t algorithm_entries<Ex, T>::unique_by_key(const device& d, span<const T> keys,
                                                    span<const std::uint8_t> values, span<T> keys_out,
                                                    span<std::uint8_t> values_out) {
  return lanes::unique_by_key(executor_of<Ex>(d), keys, values, keys_out, values_out);
}
template <class Ex, class T>
std::size_t algorithm_entries<Ex, T>::unique_by_key(const device& d, span<const T> keys,
                                                    span<const std::uint32_t> values, span<T> keys_out,
                                                    span<std::uint32_t> values_out) {
  return lanes::unique_by_key(executor_of<Ex>(d), keys, values, keys_out, values_out);
}
template <class Ex, class T>
std::size_t algorithm_entries<Ex, T>::unique_by_key(const device& d, span<const T> keys,
                                                    span<const std::uint64_t> values, span<T> keys_out,
                                                    span<std::uint64_t> values_out) {
  return lanes::unique_by_key(executor_of<Ex>(d), keys, values, keys_out, values_out);
}

template <class Ex, class T>
std::size_t algorithm_entries<Ex, T>::reduce_by_key(const device& d, span<const T> keys, span<const float> values,
                                                    span<T> keys_out, span<float> sums) {
  return lanes::reduce_by_key(executor_of<Ex>(d), keys, values, keys_out, sums);
}
template <class Ex, class T>
std::size_t algorithm_entries<Ex, T>::reduce_by_key(const device& d, span<const T> keys, span<const double> values,
                                                    span<T> keys_out, span<double> sums) {
  return lanes::reduce_by_key(executor_of<Ex>(d), keys, values, keys_out, sums);
}

}  // namespace lanes::detail
