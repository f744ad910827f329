// SPDX-License-Identifier: Apache-2.0
// histogram on the CPU backends: a chunk of items per worker, counted into its own
// sub-histograms, the bins of a batch of items computed together (vectorised) first.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "lanes/config.hpp"
#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"
#include "lanes/span.hpp"

namespace lanes::detail {

// The bins of x[0, len): a separate loop over restrict pointers, so that it vectorises; a
// static member of a class template, so that it is cloned for AVX-512 and AVX2
// (LANES_SIMD_CLONES; docs/design.md has the figures).
template <class T>
struct batch_bins {
  LANES_SIMD_CLONES static void of(const T* __restrict x, std::int32_t* __restrict out, std::size_t len,
                                   const bin_of& bin) {
    const bin_of b = bin;
    for (std::size_t j = 0; j < len; ++j) out[j] = b(x[j]);
  }
};

// Sub-histograms per chunk: neighbouring items of one bin do not wait on each other's update.
inline constexpr std::size_t histogram_ways = 4;
// Items whose bins are computed together (vectorised) before they are counted.
inline constexpr std::size_t histogram_batch = 256;

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
    // A chunk's counts, then at least 128 bytes that no one counts in: no cache line (nor the
    // pair the prefetcher fetches together) is written by two chunks. Sharing one made two
    // cores take as long as one on 256 bins, the line passing between them. Chunks then start
    // a whole number of 4 KiB pages plus one line apart: with 256 bins 8352 bytes apart, two
    // cores of a 2-vCPU Xeon took 44 ms on lanes-bench's input against 28 ms so (seq 53 ms);
    // the cause is not known (that VM has no hardware counters).
    constexpr std::size_t page = 4096 / sizeof(std::uint64_t), line = 64 / sizeof(std::uint64_t);
    std::size_t chunk_counts = ceil_div(ways * stride + 2 * line, page) * page + line;
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

}  // namespace lanes::detail
