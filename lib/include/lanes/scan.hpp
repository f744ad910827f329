// inclusive_scan and exclusive_scan; in place (out == in) is allowed.
//
// One pass over memory (a chained scan): workers take blocks in order from a shared
// counter; each reduces its block (which then stays in cache), waits for the prefix of the
// block before it, publishes its own prefix, and scans the block again, from cache, with
// that carry. Taking blocks in order means a block waited on is held by a running worker.
// Block sums follow the fixed order of reduce and prefixes are chained block by block, so
// the result has the same bits on every executor and thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <thread>

#include "lanes/detail/blocking.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/reduce.hpp"
#include "lanes/span.hpp"

namespace lanes {
namespace detail {

// Items per scan block: large enough to amortise the look-back, small enough to stay in
// the core's cache between the block's two reads.
inline constexpr std::size_t scan_block = 64 * 1024;

// The prefix of a block (its items and all before it, init left out), once published.
template <class Acc>
struct scan_prefix {
  std::atomic<bool> ready{false};
  Acc value{};  // written before `ready` is released
};

// Scans [0, n): store(i, op(carry, load(0..i))) (inclusive) or op(carry, load(0..i-1))
// (exclusive), where the carry is init if has_init, else nothing. A backend with kernels of
// its own (cuda) specialises scanner for its executor.
template <class Ex>
struct scanner {
  template <class Acc, class Op, class Load, class Store>
  static void run(const Ex& ex, std::size_t n, bool exclusive, bool has_init, Acc init, Op op, Load load,
                  Store store);
};

template <class Ex, class Acc, class Op, class Load, class Store>
void scan_indices(const Ex& ex, std::size_t n, bool exclusive, bool has_init, Acc init, Op op, Load load,
                  Store store) {
  scanner<Ex>::run(ex, n, exclusive, has_init, init, op, load, store);
}

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

}  // namespace detail

template <class Ex, class T, class U, class Op = std::plus<>>
void inclusive_scan(const Ex& ex, span<T> in, span<U> out, Op op = {}) {
  using Acc = std::remove_cv_t<T>;
  detail::check_data(in, "inclusive_scan", "in");
  detail::check_room(out, in.size(), "inclusive_scan", "out");
  detail::check_in_place_or_disjoint(in, out, "inclusive_scan", "in");
  detail::scan_indices(ex, in.size(), false, false, Acc{}, op, [=] LANES_HD(std::size_t i) { return in[i]; },
                       [=] LANES_HD(std::size_t i, const Acc& v) { out[i] = v; });
}

template <class Ex, class T, class U, class Acc, class Op = std::plus<>>
void exclusive_scan(const Ex& ex, span<T> in, span<U> out, Acc init, Op op = {}) {
  detail::check_data(in, "exclusive_scan", "in");
  detail::check_room(out, in.size(), "exclusive_scan", "out");
  detail::check_in_place_or_disjoint(in, out, "exclusive_scan", "in");
  detail::scan_indices(ex, in.size(), true, true, init, op, [=] LANES_HD(std::size_t i) { return in[i]; },
                       [=] LANES_HD(std::size_t i, const Acc& v) { out[i] = v; });
}

}  // namespace lanes
