// SPDX-License-Identifier: Apache-2.0
// lower_bound and upper_bound of many needles in one sorted span: out[i] is the first index
// of sorted whose item does not go before (lower) or goes after (upper) needles[i], in
// sort's order by default. Each index of the run searches a group of needles side by side
// with the same number of steps (the halving does not depend on the data), so their loads
// overlap instead of waiting on each other. An unsorted span gives unspecified indices in
// [0, sorted.size()] but never a read outside it.
#pragma once

#include <cstddef>
#include <type_traits>

#include "lanes/detail/blocking.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/radix_key.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/for_each.hpp"
#include "lanes/span.hpp"

namespace lanes {
namespace detail {

// Needles searched side by side: each step's loads miss the cache once sorted outgrows it, and
// more of them in flight hide more of the wait. 4M needles in 16M uint32 keys on one Zen 3
// core: 8 side by side 701 ms, 12 594, 16 499-512; 20 or more 880-910 (GCC no longer keeps
// the loop unrolled); prefetching both halves' next midpoints made 16 slower (646).
inline constexpr std::size_t search_group = 16;

// goes_before(item, needle): lower_bound counts the items less than the needle, upper_bound
// those not greater.
template <class Less>
struct item_less {
  Less less;
  template <class T, class N>
  LANES_HD bool operator()(const T& item, const N& needle) const { return less(item, needle); }
};
template <class Less>
struct item_not_greater {
  Less less;
  template <class T, class N>
  LANES_HD bool operator()(const T& item, const N& needle) const { return !less(needle, item); }
};

template <class T, class N, class I, class GoesBefore>
struct search_group_of {
  const T* sorted;
  std::size_t n;
  const N* needles;
  std::size_t count;
  I* out;
  GoesBefore goes_before;
  LANES_HD void operator()(std::size_t g) const {
    const std::size_t first = g * search_group;
    const std::size_t m = count - first < search_group ? count - first : search_group;
    std::size_t base[search_group] = {};
    std::size_t len = n;
    while (len > 1) {  // invariant: the answer is in [base, base + len]
      const std::size_t half = len / 2;
      for (std::size_t k = 0; k < m; ++k)
        base[k] = goes_before(sorted[base[k] + half], needles[first + k]) ? base[k] + half : base[k];
      len -= half;
    }
    for (std::size_t k = 0; k < m; ++k)
      out[first + k] = I(base[k] + (n != 0 && goes_before(sorted[base[k]], needles[first + k]) ? 1 : 0));
  }
};

template <class Ex, class T, class N, class I, class GoesBefore>
void search(const Ex& ex, span<T> sorted, span<N> needles, span<I> out, GoesBefore goes_before, const char* name) {
  check_data(sorted, name, "sorted");
  check_data(needles, name, "needles");
  check_room(out, needles.size(), name, "out");
  check_disjoint(needles, out, name, "needles");
  check_disjoint(sorted, out, name, "sorted");
  for_each_index(ex, ceil_div(needles.size(), search_group),
                 search_group_of<std::remove_cv_t<T>, std::remove_cv_t<N>, I, GoesBefore>{
                     sorted.data(), sorted.size(), needles.data(), needles.size(), out.data(), goes_before});
}

}  // namespace detail

template <class Ex, class T, class N, class I, class Less = detail::key_less>
void lower_bound(const Ex& ex, span<T> sorted, span<N> needles, span<I> out, Less less = {}) {
  detail::search(ex, sorted, needles, out, detail::item_less<Less>{less}, "lower_bound");
}

template <class Ex, class T, class N, class I, class Less = detail::key_less>
void upper_bound(const Ex& ex, span<T> sorted, span<N> needles, span<I> out, Less less = {}) {
  detail::search(ex, sorted, needles, out, detail::item_not_greater<Less>{less}, "upper_bound");
}

LANES_ACCEPT_RANGES(lower_bound)
LANES_ACCEPT_RANGES(upper_bound)

}  // namespace lanes
