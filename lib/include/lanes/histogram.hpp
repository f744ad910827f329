// SPDX-License-Identifier: Apache-2.0
// histogram: counts of in[i] in `bins.size()` equal bins over [lo, hi). Values outside
// [lo, hi) and NaN are not counted; the call returns how many were dropped. The bins are
// overwritten (not added to).
#pragma once

#include <climits>
#include <cmath>
#include <cstdint>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/detail/host/histogram.hpp"
#include "lanes/span.hpp"

namespace lanes {

template <class Ex, class T>
std::uint64_t histogram(const Ex& ex, span<T> in, double lo, double hi, span<std::uint64_t> bins) {
  detail::check_data(in, "histogram", "in");
  detail::check_data(bins, "histogram", "bins");
  if (bins.size() == 0) detail::fail("histogram: bins is empty; at least one bin is needed");
  detail::check_disjoint(in, bins, "histogram", "in", "bins");
  if (!(lo < hi)) detail::fail("histogram: the range [lo, hi) = [", lo, ", ", hi, ") is empty or NaN");
  if (!std::isfinite(lo) || !std::isfinite(hi))
    detail::fail("histogram: the range [", lo, ", ", hi, ") is not finite");
  if (bins.size() >= std::size_t(INT32_MAX))
    detail::fail("histogram: ", bins.size(), " bins are too many (at most ", INT32_MAX - 1, ")");
  std::size_t nbins = bins.size();
  return detail::histogrammer<Ex>::run(ex, in, detail::bin_of::make(lo, hi, nbins), bins);
}

LANES_ACCEPT_RANGES(histogram)

}  // namespace lanes
