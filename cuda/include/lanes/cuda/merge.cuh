// SPDX-License-Identifier: Apache-2.0
// merge on the GPU: lanes/merge.hpp's pieces, one per thread, smaller than the CPU's so that
// a merge of millions of items has tens of thousands of threads.
#pragma once

#include <cstddef>

#include "lanes/cuda/executor.cuh"
#include "lanes/cuda/for_each.cuh"
#include "lanes/merge.hpp"

namespace lanes::detail {

// 256 outputs a thread: 16M items make 64 Ki threads. Not measured (no GPU has run it yet);
// CUB's DeviceMerge would be the peer to measure it against.
template <>
struct merge_piece_size<cuda> {
  static std::size_t of(const cuda&, std::size_t) { return 256; }
};

}  // namespace lanes::detail
