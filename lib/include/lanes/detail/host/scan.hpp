// SPDX-License-Identifier: Apache-2.0
// scan on the CPU backends, in one pass over memory (a chained scan): workers take blocks
// in order from a shared counter; each reduces its block (which then stays in cache), waits for the prefix of the
// block before it, publishes its own prefix, and scans the block again, from cache, with
// that carry. Taking blocks in order means a block waited on is held by a running worker.
// Block sums follow the fixed order of reduce and prefixes are chained block by block, so
// the result has the same bits on every executor and thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <thread>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"
#include "lanes/detail/host/reduce.hpp"

namespace lanes::detail {

// Items per scan block: large enough to amortise the look-back, small enough to stay in
// the core's cache between the block's two reads.
inline constexpr std::size_t scan_block = 64 * 1024;

// The prefix of a block (its items and all before it, init left out), once published.
template <class Acc>
struct scan_prefix {
  std::atomic<bool> ready{false};
  Acc value{};  // written before `ready` is released
};

template <class Ex>
struct scanner {
  template <class Acc, class Op, class Load, class Store>
  static void run(const Ex& ex, std::size_t n, bool exclusive, bool has_init, Acc init, Op op, Load load,
                  Store store);
};

template <class Ex>
template <class Acc, class Op, class Load, class Store>
void scanner<Ex>::run(const Ex& ex, std::size_t n, bool exclusive, bool has_init, Acc init, Op op, Load load,
                      Store store) {
  if (n == 0) return;
  // Scans [begin, end) after `running` (none yet if !running_set).
  auto scan_range = [&](std::size_t begin, std::size_t end, bool running_set, Acc running) {
    if (!running_set) {  // an inclusive scan's first item starts the sum
      running = Acc(load(begin));
      store(begin++, running);
    }
    if (exclusive) {
      for (std::size_t i = begin; i < end; ++i) {
        Acc item = Acc(load(i));
        store(i, running);
        running = op(running, item);
      }
    } else {
      for (std::size_t i = begin; i < end; ++i) {
        running = op(running, Acc(load(i)));
        store(i, running);
      }
    }
  };
  std::size_t blocks = ceil_div(n, scan_block);
  if (blocks == 1) return scan_range(0, n, has_init, init);

  auto prefixes = std::make_unique<scan_prefix<Acc>[]>(blocks);
  std::atomic<std::size_t> next_block{0};
  std::atomic<bool> failed{false};
  auto scan_one_block = [&](std::size_t b) {
    std::size_t begin = b * scan_block, end = std::min(n, begin + scan_block);
    Acc sum = reduce_one_block<Acc>(begin, end, op, load);
    if (b == 0) {
      prefixes[0].value = sum;
      prefixes[0].ready.store(true, std::memory_order_release);
      return scan_range(begin, end, has_init, init);
    }
    while (!prefixes[b - 1].ready.load(std::memory_order_acquire)) {
      if (failed.load(std::memory_order_relaxed)) return;
      std::this_thread::yield();
    }
    Acc before = prefixes[b - 1].value;
    prefixes[b].value = op(before, sum);
    prefixes[b].ready.store(true, std::memory_order_release);
    scan_range(begin, end, true, has_init ? op(init, before) : before);
  };
  backend<Ex>::for_blocks(ex, std::min(backend<Ex>::concurrency(ex), blocks), [&](std::size_t) {
    try {
      for (std::size_t b; (b = next_block.fetch_add(1)) < blocks;) scan_one_block(b);
    } catch (...) {
      failed = true;  // no one waits forever for a block that will not come
      throw;
    }
  });
}

}  // namespace lanes::detail
