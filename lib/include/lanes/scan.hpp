// inclusive_scan and exclusive_scan; in place (out == in) is allowed.
//
// One pass over memory (a chained scan with look-back): workers take blocks in order from a
// shared counter; each reduces its block (which stays in cache), publishes the block's sum,
// then walks back over its predecessors, adding published sums until it meets a published
// prefix; it publishes its own prefix and scans the block again, from cache, with that
// carry. Memory is read once and written once, with one parallel step in all. Taking
// blocks in order means every block waited on is held by a running worker.
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

// What a block has published for its successors.
template <class Acc>
struct scan_status {
  enum : int { none, sum, prefix };
  std::atomic<int> state{none};
  Acc value{};  // written before `state` is released
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
  std::size_t workers = backend<Ex>::concurrency(ex);
  std::size_t blocks = ceil_div(n, scan_block);
  if (workers == 1 || blocks == 1) return scan_range(0, n, has_init, init);

  auto status = std::make_unique<scan_status<Acc>[]>(blocks);
  std::atomic<std::size_t> next_block{0};
  std::atomic<bool> failed{false};
  auto scan_block_with_lookback = [&](std::size_t b) {
    std::size_t begin = b * scan_block, end = std::min(n, begin + scan_block);
    Acc sum = reduce_one_block<Acc>(begin, end, op, load);
    status[b].value = sum;
    status[b].state.store(b == 0 ? scan_status<Acc>::prefix : scan_status<Acc>::sum, std::memory_order_release);
    if (b == 0) return scan_range(begin, end, has_init, init);
    // The combined items of blocks p .. b-1, until p reaches a block with a prefix.
    Acc prefix{};
    for (std::size_t p = b; p-- > 0;) {
      int state;
      while ((state = status[p].state.load(std::memory_order_acquire)) == scan_status<Acc>::none) {
        if (failed.load(std::memory_order_relaxed)) return;
        std::this_thread::yield();
      }
      prefix = p + 1 == b ? status[p].value : op(status[p].value, prefix);
      if (state == scan_status<Acc>::prefix) break;
    }
    status[b].value = op(prefix, sum);  // prefixes leave init out: it is added once, below
    status[b].state.store(scan_status<Acc>::prefix, std::memory_order_release);
    scan_range(begin, end, true, has_init ? op(init, prefix) : prefix);
  };
  backend<Ex>::for_blocks(ex, std::min(workers, blocks), [&](std::size_t) {
    try {
      for (std::size_t b; (b = next_block.fetch_add(1)) < blocks;) scan_block_with_lookback(b);
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
