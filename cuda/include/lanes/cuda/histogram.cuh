// SPDX-License-Identifier: Apache-2.0
// histogram on the GPU: per block in shared memory where the bins fit, else global atomics.
#pragma once

#include <cstdint>

#include "lanes/cuda/executor.cuh"
#include "lanes/histogram.hpp"

namespace lanes {
namespace detail {

// Per CUDA block: counts in shared memory, then added to the global counts (slot `bins`
// counts dropped items). Integer counts, so the result does not depend on the order.
template <class T>
__global__ void histogram_kernel(const T* in, std::size_t n, bin_of bin, std::size_t slots,
                                 unsigned long long* counts) {
  extern __shared__ unsigned long long local[];
  for (std::size_t s = threadIdx.x; s < slots; s += blockDim.x) local[s] = 0;
  __syncthreads();
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < n; i += std::size_t(blockDim.x) * gridDim.x)
    atomicAdd(&local[bin(in[i])], 1ull);
  __syncthreads();
  for (std::size_t s = threadIdx.x; s < slots; s += blockDim.x)
    if (local[s] != 0) atomicAdd(&counts[s], local[s]);
}

template <class T>
__global__ void histogram_global_kernel(const T* in, std::size_t n, bin_of bin, unsigned long long* counts) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < n; i += std::size_t(blockDim.x) * gridDim.x)
    atomicAdd(&counts[bin(in[i])], 1ull);
}

template <>
struct histogrammer<cuda> {
  // Bins that fit in a block's shared memory (48 KiB of 64-bit counts) are counted there.
  static constexpr std::size_t shared_slots = 6144;

  template <class T>
  static std::uint64_t run(const cuda& ex, span<T> in, bin_of bin, span<std::uint64_t> bins) {
    static_assert(sizeof(unsigned long long) == sizeof(std::uint64_t));
    std::size_t slots = bins.size() + 1;
    cuda_scope scope(ex.device());
    cuda_scratch<unsigned long long> counts(slots, ex.stream());
    LANES_CUDA_CHECK(cudaMemsetAsync(counts.get(), 0, slots * sizeof(unsigned long long), ex.stream()));
    if (in.size() != 0) {
      unsigned blocks = cuda_blocks_for(in.size());
      if (slots <= shared_slots)
        histogram_kernel<<<blocks, cuda_block_threads, slots * sizeof(unsigned long long), ex.stream()>>>(
            in.data(), in.size(), bin, slots, counts.get());
      else
        histogram_global_kernel<<<blocks, cuda_block_threads, 0, ex.stream()>>>(in.data(), in.size(), bin, counts.get());
      cuda_check_launch("histogram_kernel", __FILE__, __LINE__);
    }
    LANES_CUDA_CHECK(cudaMemcpyAsync(bins.data(), counts.get(), bins.size() * sizeof(std::uint64_t),
                                     cudaMemcpyDeviceToDevice, ex.stream()));
    std::uint64_t dropped = 0;
    LANES_CUDA_CHECK(cudaMemcpyAsync(&dropped, counts.get() + bins.size(), sizeof dropped, cudaMemcpyDeviceToHost,
                                     ex.stream()));
    LANES_CUDA_CHECK(cudaStreamSynchronize(ex.stream()));
    return dropped;
  }
};

}  // namespace detail
}  // namespace lanes
