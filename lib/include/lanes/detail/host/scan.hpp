// SPDX-License-Identifier: Apache-2.0
// scan on the CPU backends, in one pass over memory (a chained scan): workers take blocks
// in order from a shared counter; each reduces its block's segments (which then stay in
// cache), waits for the prefix of the block before it, publishes its own prefix, and scans
// the block again, from cache, its segments side by side. Taking blocks in order means a
// block waited on is held by a running worker. Everything is combined in the items' order
// (op need only be associative), segments and blocks at fixed bounds, so the result has the
// same bits on every executor and thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <thread>
#include <utility>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"
#include "lanes/detail/host/reduce.hpp"

namespace lanes::detail {

// Items per scan block: large enough to amortise the look-back, small enough to stay in
// the core's cache between the block's two reads.
inline constexpr std::size_t scan_block = 64 * 1024;

// A block scans as this many segments side by side, each from its own carry: one running
// sum waits an op's latency per item (3-4 cycles for a float add); independent ones do not
// wait on each other. Blocks shorter than scan_segments * scan_segment_min scan as one.
inline constexpr std::size_t scan_segments = 8;
inline constexpr std::size_t scan_segment_min = 64;

// The prefix of a block (its items and all before it, the carry in left out), once published.
template <class Acc>
struct scan_prefix {
  std::atomic<bool> ready{false};
  Acc value{};  // written before `ready` is released
};

// One block [begin, end) of a scan: its segments' sums (the first pass, from memory), then
// its items from a carry (the second pass, from cache). The segments, and so the bits, depend
// only on the block's bounds.
template <class Acc, class Op, class Load, class Store>
struct scan_block_pass {
  static constexpr std::size_t S = scan_segments;
  std::size_t begin, end;
  Acc sums[S];  // sums[s]: segment s's items; with one segment only sums[0] is used

  std::size_t segments() const { return end - begin >= S * scan_segment_min ? S : 1; }
  // The last segment has the rest too. Segments 13 items short of an even split: with a
  // power-of-two length their items fell 4 KiB apart, and each store held up the next
  // segment's load as if it went to the same place (0.75 ns an item in cache, not 0.34).
  std::size_t segment_length() const {
    const std::size_t count = segments();
    return count == 1 ? end - begin : (end - begin) / count - 13;
  }

  // First pass: each segment's sum, in order (op need not commute), the segments folded
  // side by side; returns the block's (op over the segments in order).
  Acc reduce(Op& op, Load& load) {
    const std::size_t count = segments(), length = segment_length();
    if (count == 1) return sums[0] = fold_chain(begin + 1, end, Acc(load(begin)), op, load);
    for (std::size_t s = 0; s < S; ++s) sums[s] = Acc(load(begin + s * length));
    std::size_t i = begin + 1;
    auto step = [&](std::size_t s) { sums[s] = op(sums[s], Acc(load(i + s * length))); };
    for (; i < begin + length; ++i) each_of(step, std::make_index_sequence<S>{});
    sums[S - 1] = fold_chain(begin + S * length, end, sums[S - 1], op, load);  // the last's rest
    Acc total = sums[0];
    for (std::size_t s = 1; s < S; ++s) total = op(total, sums[s]);
    return total;
  }

  // Second pass: store(i, op(carry, items before i [and i itself if !exclusive])).
  void scan(Acc carry, bool exclusive, Op& op, Load& load, Store& store) const {
    if (segments() == 1) return scan_chain(begin, end, carry, exclusive, op, load, store);
    const std::size_t length = segment_length();
    Acc running[S];
    running[0] = carry;
    for (std::size_t s = 1; s < S; ++s) running[s] = op(running[s - 1], sums[s - 1]);
    std::size_t i = begin;
    // Item j of every segment, the segments' steps written out so each sum stays in a register.
    auto step = [&](std::size_t s) {
      const std::size_t at = i + s * length;
      Acc item = Acc(load(at));
      if (exclusive) store(at, running[s]);
      running[s] = op(running[s], item);
      if (!exclusive) store(at, running[s]);
    };
    for (; i < begin + length; ++i) each_of(step, std::make_index_sequence<S>{});
    scan_chain(begin + S * length, end, running[S - 1], exclusive, op, load, store);  // the last's rest
  }

  static Acc fold_chain(std::size_t first, std::size_t last, Acc running, Op& op, Load& load) {
    for (std::size_t i = first; i < last; ++i) running = op(running, Acc(load(i)));
    return running;
  }

  static void scan_chain(std::size_t first, std::size_t last, Acc running, bool exclusive, Op& op, Load& load,
                         Store& store) {
    for (std::size_t i = first; i < last; ++i) {
      Acc item = Acc(load(i));
      if (exclusive) store(i, running);
      running = op(running, item);
      if (!exclusive) store(i, running);
    }
  }
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
  const std::size_t first = has_init ? 0 : 1;  // without init, item 0 is the carry of the rest
  const std::size_t blocks = ceil_div(n - first, scan_block);
  // Allocated before anything is stored: running out of memory changes nothing.
  auto prefixes = blocks > 1 ? std::make_unique<scan_prefix<Acc>[]>(blocks) : nullptr;
  if (!has_init) {
    init = Acc(load(0));
    store(0, init);
  }
  using block_pass = scan_block_pass<Acc, Op, Load, Store>;
  auto block_at = [&](std::size_t b) {
    std::size_t begin = first + b * scan_block;
    return block_pass{begin, std::min(n, begin + scan_block), {}};
  };
  if (blocks == 0) return;
  if (blocks == 1) {
    block_pass only = block_at(0);
    only.reduce(op, load);
    return only.scan(init, exclusive, op, load, store);
  }

  std::atomic<std::size_t> next_block{0};
  std::atomic<bool> failed{false};
  auto scan_one_block = [&](std::size_t b) {
    block_pass pass = block_at(b);
    Acc prefix = pass.reduce(op, load), carry = init;
    if (b > 0) {
      while (!prefixes[b - 1].ready.load(std::memory_order_acquire)) {
        if (failed.load(std::memory_order_relaxed)) return;
        std::this_thread::yield();
      }
      const Acc before = prefixes[b - 1].value;
      prefix = op(before, prefix);
      carry = op(init, before);
    }
    prefixes[b].value = prefix;
    prefixes[b].ready.store(true, std::memory_order_release);
    pass.scan(carry, exclusive, op, load, store);
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
