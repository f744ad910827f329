// SPDX-License-Identifier: Apache-2.0
// How algorithms cut n items into blocks for the executor contract's for_blocks.
#pragma once

#include <algorithm>
#include <cstddef>

#include "lanes/executor.hpp"

namespace lanes::detail {

// Element-wise loops hand out blocks of at least this many items: below it a block costs
// more to schedule than to run, so small n runs inline on the calling thread.
inline constexpr std::size_t elementwise_block = 4096;

// Blocks per worker: a few, so that work stealing can even out uneven blocks.
inline constexpr std::size_t blocks_per_worker = 16;

inline std::size_t ceil_div(std::size_t a, std::size_t b) { return a / b + (a % b != 0); }

// Calls f(begin, end) for contiguous ranges covering [0, n), each at least min_block long
// (but the last), possibly in parallel.
template <class Ex, class F>
void parallel_ranges(const Ex& ex, std::size_t n, std::size_t min_block, F&& f) {
  if (n == 0) return;
  if (n <= min_block) {  // one block: no need to ask how many workers there are
    f(std::size_t{0}, n);
    return;
  }
  std::size_t wanted = backend<Ex>::concurrency(ex) * blocks_per_worker;
  std::size_t block = std::max(min_block, ceil_div(n, wanted));
  backend<Ex>::for_blocks(ex, ceil_div(n, block), [&](std::size_t b) {
    std::size_t begin = b * block;
    f(begin, std::min(n, begin + block));
  });
}

}  // namespace lanes::detail
