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

// Sub-histograms per chunk: neighbouring items of one bin do not wait on each other's update.
inline constexpr std::size_t histogram_ways = 4;
// Items whose bins are computed together (vectorised) before they are counted: 64 in one loop
// with their counting took 42-45 ms for lanes-bench's 64M floats on one Zen 3 core, bins of
// 256 computed by a separate call and counted outside it 46-49 ms.
inline constexpr std::size_t histogram_batch = 64;

// Counts the bins of x[0, len) into local: item j into sub-histogram j % ways (stride
// counters apart). A static member of a class template, so that it is cloned for AVX-512 and
// AVX2 (LANES_SIMD_CLONES; docs/design.md has the figures); the bins of a batch are a loop
// of their own over restrict pointers, so that floats' vectorise.
template <class T>
struct batch_counts {
  LANES_SIMD_CLONES static void add(const T* __restrict x, std::size_t len, const bin_of& bin,
                                    std::uint64_t* __restrict local, std::size_t stride) {
    const bin_of b = bin;
    if (b.takes_small_integers<T>())
      count(x, len, [&b](T v) { return b.small_integer(v); }, local, stride);
    else
      count(x, len, b, local, stride);
  }

  template <class BinOf>
  LANES_IN_CLONES static void count(const T* __restrict x, std::size_t len, const BinOf& bin,
                                    std::uint64_t* __restrict local, std::size_t stride) {
    constexpr std::size_t ways = histogram_ways, batch = histogram_batch;
    std::size_t i = 0;
    for (; i + batch <= len; i += batch) {
      std::int32_t which[batch];
      for (std::size_t j = 0; j < batch; ++j) which[j] = bin(x[i + j]);
      for (std::size_t j = 0; j < batch; j += ways)
        for (std::size_t w = 0; w < ways; ++w) ++local[w * stride + std::size_t(which[j + w])];
    }
    for (; i < len; ++i) ++local[std::size_t(bin(x[i]))];
  }
};

template <class Ex>
struct histogrammer {
  template <class T>
  static std::uint64_t run(const Ex& ex, span<T> in, bin_of bin, span<std::uint64_t> bins) {
    std::size_t nbins = bins.size(), n = in.size();
    std::size_t workers = backend<Ex>::concurrency(ex);
    std::size_t chunks = std::max<std::size_t>(1, std::min(workers, n / elementwise_block));
    std::size_t chunk = ceil_div(std::max<std::size_t>(n, 1), chunks);
    constexpr std::size_t ways = histogram_ways;
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
      const std::size_t begin = std::min(n, c * chunk), end = std::min(n, (c + 1) * chunk);
      batch_counts<std::remove_const_t<T>>::add(in.data() + begin, end - begin, bin, counts.data() + c * chunk_counts,
                                                stride);
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
