// SPDX-License-Identifier: Apache-2.0
// Selections (copy_if, unique, partitions) on the GPU.
#pragma once

#include <cstdint>

#include <cub/device/device_select.cuh>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/transform_output_iterator.h>

#include "lanes/cuda/reduce.cuh"
#include "lanes/select.hpp"

namespace lanes {
namespace detail {

// A count first (so a short out is an error before anything is written), then CUB's stable
// DeviceSelect::If over the indices, each kept index written to out from out[at] on as
// value(i).
template <>
struct selector<cuda> {
  template <class U, class Keep, class Value>
  static std::size_t run(const cuda& ex, std::size_t n, span<U> out, std::size_t at, Keep keep, Value value,
                         const char* algorithm) {
    const std::size_t kept = count_indices(ex, n, keep);
    check_kept(out, at + kept, algorithm);
    if (kept == 0) return 0;
    cuda_scope scope(ex.device());
    cuda_scratch<std::int64_t> selected(1, ex.stream());
    thrust::counting_iterator<std::size_t> indices(0);
    auto written = thrust::make_transform_output_iterator(out.data() + at, value);
    cub_call(ex, [&](void* temp, std::size_t& bytes) {
      return cub::DeviceSelect::If(temp, bytes, indices, written, selected.get(), std::int64_t(n), keep, ex.stream());
    }, "cub::DeviceSelect::If");
    LANES_CUDA_CHECK(cudaStreamSynchronize(ex.stream()));
    return kept;
  }
};

}  // namespace detail
}  // namespace lanes
