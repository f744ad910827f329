// SPDX-License-Identifier: Apache-2.0
// fill and iota.
#pragma once

#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/for_each.hpp"
#include "lanes/span.hpp"

namespace lanes {

template <class Ex, class T, class V>
void fill(const Ex& ex, span<T> out, V value) {
  detail::check_data(out, "fill", "out");
  T v = static_cast<T>(value);
  for_each_index(ex, out.size(), [=] LANES_HD(std::size_t i) { out[i] = v; });
}

// out[i] = start + i, computed per element (no running sum, so floats do not drift).
template <class Ex, class T, class V>
void iota(const Ex& ex, span<T> out, V start) {
  detail::check_data(out, "iota", "out");
  T s = static_cast<T>(start);
  for_each_index(ex, out.size(), [=] LANES_HD(std::size_t i) { out[i] = static_cast<T>(s + static_cast<T>(i)); });
}

LANES_ACCEPT_RANGES(fill)
LANES_ACCEPT_RANGES(iota)

}  // namespace lanes
