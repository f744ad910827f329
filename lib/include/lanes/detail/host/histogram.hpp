// SPDX-License-Identifier: Apache-2.0
// histogram on the CPU backends: a chunk of items per worker, counted into its own
// sub-histograms, the bins of a batch of items computed together (vectorised) first; bytes
// counted by value, then each value's count added to its bin.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
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

// Counts the bins of x[0, len) into local, item j into sub-histogram j % ways (stride counters
// apart), the bins of a batch a loop of their own over restrict pointers (so that they
// vectorise) within each batch's counting loop. Inlined into the cloned callers below.
template <class T, class BinOf>
LANES_IN_CLONES inline void count_batches(const T* __restrict x, std::size_t len, const BinOf& bin,
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

// Integers of 1, 2 or 4 bytes: bin_of's bin, all in double, without 64-bit offsets or 128-bit
// products. x, its offset x - first, first and last are exact there (or, past 2^53, rounded as
// bin_of rounds the offset), and so is exact_bin's test each way when the bounds are integers
// at most 2^32 apart and bins < 2^21 (every product below 2^53). Compiled without
// -ftrapping-math, which only says whether a floating-point operation may raise a flag that
// is read: with it GCC 12 would not if-convert the exact test's compares, and the batch
// stayed scalar (32M int32, one Zen 3 core: 90 ms, 42 so). The results are the same bits.
#if defined(__GNUC__) && !defined(__clang__) && !defined(__CUDACC__)
#pragma GCC push_options
#pragma GCC optimize("no-trapping-math")
#endif
struct small_integer_bin {
  bin_of b;

  // Whether it gives integers of type T their bin: those of at most 4 bytes, unless the bounds
  // are integers and need exact_bin's 128 bits.
  template <class T>
  static bool takes(const bin_of& b) {
    if constexpr (!std::is_integral_v<T> || sizeof(T) > 4)
      return false;
    else if constexpr (std::is_signed_v<T>)
      return b.width_signed == 0 || b.small_width_signed != 0;
    else
      return b.width_unsigned == 0 || b.small_width_unsigned != 0;
  }

  template <class T>
  std::int32_t operator()(T x) const {
    constexpr bool is_signed = std::is_signed_v<T>;
    const double v = double(x), first = is_signed ? double(b.first_signed) : double(b.first_unsigned);
    const double final_item = is_signed ? double(b.last_signed) : double(b.last_unsigned);
    const double w = is_signed ? b.small_width_signed : b.small_width_unsigned;
    const double offset = v - first;
    double t = (offset * b.p + (is_signed ? b.first_signed_p : b.first_unsigned_p)) * b.scale;
    double bin = std::trunc(t < b.last ? t : b.last);  // t >= 0 inside
    const double scaled = offset * b.dropped;
    bin -= bin * w > scaled ? 1.0 : 0.0;  // w = 0: never, as scaled >= 0 inside
    bin += ((w != 0) & ((bin + 1) * w <= scaled)) ? 1.0 : 0.0;
    const bool inside = (v >= first) & (v <= final_item);
    return static_cast<std::int32_t>(inside ? bin : b.dropped);
  }

  // count_batches with these bins. A static member of a class template, so that it is cloned
  // for AVX-512 and AVX2 (LANES_SIMD_CLONES; docs/design.md has the figures).
  template <class T>
  struct counts {
    LANES_SIMD_CLONES static void add(const T* __restrict x, std::size_t len, const bin_of& bin,
                                      std::uint64_t* __restrict local, std::size_t stride) {
      count_batches(x, len, small_integer_bin{bin}, local, stride);
    }
  };
};
#if defined(__GNUC__) && !defined(__clang__) && !defined(__CUDACC__)
#pragma GCC pop_options
#endif

// Integers of one byte (char, int8_t, uint8_t: an image's levels) in chunks this long or longer
// are counted by value, and each of the 256 values' counts then added to its bin.
template <class T>
inline constexpr bool byte_integers = std::is_integral_v<T> && sizeof(T) == 1 && !std::is_same_v<T, bool>;
inline constexpr std::size_t count_by_value_min = 16 * 1024;

// count_batches with bin_of's bins, or small_integer_bin's where they apply; bytes by value.
template <class T>
struct batch_counts {
  LANES_SIMD_CLONES static void add(const T* __restrict x, std::size_t len, const bin_of& bin,
                                    std::uint64_t* __restrict local, std::size_t stride) {
    const bin_of b = bin;
    if constexpr (byte_integers<T>) {
      if (len >= count_by_value_min) return count_by_value(x, len, b, local);
    }
    if (small_integer_bin::takes<T>(b))
      small_integer_bin::counts<T>::add(x, len, b, local, stride);
    else
      count_batches(x, len, b, local, stride);
  }

  // Counts of each byte value, item j into by_value[j % ways]; then each value's count into its
  // bin (bin_of's, exact: 256 of them, so its speed does not matter).
  LANES_IN_CLONES static void count_by_value(const T* __restrict x, std::size_t len, const bin_of& b,
                                             std::uint64_t* __restrict local) {
    constexpr std::size_t ways = histogram_ways;
    std::uint64_t by_value[ways][256] = {};
    const auto* bytes = reinterpret_cast<const unsigned char*>(x);
    std::size_t i = 0;
    for (; i + ways <= len; i += ways)
      for (std::size_t w = 0; w < ways; ++w) ++by_value[w][bytes[i + w]];
    for (; i < len; ++i) ++by_value[0][bytes[i]];
    for (unsigned v = 0; v < 256; ++v) {
      std::uint64_t total = 0;
      for (std::size_t w = 0; w < ways; ++w) total += by_value[w][v];
      if (total == 0) continue;
      const auto byte = static_cast<unsigned char>(v);
      T value;
      std::memcpy(&value, &byte, 1);  // the T whose bits are v
      local[std::size_t(b(value))] += total;
    }
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
