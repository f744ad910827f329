// SPDX-License-Identifier: Apache-2.0
// A kernel that exists only to ask whether a GPU can run this build's code.
#include <cuda_runtime_api.h>

namespace lanes::detail {

__global__ void probe_kernel() {}

// cudaSuccess when `index` has kernels of this build; the caller's current device stays.
cudaError_t probe_architecture(int index) {
  int previous = 0;
  cudaError_t status = cudaGetDevice(&previous);
  if (status != cudaSuccess) return status;
  status = cudaSetDevice(index);
  cudaFuncAttributes attributes;
  if (status == cudaSuccess) status = cudaFuncGetAttributes(&attributes, probe_kernel);
  cudaSetDevice(previous);
  return status;
}

}  // namespace lanes::detail
