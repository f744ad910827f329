// Executors: where a kernel runs. An executor is a small value that owns what it needs.
//
// The executor contract. Each backend specialises lanes::detail::backend<Executor> with
//   static std::size_t concurrency(const Executor&);
//       how many workers may run at once (1 for seq);
//   template <class F> static void for_blocks(const Executor&, std::size_t blocks, F&& f);
//       calls f(b) once for every b in [0, blocks), possibly in parallel, and returns when
//       all calls are done; an exception thrown by f reaches the caller.
// Every algorithm (for_each_index, reduce, scan, copy_if, ...) is written once on top of
// these two. The CUDA backend, which cannot run host lambdas, provides its own algorithms.
#pragma once

#include <cstddef>
#include <memory>

#include <tbb/task_arena.h>

#include "lanes/error.hpp"

namespace lanes {

// One thread, in order: the reference semantics every backend must match.
struct seq {};

// Every CPU core through oneTBB. cpu{} shares the calling context's workers; cpu{threads}
// runs in its own tbb::task_arena of that many threads (copies share the arena).
class cpu {
 public:
  cpu() = default;
  explicit cpu(int threads) {
    if (threads < 1) detail::fail("cpu: threads must be at least 1, got ", threads);
    arena_ = std::make_shared<tbb::task_arena>(threads);
  }
  // The thread count asked for, or 0 for "all cores".
  int threads() const { return arena_ ? arena_->max_concurrency() : 0; }
  tbb::task_arena* arena() const { return arena_.get(); }

 private:
  std::shared_ptr<tbb::task_arena> arena_;
};

namespace detail {
template <class Executor>
struct backend;  // specialised by each backend, see the contract above
}  // namespace detail

}  // namespace lanes

#include "lanes/detail/seq/backend.hpp"
#include "lanes/detail/tbb/backend.hpp"
