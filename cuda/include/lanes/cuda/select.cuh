// copy_if, gather/scatter support and histogram on the GPU.
#pragma once

#include <cstdint>

#include <cub/device/device_select.cuh>

#include "lanes/cuda/scan.cuh"
#include "lanes/histogram.hpp"
#include "lanes/permute.hpp"
#include "lanes/select.hpp"

namespace lanes {
namespace detail {

// copy_if: a count first (so a short out is an error before anything is written), then
// CUB's stable DeviceSelect::If.
template <>
struct selector<cuda> {
  template <class T, class U, class Pred>
  static std::size_t copy_if(const cuda& ex, span<T> in, span<U> out, Pred pred) {
    std::size_t kept = reduce_indices(ex, in.size(), std::size_t{0}, std::plus<>{},
                                      [=] LANES_HD(std::size_t i) -> std::size_t { return pred(in[i]) ? 1 : 0; });
    check_kept(out, kept);
    if (kept == 0) return 0;
    cuda_scope scope(ex);
    cuda_scratch<std::int64_t> selected(1, ex.stream());
    cub_call(ex, [&](void* temp, std::size_t& bytes) {
      return cub::DeviceSelect::If(temp, bytes, in.data(), out.data(), selected.get(), std::int64_t(in.size()), pred,
                                   ex.stream());
    }, "cub::DeviceSelect::If");
    LANES_CUDA_CHECK(cudaStreamSynchronize(ex.stream()));
    return kept;
  }
};

template <>
class bitmap<cuda> {
 public:
  bitmap(const cuda& ex, std::size_t bits) : scope_(ex), words_(ceil_div(bits, 64) + 1, ex.stream()) {
    LANES_CUDA_CHECK(cudaMemsetAsync(words_.get(), 0, (ceil_div(bits, 64) + 1) * sizeof(std::uint64_t), ex.stream()));
  }
  std::uint64_t* words() { return words_.get(); }

 private:
  cuda_scope scope_;
  cuda_scratch<std::uint64_t> words_;
};

template <>
struct element_reader<cuda> {
  template <class T>
  static std::remove_cv_t<T> at(const cuda& ex, span<T> s, std::size_t i) {
    std::remove_cv_t<T> value;
    LANES_CUDA_CHECK(cudaMemcpyAsync(&value, s.data() + i, sizeof value, cudaMemcpyDeviceToHost, ex.stream()));
    LANES_CUDA_CHECK(cudaStreamSynchronize(ex.stream()));
    return value;
  }
};

// Per CUDA block: counts in shared memory, then added to the global counts (slot `bins`
// counts dropped items). Integer counts, so the result does not depend on the order.
template <class T>
__global__ void histogram_kernel(const T* in, std::size_t n, bin_of bin, std::size_t slots,
                                 unsigned long long* counts) {
  extern __shared__ unsigned long long local[];
  for (std::size_t s = threadIdx.x; s < slots; s += blockDim.x) local[s] = 0;
  __syncthreads();
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < n; i += std::size_t(blockDim.x) * gridDim.x)
    atomicAdd(&local[bin(double(in[i]))], 1ull);
  __syncthreads();
  for (std::size_t s = threadIdx.x; s < slots; s += blockDim.x)
    if (local[s] != 0) atomicAdd(&counts[s], local[s]);
}

template <class T>
__global__ void histogram_global_kernel(const T* in, std::size_t n, bin_of bin, unsigned long long* counts) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < n; i += std::size_t(blockDim.x) * gridDim.x)
    atomicAdd(&counts[bin(double(in[i]))], 1ull);
}

template <>
struct histogrammer<cuda> {
  // Bins that fit in a block's shared memory (48 KiB of 64-bit counts) are counted there.
  static constexpr std::size_t shared_slots = 6144;

  template <class T>
  static std::uint64_t run(const cuda& ex, span<T> in, bin_of bin, span<std::uint64_t> bins) {
    static_assert(sizeof(unsigned long long) == sizeof(std::uint64_t));
    std::size_t slots = bins.size() + 1;
    cuda_scope scope(ex);
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
