// SPDX-License-Identifier: Apache-2.0
// grayscale's pixels on x86 vectors (AVX2, on AVX-512 processors too): 8 pixels a step, the
// 12 bytes of 4 pixels in each 128-bit lane, each channel zero-extended to 32-bit lanes by one
// byte shuffle. GCC's own vectorisation of the stride-3 loads took twice as long (16M pixels
// in cache on one Zen 3 core: 8.3 -> 3.8 ms). The same operations in the same order as the
// scalar body (no FMA), so the same bits.
#pragma once

#include <cstddef>
#include <cstdint>

#include "lanes/config.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__CUDACC__)
#define LANES_GRAYSCALE_X86 1
#include <immintrin.h>
#endif

namespace lanes::kernels::impl {

#ifdef LANES_GRAYSCALE_X86

LANES_INTRINSICS_BEGIN

__attribute__((target("avx2"))) inline std::size_t grayscale_avx2(const std::uint8_t* in, float* to,
                                                                  std::size_t count) {
  const __m256i red = _mm256_setr_epi8(0, -1, -1, -1, 3, -1, -1, -1, 6, -1, -1, -1, 9, -1, -1, -1,  //
                                       0, -1, -1, -1, 3, -1, -1, -1, 6, -1, -1, -1, 9, -1, -1, -1);
  const __m256i green = _mm256_add_epi32(red, _mm256_set1_epi32(1)), blue = _mm256_add_epi32(red, _mm256_set1_epi32(2));
  const __m256 wr = _mm256_set1_ps(0.299f), wg = _mm256_set1_ps(0.587f), wb = _mm256_set1_ps(0.114f);
  std::size_t p = 0;
  for (; p + 10 <= count; p += 8) {  // reads bytes [3 p, 3 p + 28): inside the count pixels
    const __m128i first4 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 3 * p));
    const __m128i next4 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 3 * p + 12));
    const __m256i px = _mm256_inserti128_si256(_mm256_castsi128_si256(first4), next4, 1);
    const __m256 r = _mm256_cvtepi32_ps(_mm256_shuffle_epi8(px, red));
    const __m256 g = _mm256_cvtepi32_ps(_mm256_shuffle_epi8(px, green));
    const __m256 b = _mm256_cvtepi32_ps(_mm256_shuffle_epi8(px, blue));
    const __m256 red_green = _mm256_add_ps(_mm256_mul_ps(wr, r), _mm256_mul_ps(wg, g));
    _mm256_storeu_ps(to + p, _mm256_add_ps(red_green, _mm256_mul_ps(wb, b)));
  }
  return p;
}

LANES_INTRINSICS_END

// The luminance of pixels [0, p) of the count, for the p returned (0 without AVX2).
inline std::size_t grayscale_x86(const std::uint8_t* in, float* to, std::size_t count) {
  return lanes::detail::cpu_has_avx2() ? grayscale_avx2(in, to, count) : 0;
}

#endif  // LANES_GRAYSCALE_X86

}  // namespace lanes::kernels::impl
