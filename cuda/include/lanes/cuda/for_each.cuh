// SPDX-License-Identifier: Apache-2.0
// for_each on the GPU: grid-stride loops over 1D, 2D and 3D index ranges. Every algorithm
// built on for_each_index (transform, fill, iota, ...) runs on cuda through it.
#pragma once

#include "lanes/cuda/executor.cuh"
#include "lanes/for_each.hpp"
#include "lanes/kernels/impl/group.hpp"

namespace lanes {
namespace detail {

template <class F>
__global__ void for_each_kernel(std::size_t n, F f) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < n; i += std::size_t(blockDim.x) * gridDim.x)
    f(i);
}

// f(i / n1, i % n1) for the linear index i of a rows x n1 range.
template <class F>
struct split_2d {
  std::size_t n1;
  F f;
  LANES_HD void operator()(std::size_t i) const { f(i / n1, i % n1); }
};

template <class F>
struct split_3d {
  std::size_t n1, n2;
  F f;
  LANES_HD void operator()(std::size_t i) const {
    std::size_t k = i % n2, rest = i / n2;
    f(rest / n1, rest % n1, k);
  }
};

// One thread per index (grid-stride); min_block means nothing on the GPU.
template <>
struct index_runner<cuda> {
  template <class F>
  static void run_1d(const cuda& ex, std::size_t n, std::size_t, F f) {
    if (n == 0) return;
    cuda_scope scope(ex.device());
    for_each_kernel<<<cuda_blocks_for(n), cuda_block_threads, 0, ex.stream()>>>(n, f);
    cuda_check_launch("for_each_kernel", __FILE__, __LINE__);
  }
  template <class F>
  static void run_2d(const cuda& ex, std::size_t n0, std::size_t n1, F f) {
    run_1d(ex, n0 * n1, 1, split_2d<F>{n1, f});
  }
  template <class F>
  static void run_3d(const cuda& ex, std::size_t n0, std::size_t n1, std::size_t n2, F f) {
    run_1d(ex, n0 * n1 * n2, 1, split_3d<F>{n1, n2, f});
  }
};

}  // namespace detail
}  // namespace lanes

namespace lanes::kernels::impl {
// One item per GPU thread: the GPU hides latency with threads, not with registers.
template <>
struct items_per_index<cuda> {
  static constexpr std::size_t of(std::size_t) { return 1; }
};

template <>
struct reuses_cache<cuda> {
  static constexpr bool value = false;
};
}  // namespace lanes::kernels::impl
