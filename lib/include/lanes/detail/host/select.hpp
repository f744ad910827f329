// SPDX-License-Identifier: Apache-2.0
// Selections (copy_if, unique, partitions) on the CPU backends, in one chained pass over
// memory (host/scan.hpp): each block counts what it keeps, learns from the block before it
// where its part of out begins, and copies what it keeps from cache. Then partition in
// place: each block partitioned alone, then the falses left before the split swapped with
// the trues left after it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"
#include "lanes/detail/host/compress.hpp"
#include "lanes/detail/host/scan.hpp"
#include "lanes/span.hpp"

namespace lanes::detail {

// The items a selection does not keep (a partition's falses).
template <class Keep>
struct not_kept {
  Keep keep;
  LANES_HD bool operator()(std::size_t i) const { return !keep(i); }
};

// Whether a selection's copy pass can move whole vectors (host/compress.hpp): its value is
// an item of a span (load_items, host/reduce.hpp), copied as it is and compressible.
template <class Value, class U>
inline constexpr bool compresses = false;
template <class T, class U>
inline constexpr bool compresses<load_items<T>, U> = std::is_same_v<std::remove_cv_t<T>, U> && compressible<U>;

// value(i) to out[to] on for the i from i to end where keep(i), until out[stop]; returns the
// new to. Every item is written and the next one kept overwrites it: no branch on keep, which
// random patterns mispredict half the time (with a second cursor, for a partition's falses,
// GCC made a branch of the two updates: 16M random keys partitioned in 60 ms, not 16, on one
// core).
template <class Keep, class Value, class U>
std::size_t copy_kept(std::size_t i, std::size_t end, const Keep& keep, const Value& value, U* out, std::size_t to,
                      std::size_t stop) {
  for (; i < end && to < stop; ++i) {
    out[to] = value(i);
    to += keep(i) ? 1 : 0;
  }
  return to;
}

// The items from i to end split: value(i) where keep(i) to out[to] on, until out[stop]; the
// others, where `others` is given, to its items. Whole vectors first where the value
// compresses (host/compress.hpp: both parts from one mask), then item by item, the others
// first: kept items moving up in place (out == value.items) then overwrite nothing still to
// be read. Returns the new to.
template <class U, class Keep, class Value>
std::size_t copy_split(std::size_t i, std::size_t end, const Keep& keep, const Value& value, U* out, std::size_t to,
                       std::size_t stop, compress_rest<U>* others) {
  if constexpr (compresses<Value, U>) to = compress_items(value.items, i, end, keep, out, to, stop, others);
  if (others) copy_kept(i, end, not_kept<Keep>{keep}, value, others->items, others->to, others->stop);
  return copy_kept(i, end, keep, value, out, to, stop);
}

// How many of the items from i to end keep selects: whole vectors, then the rest one by one.
template <class Keep>
std::size_t count_kept(std::size_t i, std::size_t end, const Keep& keep) {
  std::size_t kept = count_items(i, end, keep);
  for (; i < end; ++i) kept += keep(i) ? 1 : 0;
  return kept;
}

// Block [begin, end) of a selection: how many it keeps (its first pass), then its items
// split from out[to] on (its second). The writes stay inside the block's own parts:
// out[to, to + kept), and of rest as many from the others before the block on.
template <class U, class Keep, class Value>
struct select_block {
  std::size_t begin, end, kept;
  const Keep& keep;
  const Value& value;
  span<U> out, rest;
  std::size_t at;  // out's part begins at out[at]
  std::size_t reduce() { return kept = count_kept(begin, end, keep); }
  void finish(std::size_t to) {
    const std::size_t others_before = begin - (to - at);
    compress_rest<U> others{rest.data(), others_before, others_before + (end - begin - kept)};
    copy_split(begin, end, keep, value, out.data(), to, to + kept, rest.data() != nullptr ? &others : nullptr);
  }
};

// Block b of a selection of n items (blocks of chained_block).
template <class U, class Keep, class Value>
select_block<U, Keep, Value> select_block_at(std::size_t b, std::size_t n, const Keep& keep, const Value& value,
                                             span<U> out, span<U> rest, std::size_t at) {
  const std::size_t begin = b * chained_block;
  return {begin, std::min(n, begin + chained_block), 0, keep, value, out, rest, at};
}

template <class Ex>
struct selector {
  // value(i) for every i in [0, n) where keep(i), in order, to out[at] on; where rest has
  // data, value(i) for the others to rest[0] on; returns how many kept. out and rest have
  // room for them (lanes/select.hpp checks).
  template <class U, class Keep, class Value>
  static std::size_t run(const Ex& ex, std::size_t n, span<U> out, std::size_t at, Keep keep, Value value,
                         span<U> rest) {
    chained_pass<std::size_t> pass(ceil_div(n, chained_block));
    return pass.run(ex, at, std::plus<>{},
                    [&](std::size_t b) { return select_block_at(b, n, keep, value, out, rest, at); });
  }

  // value(i) for every i in [0, n) where keep(i), in order, to out[0] on, then the others, in
  // order, after them; returns how many kept. out has room for n. Where the others begin is
  // known once all are counted: every block counts, then every block splits from memory.
  // (Two selections, each a chained pass, counted and compressed every item twice: 16M
  // uint32 split by parity 11.6 -> 7.9 ms on 2 Zen 3 cores, 15.6-17.6 -> 11.2-12.3 on one.)
  template <class U, class Keep, class Value>
  static std::size_t split(const Ex& ex, std::size_t n, span<U> out, Keep keep, Value value) {
    const std::size_t blocks = ceil_div(n, chained_block);
    std::vector<std::size_t> kept(blocks);  // each block's, then those before it; made before anything is stored
    backend<Ex>::for_blocks(ex, blocks,
                            [&](std::size_t b) { kept[b] = select_block_at(b, n, keep, value, out, {}, 0).reduce(); });
    std::size_t total = 0;
    for (std::size_t& k : kept) total += std::exchange(k, total);
    const span<U> others = out.subspan(total, n - total);
    backend<Ex>::for_blocks(ex, blocks, [&](std::size_t b) {
      auto block = select_block_at(b, n, keep, value, out, others, 0);
      block.kept = (b + 1 < blocks ? kept[b + 1] : total) - kept[b];
      block.finish(kept[b]);
    });
    return total;
  }
};

// Partitions in[0, length) stably: the items where keep holds to the front of in, the others
// to the front of rest (length items); returns how many kept.
template <class T, class Keep>
std::size_t split_items(T* in, std::size_t length, const Keep& keep, T* rest) {
  compress_rest<T> others{rest, 0, length};
  return copy_split(0, length, keep, load_items<T>{in}, in, 0, length, &others);
}

// Items per block of an in-place partition: its falses wait in a buffer this long.
inline constexpr std::size_t partition_block = 16 * 1024;

// Stretches [at, at + length) of a span, in order, and the k-th item of all of them together.
class stretches {
 public:
  void add(std::size_t at, std::size_t length) {
    if (length == 0) return;
    at_.push_back(at);
    before_.push_back(total_);
    total_ += length;
  }
  std::size_t total() const { return total_; }
  // The stretch holding the k-th item (k < total()).
  std::size_t stretch_of(std::size_t k) const {
    return std::size_t(std::upper_bound(before_.begin(), before_.end(), k) - before_.begin()) - 1;
  }
  std::size_t at(std::size_t s) const { return at_[s]; }
  std::size_t before(std::size_t s) const { return before_[s]; }
  std::size_t end_of(std::size_t s) const { return s + 1 < before_.size() ? before_[s + 1] : total_; }

 private:
  std::vector<std::size_t> at_, before_;  // where each stretch begins; the items of those before it
  std::size_t total_ = 0;
};

template <class Ex>
struct partitioner {
  // data's items where pred holds to its front, in place; returns how many. Block b's
  // bounds are fixed, so the order within each part is the same on every CPU executor.
  template <class T, class Pred>
  static std::size_t run(const Ex& ex, span<T> data, Pred pred) {
    using V = std::remove_cv_t<T>;
    const std::size_t n = data.size(), blocks = ceil_div(n, partition_block);
    std::vector<std::size_t> trues(blocks);
    // Each block alone, stably: its trues moved up in place (a write never passes the read)
    // as its falses are copied to a buffer, then the falses after the trues.
    backend<Ex>::for_blocks(ex, blocks, [&](std::size_t b) {
      const std::size_t begin = b * partition_block, length = std::min(n, begin + partition_block) - begin;
      V* items = data.data() + begin;
      const std::unique_ptr<V[]> falses(new V[length]);  // not zeroed first
      trues[b] = split_items(items, length, [&](std::size_t j) { return bool(pred(items[j])); }, falses.get());
      std::copy(falses.get(), falses.get() + (length - trues[b]), items + trues[b]);
    });
    std::size_t split = 0;
    for (std::size_t t : trues) split += t;
    // The falses before the split and the trues from it on are equally many: the k-th of
    // one swaps with the k-th of the other.
    stretches early_falses, late_trues;
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::size_t begin = b * partition_block, end = std::min(n, begin + partition_block);
      const std::size_t first_false = begin + trues[b];
      if (first_false < split) early_falses.add(first_false, std::min(end, split) - first_false);
      if (first_false > split) late_trues.add(std::max(begin, split), first_false - std::max(begin, split));
    }
    const std::size_t swaps = early_falses.total();
    backend<Ex>::for_blocks(ex, ceil_div(swaps, partition_block), [&](std::size_t c) {
      std::size_t k = c * partition_block;
      const std::size_t last = std::min(swaps, k + partition_block);
      std::size_t f = early_falses.stretch_of(k), t = late_trues.stretch_of(k);
      while (k < last) {
        const std::size_t length =
            std::min({last, early_falses.end_of(f), late_trues.end_of(t)}) - k;
        V* a = data.data() + early_falses.at(f) + (k - early_falses.before(f));
        V* z = data.data() + late_trues.at(t) + (k - late_trues.before(t));
        std::swap_ranges(a, a + length, z);
        k += length;
        if (k == early_falses.end_of(f)) ++f;
        if (k == late_trues.end_of(t)) ++t;
      }
    });
    return split;
  }
};

}  // namespace lanes::detail
