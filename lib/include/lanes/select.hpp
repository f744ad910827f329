// SPDX-License-Identifier: Apache-2.0
// Selections: count_if, copy_if, unique, unique_by_key, partition_copy, stable_partition,
// and partition in place. All but partition are stable (what is kept stays in its input
// order) and check that their outputs hold what is kept before writing anything.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <type_traits>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/detail/host/select.hpp"
#include "lanes/detail/radix_key.hpp"
#include "lanes/for_each.hpp"
#include "lanes/reduce.hpp"
#include "lanes/span.hpp"

namespace lanes {

namespace detail {

// out[0] = in[0] on the executor (both hold at least one item).
template <class Ex, class T, class U>
void copy_first(const Ex& ex, span<T> in, span<U> out) {
  for_each_index(ex, 1, [=] LANES_HD(std::size_t) { out[0] = in[0]; });
}

template <class T, class Pred, bool keep_if>
struct where {
  span<T> items;
  Pred pred;
  LANES_HD bool operator()(std::size_t i) const { return bool(pred(items[i])) == keep_if; }
};

// value(i) for every i in [0, n) where keep(i), in order, to out[at] on, and the others to
// rest where it has data (the caller made sure of its room); returns how many were kept.
// `most` bounds what can be kept, as far as the caller knows: where out has room for that
// many, nothing is counted first; elsewhere a count finds a short out before anything is
// written.
template <class Ex, class U, class Keep, class Value>
std::size_t select_into(const Ex& ex, std::size_t n, span<U> out, std::size_t at, Keep keep, Value value,
                        const char* algorithm, std::size_t most, span<U> rest = {}) {
  if (out.size() < at + most) check_kept(out, at + count_indices(ex, n, keep), algorithm);
  return selector<Ex>::run(ex, n, out, at, keep, value, rest);
}

}  // namespace detail

template <class Ex, class T, class Pred>
std::size_t count_if(const Ex& ex, span<T> in, Pred pred) {
  detail::check_data(in, "count_if", "in");
  return detail::count_indices(ex, in.size(), detail::where<T, Pred, true>{in, pred});
}

// Copies the elements where pred holds to the front of out and returns their count.
// pred is evaluated twice per element (count, then copy), so it must be pure. If out is
// too small for what is kept, it throws before writing anything.
template <class Ex, class T, class U, class Pred>
std::size_t copy_if(const Ex& ex, span<T> in, span<U> out, Pred pred) {
  detail::check_data(in, "copy_if", "in");
  detail::check_data(out, "copy_if", "out");
  detail::check_disjoint(in, out, "copy_if", "in");
  return detail::select_into(ex, in.size(), out, 0, detail::where<T, Pred, true>{in, pred},
                             detail::load_items<T>{in.data()}, "copy_if", in.size());
}

// The first item of every run of equal items, to the front of out; returns how many. Equal:
// eq, by default sort's order (-0.0 and +0.0 differ, NaNs are all equal).
template <class Ex, class T, class U, class Eq = detail::key_equal>
std::size_t unique(const Ex& ex, span<T> in, span<U> out, Eq eq = {}) {
  detail::check_data(in, "unique", "in");
  detail::check_data(out, "unique", "out");
  detail::check_disjoint(in, out, "unique", "in");
  const std::size_t n = in.size();
  if (n == 0) return 0;
  // Item 0 always begins a run; item i + 1 does where it differs from item i.
  const std::size_t rest = detail::select_into(ex, n - 1, out, 1, detail::next_differs<T, Eq>{in.data(), eq},
                                               detail::load_items<T>{in.data() + 1}, "unique", n - 1);
  detail::copy_first(ex, in, out);
  return 1 + rest;
}

// unique on keys, the value beside each kept key kept with it; returns how many.
template <class Ex, class K, class V, class KO, class VO, class Eq = detail::key_equal>
std::size_t unique_by_key(const Ex& ex, span<K> keys, span<V> values, span<KO> keys_out, span<VO> values_out,
                          Eq eq = {}) {
  const char* name = "unique_by_key";
  detail::check_by_key(keys, values, keys_out, values_out, name);
  const std::size_t n = keys.size();
  if (n == 0) return 0;
  const detail::next_differs<K, Eq> starts_next{keys.data(), eq};
  std::size_t most = n;  // run heads: item 0 and each item that differs from the one before
  if (std::min(keys_out.size(), values_out.size()) < n) {  // a short output: count first
    most = 1 + detail::count_indices(ex, n - 1, starts_next);
    detail::check_kept(keys_out, most, name, "keys_out");
    detail::check_kept(values_out, most, name, "values_out");
  }
  const std::size_t kept = 1 + detail::select_into(ex, n - 1, keys_out, 1, starts_next,
                                                   detail::load_items<K>{keys.data() + 1}, name, most - 1);
  detail::select_into(ex, n - 1, values_out, 1, starts_next, detail::load_items<V>{values.data() + 1}, name,
                      most - 1);
  detail::copy_first(ex, keys, keys_out);
  detail::copy_first(ex, values, values_out);
  return kept;
}

// The elements where pred holds to the front of out_true, the others to the front of
// out_false, each in input order; returns how many went to out_true.
template <class Ex, class T, class U, class W, class Pred>
std::size_t partition_copy(const Ex& ex, span<T> in, span<U> out_true, span<W> out_false, Pred pred) {
  const char* name = "partition_copy";
  detail::check_data(in, name, "in");
  detail::check_data(out_true, name, "out_true");
  detail::check_data(out_false, name, "out_false");
  detail::check_disjoint(in, out_true, name, "in", "out_true");
  detail::check_disjoint(in, out_false, name, "in", "out_false");
  detail::check_disjoint(out_true, out_false, name, "out_true", "out_false");
  const detail::where<T, Pred, true> kept{in, pred};
  const detail::load_items<T> item{in.data()};
  const std::size_t n = in.size();
  std::size_t most_true = n, most_false = n;
  if (std::min(out_true.size(), out_false.size()) < n) {  // a short output: count first
    most_true = detail::count_indices(ex, n, kept);
    most_false = n - most_true;
    detail::check_kept(out_true, most_true, name, "out_true");
    detail::check_kept(out_false, most_false, name, "out_false");
  }
  if constexpr (std::is_same_v<U, W>) {  // one pass writes both
    return detail::select_into(ex, n, out_true, 0, kept, item, name, most_true, out_false);
  } else {
    const std::size_t trues = detail::select_into(ex, n, out_true, 0, kept, item, name, most_true);
    detail::select_into(ex, n, out_false, 0, detail::where<T, Pred, false>{in, pred}, item, name, most_false);
    return trues;
  }
}

// out = the elements where pred holds, then the others, each part in input order; returns
// the size of the first part. out holds at least in.size() elements.
template <class Ex, class T, class U, class Pred>
std::size_t stable_partition(const Ex& ex, span<T> in, span<U> out, Pred pred) {
  detail::check_data(in, "stable_partition", "in");
  detail::check_room(out, in.size(), "stable_partition", "out");
  detail::check_disjoint(in, out, "stable_partition", "in");
  return detail::selector<Ex>::split(ex, in.size(), out, detail::where<T, Pred, true>{in, pred},
                                     detail::load_items<T>{in.data()});
}

// Reorders data in place so that the elements where pred holds come first; returns how
// many. Not stable: the order within each part is unspecified (on the CPU executors it is
// the same on every one). pred must be pure: it is evaluated more than once per element. The
// GPU partitions through a scratch copy of data (CUB's DevicePartition::If).
template <class Ex, class T, class Pred>
std::size_t partition(const Ex& ex, span<T> data, Pred pred) {
  static_assert(!std::is_const_v<T>, "lanes::partition reorders data: it needs a span of non-const elements");
  detail::check_data(data, "partition", "data");
  if (data.size() == 0) return 0;
  return detail::partitioner<Ex>::run(ex, data, pred);
}

LANES_ACCEPT_RANGES(count_if)
LANES_ACCEPT_RANGES(copy_if)
LANES_ACCEPT_RANGES(unique)
LANES_ACCEPT_RANGES(unique_by_key)
LANES_ACCEPT_RANGES(partition_copy)
LANES_ACCEPT_RANGES(stable_partition)
LANES_ACCEPT_RANGES(partition)

}  // namespace lanes
