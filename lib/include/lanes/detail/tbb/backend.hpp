// SPDX-License-Identifier: Apache-2.0
// The cpu backend: the executor contract on oneTBB's work-stealing scheduler. The scheduler
// is reached through two functions compiled into liblanes (lib/src/tbb_backend.cpp), so no
// public header parses oneTBB; a block's body is called through one pointer per block.
#pragma once

#include <cstddef>

#include "lanes/executor.hpp"

namespace lanes::detail {

// The arena's thread count, or the calling context's when arena is null.
std::size_t tbb_concurrency(const cpu_arena* arena);
// call(body, b) for every b in [0, blocks), in parallel, inside arena when it is not null.
void tbb_for_blocks(cpu_arena* arena, std::size_t blocks, void (*call)(void* body, std::size_t b), void* body);

template <>
struct backend<cpu> {
  static std::size_t concurrency(const cpu& ex) { return tbb_concurrency(ex.arena()); }

  template <class F>
  static void for_blocks(const cpu& ex, std::size_t blocks, F&& f) {
    if (blocks <= 1) {  // nothing to share: skip the scheduler (small n must stay cheap)
      if (blocks == 1) f(std::size_t{0});
      return;
    }
    auto body = [&f](std::size_t b) { f(b); };
    tbb_for_blocks(ex.arena(), blocks, [](void* p, std::size_t b) { (*static_cast<decltype(body)*>(p))(b); }, &body);
  }
};

}  // namespace lanes::detail
