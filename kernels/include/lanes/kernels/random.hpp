// SPDX-License-Identifier: Apache-2.0
// Random fills from a counter-based generator: item i of a fill is a function of (seed,
// stream, offset + i) alone, so every executor and thread count gives the same numbers, and
// a fill split in pieces (offsets) gives those of one fill.
//
// The generator is Philox-4x32-10 (lanes/kernels/philox.hpp): block c is Philox of counter
// (c, c >> 32, stream, stream >> 32) and key (seed, seed >> 32), four 32-bit words. Items
// per block: uniform and bernoulli take one word an item for float (and bernoulli for every
// type), two (high, low) for double; normal draws Box-Muller pairs from two uniforms:
//   float : u1 = (w0 >> 8 + 1) / 2^24 in (0, 1], u2 = (w1 >> 8) / 2^24; items 2k, 2k + 1 are
//           r cos t, r sin t with r = sqrt(-2 log u1), t = 2 pi u2 (words 0-1, then 2-3)
//   double: the same from the 53-bit uniforms of words (0, 1) and (2, 3)
// Uniform and bernoulli are exact integer arithmetic, normal's log, sin and cos are Lanes'
// own in plain arithmetic (kernels/impl/box_muller.hpp: log within 1 ulp, sin and cos within
// 2^-23 or 2^-52): the same bits on every executor, GPU included.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "lanes/detail/blocking.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/error.hpp"
#include "lanes/for_each.hpp"
#include "lanes/kernels/impl/group.hpp"
#include "lanes/kernels/impl/box_muller.hpp"
#include "lanes/kernels/impl/philox_x86.hpp"
#include "lanes/kernels/philox.hpp"
#include "lanes/span.hpp"

namespace lanes::random {

// The stream `stream` of `seed`; a fill starts at its item `offset`.
struct philox {
  std::uint64_t seed = 0;
  std::uint64_t offset = 0;
  std::uint64_t stream = 0;

  LANES_HD kernels::philox4x32 block(std::uint64_t c) const {
    return kernels::philox4x32_10(
        {{std::uint32_t(c), std::uint32_t(c >> 32), std::uint32_t(stream), std::uint32_t(stream >> 32)}},
        std::uint32_t(seed), std::uint32_t(seed >> 32));
  }
};

namespace impl {

LANES_HD inline float unit_float(std::uint32_t w) { return float(w >> 8) * 0x1p-24f; }  // [0, 1)
LANES_HD inline double unit_double(std::uint32_t hi, std::uint32_t lo) {  // [0, 1)
  return double(((std::uint64_t(hi) << 32) | lo) >> 11) * 0x1p-53;
}

// The words of blocks c0 ... c0 + Blocks - 1 of gen in the stream's order: word k of block
// c0 + b at words[4 b + k]. On x86 64 blocks at a time in AVX-512 or AVX2
// (kernels/impl/philox_x86.hpp); elsewhere (a GPU thread, other processors, counters whose
// low word wraps inside the blocks) the portable rounds, on the Blocks counters side by side.
template <std::size_t Blocks>
LANES_HD inline void philox_words(const philox& gen, std::uint64_t c0, std::uint32_t (&words)[4 * Blocks]) {
#ifdef LANES_PHILOX_X86
  if constexpr (Blocks == kernels::impl::philox_x86_blocks) {
    if (kernels::impl::philox_words_x86(lanes::detail::vector_isa_here(), c0, gen.stream, gen.seed, words)) return;
  }
#endif
  std::uint32_t w[4][Blocks];
  for (std::size_t b = 0; b < Blocks; ++b) {
    const std::uint64_t c = c0 + b;
    w[0][b] = std::uint32_t(c);
    w[1][b] = std::uint32_t(c >> 32);
    w[2][b] = std::uint32_t(gen.stream);
    w[3][b] = std::uint32_t(gen.stream >> 32);
  }
  kernels::philox4x32_10_rounds<Blocks>(w, std::uint32_t(gen.seed), std::uint32_t(gen.seed >> 32));
  for (std::size_t b = 0; b < Blocks; ++b)
    for (std::size_t k = 0; k < 4; ++k) words[4 * b + k] = w[k][b];
}

// Index g of a fill: blocks first + g Blocks ..., each giving Per items, made from the words by
// make(words, items, count) (a loop over the items, which vectorises) and written as out[i]
// for the fill's items in range.
template <class T, std::size_t Per, std::size_t Blocks, class Make>
struct fill_blocks {
  T* out;
  std::size_t n;
  std::uint64_t offset;
  philox gen;
  Make make;
  LANES_HD LANES_SIMD_CLONES void operator()(std::size_t g) const {
    constexpr std::size_t count = Blocks * Per;
    const std::uint64_t c0 = offset / Per + g * Blocks;
    std::uint32_t words[4 * Blocks];
    philox_words<Blocks>(gen, c0, words);
    const std::uint64_t first = c0 * Per;  // the place of the first item in the stream
    if (first >= offset && first - offset + count <= n) {  // every item in range
      make(words, out + (first - offset), count);
      return;
    }
    T items[count];
    make(words, items, count);
    for (std::size_t j = 0; j < count; ++j) {
      const std::uint64_t at = first + j;
      if (at >= offset && at - offset < n) out[at - offset] = items[j];
    }
  }
};

template <class Ex, class T, std::size_t Per, class Make>
void fill_items(const Ex& ex, span<T> out, philox gen, Make make) {
  const std::size_t n = out.size();
  if (n == 0) return;
  constexpr std::size_t group = kernels::impl::items_per_index<Ex>::of(kernels::impl::philox_x86_blocks);
  const std::uint64_t blocks = (gen.offset + n - 1) / Per - gen.offset / Per + 1;
  for_each_index(ex, detail::ceil_div(blocks, group), fill_blocks<T, Per, group, Make>{out.data(), n, gen.offset, gen, make});
}

template <class T>
struct uniform_items {
  T lo, width, hi;
  LANES_HD T scaled(T u) const {
    const T x = lo + width * u;
    return x < hi ? x : lo;  // lo + width u can round up to hi (u < 1): then lo, never hi
  }
  LANES_HD LANES_IN_CLONES void operator()(const std::uint32_t* words, T* items, std::size_t count) const {
    if constexpr (std::is_same_v<T, float>) {
      for (std::size_t j = 0; j < count; ++j) items[j] = scaled(unit_float(words[j]));
    } else {
      for (std::size_t j = 0; j < count; ++j) items[j] = scaled(unit_double(words[2 * j], words[2 * j + 1]));
    }
  }
};

template <class T>
struct normal_items {
  T mean, stddev;
  LANES_HD LANES_IN_CLONES void pair(T u1, T u2, T* z) const {  // u1 in (0, 1], u2 in [0, 1)
    const T r = std::sqrt(T(-2) * kernels::impl::log_unit(u1));
    T sin_t, cos_t;
    kernels::impl::sincos_turns(u2, sin_t, cos_t);
    z[0] = mean + stddev * (r * cos_t);
    z[1] = mean + stddev * (r * sin_t);
  }
  LANES_HD LANES_IN_CLONES void operator()(const std::uint32_t* words, T* items, std::size_t count) const {
    for (std::size_t j = 0; j < count; j += 2) {
      if constexpr (std::is_same_v<T, float>) {
        pair(unit_float(words[j]) + 0x1p-24f, unit_float(words[j + 1]), items + j);
      } else {
        pair(unit_double(words[2 * j], words[2 * j + 1]) + 0x1p-53, unit_double(words[2 * j + 2], words[2 * j + 3]), items + j);
      }
    }
  }
};

template <class T>
struct bernoulli_items {
  std::uint64_t below;  // an item is 1 when its word < below: probability below / 2^32
  LANES_HD LANES_IN_CLONES void operator()(const std::uint32_t* words, T* items, std::size_t count) const {
    for (std::size_t j = 0; j < count; ++j) items[j] = T(words[j] < below ? 1 : 0);
  }
};

}  // namespace impl

// Uniform in [lo, hi), lo < hi finite; float or double.
template <class Ex, class T>
void uniform(const Ex& ex, span<T> out, philox gen, T lo = T(0), T hi = T(1)) {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>, "lanes::random::uniform fills float or double");
  detail::check_data(out, "uniform", "out");
  if (!(lo < hi) || !std::isfinite(hi - lo)) detail::fail("uniform: [lo, hi) = [", lo, ", ", hi, ") is not a finite range");
  constexpr std::size_t per = std::is_same_v<T, float> ? 4 : 2;
  impl::fill_items<Ex, T, per>(ex, out, gen, impl::uniform_items<T>{lo, hi - lo, hi});
}

// Normal with the given mean and standard deviation (finite, stddev >= 0); float or double.
template <class Ex, class T>
void normal(const Ex& ex, span<T> out, philox gen, T mean = T(0), T stddev = T(1)) {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>, "lanes::random::normal fills float or double");
  detail::check_data(out, "normal", "out");
  if (!std::isfinite(mean) || !std::isfinite(stddev) || stddev < 0)
    detail::fail("normal: mean ", mean, " and stddev ", stddev, " must be finite, stddev >= 0");
  constexpr std::size_t per = std::is_same_v<T, float> ? 4 : 2;
  impl::fill_items<Ex, T, per>(ex, out, gen, impl::normal_items<T>{mean, stddev});
}

// 1 with probability p (in [0, 1], to within 2^-32), else 0; any arithmetic type.
template <class Ex, class T>
void bernoulli(const Ex& ex, span<T> out, philox gen, double p) {
  detail::check_data(out, "bernoulli", "out");
  if (!(p >= 0 && p <= 1)) detail::fail("bernoulli: p = ", p, " is not in [0, 1]");
  const std::uint64_t below = p == 1 ? std::uint64_t(1) << 32 : std::uint64_t(p * 4294967296.0);
  impl::fill_items<Ex, T, 4>(ex, out, gen, impl::bernoulli_items<T>{below});
}

LANES_ACCEPT_RANGES(uniform)
LANES_ACCEPT_RANGES(normal)
LANES_ACCEPT_RANGES(bernoulli)

}  // namespace lanes::random
