// SPDX-License-Identifier: Apache-2.0
// merge's steps of 16 (AVX-512) or 8 (AVX2) items for 4-byte integer keys, picked at run time.
// A forward step at (i, j) loads a[i ...] and b[j ...] (W each): the W smallest of those 2W are
// the next W outputs, found as min(a's vector, b's reversed), which is bitonic, then sorted by
// log2(W) levels of compare-exchange (Batcher's bitonic merge). Then the step counts how many
// came from a: those below the last output v, and of the items equal to v the ones needed,
// a's first. Equal integers are equal bits, so the outputs are the stable merge's. A backward
// step is the mirror: the W largest of a[i - W, i) and b[j - W, j), b's first on ties.
//
// Each step's next loads wait for its counts (about 40 cycles), so every cursor of the piece
// (merge_piece_cursors: 2 parts, each from both ends) steps side by side, as the scalar merge
// does. Keys are compared as signed 32-bit lanes: uint32 with the sign bit flipped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "lanes/config.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__CUDACC__)
#define LANES_MERGE_X86 1
#include <immintrin.h>
#endif

namespace lanes::detail {

// The keys merged by vectors: 4-byte integers (not floats: their NaNs all tie under
// key_less, yet differ in bits, so which NaN goes first matters).
template <class T>
inline constexpr bool merge_vector_keys =
    std::is_integral_v<T> && sizeof(T) == 4;

#ifdef LANES_MERGE_X86

LANES_INTRINSICS_BEGIN

#define LANES_MERGE_AVX512 __attribute__((target("avx512f,popcnt"), always_inline)) inline
#define LANES_MERGE_AVX2 __attribute__((target("avx2,popcnt"), always_inline)) inline

// The vector operations of each width, on keys in signed order.
struct merge_avx512 {
  using vec = __m512i;
  static constexpr std::size_t width = 16;
  template <class T>
  static LANES_MERGE_AVX512 vec load(const T* p) {
    const vec v = _mm512_loadu_si512(p);
    return std::is_signed_v<T> ? v : _mm512_xor_si512(v, _mm512_set1_epi32(INT32_MIN));
  }
  template <class T>
  static LANES_MERGE_AVX512 void store(T* p, vec v) {
    _mm512_storeu_si512(p, std::is_signed_v<T> ? v : _mm512_xor_si512(v, _mm512_set1_epi32(INT32_MIN)));
  }
  static LANES_MERGE_AVX512 vec reverse(vec v) {
    return _mm512_permutexvar_epi32(_mm512_setr_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0), v);
  }
  static LANES_MERGE_AVX512 vec min(vec x, vec y) { return _mm512_min_epi32(x, y); }
  static LANES_MERGE_AVX512 vec max(vec x, vec y) { return _mm512_max_epi32(x, y); }
  // The bitonic vector v sorted: lane l and lane l ^ d exchanged into order, d = 8, 4, 2, 1.
  static LANES_MERGE_AVX512 vec sort_bitonic(vec v) {
    const vec x8 = _mm512_setr_epi32(8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
    const vec x4 = _mm512_setr_epi32(4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11);
    const vec x2 = _mm512_setr_epi32(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
    const vec x1 = _mm512_setr_epi32(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
    v = exchange(v, _mm512_permutexvar_epi32(x8, v), 0xFF00);
    v = exchange(v, _mm512_permutexvar_epi32(x4, v), 0xF0F0);
    v = exchange(v, _mm512_permutexvar_epi32(x2, v), 0xCCCC);
    return exchange(v, _mm512_permutexvar_epi32(x1, v), 0xAAAA);
  }
  static LANES_MERGE_AVX512 vec exchange(vec v, vec partner, __mmask16 upper) {
    return _mm512_mask_blend_epi32(upper, _mm512_min_epi32(v, partner), _mm512_max_epi32(v, partner));
  }
  static LANES_MERGE_AVX512 vec lane(vec v, int l) { return _mm512_permutexvar_epi32(_mm512_set1_epi32(l), v); }
  static LANES_MERGE_AVX512 std::size_t count_less(vec x, vec v) { return _mm_popcnt_u32(_mm512_cmplt_epi32_mask(x, v)); }
  static LANES_MERGE_AVX512 std::size_t count_greater(vec x, vec v) { return _mm_popcnt_u32(_mm512_cmpgt_epi32_mask(x, v)); }
  static LANES_MERGE_AVX512 std::size_t count_equal(vec x, vec v) { return _mm_popcnt_u32(_mm512_cmpeq_epi32_mask(x, v)); }
};

struct merge_avx2 {
  using vec = __m256i;
  static constexpr std::size_t width = 8;
  template <class T>
  static LANES_MERGE_AVX2 vec load(const T* p) {
    const vec v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    return std::is_signed_v<T> ? v : _mm256_xor_si256(v, _mm256_set1_epi32(INT32_MIN));
  }
  template <class T>
  static LANES_MERGE_AVX2 void store(T* p, vec v) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p),
                        std::is_signed_v<T> ? v : _mm256_xor_si256(v, _mm256_set1_epi32(INT32_MIN)));
  }
  static LANES_MERGE_AVX2 vec reverse(vec v) { return _mm256_permutevar8x32_epi32(v, _mm256_setr_epi32(7, 6, 5, 4, 3, 2, 1, 0)); }
  static LANES_MERGE_AVX2 vec min(vec x, vec y) { return _mm256_min_epi32(x, y); }
  static LANES_MERGE_AVX2 vec max(vec x, vec y) { return _mm256_max_epi32(x, y); }
  static LANES_MERGE_AVX2 vec sort_bitonic(vec v) {
    v = exchange<0xF0>(v, _mm256_permute2x128_si256(v, v, 0x01));
    v = exchange<0xCC>(v, _mm256_shuffle_epi32(v, _MM_SHUFFLE(1, 0, 3, 2)));
    return exchange<0xAA>(v, _mm256_shuffle_epi32(v, _MM_SHUFFLE(2, 3, 0, 1)));
  }
  template <int Upper>
  static LANES_MERGE_AVX2 vec exchange(vec v, vec partner) {
    return _mm256_blend_epi32(_mm256_min_epi32(v, partner), _mm256_max_epi32(v, partner), Upper);
  }
  static LANES_MERGE_AVX2 vec lane(vec v, int l) { return _mm256_permutevar8x32_epi32(v, _mm256_set1_epi32(l)); }
  static LANES_MERGE_AVX2 std::size_t mask_count(vec m) { return _mm_popcnt_u32(unsigned(_mm256_movemask_ps(_mm256_castsi256_ps(m)))); }
  static LANES_MERGE_AVX2 std::size_t count_less(vec x, vec v) { return mask_count(_mm256_cmpgt_epi32(v, x)); }
  static LANES_MERGE_AVX2 std::size_t count_greater(vec x, vec v) { return mask_count(_mm256_cmpgt_epi32(x, v)); }
  static LANES_MERGE_AVX2 std::size_t count_equal(vec x, vec v) { return mask_count(_mm256_cmpeq_epi32(x, v)); }
};

// Every cursor of c (merge_piece_cursors) steps V::width items at a time while all can. The
// body is a macro because it must be compiled for each instruction set: a template without
// the target attribute may not inline the intrinsics' wrappers (GCC refuses), and the
// attribute cannot depend on a template parameter.
#define LANES_MERGE_STEPS(V)                                                                            \
  constexpr std::size_t W = V::width, P = sizeof(c.front) / sizeof(c.front[0]);                         \
  for (std::size_t t; (t = c.common_steps(W)) > 0;)                                                     \
    for (std::size_t step = 0; step < t; ++step)                                                        \
      for (std::size_t q = 0; q < P; ++q) {                                                             \
        auto& f = c.front[q];                                                                           \
        const V::vec fa = V::load(a + f.i), fb = V::load(b + f.j);                                      \
        const V::vec low = V::sort_bitonic(V::min(fa, V::reverse(fb)));                                 \
        V::store(out + f.k, low);                                                                       \
        const V::vec last = V::lane(low, W - 1);                                                        \
        const std::size_t below_a = V::count_less(fa, last), below_b = V::count_less(fb, last);         \
        const std::size_t ties = W - below_a - below_b, equal_a = V::count_equal(fa, last);             \
        const std::size_t from_a = below_a + (equal_a < ties ? equal_a : ties);                         \
        f.i += from_a;                                                                                  \
        f.j += W - from_a;                                                                              \
        f.k += W;                                                                                       \
        auto& r = c.back[q];                                                                            \
        const V::vec ra = V::load(a + r.i - W), rb = V::load(b + r.j - W);                              \
        const V::vec high = V::sort_bitonic(V::max(ra, V::reverse(rb)));                                \
        V::store(out + r.k - W, high);                                                                  \
        const V::vec first = V::lane(high, 0);                                                          \
        const std::size_t above_a = V::count_greater(ra, first), above_b = V::count_greater(rb, first); \
        const std::size_t ties_back = W - above_a - above_b, equal_b = V::count_equal(rb, first);       \
        const std::size_t from_b = above_b + (equal_b < ties_back ? equal_b : ties_back);               \
        r.j -= from_b;                                                                                  \
        r.i -= W - from_b;                                                                              \
        r.k -= W;                                                                                       \
      }

template <class T, class Cursors>
__attribute__((target("avx512f,popcnt"))) void merge_steps_avx512(const T* a, const T* b, T* out, Cursors& c) {
  LANES_MERGE_STEPS(merge_avx512)
}
template <class T, class Cursors>
__attribute__((target("avx2,popcnt"))) void merge_steps_avx2(const T* a, const T* b, T* out, Cursors& c) {
  LANES_MERGE_STEPS(merge_avx2)
}
#undef LANES_MERGE_STEPS

#undef LANES_MERGE_AVX512
#undef LANES_MERGE_AVX2
LANES_INTRINSICS_END

// The vector steps of the instructions `isa` (none: nothing), before the scalar steps.
template <class T, class Cursors>
void merge_vector_steps(vector_isa isa, const T* a, const T* b, T* out, Cursors& c) {
  static_assert(merge_vector_keys<T>, "merge_vector_steps: 4-byte integer keys");
  switch (isa) {
    case vector_isa::avx512: merge_steps_avx512(a, b, out, c); break;
    case vector_isa::avx2: merge_steps_avx2(a, b, out, c); break;
    case vector_isa::none: break;
  }
}

#endif  // LANES_MERGE_X86

}  // namespace lanes::detail
