// SPDX-License-Identifier: Apache-2.0
// Selections (copy_if, unique, partitions) on the GPU.
#pragma once

#include <cstdint>

#include <cub/device/device_partition.cuh>
#include <cub/device/device_select.cuh>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/transform_output_iterator.h>

#include "lanes/cuda/reduce.cuh"
#include "lanes/select.hpp"

namespace lanes {
namespace detail {

// CUB's stable DeviceSelect::If over the indices, each kept index written to out from
// out[at] on as value(i), then the others to rest where it has data; out and rest have room
// for them (lanes/select.hpp checks).
template <>
struct selector<cuda> {
  template <class U, class Keep, class Value>
  static std::size_t run(const cuda& ex, std::size_t n, span<U> out, std::size_t at, Keep keep, Value value,
                         span<U> rest) {
    const std::size_t kept = select(ex, n, out.data() + at, keep, value);
    if (rest.data() != nullptr) select(ex, n, rest.data(), not_kept<Keep>{keep}, value);
    return kept;
  }

  // Two selections: CUB's DevicePartition::If would reverse the others.
  template <class U, class Keep, class Value>
  static std::size_t split(const cuda& ex, std::size_t n, span<U> out, Keep keep, Value value) {
    const std::size_t kept = select(ex, n, out.data(), keep, value);
    select(ex, n, out.data() + kept, not_kept<Keep>{keep}, value);
    return kept;
  }

  template <class U, class Keep, class Value>
  static std::size_t select(const cuda& ex, std::size_t n, U* out, Keep keep, Value value) {
    if (n == 0) return 0;
    cuda_scope scope(ex.device());
    cuda_scratch<std::int64_t> selected(1, ex.stream());
    thrust::counting_iterator<std::size_t> indices(0);
    auto written = thrust::make_transform_output_iterator(out, value);
    cub_call(ex, [&](void* temp, std::size_t& bytes) {
      return cub::DeviceSelect::If(temp, bytes, indices, written, selected.get(), std::int64_t(n), keep, ex.stream());
    }, "cub::DeviceSelect::If");
    std::int64_t kept = 0;
    LANES_CUDA_CHECK(cudaMemcpyAsync(&kept, selected.get(), sizeof kept, cudaMemcpyDeviceToHost, ex.stream()));
    LANES_CUDA_CHECK(cudaStreamSynchronize(ex.stream()));
    return std::size_t(kept);
  }
};

// CUB's DevicePartition::If from data into a scratch copy (its trues in order at the
// front, its falses reversed at the back), then the copy back into data.
template <>
struct partitioner<cuda> {
  template <class T, class Pred>
  static std::size_t run(const cuda& ex, span<T> data, Pred pred) {
    const std::size_t n = data.size();
    cuda_scope scope(ex.device());
    cuda_scratch<T> parts(n, ex.stream());
    cuda_scratch<std::int64_t> selected(1, ex.stream());
    cub_call(ex, [&](void* temp, std::size_t& bytes) {
      return cub::DevicePartition::If(temp, bytes, data.data(), parts.get(), selected.get(), std::int64_t(n), pred,
                                      ex.stream());
    }, "cub::DevicePartition::If");
    std::int64_t trues = 0;
    LANES_CUDA_CHECK(cudaMemcpyAsync(&trues, selected.get(), sizeof trues, cudaMemcpyDeviceToHost, ex.stream()));
    LANES_CUDA_CHECK(cudaMemcpyAsync(data.data(), parts.get(), n * sizeof(T), cudaMemcpyDeviceToDevice, ex.stream()));
    LANES_CUDA_CHECK(cudaStreamSynchronize(ex.stream()));
    return std::size_t(trues);
  }
};

}  // namespace detail
}  // namespace lanes
