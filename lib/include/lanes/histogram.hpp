// histogram: counts of in[i] in `bins.size()` equal bins over [lo, hi). Values outside
// [lo, hi) and NaN are not counted; the call returns how many were dropped. The bins are
// overwritten (not added to).
#pragma once

#include <cmath>
#include <algorithm>
#include <climits>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "lanes/detail/blocking.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/span.hpp"

namespace lanes {
namespace detail {

// The bin of x, or `bins` when x is dropped; computed in double for every input type, and
// branch-free so that a loop over a batch of items vectorises.
struct bin_of {
  double lo, hi, scale, last, dropped;  // last = bins - 1, dropped = bins
  LANES_HD std::int32_t operator()(double x) const {
    double t = (x - lo) * scale;
    t = t < last ? t : last;     // x just below hi can round up to bins
    t = x >= lo ? t : dropped;  // NaN fails both tests
    t = x < hi ? t : dropped;
    return static_cast<std::int32_t>(t);
  }
};

// The bins of x[0, len): a separate loop over restrict pointers, so that it vectorises; a
// static member of a class template, so that it is cloned for AVX-512 and AVX2
// (LANES_SIMD_CLONES: 2.2x faster per item on one Zen 5 core than the SSE2 baseline).
template <class T>
struct batch_bins {
  LANES_SIMD_CLONES static void of(const T* __restrict x, std::int32_t* __restrict out, std::size_t len,
                                   const bin_of& bin) {
    const bin_of b = bin;
    for (std::size_t j = 0; j < len; ++j) out[j] = b(double(x[j]));
  }
};

// Sub-histograms per chunk: neighbouring items of one bin do not wait on each other's update.
inline constexpr std::size_t histogram_ways = 4;
// Items whose bins are computed together (vectorised) before they are counted.
inline constexpr std::size_t histogram_batch = 256;

// histogram after its argument checks: counts into bins, returns the dropped count. A
// backend with kernels of its own (cuda) specialises histogrammer for its executor.
template <class Ex>
struct histogrammer {
  template <class T>
  static std::uint64_t run(const Ex& ex, span<T> in, bin_of bin, span<std::uint64_t> bins) {
    std::size_t nbins = bins.size(), n = in.size();
    std::size_t workers = backend<Ex>::concurrency(ex);
    std::size_t chunks = std::max<std::size_t>(1, std::min(workers, n / elementwise_block));
    std::size_t chunk = ceil_div(std::max<std::size_t>(n, 1), chunks);
    constexpr std::size_t ways = histogram_ways, batch = histogram_batch;
    std::size_t stride = nbins + 1;  // the extra slot counts dropped values
    // A chunk's counts, then 128 bytes that no one counts in: no cache line (nor the pair the
    // prefetcher fetches together) is written by two chunks. Sharing one made two cores
    // take as long as one on 256 bins, the line passing between them.
    std::size_t chunk_counts = ways * stride + 128 / sizeof(std::uint64_t);
    std::vector<std::uint64_t> counts(chunks * chunk_counts, 0);
    backend<Ex>::for_blocks(ex, chunks, [&](std::size_t c) {
      std::uint64_t* local = counts.data() + c * chunk_counts;
      std::int32_t which[batch];
      for (std::size_t i = std::min(n, c * chunk), end = std::min(n, (c + 1) * chunk); i < end; i += batch) {
        std::size_t len = std::min(batch, end - i);
        batch_bins<std::remove_const_t<T>>::of(in.data() + i, which, len, bin);
        std::size_t j = 0;
        for (; j + ways <= len; j += ways)
          for (std::size_t w = 0; w < ways; ++w) ++local[w * stride + std::size_t(which[j + w])];
        for (; j < len; ++j) ++local[std::size_t(which[j])];
      }
    });
    std::uint64_t dropped = 0;
    for (std::size_t b = 0; b <= nbins; ++b) {
      std::uint64_t total = 0;
      for (std::size_t c = 0; c < chunks; ++c)
        for (std::size_t w = 0; w < ways; ++w) total += counts[c * chunk_counts + w * stride + b];
      if (b < nbins)
        bins[b] = total;
      else
        dropped = total;
    }
    return dropped;
  }
};

}  // namespace detail

template <class Ex, class T>
std::uint64_t histogram(const Ex& ex, span<T> in, double lo, double hi, span<std::uint64_t> bins) {
  detail::check_data(in, "histogram", "in");
  detail::check_data(bins, "histogram", "bins");
  if (bins.size() == 0) detail::fail("histogram: bins is empty; at least one bin is needed");
  if (!(lo < hi)) detail::fail("histogram: the range [lo, hi) = [", lo, ", ", hi, ") is empty or NaN");
  if (!std::isfinite(hi - lo)) detail::fail("histogram: the range [", lo, ", ", hi, ") is not finite");
  if (bins.size() >= std::size_t(INT32_MAX))
    detail::fail("histogram: ", bins.size(), " bins are too many (at most ", INT32_MAX - 1, ")");
  std::size_t nbins = bins.size();
  return detail::histogrammer<Ex>::run(ex, in, detail::bin_of{lo, hi, double(nbins) / (hi - lo), double(nbins - 1), double(nbins)},
                                       bins);
}

}  // namespace lanes
