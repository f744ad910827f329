// SPDX-License-Identifier: Apache-2.0
// Philox-4x32-10 on x86 vectors: 64 consecutive blocks at a time, their words written in the
// stream's order (word k of block c0 + b at words[4 b + k]), so that a random fill's items
// are a plain loop over the words. AVX-512 or AVX2, picked at run time; the same bits as
// kernels::philox4x32_10 (the rounds are exact integer arithmetic).
//
// A vector holds one word of 16 (or 8) blocks. Its 32 x 32 -> 64-bit products come from
// two vpmuludq (even lanes, then odd lanes shifted down), high and low halves blended back.
// Four vectors are in flight at once, as a round's products take several cycles. Lane p
// holds the block that a 4 x 4 transpose inside each 128-bit lane puts in stream order, so
// the words are stored with unpacks alone (no shuffle across 128-bit lanes).
#pragma once

#include <cstddef>
#include <cstdint>

#include "lanes/config.hpp"
#include "lanes/kernels/philox.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__CUDACC__)
#define LANES_PHILOX_X86 1
#include <immintrin.h>
#endif

namespace lanes::kernels::impl {

// Blocks per call of philox_words_x86.
inline constexpr std::size_t philox_x86_blocks = 64;

#ifdef LANES_PHILOX_X86

LANES_INTRINSICS_BEGIN

#define LANES_PHILOX_AVX512 __attribute__((target("avx512f"), always_inline)) inline
#define LANES_PHILOX_AVX2 __attribute__((target("avx2"), always_inline)) inline

// The vector operations of each width. order: the block offset of each lane, so that the
// 4 x 4 transposes inside 128-bit lanes (store_words) leave the words in stream order.
struct philox_avx512 {
  using vec = __m512i;
  static constexpr unsigned width = 16, in_flight = 4;  // 32 registers
  static LANES_PHILOX_AVX512 vec all(std::uint32_t x) { return _mm512_set1_epi32(int(x)); }
  static LANES_PHILOX_AVX512 vec multiplier(std::uint32_t m) { return _mm512_set1_epi64(m); }
  static LANES_PHILOX_AVX512 vec counters(std::uint32_t first) {
    return _mm512_add_epi32(all(first), _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15));
  }
  static LANES_PHILOX_AVX512 void mulhilo(vec a, vec m, vec& hi, vec& lo) {
    const vec even = _mm512_mul_epu32(a, m), odd = _mm512_mul_epu32(_mm512_srli_epi64(a, 32), m);
    hi = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(even, 32), odd);
    lo = _mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 32));
  }
  static LANES_PHILOX_AVX512 vec xor3(vec x, vec y, vec z) { return _mm512_ternarylogic_epi32(x, y, z, 0x96); }
  static LANES_PHILOX_AVX512 void store_words(std::uint32_t* to, vec x0, vec x1, vec x2, vec x3) {
    const vec t0 = _mm512_unpacklo_epi32(x0, x1), t1 = _mm512_unpackhi_epi32(x0, x1);
    const vec t2 = _mm512_unpacklo_epi32(x2, x3), t3 = _mm512_unpackhi_epi32(x2, x3);
    _mm512_storeu_si512(to, _mm512_unpacklo_epi64(t0, t2));
    _mm512_storeu_si512(to + 16, _mm512_unpackhi_epi64(t0, t2));
    _mm512_storeu_si512(to + 32, _mm512_unpacklo_epi64(t1, t3));
    _mm512_storeu_si512(to + 48, _mm512_unpackhi_epi64(t1, t3));
  }
};

struct philox_avx2 {
  using vec = __m256i;
  static constexpr unsigned width = 8, in_flight = 4;  // 16 registers
  static LANES_PHILOX_AVX2 vec all(std::uint32_t x) { return _mm256_set1_epi32(int(x)); }
  static LANES_PHILOX_AVX2 vec multiplier(std::uint32_t m) { return _mm256_set1_epi64x(m); }
  static LANES_PHILOX_AVX2 vec counters(std::uint32_t first) {
    return _mm256_add_epi32(all(first), _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7));
  }
  static LANES_PHILOX_AVX2 void mulhilo(vec a, vec m, vec& hi, vec& lo) {
    const vec even = _mm256_mul_epu32(a, m), odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);
    hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
    lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  }
  static LANES_PHILOX_AVX2 vec xor3(vec x, vec y, vec z) { return _mm256_xor_si256(_mm256_xor_si256(x, y), z); }
  static LANES_PHILOX_AVX2 void store_words(std::uint32_t* to, vec x0, vec x1, vec x2, vec x3) {
    const vec t0 = _mm256_unpacklo_epi32(x0, x1), t1 = _mm256_unpackhi_epi32(x0, x1);
    const vec t2 = _mm256_unpacklo_epi32(x2, x3), t3 = _mm256_unpackhi_epi32(x2, x3);
    auto* v = reinterpret_cast<vec*>(to);
    _mm256_storeu_si256(v, _mm256_unpacklo_epi64(t0, t2));
    _mm256_storeu_si256(v + 1, _mm256_unpackhi_epi64(t0, t2));
    _mm256_storeu_si256(v + 2, _mm256_unpacklo_epi64(t1, t3));
    _mm256_storeu_si256(v + 3, _mm256_unpackhi_epi64(t1, t3));
  }
};

// Blocks c0 ... c0 + 63 (the low counter word must not wrap inside them), in_flight vectors
// of width blocks at a time. A macro, as merge_x86.hpp's steps: the body is compiled once for
// each instruction set.
#define LANES_PHILOX_WORDS(V)                                                                 \
  constexpr unsigned W = V::width, F = V::in_flight;                                          \
  const V::vec m0 = V::multiplier(philox_m0), m1 = V::multiplier(philox_m1);                  \
  for (unsigned group = 0; group < philox_x86_blocks / (W * F); ++group) {                    \
    V::vec x0[F], x1[F], x2[F], x3[F];                                                        \
    for (unsigned v = 0; v < F; ++v) {                                                        \
      x0[v] = V::counters(std::uint32_t(c0) + W * (F * group + v));                           \
      x1[v] = V::all(std::uint32_t(c0 >> 32));                                                \
      x2[v] = V::all(std::uint32_t(stream));                                                  \
      x3[v] = V::all(std::uint32_t(stream >> 32));                                            \
    }                                                                                         \
    std::uint32_t k0 = std::uint32_t(seed), k1 = std::uint32_t(seed >> 32);                   \
    for (int round = 0; round < 10; ++round) {                                                \
      const V::vec key0 = V::all(k0), key1 = V::all(k1);                                      \
      for (unsigned v = 0; v < F; ++v) {                                                      \
        V::vec hi0, lo0, hi1, lo1;                                                            \
        V::mulhilo(x0[v], m0, hi0, lo0);                                                      \
        V::mulhilo(x2[v], m1, hi1, lo1);                                                      \
        x0[v] = V::xor3(hi1, x1[v], key0);                                                    \
        x2[v] = V::xor3(hi0, x3[v], key1);                                                    \
        x1[v] = lo1;                                                                          \
        x3[v] = lo0;                                                                          \
      }                                                                                       \
      k0 += philox_w0;                                                                        \
      k1 += philox_w1;                                                                        \
    }                                                                                         \
    for (unsigned v = 0; v < F; ++v)                                                          \
      V::store_words(words + 4 * W * (F * group + v), x0[v], x1[v], x2[v], x3[v]);            \
  }

__attribute__((target("avx512f"))) inline void philox_words_avx512(std::uint64_t c0, std::uint64_t stream,
                                                                   std::uint64_t seed, std::uint32_t* words) {
  LANES_PHILOX_WORDS(philox_avx512)
}
__attribute__((target("avx2"))) inline void philox_words_avx2(std::uint64_t c0, std::uint64_t stream,
                                                              std::uint64_t seed, std::uint32_t* words) {
  LANES_PHILOX_WORDS(philox_avx2)
}
#undef LANES_PHILOX_WORDS

#undef LANES_PHILOX_AVX512
#undef LANES_PHILOX_AVX2
LANES_INTRINSICS_END

// The words of blocks c0 ... c0 + 63 of (stream, seed) with the instructions `isa`; false
// (nothing written) where there are none, or where the counters' low word wraps inside the
// 64 blocks (the caller then takes the portable path).
inline bool philox_words_x86(lanes::detail::vector_isa isa, std::uint64_t c0, std::uint64_t stream, std::uint64_t seed,
                             std::uint32_t* words) {
  if (std::uint32_t(c0) > 0xFFFFFFFFu - (philox_x86_blocks - 1)) return false;
  switch (isa) {
    case lanes::detail::vector_isa::avx512: philox_words_avx512(c0, stream, seed, words); return true;
    case lanes::detail::vector_isa::avx2: philox_words_avx2(c0, stream, seed, words); return true;
    case lanes::detail::vector_isa::none: break;
  }
  return false;
}

#endif  // LANES_PHILOX_X86

}  // namespace lanes::kernels::impl
