// SPDX-License-Identifier: Apache-2.0
// Scans on the GPU with CUB's single-pass DeviceScan, reading and writing through the same
// load/store functors that the CPU scan uses.
#pragma once

#include <cub/device/device_scan.cuh>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/tabulate_output_iterator.h>
#include <thrust/iterator/transform_iterator.h>

#include "lanes/cuda/reduce.cuh"
#include "lanes/scan.hpp"

namespace lanes {
namespace detail {

template <class Acc, class Load>
struct load_as {
  Load load;
  LANES_HD Acc operator()(std::size_t i) const { return Acc(load(i)); }
};

template <>
struct scanner<cuda> {
  template <class Acc, class Op, class Load, class Store>
  static void run(const cuda& ex, std::size_t n, bool exclusive, bool has_init, Acc init, Op op, Load load,
                  Store store) {
    if (n == 0) return;
    cuda_scope scope(ex.device());
    auto in = thrust::make_transform_iterator(thrust::counting_iterator<std::size_t>(0), load_as<Acc, Load>{load});
    auto out = thrust::make_tabulate_output_iterator(store);
    if (exclusive || has_init)  // an inclusive scan with init is not asked for by any algorithm
      cub_call(ex, [&](void* temp, std::size_t& bytes) {
        return cub::DeviceScan::ExclusiveScan(temp, bytes, in, out, op, init, n, ex.stream());
      }, "cub::DeviceScan::ExclusiveScan");
    else
      cub_call(ex, [&](void* temp, std::size_t& bytes) {
        return cub::DeviceScan::InclusiveScan(temp, bytes, in, out, op, n, ex.stream());
      }, "cub::DeviceScan::InclusiveScan");
  }
};

}  // namespace detail
}  // namespace lanes
