// The one CUDA check: evaluates its call once; on failure it clears CUDA's sticky last error
// and throws lanes::error naming the call, where it was made, and CUDA's error name and text.
#pragma once

#include <cuda_runtime_api.h>

#include "lanes/error.hpp"

namespace lanes::detail {

inline void cuda_check(cudaError_t status, const char* call, const char* file, int line) {
  if (status == cudaSuccess) return;
  cudaGetLastError();  // so that this failure does not leak into the next call
  fail(cudaGetErrorName(status), " (", cudaGetErrorString(status), ") in ", call, " at ", file, ":", line);
}

}  // namespace lanes::detail

#define LANES_CUDA_CHECK(call) ::lanes::detail::cuda_check((call), #call, __FILE__, __LINE__)
