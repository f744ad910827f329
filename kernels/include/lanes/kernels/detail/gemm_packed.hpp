// The CPU gemm for processors with AVX2 and FMA (checked at run time): BLIS-style
// blocking. For each 1024-wide column block of C and each 256-deep slice of k, B's slice is
// packed once into 16- (float) or 8-wide (double) column strips, in parallel; then blocks
// of 96 rows of C run in parallel, each packing its rows of A into 6-row strips and calling
// a 6 x 2-vector register micro-kernel for every strip pair. Edges are padded with zeros
// in the packed copies and written through a small tile.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__CUDACC__)
#define LANES_GEMM_PACKED 1
#include <immintrin.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <type_traits>

#include "lanes/detail/blocking.hpp"
#include "lanes/executor.hpp"

namespace lanes::kernels::detail {

template <class T>
struct packed_gemm_shape {
  static constexpr std::size_t lanes = 32 / sizeof(T);  // elements of one AVX register
  static constexpr std::size_t mr = 6, nr = 2 * lanes;  // the micro-kernel's tile of C
  static constexpr std::size_t kc = 256, mc = 96, nc = 1024;
};

// acc(6 x nr) = sum over p of a[p][0..6) * b[p][0..nr), from the packed strips; then
// c = alpha * acc + beta * c (beta == 0: c is not read) for the rows x cols that exist.
__attribute__((target("avx2,fma"))) inline void micro_kernel(std::size_t kc, const float* a, const float* b,
                                                              float* c, std::size_t ldc, std::size_t rows,
                                                              std::size_t cols, float alpha, float beta) {
  // Twelve named accumulators: an array would live on the stack and be stored every step.
  __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
         c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  for (std::size_t p = 0; p < kc; ++p, a += 6, b += 16) {
    const __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
    __m256 ar = _mm256_broadcast_ss(a);
    c00 = _mm256_fmadd_ps(ar, b0, c00), c01 = _mm256_fmadd_ps(ar, b1, c01);
    ar = _mm256_broadcast_ss(a + 1);
    c10 = _mm256_fmadd_ps(ar, b0, c10), c11 = _mm256_fmadd_ps(ar, b1, c11);
    ar = _mm256_broadcast_ss(a + 2);
    c20 = _mm256_fmadd_ps(ar, b0, c20), c21 = _mm256_fmadd_ps(ar, b1, c21);
    ar = _mm256_broadcast_ss(a + 3);
    c30 = _mm256_fmadd_ps(ar, b0, c30), c31 = _mm256_fmadd_ps(ar, b1, c31);
    ar = _mm256_broadcast_ss(a + 4);
    c40 = _mm256_fmadd_ps(ar, b0, c40), c41 = _mm256_fmadd_ps(ar, b1, c41);
    ar = _mm256_broadcast_ss(a + 5);
    c50 = _mm256_fmadd_ps(ar, b0, c50), c51 = _mm256_fmadd_ps(ar, b1, c51);
  }
  const __m256 acc[6][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
  if (rows == 6 && cols == 16) {  // a whole tile: straight to C
    const __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
    for (int r = 0; r < 6; ++r)
      for (int h = 0; h < 2; ++h) {
        float* out = c + r * ldc + 8 * h;
        __m256 v = _mm256_mul_ps(va, acc[r][h]);
        if (beta != 0.0f) v = _mm256_add_ps(v, _mm256_mul_ps(vb, _mm256_loadu_ps(out)));
        _mm256_storeu_ps(out, v);
      }
    return;
  }
  alignas(32) float tile[6][16];
  for (int r = 0; r < 6; ++r) {
    _mm256_store_ps(tile[r], acc[r][0]);
    _mm256_store_ps(tile[r] + 8, acc[r][1]);
  }
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t j = 0; j < cols; ++j)
      c[r * ldc + j] = alpha * tile[r][j] + (beta == 0.0f ? 0.0f : beta * c[r * ldc + j]);
}

__attribute__((target("avx2,fma"))) inline void micro_kernel(std::size_t kc, const double* a, const double* b,
                                                              double* c, std::size_t ldc, std::size_t rows,
                                                              std::size_t cols, double alpha, double beta) {
  __m256d c00 = _mm256_setzero_pd(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
          c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  for (std::size_t p = 0; p < kc; ++p, a += 6, b += 8) {
    const __m256d b0 = _mm256_load_pd(b), b1 = _mm256_load_pd(b + 4);
    __m256d ar = _mm256_broadcast_sd(a);
    c00 = _mm256_fmadd_pd(ar, b0, c00), c01 = _mm256_fmadd_pd(ar, b1, c01);
    ar = _mm256_broadcast_sd(a + 1);
    c10 = _mm256_fmadd_pd(ar, b0, c10), c11 = _mm256_fmadd_pd(ar, b1, c11);
    ar = _mm256_broadcast_sd(a + 2);
    c20 = _mm256_fmadd_pd(ar, b0, c20), c21 = _mm256_fmadd_pd(ar, b1, c21);
    ar = _mm256_broadcast_sd(a + 3);
    c30 = _mm256_fmadd_pd(ar, b0, c30), c31 = _mm256_fmadd_pd(ar, b1, c31);
    ar = _mm256_broadcast_sd(a + 4);
    c40 = _mm256_fmadd_pd(ar, b0, c40), c41 = _mm256_fmadd_pd(ar, b1, c41);
    ar = _mm256_broadcast_sd(a + 5);
    c50 = _mm256_fmadd_pd(ar, b0, c50), c51 = _mm256_fmadd_pd(ar, b1, c51);
  }
  const __m256d acc[6][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
  if (rows == 6 && cols == 8) {  // a whole tile: straight to C
    const __m256d va = _mm256_set1_pd(alpha), vb = _mm256_set1_pd(beta);
    for (int r = 0; r < 6; ++r)
      for (int h = 0; h < 2; ++h) {
        double* out = c + r * ldc + 4 * h;
        __m256d v = _mm256_mul_pd(va, acc[r][h]);
        if (beta != 0.0) v = _mm256_add_pd(v, _mm256_mul_pd(vb, _mm256_loadu_pd(out)));
        _mm256_storeu_pd(out, v);
      }
    return;
  }
  alignas(32) double tile[6][8];
  for (int r = 0; r < 6; ++r) {
    _mm256_store_pd(tile[r], acc[r][0]);
    _mm256_store_pd(tile[r] + 4, acc[r][1]);
  }
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t j = 0; j < cols; ++j)
      c[r * ldc + j] = alpha * tile[r][j] + (beta == 0.0 ? 0.0 : beta * c[r * ldc + j]);
}

inline bool has_avx2_fma() {
  static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return yes;
}

// 32-byte aligned scratch for packed panels.
template <class T>
struct aligned_buffer {
  explicit aligned_buffer(std::size_t n)
      : data(static_cast<T*>(::operator new[](n * sizeof(T), std::align_val_t{32}))) {}
  ~aligned_buffer() { ::operator delete[](data, std::align_val_t{32}); }
  aligned_buffer(const aligned_buffer&) = delete;
  aligned_buffer& operator=(const aligned_buffer&) = delete;
  T* data;
};

template <class Ex, class T>
void packed_gemm(const Ex& ex, std::size_t m, std::size_t n, std::size_t k, T alpha, const T* a, const T* b, T beta,
                 T* c) {
  using shape = packed_gemm_shape<T>;
  constexpr std::size_t mr = shape::mr, nr = shape::nr, kc_max = shape::kc, mc = shape::mc, nc_max = shape::nc;
  using lanes::detail::ceil_div;
  aligned_buffer<T> packed_b(kc_max * nc_max);
  for (std::size_t jc = 0; jc < n; jc += nc_max) {
    const std::size_t nc = std::min(nc_max, n - jc), strips = ceil_div(nc, nr);
    for (std::size_t pc = 0; pc < k || (pc == 0 && k == 0); pc += kc_max) {
      const std::size_t kc = std::min(kc_max, k - pc);
      const T beta_here = pc == 0 ? beta : T(1);  // later slices add to what is there
      T* pb = packed_b.data;
      // B[pc .. pc + kc)[jc .. jc + nc) into strips of nr columns, p-major inside a strip.
      lanes::detail::backend<Ex>::for_blocks(ex, strips, [&](std::size_t s) {
        T* out = pb + s * kc * nr;
        const std::size_t j0 = jc + s * nr, width = std::min(nr, jc + nc - j0);
        for (std::size_t p = 0; p < kc; ++p, out += nr) {
          const T* row = b + (pc + p) * n + j0;
          for (std::size_t j = 0; j < width; ++j) out[j] = row[j];
          for (std::size_t j = width; j < nr; ++j) out[j] = T(0);
        }
      });
      lanes::detail::backend<Ex>::for_blocks(ex, ceil_div(m, mc), [&](std::size_t block) {
        const std::size_t i0 = block * mc, rows = std::min(mc, m - i0);
        aligned_buffer<T> packed_a(mc * kc_max + mr);
        // A[i0 .. i0 + rows)[pc .. pc + kc) into strips of mr rows, p-major inside a strip.
        for (std::size_t r0 = 0; r0 < rows; r0 += mr) {
          T* out = packed_a.data + r0 * kc;
          const std::size_t height = std::min(mr, rows - r0);
          for (std::size_t p = 0; p < kc; ++p, out += mr) {
            for (std::size_t r = 0; r < height; ++r) out[r] = a[(i0 + r0 + r) * k + pc + p];
            for (std::size_t r = height; r < mr; ++r) out[r] = T(0);
          }
        }
        for (std::size_t s = 0; s < strips; ++s) {
          const std::size_t j0 = jc + s * nr, width = std::min(nr, jc + nc - j0);
          for (std::size_t r0 = 0; r0 < rows; r0 += mr)
            micro_kernel(kc, packed_a.data + r0 * kc, pb + s * kc * nr, c + (i0 + r0) * n + j0, n,
                         std::min(mr, rows - r0), width, alpha, beta_here);
        }
      });
      if (k == 0) break;
    }
  }
}

}  // namespace lanes::kernels::detail
#endif
