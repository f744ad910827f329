// The cpu backend: the executor contract on oneTBB's work-stealing scheduler.
#pragma once

#include <cstddef>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "lanes/executor.hpp"

namespace lanes::detail {

template <>
struct backend<cpu> {
  static std::size_t concurrency(const cpu& ex) {
    auto* arena = ex.arena();
    return static_cast<std::size_t>(arena ? arena->max_concurrency()
                                          : tbb::this_task_arena::max_concurrency());
  }

  template <class F>
  static void for_blocks(const cpu& ex, std::size_t blocks, F&& f) {
    if (blocks <= 1) {  // nothing to share: skip the scheduler (small n must stay cheap)
      if (blocks == 1) f(std::size_t{0});
      return;
    }
    auto run = [&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1),
                        [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t b = r.begin(); b != r.end(); ++b) f(b);
                        });
    };
    if (auto* arena = ex.arena())
      arena->execute(run);
    else
      run();
  }
};

}  // namespace lanes::detail
