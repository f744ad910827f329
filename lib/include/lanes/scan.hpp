// SPDX-License-Identifier: Apache-2.0
// inclusive_scan and exclusive_scan; in place (out == in) is allowed. op must be associative;
// it need not commute (items are combined in their order). The result has the same bits on
// every executor and thread count (segments and blocks at fixed bounds, prefixes chained
// block by block: detail/host/scan.hpp). Sums of signed integers wrap modulo 2^bits
// (detail/wrapping.hpp).
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <type_traits>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/detail/host/scan.hpp"
#include "lanes/detail/radix_key.hpp"
#include "lanes/detail/wrapping.hpp"
#include "lanes/reduce.hpp"
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

// The scans of f(in[i]): out[i] = op(f(in[0]), ..., f(in[i])) (inclusive), or init then
// the items before i (exclusive). The accumulator is f's result type (inclusive) or init's.
template <class Ex, class T, class U, class Op, class F>
void transform_inclusive_scan(const Ex& ex, span<T> in, span<U> out, Op op, F f) {
  using Acc = std::decay_t<decltype(f(in[0]))>;
  detail::check_data(in, "transform_inclusive_scan", "in");
  detail::check_room(out, in.size(), "transform_inclusive_scan", "out");
  detail::check_in_place_or_disjoint(in, out, "transform_inclusive_scan", "in");
  detail::scan_indices(ex, in.size(), false, false, Acc{}, op, [=] LANES_HD(std::size_t i) { return f(in[i]); },
                       detail::store_items<U>{out.data()});
}

template <class Ex, class T, class U, class Acc, class Op, class F>
void transform_exclusive_scan(const Ex& ex, span<T> in, span<U> out, Acc init, Op op, F f) {
  detail::check_data(in, "transform_exclusive_scan", "in");
  detail::check_room(out, in.size(), "transform_exclusive_scan", "out");
  detail::check_in_place_or_disjoint(in, out, "transform_exclusive_scan", "in");
  detail::scan_indices(ex, in.size(), true, true, init, op, [=] LANES_HD(std::size_t i) { return Acc(f(in[i])); },
                       detail::store_items<U>{out.data()});
}

namespace detail {

// reduce_by_key's running value: how many runs have begun, where the last begun run starts
// (none: no run begins in the items combined), and that run's reduction so far. Combining
// two neighbours is associative, so the scan's fixed order gives the same bits everywhere.
template <class V>
struct run_sum {
  std::size_t runs, start;
  V value;
};
inline constexpr std::size_t no_start = std::numeric_limits<std::size_t>::max();

template <class V, class Op>
struct combine_runs {
  Op op;
  LANES_HD run_sum<V> operator()(const run_sum<V>& a, const run_sum<V>& b) const {
    if (b.start != no_start) return {a.runs + b.runs, b.start, b.value};
    return {a.runs, a.start, op(a.value, b.value)};
  }
};

}  // namespace detail

// For every run of equal consecutive keys: its first key to keys_out and op over its values,
// in order, to values_out; returns the number of runs. Equal: eq, by default sort's order.
template <class Ex, class K, class V, class KO, class VO, class Op = std::plus<>, class Eq = detail::key_equal>
std::size_t reduce_by_key(const Ex& ex, span<K> keys, span<V> values, span<KO> keys_out, span<VO> values_out,
                          Op op = {}, Eq eq = {}) {
  using Acc = std::remove_cv_t<V>;
  using Run = detail::run_sum<Acc>;
  const char* name = "reduce_by_key";
  detail::check_by_key(keys, values, keys_out, values_out, name);
  const std::size_t n = keys.size();
  const detail::run_head<K, Eq> head{keys.data(), eq};
  // Item 0 begins a run; item i + 1 does where it differs from item i (no test on i: it vectorises).
  const detail::next_differs<K, Eq> starts_next{keys.data(), eq};
  const std::size_t runs = n == 0 ? 0 : 1 + detail::count_indices(ex, n - 1, starts_next);
  detail::check_kept(keys_out, runs, name, "keys_out");
  detail::check_kept(values_out, runs, name, "values_out");
  auto load = [=] LANES_HD(std::size_t i) {
    const bool starts = head(i);
    return Run{starts ? 1u : 0u, starts ? i : detail::no_start, Acc(values[i])};
  };
  auto store = [=] LANES_HD(std::size_t i, const Run& r) {
    if (i + 1 == n || head(i + 1)) {
      keys_out[r.runs - 1] = keys[r.start];
      values_out[r.runs - 1] = r.value;
    }
  };
  detail::scan_indices(ex, n, false, false, Run{0, detail::no_start, Acc{}},
                       detail::combine_runs<Acc, decltype(detail::defined_op<Acc>(op))>{detail::defined_op<Acc>(op)},
                       load, store);
  return runs;
}

LANES_ACCEPT_RANGES(inclusive_scan)
LANES_ACCEPT_RANGES(exclusive_scan)
LANES_ACCEPT_RANGES(transform_inclusive_scan)
LANES_ACCEPT_RANGES(transform_exclusive_scan)
LANES_ACCEPT_RANGES(reduce_by_key)

}  // namespace lanes
