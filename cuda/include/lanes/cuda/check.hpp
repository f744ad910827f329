// SPDX-License-Identifier: Apache-2.0
// The one CUDA check, and the scope that makes a GPU current. Host code (g++) includes it too.
#pragma once

#include <cstddef>

#include <cuda_runtime_api.h>

#include "lanes/error.hpp"

namespace lanes::detail {

// Evaluated once per call (LANES_CUDA_CHECK); on failure it clears CUDA's sticky last error
// and throws, naming the call, where it was made, and CUDA's error name and text: memory
// that ran out (cudaMalloc, cudaMallocAsync, a CUB call's scratch) is lanes::out_of_memory,
// the rest lanes::error. `bytes`, where the call allocates, goes into the message.
inline void cuda_check(cudaError_t status, const char* call, const char* file, int line, std::size_t bytes = 0) {
  if (status == cudaSuccess) return;
  cudaGetLastError();  // so that this failure does not leak into the next call
  if (status == cudaErrorMemoryAllocation) {
    if (bytes != 0)
      fail_as<out_of_memory>("out of device memory: cannot allocate ", bytes, " bytes (", call, " at ", file, ":", line,
                             ")");
    fail_as<out_of_memory>("out of device memory: ", cudaGetErrorName(status), " in ", call, " at ", file, ":", line);
  }
  fail(cudaGetErrorName(status), " (", cudaGetErrorString(status), ") in ", call, " at ", file, ":", line);
}

// Makes GPU `device` current for this thread while a scope lasts.
class cuda_scope {
 public:
  explicit cuda_scope(int device) {
    cuda_check(cudaGetDevice(&previous_), "cudaGetDevice", __FILE__, __LINE__);
    if (previous_ != device) cuda_check(cudaSetDevice(device), "cudaSetDevice", __FILE__, __LINE__);
  }
  ~cuda_scope() { cudaSetDevice(previous_); }
  cuda_scope(const cuda_scope&) = delete;
  cuda_scope& operator=(const cuda_scope&) = delete;

 private:
  int previous_ = 0;
};

}  // namespace lanes::detail

#define LANES_CUDA_CHECK(call) ::lanes::detail::cuda_check((call), #call, __FILE__, __LINE__)
// The same for a call that allocates `bytes`.
#define LANES_CUDA_CHECK_ALLOCATION(call, bytes) ::lanes::detail::cuda_check((call), #call, __FILE__, __LINE__, (bytes))
