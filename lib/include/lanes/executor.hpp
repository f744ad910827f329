// SPDX-License-Identifier: Apache-2.0
// Executors: where a kernel runs. An executor is a small value that owns what it needs.
// What every backend provides for an executor is listed in lanes/detail/backend.hpp.
// This header does not parse oneTBB: the cpu executor's arena lives in liblanes.
#pragma once

#include <cstddef>
#include <memory>

#include "lanes/detail/backend.hpp"
#include "lanes/error.hpp"

namespace lanes {

// One thread, in order: the reference semantics every backend must match.
struct seq {};

namespace detail {
class cpu_arena;  // a tbb::task_arena (lib/src/tbb_backend.cpp)
}

// Every CPU core through oneTBB. cpu{} shares the calling context's workers; cpu{threads}
// runs in its own tbb::task_arena of that many threads (copies share the arena).
class cpu {
 public:
  cpu() = default;
  explicit cpu(int threads);
  // The thread count asked for, or 0 for "all cores".
  int threads() const;
  detail::cpu_arena* arena() const { return arena_.get(); }

 private:
  std::shared_ptr<detail::cpu_arena> arena_;
};

}  // namespace lanes

#include "lanes/detail/seq/backend.hpp"
#include "lanes/detail/tbb/backend.hpp"
