// SPDX-License-Identifier: Apache-2.0
// Compaction on the CPU: the items of 4 or 8 bytes that keep(i) selects, a vector at a time, packed
// to the front of a vector and stored together: AVX-512's compress, or AVX2's permute by a
// table of the masks' orders, picked at run time. The selections' copy pass (host/select.hpp)
// runs it while a whole vector fits in its part of out, then item by item.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "lanes/config.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__CUDACC__)
#define LANES_COMPRESS 1
#include <immintrin.h>
#endif

namespace lanes::detail {

// The items compress_items moves: 4 or 8 bytes, copied as bits.
template <class T>
inline constexpr bool compressible = (sizeof(T) == 4 || sizeof(T) == 8) && std::is_trivially_copyable_v<T>;

// Items taken together: their keep flags are computed in one loop (which vectorises; bit by
// bit into a mask it did not) and turned into masks 16 at a time.
inline constexpr std::size_t compress_group = 64;

// Where the items keep does not select go, in order (a partition's falses, from the same
// masks as the kept items): items[to] on, whole vectors while a group more fits before stop.
template <class T>
struct compress_rest {
  T* items;
  std::size_t to, stop;
  bool has_room() const { return to + compress_group <= stop; }
};

#ifdef LANES_COMPRESS

// flags[j]: all ones where keep(i + j), else 0. Lanes of 32 bits, as wide as the items the
// keeps usually read, so that the loop vectorises (into bytes, or bit by bit, it did not).
template <class Keep>
__attribute__((always_inline)) inline void keep_flags(const Keep& keep, std::size_t i,
                                                      std::uint32_t (&flags)[compress_group]) {
  for (std::size_t j = 0; j < compress_group; ++j) flags[j] = keep(i + j) ? ~0u : 0u;
}

// For AVX2's permutes: row m lists the 32-bit lanes of a 256-bit vector that mask m keeps,
// in order: 8 lanes of 4 bytes (m < 256), or 4 lanes of 8 bytes, two 32-bit halves each (m < 16).
struct compress_tables {
  std::int32_t lanes4[256][8];
  std::int32_t lanes8[16][8];
  constexpr compress_tables() : lanes4{}, lanes8{} {
    for (int m = 0; m < 256; ++m)
      for (int l = 0, k = 0; l < 8; ++l)
        if (m >> l & 1) lanes4[m][k++] = l;
    for (int m = 0; m < 16; ++m)
      for (int l = 0, k = 0; l < 4; ++l)
        if (m >> l & 1) {
          lanes8[m][k++] = 2 * l;
          lanes8[m][k++] = 2 * l + 1;
        }
  }
};
inline constexpr compress_tables compress_table{};

// Each writes whole vectors at out[to] while a group more fits before `stop` (and before
// rest's stop, where rest is not null) and a group is left before `end`; returns the new `to`
// and leaves i at the first item not done.
template <class T, class Keep>
__attribute__((target("avx512f,avx512vl,avx512bw,popcnt"))) std::size_t compress_avx512(
    const T* in, std::size_t& first, std::size_t end, const Keep& keep_in, T* out, std::size_t to, std::size_t stop,
    compress_rest<T>* rest = nullptr) {
  const Keep keep = keep_in;  // a copy: its fields stay in registers
  std::size_t i = first;
  for (; i + compress_group <= end && to + compress_group <= stop && (!rest || rest->has_room()); i += compress_group) {
    alignas(64) std::uint32_t flags[compress_group];
    keep_flags(keep, i, flags);
    unsigned masks[compress_group / 16];
    for (std::size_t g = 0; g < compress_group / 16; ++g) {
      const __m512i lanes = _mm512_load_si512(flags + 16 * g);
      masks[g] = _mm512_test_epi32_mask(lanes, lanes);
    }
    for (std::size_t g = 0; g < compress_group / 16; ++g) {
      const T* items = in + i + 16 * g;
      if constexpr (sizeof(T) == 4) {
        const __m512i v = _mm512_loadu_si512(items);  // loaded before out (maybe in) is written
        const unsigned kept = unsigned(__builtin_popcount(masks[g]));
        _mm512_storeu_si512(out + to, _mm512_maskz_compress_epi32(__mmask16(masks[g]), v));
        to += kept;
        if (rest) {
          _mm512_storeu_si512(rest->items + rest->to, _mm512_maskz_compress_epi32(__mmask16(~masks[g]), v));
          rest->to += 16 - kept;
        }
      } else {
        for (unsigned half = 0; half < 2; ++half) {
          const unsigned bits = masks[g] >> (8 * half) & 0xff, kept = unsigned(__builtin_popcount(bits));
          const __m512i v = _mm512_loadu_si512(items + 8 * half);
          _mm512_storeu_si512(out + to, _mm512_maskz_compress_epi64(__mmask8(bits), v));
          to += kept;
          if (rest) {
            _mm512_storeu_si512(rest->items + rest->to, _mm512_maskz_compress_epi64(__mmask8(~bits), v));
            rest->to += 8 - kept;
          }
        }
      }
    }
  }
  first = i;
  return to;
}

// The permute that packs the items of mask m to the front (T: 4 or 8 bytes).
template <class T>
__attribute__((target("avx2"))) __m256i compress_order(unsigned m) {
  return _mm256_loadu_si256(
      reinterpret_cast<const __m256i*>(sizeof(T) == 4 ? compress_table.lanes4[m] : compress_table.lanes8[m]));
}

template <class T, class Keep>
__attribute__((target("avx2,popcnt"))) std::size_t compress_avx2(const T* in, std::size_t& first, std::size_t end,
                                                                 const Keep& keep_in, T* out, std::size_t to,
                                                                 std::size_t stop,
                                                                 compress_rest<T>* rest = nullptr) {
  const Keep keep = keep_in;  // a copy: its fields stay in registers
  std::size_t i = first;
  constexpr unsigned per_vector = 32 / sizeof(T), width = 1u << per_vector;
  for (; i + compress_group <= end && to + compress_group <= stop && (!rest || rest->has_room()); i += compress_group) {
    alignas(32) std::uint32_t flags[compress_group];
    keep_flags(keep, i, flags);
    for (std::size_t v = 0; v < compress_group / per_vector; ++v) {
      // 8 flags' sign bits, then the vector's share of them
      const std::size_t at = v * per_vector / 8 * 8;
      const unsigned eight = unsigned(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_load_si256(
          reinterpret_cast<const __m256i*>(flags + at)))));
      const unsigned bits = eight >> (v * per_vector - at) & (width - 1), kept = unsigned(__builtin_popcount(bits));
      const __m256i items = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i + v * per_vector));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + to),
                          _mm256_permutevar8x32_epi32(items, compress_order<T>(bits)));
      to += kept;
      if (rest) {
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(rest->items + rest->to),
                            _mm256_permutevar8x32_epi32(items, compress_order<T>(~bits & (width - 1))));
        rest->to += per_vector - kept;
      }
    }
  }
  first = i;
  return to;
}

// How many items from `first` on keep selects, whole groups at a time; leaves first at the
// first item not counted. Counted in 32-bit lanes: a 64-bit sum widened every item (the
// baseline's SSE2 loop took 0.3 of unique's time).
template <class Keep>
__attribute__((always_inline)) inline std::size_t count_groups(const Keep& keep_in, std::size_t& first,
                                                               std::size_t end) {
  const Keep keep = keep_in;  // a copy: its fields stay in registers
  std::size_t i = first, kept = 0;
  for (; i + compress_group <= end; i += compress_group) {
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < compress_group; ++j) group += keep(i + j) ? 1u : 0u;
    kept += group;
  }
  first = i;
  return kept;
}
template <class Keep>
__attribute__((target("avx512f,avx512vl,avx512bw"))) std::size_t count_avx512(const Keep& keep, std::size_t& first,
                                                                              std::size_t end) {
  return count_groups(keep, first, end);
}
template <class Keep>
__attribute__((target("avx2"))) std::size_t count_avx2(const Keep& keep, std::size_t& first, std::size_t end) {
  return count_groups(keep, first, end);
}

#endif

// How many items from i on keep selects, whole vectors at a time where the processor has
// them; leaves i at the first item not counted (the caller counts the rest).
template <class Keep>
std::size_t count_items(std::size_t& i, std::size_t end, const Keep& keep) {
#ifdef LANES_COMPRESS
  switch (vector_isa_here()) {
    case vector_isa::avx512: return count_avx512(keep, i, end);
    case vector_isa::avx2: return count_avx2(keep, i, end);
    case vector_isa::none: break;
  }
#endif
  (void)end, (void)keep;
  return 0;
}

// Copies in[i] to out[to++] for the items keep selects, from i on, whole vectors at a time
// where the processor has them (see above; rest as there); the caller finishes item by item.
template <class T, class Keep>
std::size_t compress_items(const T* in, std::size_t& i, std::size_t end, const Keep& keep, T* out, std::size_t to,
                           std::size_t stop, compress_rest<T>* rest = nullptr) {
#ifdef LANES_COMPRESS
  static_assert(compressible<T>, "compress_items: trivially copyable items of 4 or 8 bytes");
  switch (vector_isa_here()) {
    case vector_isa::avx512: return compress_avx512(in, i, end, keep, out, to, stop, rest);
    case vector_isa::avx2: return compress_avx2(in, i, end, keep, out, to, stop, rest);
    case vector_isa::none: break;
  }
#endif
  (void)in, (void)end, (void)keep, (void)out, (void)stop, (void)rest;
  return to;
}

}  // namespace lanes::detail
