// SPDX-License-Identifier: Apache-2.0
// copy_if on the GPU.
#pragma once

#include <cstdint>

#include <cub/device/device_select.cuh>

#include "lanes/cuda/reduce.cuh"
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
    cuda_scope scope(ex.device());
    cuda_scratch<std::int64_t> selected(1, ex.stream());
    cub_call(ex, [&](void* temp, std::size_t& bytes) {
      return cub::DeviceSelect::If(temp, bytes, in.data(), out.data(), selected.get(), std::int64_t(in.size()), pred,
                                   ex.stream());
    }, "cub::DeviceSelect::If");
    LANES_CUDA_CHECK(cudaStreamSynchronize(ex.stream()));
    return kept;
  }
};

}  // namespace detail
}  // namespace lanes
