// SPDX-License-Identifier: Apache-2.0
// The CUDA runtime of a build without the CUDA backend: every call says so.
#include "lanes/detail/cuda_runtime.hpp"
#include "lanes/error.hpp"

namespace lanes::detail {

namespace {
const char* no_backend =
    "this build of Lanes has no CUDA backend (configure with LANES_ENABLE_CUDA=ON where nvcc is installed)";
}

std::string cuda_unusable_reason(int) { return no_backend; }
std::string cuda_device_description(int) { return "none"; }
void* cuda_allocate(int, std::size_t) { fail("device memory: ", no_backend); }
void cuda_free(int, void*) noexcept {}
void cuda_zero(int, void*, std::size_t) { fail("device memory: ", no_backend); }
void cuda_copy(void*, const void*, std::size_t) { fail("device copy: ", no_backend); }

}  // namespace lanes::detail
