// SPDX-License-Identifier: Apache-2.0
// What gather and scatter's index checks need of the GPU's memory: a bitmap there, and one
// element read back for a message.
#pragma once

#include <cstdint>

#include "lanes/cuda/reduce.cuh"
#include "lanes/permute.hpp"

namespace lanes {
namespace detail {

template <>
class bitmap<cuda> {
 public:
  bitmap(const cuda& ex, std::size_t bits) : scope_(ex.device()), words_(ceil_div(bits, 64) + 1, ex.stream()) {
    LANES_CUDA_CHECK(cudaMemsetAsync(words_.get(), 0, (ceil_div(bits, 64) + 1) * sizeof(std::uint64_t), ex.stream()));
  }
  std::uint64_t* words() { return words_.get(); }

 private:
  cuda_scope scope_;
  cuda_scratch<std::uint64_t> words_;
};

template <>
struct element_reader<cuda> {
  template <class T>
  static std::remove_cv_t<T> at(const cuda& ex, span<T> s, std::size_t i) {
    std::remove_cv_t<T> value;
    LANES_CUDA_CHECK(cudaMemcpyAsync(&value, s.data() + i, sizeof value, cudaMemcpyDeviceToHost, ex.stream()));
    LANES_CUDA_CHECK(cudaStreamSynchronize(ex.stream()));
    return value;
  }
};

}  // namespace detail
}  // namespace lanes
