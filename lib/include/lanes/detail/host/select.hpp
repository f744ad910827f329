// SPDX-License-Identifier: Apache-2.0
// Selections (copy_if, unique, partitions) on the CPU backends: every block counts what it keeps, the counts' prefix sums
// give each block where it writes, and every block copies.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/span.hpp"

namespace lanes::detail {

template <class Ex>
struct selector {
  template <class U, class Keep, class Value>
  static std::size_t run(const Ex& ex, std::size_t n, span<U> out, std::size_t at, Keep keep, Value value,
                         const char* algorithm) {
    constexpr std::size_t block = elementwise_block;
    std::vector<std::size_t> offsets(ceil_div(n, block) + 1, 0);
    offsets[0] = at;
    auto for_each_block = [&](auto body) {
      backend<Ex>::for_blocks(ex, offsets.size() - 1, [&](std::size_t b) {
        body(b, b * block, std::min(n, (b + 1) * block));
      });
    };
    for_each_block([&](std::size_t b, std::size_t begin, std::size_t end) {
      std::size_t kept = 0;
      for (std::size_t i = begin; i < end; ++i) kept += keep(i) ? 1 : 0;
      offsets[b + 1] = kept;
    });
    for (std::size_t b = 1; b < offsets.size(); ++b) offsets[b] += offsets[b - 1];
    check_kept(out, offsets.back(), algorithm);  // at + what is kept
    // Every item is written and the next one kept overwrites it: no branch on keep, which
    // random patterns mispredict half the time. The writes stay inside the block's own part
    // of out: the loop ends once that part is full.
    for_each_block([&](std::size_t b, std::size_t begin, std::size_t end) {
      std::size_t to = offsets[b];
      const std::size_t stop = offsets[b + 1];
      for (std::size_t i = begin; i < end && to < stop; ++i) {
        out[to] = value(i);
        to += keep(i) ? 1 : 0;
      }
    });
    return offsets.back() - at;
  }
};

}  // namespace lanes::detail
