// SPDX-License-Identifier: Apache-2.0
// The cpu executor's use of oneTBB, kept out of the public headers.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "lanes/executor.hpp"

namespace lanes {
namespace detail {

class cpu_arena : public tbb::task_arena {
 public:
  using tbb::task_arena::task_arena;
};

std::size_t tbb_concurrency(const cpu_arena* arena) {
  return static_cast<std::size_t>(arena ? arena->max_concurrency()
                                        : tbb::this_task_arena::max_concurrency());
}

void tbb_for_blocks(cpu_arena* arena, std::size_t blocks, void (*call)(void*, std::size_t), void* body) {
  if (arena && arena->max_concurrency() == 1) {  // cpu:1: the calling thread alone, no scheduler
    for (std::size_t b = 0; b < blocks; ++b) call(body, b);
    return;
  }
  auto run = [&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t b = r.begin(); b != r.end(); ++b) call(body, b);
    });
  };
  if (arena)
    arena->execute(run);
  else
    run();
}

}  // namespace detail

cpu::cpu(int threads) {
  if (threads < 1) detail::fail("cpu: threads must be at least 1, got ", threads);
  arena_ = std::make_shared<detail::cpu_arena>(threads);
}

int cpu::threads() const { return arena_ ? arena_->max_concurrency() : 0; }

}  // namespace lanes
