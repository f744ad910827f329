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

// Makes the executor's GPU current for this thread while a scope lasts.
class cuda_scope {
 public:
  explicit cuda_scope(const cuda& ex) {
    LANES_CUDA_CHECK(cudaGetDevice(&previous_));
    if (previous_ != ex.device()) LANES_CUDA_CHECK(cudaSetDevice(ex.device()));
  }
  ~cuda_scope() { cudaSetDevice(previous_); }
  cuda_scope(const cuda_scope&) = delete;
  cuda_scope& operator=(const cuda_scope&) = delete;

 private:
  int previous_ = 0;
};

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

}  // namespace detail
}  // namespace lanes
