// SPDX-License-Identifier: Apache-2.0
// The CPU gemm for processors with AVX2 and FMA, or AVX-512 (checked at run time):
// BLIS-style blocking. For each 1024-wide column block of C and each slice of k (256 deep
// in AVX2, 512 in AVX-512), B's slice is packed once into strips two registers wide (16
// floats or 8 doubles in AVX2, 32 or 16 in AVX-512), in parallel; then blocks of 96 rows of
// C run in parallel, each packing its rows of A into 6-row strips and calling a 6 x
// 2-register micro-kernel for every strip pair. Edges are padded with zeros in the packed
// copies and written through a small tile.
#pragma once

// GCC only: clang checks the shared micro-kernel body (inlined into each ISA's target
// function, but not one itself) against the vector-register ABI and refuses it; clang
// builds (the fuzz preset) run the tiled gemm.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__CUDACC__)
#define LANES_GEMM_PACKED 1
#include <immintrin.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <type_traits>

#include "lanes/detail/blocking.hpp"
#include "lanes/executor.hpp"

namespace lanes::kernels::impl {

inline constexpr std::size_t gemm_mr = 6, gemm_mc = 96, gemm_nc = 1024;

// The micro-kernel, written once over V, a vector register of T (avx2<T> or avx512<T>
// below): acc(6 x nr) = sum over p of a[p][0..6) * b[p][0..nr), nr = 2 V::lanes, from the
// packed strips; then c = alpha * acc + beta * c (beta == 0: c is not read) for the rows x
// cols that exist. It is inlined into V::micro_kernel, compiled for V's instructions; the
// registers it passes by value never cross a call, so the ABI note does not apply.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"
template <class V, class T>
__attribute__((always_inline)) inline void micro_kernel_body(std::size_t kc, const T* a, const T* b, T* c,
                                                             std::size_t ldc, std::size_t rows, std::size_t cols,
                                                             T alpha, T beta) {
  constexpr std::size_t lanes = V::lanes, nr = 2 * lanes;
  using reg = typename V::reg;
  // Twelve named accumulators: an array would live on the stack and be stored every step.
  reg c00 = V::zero(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00,
      c41 = c00, c50 = c00, c51 = c00;
  for (std::size_t p = 0; p < kc; ++p, a += gemm_mr, b += nr) {
    const reg b0 = V::load(b), b1 = V::load(b + lanes);
    reg ar = V::broadcast(a);
    c00 = V::fmadd(ar, b0, c00), c01 = V::fmadd(ar, b1, c01);
    ar = V::broadcast(a + 1);
    c10 = V::fmadd(ar, b0, c10), c11 = V::fmadd(ar, b1, c11);
    ar = V::broadcast(a + 2);
    c20 = V::fmadd(ar, b0, c20), c21 = V::fmadd(ar, b1, c21);
    ar = V::broadcast(a + 3);
    c30 = V::fmadd(ar, b0, c30), c31 = V::fmadd(ar, b1, c31);
    ar = V::broadcast(a + 4);
    c40 = V::fmadd(ar, b0, c40), c41 = V::fmadd(ar, b1, c41);
    ar = V::broadcast(a + 5);
    c50 = V::fmadd(ar, b0, c50), c51 = V::fmadd(ar, b1, c51);
  }
  const reg acc[gemm_mr][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
  if (rows == gemm_mr && cols == nr) {  // a whole tile: straight to C
    const reg va = V::splat(alpha), vb = V::splat(beta);
    for (std::size_t r = 0; r < gemm_mr; ++r)
      for (std::size_t h = 0; h < 2; ++h) {
        T* out = c + r * ldc + lanes * h;
        reg sum = V::mul(va, acc[r][h]);
        if (beta != T(0)) sum = V::add(sum, V::mul(vb, V::loadu(out)));
        V::storeu(out, sum);
      }
    return;
  }
  alignas(sizeof(reg)) T tile[gemm_mr][nr];  // an edge: only the rows and columns that exist
  for (std::size_t r = 0; r < gemm_mr; ++r) {
    V::store(tile[r], acc[r][0]);
    V::store(tile[r] + lanes, acc[r][1]);
  }
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t j = 0; j < cols; ++j)
      c[r * ldc + j] = alpha * tile[r][j] + (beta == T(0) ? T(0) : beta * c[r * ldc + j]);
}
#pragma GCC diagnostic pop

// One register of T and the operations the micro-kernel needs, in AVX2 + FMA or AVX-512;
// micro_kernel is the body above compiled for those instructions. kc_max: how deep a slice
// of k is, so a B strip is kc_max x 2 registers, read by every row strip of a block of A:
// 256 in AVX2 (16 KB, in L1), 512 in AVX-512 (64 KB, partly from L2, but C is read and
// written half as often); docs/design.md has the measurements behind both.
template <class T>
struct avx2;
template <class T>
struct avx512;

#define LANES_GEMM_REGISTER(ISA, TARGET, T, REG, SUFFIX, WIDTH, KC)                                                \
  template <>                                                                                                     \
  struct ISA<T> {                                                                                                 \
    using reg = REG;                                                                                              \
    static constexpr std::size_t lanes = sizeof(reg) / sizeof(T), kc_max = KC;                                   \
    __attribute__((target(TARGET))) static reg zero() { return _mm##WIDTH##_setzero_##SUFFIX(); }               \
    __attribute__((target(TARGET))) static reg splat(T x) { return _mm##WIDTH##_set1_##SUFFIX(x); }              \
    __attribute__((target(TARGET))) static reg broadcast(const T* p) { return _mm##WIDTH##_set1_##SUFFIX(*p); }  \
    __attribute__((target(TARGET))) static reg load(const T* p) { return _mm##WIDTH##_load_##SUFFIX(p); }        \
    __attribute__((target(TARGET))) static reg loadu(const T* p) { return _mm##WIDTH##_loadu_##SUFFIX(p); }      \
    __attribute__((target(TARGET))) static void store(T* p, reg v) { _mm##WIDTH##_store_##SUFFIX(p, v); }        \
    __attribute__((target(TARGET))) static void storeu(T* p, reg v) { _mm##WIDTH##_storeu_##SUFFIX(p, v); }      \
    __attribute__((target(TARGET))) static reg fmadd(reg a, reg b, reg c) {                                      \
      return _mm##WIDTH##_fmadd_##SUFFIX(a, b, c);                                                                \
    }                                                                                                             \
    __attribute__((target(TARGET))) static reg mul(reg a, reg b) { return _mm##WIDTH##_mul_##SUFFIX(a, b); }     \
    __attribute__((target(TARGET))) static reg add(reg a, reg b) { return _mm##WIDTH##_add_##SUFFIX(a, b); }     \
    __attribute__((target(TARGET))) static void micro_kernel(std::size_t kc, const T* a, const T* b, T* c,       \
                                                             std::size_t ldc, std::size_t rows, std::size_t cols, \
                                                             T alpha, T beta) {                                   \
      micro_kernel_body<ISA<T>>(kc, a, b, c, ldc, rows, cols, alpha, beta);                                       \
    }                                                                                                             \
  };
LANES_GEMM_REGISTER(avx2, "avx2,fma", float, __m256, ps, 256, 256)
LANES_GEMM_REGISTER(avx2, "avx2,fma", double, __m256d, pd, 256, 256)
LANES_GEMM_REGISTER(avx512, "avx512f", float, __m512, ps, 512, 512)
LANES_GEMM_REGISTER(avx512, "avx512f", double, __m512d, pd, 512, 512)
#undef LANES_GEMM_REGISTER

// 64-byte aligned scratch for packed panels (an AVX-512 register's alignment).
template <class T>
struct aligned_buffer {
  explicit aligned_buffer(std::size_t n)
      : data(static_cast<T*>(::operator new[](n * sizeof(T), std::align_val_t{64}))) {}
  ~aligned_buffer() { ::operator delete[](data, std::align_val_t{64}); }
  aligned_buffer(const aligned_buffer&) = delete;
  aligned_buffer& operator=(const aligned_buffer&) = delete;
  T* data;
};

// The packed gemm with V's micro-kernel; the caller checks that the processor has V's
// instructions.
template <class V, class Ex, class T>
void packed_gemm(const Ex& ex, std::size_t m, std::size_t n, std::size_t k, T alpha, const T* a, const T* b, T beta,
                 T* c) {
  constexpr std::size_t mr = gemm_mr, nr = 2 * V::lanes, kc_max = V::kc_max, mc = gemm_mc, nc_max = gemm_nc;
  using detail::ceil_div;
  // Every buffer before the first write to C (a gemm that runs out of memory leaves C as it
  // was): B's panel, and one A panel per slot; slot s packs and multiplies row blocks s,
  // s + slots, ... (blocks are alike, so a fixed share balances).
  const std::size_t blocks = ceil_div(m, mc);
  const std::size_t slots = std::max<std::size_t>(1, std::min(blocks, detail::backend<Ex>::concurrency(ex)));
  const std::size_t a_panel = mc * kc_max + mr;
  aligned_buffer<T> packed_b(kc_max * nc_max), packed_a(slots * a_panel);
  for (std::size_t jc = 0; jc < n; jc += nc_max) {
    const std::size_t nc = std::min(nc_max, n - jc), strips = ceil_div(nc, nr);
    for (std::size_t pc = 0; pc < k || (pc == 0 && k == 0); pc += kc_max) {
      const std::size_t kc = std::min(kc_max, k - pc);
      const T beta_here = pc == 0 ? beta : T(1);  // later slices add to what is there
      T* pb = packed_b.data;
      // B[pc .. pc + kc)[jc .. jc + nc) into strips of nr columns, p-major inside a strip.
      detail::backend<Ex>::for_blocks(ex, strips, [&](std::size_t s) {
        T* out = pb + s * kc * nr;
        const std::size_t j0 = jc + s * nr, width = std::min(nr, jc + nc - j0);
        for (std::size_t p = 0; p < kc; ++p, out += nr) {
          const T* row = b + (pc + p) * n + j0;
          for (std::size_t j = 0; j < width; ++j) out[j] = row[j];
          for (std::size_t j = width; j < nr; ++j) out[j] = T(0);
        }
      });
      detail::backend<Ex>::for_blocks(ex, slots, [&](std::size_t slot) {
        T* pa = packed_a.data + slot * a_panel;
        for (std::size_t block = slot; block < blocks; block += slots) {
          const std::size_t i0 = block * mc, rows = std::min(mc, m - i0);
          // A[i0 .. i0 + rows)[pc .. pc + kc) into strips of mr rows, p-major inside a strip.
          for (std::size_t r0 = 0; r0 < rows; r0 += mr) {
            T* out = pa + r0 * kc;
            const std::size_t height = std::min(mr, rows - r0);
            for (std::size_t p = 0; p < kc; ++p, out += mr) {
              for (std::size_t r = 0; r < height; ++r) out[r] = a[(i0 + r0 + r) * k + pc + p];
              for (std::size_t r = height; r < mr; ++r) out[r] = T(0);
            }
          }
          for (std::size_t s = 0; s < strips; ++s) {
            const std::size_t j0 = jc + s * nr, width = std::min(nr, jc + nc - j0);
            for (std::size_t r0 = 0; r0 < rows; r0 += mr)
              V::micro_kernel(kc, pa + r0 * kc, pb + s * kc * nr, c + (i0 + r0) * n + j0, n,
                              std::min(mr, rows - r0), width, alpha, beta_here);
          }
        }
      });
      if (k == 0) break;
    }
  }
}

}  // namespace lanes::kernels::impl
#endif
