// SPDX-License-Identifier: Apache-2.0
// lanes::cuda: runs algorithms on an NVIDIA GPU, on one stream. For nvcc-compiled code.
//
// Calls that leave their result on the device (for_each_index, transform, fill, iota) are
// queued on the stream and return at once; calls that return a host value (reduce,
// transform_reduce, count_if, min_max) wait for it. Kernels passed in must be callable on
// the device: functors with LANES_HD members, or LANES_HD lambdas (nvcc --extended-lambda).
#pragma once

#ifndef __CUDACC__
#error "lanes/cuda/executor.cuh is for nvcc-compiled code; host code reaches the GPU through lanes::device"
#endif

#include <cuda_runtime.h>

#include "lanes/config.hpp"
#include "lanes/cuda/check.hpp"
#include "lanes/error.hpp"

namespace lanes {

class cuda {
 public:
  // GPU `device`, on `stream` (the default stream when null).
  explicit cuda(int device = 0, cudaStream_t stream = nullptr) : device_(device), stream_(stream) {
    if (device < 0) detail::fail("cuda: the device index must be >= 0, got ", device);
  }
  int device() const { return device_; }
  cudaStream_t stream() const { return stream_; }
  // Waits for everything queued on the stream.
  void wait() const { LANES_CUDA_CHECK(cudaStreamSynchronize(stream_)); }

 private:
  int device_;
  cudaStream_t stream_;
};

namespace detail {

inline constexpr unsigned cuda_block_threads = 256;
// Enough blocks to fill any current GPU; grid-stride loops cover larger n.
inline constexpr std::size_t cuda_max_blocks = 65536;

inline unsigned cuda_blocks_for(std::size_t threads) {
  std::size_t blocks = (threads + cuda_block_threads - 1) / cuda_block_threads;
  return unsigned(blocks < cuda_max_blocks ? (blocks ? blocks : 1) : cuda_max_blocks);
}

// Checks a kernel launch (configuration errors show up at once, not at the next call).
inline void cuda_check_launch(const char* kernel, const char* file, int line) {
  cuda_check(cudaGetLastError(), kernel, file, line);
}

// Stream-ordered scratch memory, freed on the stream when it goes out of scope.
template <class T>
class cuda_scratch {
 public:
  cuda_scratch(std::size_t n, cudaStream_t stream) : stream_(stream) {
    LANES_CUDA_CHECK_ALLOCATION(cudaMallocAsync(reinterpret_cast<void**>(&p_), n * sizeof(T), stream), n * sizeof(T));
  }
  ~cuda_scratch() { cudaFreeAsync(p_, stream_); }
  cuda_scratch(const cuda_scratch&) = delete;
  cuda_scratch& operator=(const cuda_scratch&) = delete;
  T* get() const { return p_; }

 private:
  T* p_ = nullptr;
  cudaStream_t stream_;
};

// Runs a CUB device call twice: for its scratch size, then with that scratch.
template <class Call>
void cub_call(const cuda& ex, Call call, const char* what) {
  std::size_t bytes = 0;
  cuda_check(call(nullptr, bytes), what, __FILE__, __LINE__);
  cuda_scratch<unsigned char> scratch(bytes ? bytes : 1, ex.stream());
  cuda_check(call(scratch.get(), bytes), what, __FILE__, __LINE__);
}

}  // namespace detail
}  // namespace lanes
