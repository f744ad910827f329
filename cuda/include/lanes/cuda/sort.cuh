// SPDX-License-Identifier: Apache-2.0
// Sorts on the GPU with CUB's DeviceRadixSort (stable), on the same unsigned images of the
// keys as the CPU sort (detail/radix_key.hpp), so floats come out in the same order: -0.0
// before +0.0, every NaN last. CUB sorts (image, position) pairs; the keys and values are
// then gathered by position. The comparator sort is CUB's stable DeviceMergeSort; the
// comparator runs on the GPU (a LANES_HD lambda or a functor with a __device__ operator()).
#pragma once

#include <cstdint>

#include <cub/device/device_merge_sort.cuh>
#include <cub/device/device_radix_sort.cuh>

#include "lanes/cuda/for_each.cuh"
#include "lanes/cuda/scan.cuh"
#include "lanes/sort.hpp"

namespace lanes {
namespace detail {

// data = data[order] through scratch.
template <class T>
void cuda_permute(const cuda& ex, T* data, const std::uint32_t* order, std::size_t n) {
  cuda_scratch<T> moved(n, ex.stream());
  T* m = moved.get();
  for_each_index(ex, n, [=] LANES_HD(std::size_t i) { m[i] = data[order[i]]; });
  LANES_CUDA_CHECK(cudaMemcpyAsync(data, m, n * sizeof(T), cudaMemcpyDeviceToDevice, ex.stream()));
}

template <>
struct radix_sorter<cuda> {
  template <class K, class V>
  static void run(const cuda& ex, K* keys, V* values, std::size_t n) {
    if (n < 2) return;
    if (n > std::size_t(UINT32_MAX)) fail("sort: ", n, " keys are more than the GPU sort takes (2^32 - 1)");
    using U = radix_bits_t<K>;
    cuda_scope scope(ex.device());
    cuda_scratch<U> bits(n, ex.stream()), sorted_bits(n, ex.stream());
    cuda_scratch<std::uint32_t> position(n, ex.stream()), order(n, ex.stream());
    U* b = bits.get();
    std::uint32_t* p = position.get();
    for_each_index(ex, n, [=] LANES_HD(std::size_t i) {
      b[i] = radix_bits(keys[i]);
      p[i] = std::uint32_t(i);
    });
    cub_call(ex, [&](void* temp, std::size_t& bytes) {
      return cub::DeviceRadixSort::SortPairs(temp, bytes, bits.get(), sorted_bits.get(), position.get(), order.get(),
                                             n, 0, int(8 * sizeof(U)), ex.stream());
    }, "cub::DeviceRadixSort::SortPairs");
    cuda_permute(ex, keys, order.get(), n);
    if constexpr (!std::is_void_v<V>) cuda_permute(ex, values, order.get(), n);
  }
};

template <>
struct merge_sorter<cuda> {
  template <class T, class Comp>
  static void run(const cuda& ex, T* data, std::size_t n, Comp comp) {
    if (n < 2) return;
    cuda_scope scope(ex.device());
    cub_call(ex, [&](void* temp, std::size_t& bytes) {
      return cub::DeviceMergeSort::StableSortKeys(temp, bytes, data, std::int64_t(n), comp, ex.stream());
    }, "cub::DeviceMergeSort::StableSortKeys");
  }
};

}  // namespace detail
}  // namespace lanes
