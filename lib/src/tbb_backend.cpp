// SPDX-License-Identifier: Apache-2.0
// The cpu executor's use of oneTBB, kept out of the public headers.
#include <memory>
#include <mutex>

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
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

namespace {
// cpu:N runs N threads even past the core count, as asked. oneTBB caps its workers at the
// core count and says so on stderr; a process-wide limit raised to the largest N asked for
// (a lock only here, never around compute) lifts the cap, and the library stays silent.
void allow_threads(int threads) {
  static std::mutex mutex;
  static std::unique_ptr<tbb::global_control> limit;
  std::lock_guard<std::mutex> lock(mutex);
  auto wanted = static_cast<std::size_t>(threads);
  if (wanted <= tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism)) return;
  limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, wanted);
}
}  // namespace

cpu::cpu(int threads) {
  if (threads < 1) detail::fail("cpu: threads must be at least 1, got ", threads);
  allow_threads(threads);
  arena_ = std::make_shared<detail::cpu_arena>(threads);
}

int cpu::threads() const { return arena_ ? arena_->max_concurrency() : 0; }

}  // namespace lanes
