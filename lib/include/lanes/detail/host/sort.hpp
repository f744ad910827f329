// SPDX-License-Identifier: Apache-2.0
// sort on the CPU backends: a radix sort for arithmetic keys, a merge sort for comparators.
//
// Stable parallel radix sort, 8-bit digits, for arithmetic keys and optional values.
//
// Large inputs: one read counts every digit, which finds the highest digit that is not the
// same for all keys. A parallel counting sort on that digit (MSD) splits the items into 256
// buckets; each bucket small enough to stay in cache is finished by LSD passes over the
// lower digits on one worker (such buckets run in parallel), and larger ones are split
// again the same way. Every pass skips a digit that all its keys share, and every pass is
// stable, so the whole sort is.
//
// Stable parallel merge sort for any strict weak order: chunks sorted in parallel with
// std::stable_sort, then rounds of pairwise merges, each merge cut into pieces by merge-path
// search so that even the last round keeps every worker busy.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include "lanes/array.hpp"
#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"
#include "lanes/detail/radix_key.hpp"

namespace lanes::detail {

inline constexpr std::size_t radix_digits = 256;
// Fewest items worth a chunk (a worker's share of a pass) of their own.
inline constexpr std::size_t radix_min_chunk = 1 << 15;
// Buckets up to this many items are finished by one worker, in its cache.
inline constexpr std::size_t radix_cache_items = 1 << 17;

// Chunks of a pass over n items: one per worker, but none under radix_min_chunk items.
template <class Ex>
std::size_t radix_chunks(const Ex& ex, std::size_t n) {
  return std::max<std::size_t>(1, std::min(backend<Ex>::concurrency(ex), n / radix_min_chunk));
}

using digit_counts = std::array<std::size_t, radix_digits>;

template <class Key>
unsigned digit_of(Key key, unsigned digit) {
  return unsigned(radix_bits(key) >> (8 * digit)) & 0xFF;
}

// Keys and, unless V is void, values that move with them.
template <class K, class V>
struct radix_items {
  K* keys;
  V* values;
  radix_items at(std::size_t offset) const {
    if constexpr (std::is_void_v<V>)
      return {keys + offset, nullptr};
    else
      return {keys + offset, values + offset};
  }
  void move(std::size_t from, const radix_items& to, std::size_t where) const {
    to.keys[where] = keys[from];
    if constexpr (!std::is_void_v<V>) to.values[where] = values[from];
  }
  void copy_to(const radix_items& to, std::size_t n) const {
    copy_bytes(to.keys, keys, n * sizeof(K));
    if constexpr (!std::is_void_v<V>) copy_bytes(to.values, values, n * sizeof(V));
  }
};

// Per-chunk counts of each digit: the one workspace of a sort's passes, made before the
// sort writes anything, so that no allocation can fail once items have moved (a sort that
// runs out of memory leaves the keys as they were).
struct digit_table {
  digit_counts* data;
  std::size_t chunks;
  unsigned digits;
  digit_counts& operator()(std::size_t c, unsigned d) const { return data[c * digits + d]; }
};

// The counts of digits [first, last) of keys[0, n) in each chunk, from one read.
template <class Ex, class K>
void count_digits(const Ex& ex, const K* keys, std::size_t n, const digit_table& table, unsigned first,
                  unsigned last) {
  std::size_t chunk = ceil_div(n, table.chunks);
  backend<Ex>::for_blocks(ex, table.chunks, [&](std::size_t c) {
    for (unsigned d = first; d < last; ++d) table(c, d) = digit_counts{};
    for (std::size_t i = c * chunk, end = std::min(n, (c + 1) * chunk); i < end; ++i) {
      auto bits = radix_bits(keys[i]);
      for (unsigned d = first; d < last; ++d) ++table(c, d)[unsigned(bits >> (8 * d)) & 0xFF];
    }
  });
}

// Whether one value of digit d holds all n keys.
inline bool digit_is_constant(const digit_table& table, unsigned d, std::size_t n) {
  for (unsigned v = 0; v < radix_digits; ++v) {
    std::size_t total = 0;
    for (std::size_t c = 0; c < table.chunks; ++c) total += table(c, d)[v];
    if (total == n) return true;
    if (total != 0) return false;
  }
  return false;
}

// One stable counting-sort pass on digit d from `from` to `to`, each chunk scattering its
// items in order; the table's counts of d become first output positions (consumed).
template <class Ex, class K, class V>
void scatter_pass(const Ex& ex, const radix_items<K, V>& from, const radix_items<K, V>& to, std::size_t n,
                  const digit_table& table, unsigned d) {
  std::size_t chunks = table.chunks, chunk = ceil_div(n, chunks), at = 0;
  for (unsigned v = 0; v < radix_digits; ++v)
    for (std::size_t c = 0; c < chunks; ++c) at += std::exchange(table(c, d)[v], at);
  backend<Ex>::for_blocks(ex, chunks, [&](std::size_t c) {
    digit_counts next = table(c, d);  // a local copy: stores to items cannot alias it
    radix_items<K, V> src = from, dst = to;
    for (std::size_t i = c * chunk, end = std::min(n, (c + 1) * chunk); i < end; ++i)
      src.move(i, dst, next[digit_of(src.keys[i], d)]++);
  });
}

// Stable LSD sort of a[0, n) on the table's digits, with b as scratch. Returns whether the
// result ended in b (an odd number of passes ran) rather than in a.
template <class Ex, class K, class V>
bool lsd_sort(const Ex& ex, radix_items<K, V> a, radix_items<K, V> b, std::size_t n, const digit_table& table) {
  if (n < 2 || table.digits == 0) return false;
  count_digits(ex, a.keys, n, table, 0, table.digits);
  unsigned constant = 0;  // digits every key shares: the items' order does not change that
  for (unsigned d = 0; d < table.digits; ++d) constant |= unsigned(digit_is_constant(table, d, n)) << d;
  radix_items<K, V> src = a, dst = b;
  bool moved = false;  // once items have moved, the first counts no longer describe the chunks
  for (unsigned d = 0; d < table.digits; ++d) {
    if (constant >> d & 1) continue;
    if (moved) count_digits(ex, src.keys, n, table, d, d + 1);
    scatter_pass(ex, src, dst, n, table, d);
    std::swap(src, dst);
    moved = true;
  }
  return src.keys != a.keys;
}

// Chunks times digits counts: the workspace of radix_sort_in(ex, ..., n, digits, ...).
template <class Ex>
std::size_t digit_table_size(const Ex& ex, std::size_t n, unsigned digits) {
  return radix_chunks(ex, n) * digits;
}

// Sorts data[0, n) on digits [0, digits) with other as scratch, the result ending in data,
// or in other if to_other: LSD when the items fit in cache, else a counting sort on the
// highest digit that tells keys apart (MSD) into other and the same again inside each of
// its buckets, in parallel, each told where the result must end. So an item is copied at
// most once, at the end of its bucket's passes, and only when their parity leaves it on the
// wrong side (copying every bucket back at every level was a quarter of a float sort's
// profile). `space` holds digit_table_size(ex, n, digits) counts; a level is done with them
// before its large buckets reuse them, and small buckets (one worker each) count on the stack.
template <class Ex, class K, class V>
void radix_sort_in(const Ex& ex, radix_items<K, V> data, radix_items<K, V> other, std::size_t n, unsigned digits,
                   digit_counts* space, bool to_other) {
  const digit_table table{space, radix_chunks(ex, n), digits};
  auto end_in = [&](bool in_other) {
    if (in_other != to_other) (in_other ? other : data).copy_to(in_other ? data : other, n);
  };
  if (n <= radix_cache_items) return end_in(lsd_sort(ex, data, other, n, table));
  count_digits(ex, data.keys, n, table, 0, digits);
  unsigned top = digits;
  while (top > 0 && digit_is_constant(table, top - 1, n)) --top;
  if (top-- == 0) return end_in(false);  // all keys equal
  std::array<std::size_t, radix_digits + 1> bucket{};
  for (std::size_t c = 0; c < table.chunks; ++c)
    for (unsigned v = 0; v < radix_digits; ++v) bucket[v + 1] += table(c, top)[v];
  for (unsigned v = 0; v < radix_digits; ++v) bucket[v + 1] += bucket[v];
  scatter_pass(ex, data, other, n, table, top);
  // Each bucket now lies in other: sort it on the lower digits, ending where this call must.
  auto finish = [&](const auto& bucket_ex, std::size_t v, digit_counts* counts) {
    std::size_t begin = bucket[v], size = bucket[v + 1] - begin;
    radix_sort_in(bucket_ex, other.at(begin), data.at(begin), size, top, counts, !to_other);
  };
  auto small = [&](std::size_t v) { return bucket[v + 1] - bucket[v] <= radix_cache_items; };
  backend<Ex>::for_blocks(ex, radix_digits, [&](std::size_t v) {
    std::array<digit_counts, sizeof(std::uint64_t)> counts;  // one chunk (seq), at most 8 digits
    if (small(v)) finish(seq{}, v, counts.data());
  });
  for (std::size_t v = 0; v < radix_digits; ++v)
    if (!small(v)) finish(ex, v, space);
}

template <class Ex>
struct radix_sorter {
  template <class K, class V>
  static void run(const Ex& ex, K* keys, V* values, std::size_t n);
};

template <class Ex>
template <class K, class V>
void radix_sorter<Ex>::run(const Ex& ex, K* keys, V* values, std::size_t n) {
  if (n < 2) return;
  static_assert(sizeof(K) <= sizeof(std::uint64_t), "radix_sort_in counts at most 8 digits on the stack");
  // Every allocation before the first write.
  auto scratch_keys = array<K>::uninitialized(n);
  array<std::conditional_t<std::is_void_v<V>, char, V>> scratch_values;
  std::vector<digit_counts> space(digit_table_size(ex, n, unsigned(sizeof(K))));
  radix_items<K, V> items{keys, values}, scratch{scratch_keys.data(), nullptr};
  if constexpr (!std::is_void_v<V>) {
    scratch_values = array<V>::uninitialized(n);
    scratch.values = scratch_values.data();
  }
  radix_sort_in(ex, items, scratch, n, unsigned(sizeof(K)), space.data(), false);
}


// How many of the first k items of the stable merge of a[0, m) and b[0, l) come from a
// (ties go to a).
template <class T, class Comp>
std::size_t merge_path(const T* a, std::size_t m, const T* b, std::size_t l, std::size_t k, Comp& comp) {
  std::size_t lo = k > l ? k - l : 0, hi = std::min(k, m);
  while (lo < hi) {
    std::size_t i = lo + (hi - lo) / 2, j = k - i;
    if (j > 0 && !comp(b[j - 1], a[i]))  // a[i] precedes b[j - 1]: take more of a
      lo = i + 1;
    else
      hi = i;
  }
  return lo;
}

template <class Ex>
struct merge_sorter {
  template <class T, class Comp>
  static void run(const Ex& ex, T* data, std::size_t n, Comp comp);
};

template <class Ex>
template <class T, class Comp>
void merge_sorter<Ex>::run(const Ex& ex, T* data, std::size_t n, Comp comp) {
  if (n < 2) return;
  // A few sorted runs per worker: every doubling of the run count costs one more merge pass.
  // Runs and merge pieces are never under min_piece items, so each task outweighs its cost.
  constexpr std::size_t runs_per_worker = 4, min_piece = 4096;
  std::size_t workers = backend<Ex>::concurrency(ex);
  std::size_t piece = std::max(min_piece, ceil_div(n, workers * runs_per_worker));
  std::size_t width = piece;
  std::size_t chunks = ceil_div(n, width);
  // Every allocation before the first write. Output pieces: [k0, k1) of the merge of the
  // pair starting at `start`; a round has at most n / piece + (its pairs) <= 2 chunks.
  struct task { std::size_t start, k0, k1; };
  std::vector<task> tasks;
  array<T> scratch;
  if (chunks > 1) {
    tasks.reserve(2 * chunks);
    scratch = array<T>::uninitialized(n);
  }
  // std::stable_sort's own buffer is a nothrow request: without it, it sorts in place.
  backend<Ex>::for_blocks(ex, chunks, [&](std::size_t c) {
    std::stable_sort(data + c * width, data + std::min(n, (c + 1) * width), comp);
  });
  if (chunks == 1) return;
  T *src = data, *dst = scratch.data();
  for (; width < n; width *= 2, std::swap(src, dst)) {
    tasks.clear();
    for (std::size_t start = 0; start < n; start += 2 * width) {
      std::size_t len = std::min(n, start + 2 * width) - start;
      for (std::size_t k = 0; k < len; k += piece) tasks.push_back({start, k, std::min(len, k + piece)});
    }
    backend<Ex>::for_blocks(ex, tasks.size(), [&](std::size_t t) {
      auto [start, k0, k1] = tasks[t];
      const T* a = src + start;
      std::size_t m = std::min(width, n - start), l = std::min(n, start + 2 * width) - start - m;
      const T* b = a + m;
      std::size_t i0 = merge_path(a, m, b, l, k0, comp), i1 = merge_path(a, m, b, l, k1, comp);
      std::merge(a + i0, a + i1, b + (k0 - i0), b + (k1 - i1), dst + start + k0, comp);
    });
  }
  if (src != data) copy_bytes(data, src, n * sizeof(T));
}

}  // namespace lanes::detail
