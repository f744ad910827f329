// SPDX-License-Identifier: Apache-2.0
// Probing and device memory through the CUDA runtime (host code: g++ compiles it).
#include <cuda_runtime_api.h>
#include <dlfcn.h>

#include <string>

#include "lanes/cuda/check.hpp"
#include "lanes/detail/cuda_runtime.hpp"

namespace lanes::detail {

cudaError_t probe_architecture(int index);  // probe.cu

namespace {
std::string cuda_words(cudaError_t status) {
  return std::string(cudaGetErrorString(status)) + " (" + cudaGetErrorName(status) + ")";
}
}  // namespace

std::string cuda_unusable_reason(int index) {
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    cudaGetLastError();
    // What is true first, then CUDA's words: with no driver at all the runtime says the
    // driver's version is insufficient.
    if (void* driver = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL))
      dlclose(driver);
    else
      return "no NVIDIA driver (libcuda.so.1 is not installed): " + cuda_words(status);
    if (status == cudaErrorNoDevice) return "no CUDA device found: " + cuda_words(status);
    if (status == cudaErrorInsufficientDriver)
      return "the NVIDIA driver is older than this build's CUDA runtime needs: " + cuda_words(status);
    return "the CUDA runtime failed: " + cuda_words(status);
  }
  if (count == 0) return "no CUDA device found";
  if (index < 0 || index >= count)
    return "GPU index " + std::to_string(index) + " is out of range: " + std::to_string(count) + " GPU(s) found";
  status = probe_architecture(index);
  if (status != cudaSuccess) {
    cudaGetLastError();
    return "GPU " + std::to_string(index) + " (" + cuda_device_description(index) +
           ") cannot run this build's kernels, built for CUDA architectures " LANES_CUDA_ARCHITECTURES ": " +
           cuda_words(status);
  }
  return "";
}

std::string cuda_device_description(int index) {
  cudaDeviceProp p{};
  if (cudaGetDeviceProperties(&p, index) != cudaSuccess) {
    cudaGetLastError();
    return "unknown GPU";
  }
  return std::string(p.name) + ", sm_" + std::to_string(p.major) + std::to_string(p.minor);
}

void* cuda_allocate(int index, std::size_t bytes) {
  if (bytes == 0) return nullptr;
  cuda_scope scope(index);
  void* p = nullptr;
  LANES_CUDA_CHECK_ALLOCATION(cudaMalloc(&p, bytes), bytes);
  return p;
}

void cuda_free(int index, void* p) noexcept {
  if (p == nullptr) return;
  int previous = 0;
  cudaGetDevice(&previous);
  cudaSetDevice(index);
  cudaFree(p);
  cudaSetDevice(previous);
  cudaGetLastError();
}

void cuda_zero(int index, void* p, std::size_t bytes) {
  cuda_scope scope(index);
  LANES_CUDA_CHECK(cudaMemset(p, 0, bytes));
}

void cuda_copy(void* dst, const void* src, std::size_t bytes) {
  LANES_CUDA_CHECK(cudaMemcpy(dst, src, bytes, cudaMemcpyDefault));
}

}  // namespace lanes::detail
