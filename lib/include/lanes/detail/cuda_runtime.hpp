// SPDX-License-Identifier: Apache-2.0
// The CUDA runtime as the host-only core sees it: probing and device memory. No CUDA
// header is included; cuda/src/runtime.cpp implements these where the CUDA backend is
// built, lib/src/no_cuda.cpp (which says why every call fails) where it is not.
#pragma once

#include <cstddef>
#include <string>

namespace lanes::detail {

// Why GPU `index` cannot run this build's kernels ("" when it can): no driver, no device,
// index out of range, or no kernels for its architecture.
std::string cuda_unusable_reason(int index);
// "NVIDIA H100 ... (sm_90)"; call only for a usable index.
std::string cuda_device_description(int index);

// Device memory on GPU `index`: zero bytes gives nullptr; failures are lanes::error.
void* cuda_allocate(int index, std::size_t bytes);
void cuda_free(int index, void* p) noexcept;
void cuda_zero(int index, void* p, std::size_t bytes);
// Copies between any two spaces (host or device), then waits for the copy.
void cuda_copy(void* dst, const void* src, std::size_t bytes);

}  // namespace lanes::detail
