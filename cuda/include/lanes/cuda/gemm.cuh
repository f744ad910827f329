// SPDX-License-Identifier: Apache-2.0
// gemm on the GPU: each CUDA block computes a 32 x 32 tile of C, staging 32 x 32 tiles of A
// and B through shared memory; each thread owns one element of C, and edges of any shape
// are padded with zeros in shared memory.
#pragma once

#include "lanes/cuda/executor.cuh"
#include "lanes/kernels/gemm.hpp"

namespace lanes::kernels {
namespace impl {

inline constexpr unsigned cuda_gemm_tile = 32;

// a * b + c in one rounding. Lanes' CUDA code is built with --fmad=false (no implicit
// contraction, so kernels give the CPU's bits); gemm asks for its FMAs by name.
__device__ inline float fused_multiply_add(float a, float b, float c) { return fmaf(a, b, c); }
__device__ inline double fused_multiply_add(double a, double b, double c) { return fma(a, b, c); }

template <class T>
__global__ void cuda_gemm_kernel(std::size_t m, std::size_t n, std::size_t k, T alpha, const T* a, const T* b, T beta,
                                 T* c) {
  __shared__ T a_tile[cuda_gemm_tile][cuda_gemm_tile];
  __shared__ T b_tile[cuda_gemm_tile][cuda_gemm_tile + 1];
  std::size_t row = std::size_t(blockIdx.y) * cuda_gemm_tile + threadIdx.y;
  std::size_t col = std::size_t(blockIdx.x) * cuda_gemm_tile + threadIdx.x;
  T sum = 0;
  for (std::size_t p0 = 0; p0 < k; p0 += cuda_gemm_tile) {
    std::size_t pa = p0 + threadIdx.x, pb = p0 + threadIdx.y;
    a_tile[threadIdx.y][threadIdx.x] = row < m && pa < k ? a[row * k + pa] : T(0);
    b_tile[threadIdx.y][threadIdx.x] = pb < k && col < n ? b[pb * n + col] : T(0);
    __syncthreads();
    for (unsigned p = 0; p < cuda_gemm_tile; ++p)
      sum = fused_multiply_add(a_tile[threadIdx.y][p], b_tile[p][threadIdx.x], sum);
    __syncthreads();
  }
  if (row < m && col < n) c[row * n + col] = alpha * sum + (beta == T(0) ? T(0) : beta * c[row * n + col]);
}

template <>
struct gemm_driver<cuda> {
  template <class T>
  static void run(const cuda& ex, std::size_t m, std::size_t n, std::size_t k, T alpha, const T* a, const T* b, T beta,
                  T* c) {
    std::size_t blocks_x = detail::ceil_div(n, cuda_gemm_tile), blocks_y = detail::ceil_div(m, cuda_gemm_tile);
    if (blocks_x > 0x7fffffff || blocks_y > 65535) detail::fail("gemm: ", m, " x ", n, " is too large for one cuda grid");
    detail::cuda_scope scope(ex.device());
    dim3 grid{unsigned(blocks_x), unsigned(blocks_y)}, block{cuda_gemm_tile, cuda_gemm_tile};
    cuda_gemm_kernel<T><<<grid, block, 0, ex.stream()>>>(m, n, k, alpha, a, b, beta, c);
    detail::cuda_check_launch("cuda_gemm_kernel", __FILE__, __LINE__);
  }
};

}  // namespace impl
}  // namespace lanes::kernels
