// SPDX-License-Identifier: Apache-2.0
// The seq backend: the executor contract on the calling thread, blocks in order.
#pragma once

#include <cstddef>

#include "lanes/executor.hpp"

namespace lanes::detail {

template <>
struct backend<seq> {
  static std::size_t concurrency(const seq&) { return 1; }

  template <class F>
  static void for_blocks(const seq&, std::size_t blocks, F&& f) {
    for (std::size_t b = 0; b < blocks; ++b) f(b);
  }
};

}  // namespace lanes::detail
