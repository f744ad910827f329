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

// One AVX register of T and the operations the micro-kernel needs.
template <class T>
struct avx;

template <>
struct avx<float> {
  using reg = __m256;
  __attribute__((target("avx2,fma"))) static reg zero() { return _mm256_setzero_ps(); }
  __attribute__((target("avx2,fma"))) static reg splat(float x) { return _mm256_set1_ps(x); }
  __attribute__((target("avx2,fma"))) static reg broadcast(const float* p) { return _mm256_broadcast_ss(p); }
  __attribute__((target("avx2,fma"))) static reg load(const float* p) { return _mm256_load_ps(p); }
  __attribute__((target("avx2,fma"))) static reg loadu(const float* p) { return _mm256_loadu_ps(p); }
  __attribute__((target("avx2,fma"))) static void store(float* p, reg v) { _mm256_store_ps(p, v); }
  __attribute__((target("avx2,fma"))) static void storeu(float* p, reg v) { _mm256_storeu_ps(p, v); }
  __attribute__((target("avx2,fma"))) static reg fmadd(reg a, reg b, reg c) { return _mm256_fmadd_ps(a, b, c); }
  __attribute__((target("avx2,fma"))) static reg mul(reg a, reg b) { return _mm256_mul_ps(a, b); }
  __attribute__((target("avx2,fma"))) static reg add(reg a, reg b) { return _mm256_add_ps(a, b); }
};

template <>
struct avx<double> {
  using reg = __m256d;
  __attribute__((target("avx2,fma"))) static reg zero() { return _mm256_setzero_pd(); }
  __attribute__((target("avx2,fma"))) static reg splat(double x) { return _mm256_set1_pd(x); }
  __attribute__((target("avx2,fma"))) static reg broadcast(const double* p) { return _mm256_broadcast_sd(p); }
  __attribute__((target("avx2,fma"))) static reg load(const double* p) { return _mm256_load_pd(p); }
  __attribute__((target("avx2,fma"))) static reg loadu(const double* p) { return _mm256_loadu_pd(p); }
  __attribute__((target("avx2,fma"))) static void store(double* p, reg v) { _mm256_store_pd(p, v); }
  __attribute__((target("avx2,fma"))) static void storeu(double* p, reg v) { _mm256_storeu_pd(p, v); }
  __attribute__((target("avx2,fma"))) static reg fmadd(reg a, reg b, reg c) { return _mm256_fmadd_pd(a, b, c); }
  __attribute__((target("avx2,fma"))) static reg mul(reg a, reg b) { return _mm256_mul_pd(a, b); }
  __attribute__((target("avx2,fma"))) static reg add(reg a, reg b) { return _mm256_add_pd(a, b); }
};

// acc(6 x nr) = sum over p of a[p][0..6) * b[p][0..nr), from the packed strips; then
// c = alpha * acc + beta * c (beta == 0: c is not read) for the rows x cols that exist.
template <class T>
__attribute__((target("avx2,fma"))) void micro_kernel(std::size_t kc, const T* a, const T* b, T* c, std::size_t ldc,
                                                       std::size_t rows, std::size_t cols, T alpha, T beta) {
  using v = avx<T>;
  constexpr std::size_t lanes = packed_gemm_shape<T>::lanes, nr = packed_gemm_shape<T>::nr;
  // Twelve named accumulators: an array would live on the stack and be stored every step.
  typename v::reg c00 = v::zero(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
                  c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  for (std::size_t p = 0; p < kc; ++p, a += 6, b += nr) {
    const typename v::reg b0 = v::load(b), b1 = v::load(b + lanes);
    typename v::reg ar = v::broadcast(a);
    c00 = v::fmadd(ar, b0, c00), c01 = v::fmadd(ar, b1, c01);
    ar = v::broadcast(a + 1);
    c10 = v::fmadd(ar, b0, c10), c11 = v::fmadd(ar, b1, c11);
    ar = v::broadcast(a + 2);
    c20 = v::fmadd(ar, b0, c20), c21 = v::fmadd(ar, b1, c21);
    ar = v::broadcast(a + 3);
    c30 = v::fmadd(ar, b0, c30), c31 = v::fmadd(ar, b1, c31);
    ar = v::broadcast(a + 4);
    c40 = v::fmadd(ar, b0, c40), c41 = v::fmadd(ar, b1, c41);
    ar = v::broadcast(a + 5);
    c50 = v::fmadd(ar, b0, c50), c51 = v::fmadd(ar, b1, c51);
  }
  const typename v::reg acc[6][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
  if (rows == 6 && cols == nr) {  // a whole tile: straight to C
    const typename v::reg va = v::splat(alpha), vb = v::splat(beta);
    for (std::size_t r = 0; r < 6; ++r)
      for (std::size_t h = 0; h < 2; ++h) {
        T* out = c + r * ldc + lanes * h;
        typename v::reg sum = v::mul(va, acc[r][h]);
        if (beta != T(0)) sum = v::add(sum, v::mul(vb, v::loadu(out)));
        v::storeu(out, sum);
      }
    return;
  }
  alignas(32) T tile[6][nr];  // an edge: only the rows and columns that exist
  for (std::size_t r = 0; r < 6; ++r) {
    v::store(tile[r], acc[r][0]);
    v::store(tile[r] + lanes, acc[r][1]);
  }
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t j = 0; j < cols; ++j)
      c[r * ldc + j] = alpha * tile[r][j] + (beta == T(0) ? T(0) : beta * c[r * ldc + j]);
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
