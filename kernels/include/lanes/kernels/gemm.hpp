// SPDX-License-Identifier: Apache-2.0
// gemm: C = alpha * A B + beta * C, row-major, A m x k, B k x n, C m x n. On the CPU, tiles
// of C run in parallel; inside a tile, panels of B small enough for cache are streamed
// through the rows of A with a contiguous (vectorisable) innermost loop.
#pragma once

#include <algorithm>
#include <cstddef>
#include <type_traits>

#include "lanes/detail/blocking.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/for_each.hpp"
#include "lanes/kernels/impl/gemm_packed.hpp"
#include "lanes/span.hpp"

namespace lanes::kernels {
namespace impl {

inline constexpr std::size_t gemm_rows = 64, gemm_cols = 256, gemm_depth = 256;

template <class T>
struct gemm_tile {
  std::size_t m, n, k, tiles_across;
  T alpha, beta;
  const T* a;
  const T* b;
  T* c;
  LANES_HD void operator()(std::size_t tile) const {
    std::size_t i0 = tile / tiles_across * gemm_rows, j0 = tile % tiles_across * gemm_cols;
    std::size_t i1 = i0 + gemm_rows < m ? i0 + gemm_rows : m, j1 = j0 + gemm_cols < n ? j0 + gemm_cols : n;
    for (std::size_t i = i0; i < i1; ++i)
      for (std::size_t j = j0; j < j1; ++j) c[i * n + j] = beta == T(0) ? T(0) : beta * c[i * n + j];
    for (std::size_t p0 = 0; p0 < k; p0 += gemm_depth) {
      std::size_t p1 = p0 + gemm_depth < k ? p0 + gemm_depth : k;
      for (std::size_t i = i0; i < i1; ++i) {
        T* crow = c + i * n;
        for (std::size_t p = p0; p < p1; ++p) {
          T aip = alpha * a[i * k + p];
          const T* brow = b + p * n;
          for (std::size_t j = j0; j < j1; ++j) crow[j] += aip * brow[j];
        }
      }
    }
  }
};

// Runs a checked gemm on one executor. On the CPU backends: the packed kernel in AVX-512 or
// AVX2 + FMA, the widest the processor has (detail/gemm_packed.hpp), else tiles of C in
// parallel; the CUDA backend specialises it (lanes/cuda/gemm.cuh).
template <class Ex>
struct gemm_driver {
  template <class T>
  static void run(const Ex& ex, std::size_t m, std::size_t n, std::size_t k, T alpha, const T* a, const T* b, T beta,
                  T* c) {
#if LANES_GEMM_PACKED
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
      if (detail::cpu_has_avx512f()) return packed_gemm<avx512<T>>(ex, m, n, k, alpha, a, b, beta, c);
      if (detail::cpu_has_avx2_fma()) return packed_gemm<avx2<T>>(ex, m, n, k, alpha, a, b, beta, c);
    }
#endif
    tiled(ex, m, n, k, alpha, a, b, beta, c);
  }

  // Any element type, any processor: plain tiles of C in parallel.
  template <class T>
  static void tiled(const Ex& ex, std::size_t m, std::size_t n, std::size_t k, T alpha, const T* a, const T* b, T beta,
                    T* c) {
    std::size_t across = detail::ceil_div(n, gemm_cols);
    std::size_t tiles = detail::ceil_div(m, gemm_rows) * across;
    // One tile per index: each is thousands of operations, so every tile is worth a task.
    detail::backend<Ex>::for_blocks(ex, tiles, gemm_tile<T>{m, n, k, across, alpha, beta, a, b, c});
  }
};

}  // namespace impl

template <class Ex, class T>
void gemm(const Ex& ex, std::size_t m, std::size_t n, std::size_t k, T alpha, detail::input_span<T> a, detail::input_span<T> b,
          T beta, span<T> c) {
  detail::check_shape(a, m, k, "gemm", "a", "m * k");
  detail::check_shape(b, k, n, "gemm", "b", "k * n");
  detail::check_shape(c, m, n, "gemm", "c", "m * n");
  detail::check_disjoint(a, c, "gemm", "a", "c");
  detail::check_disjoint(b, c, "gemm", "b", "c");
  if (m == 0 || n == 0) return;
  impl::gemm_driver<Ex>::run(ex, m, n, k, alpha, a.data(), b.data(), beta, c.data());
}

LANES_ACCEPT_RANGES(gemm)

}  // namespace lanes::kernels
