// SPDX-License-Identifier: Apache-2.0
// sort on the CPU backends: a radix sort for arithmetic keys, a merge sort for comparators.
//
// Stable parallel radix sort, 8-bit digits, for arithmetic keys and optional values.
//
// Large inputs: one read counts the keys' top 16 bits, and a parallel counting sort splits
// the items into up to 256 buckets of about equal size, cut between values of those bits
// (so keys that share their top digit, as floats of a few exponents do, still spread). Each
// bucket small enough to stay in cache is finished by LSD passes on one worker (such buckets
// run in parallel); a larger one is split by a counting sort on the highest digit that is
// not the same for all its keys (MSD), and so on. Every pass skips a digit that all its
// keys share, and every pass is stable, so the whole sort is.
//
// Stable parallel merge sort for any strict weak order: chunks sorted in parallel with
// std::stable_sort, then rounds of pairwise merges, each merge cut into pieces by merge-path
// search so that even the last round keeps every worker busy (merge_pieces of lanes/merge.hpp).
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

#include "lanes/array.hpp"
#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"
#include "lanes/detail/radix_key.hpp"
#include "lanes/merge.hpp"

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

// Chunk [begin, end)'s counts of D digits from digit `first`, their tables given (D a
// constant, so the digit loop unrolls: 1.62 -> 1.01 ns a key for 3 digits in cache); returns
// the bits in which its keys differ from `base`.
template <unsigned D, class K>
radix_bits_t<K> count_chunk(const K* keys, std::size_t begin, std::size_t end, unsigned first,
                            std::size_t* const* counts, radix_bits_t<K> base) {
  radix_bits_t<K> differ = 0;
  for (std::size_t i = begin; i < end; ++i) {
    const auto bits = radix_bits(keys[i]);
    differ |= bits ^ base;
    for (unsigned d = 0; d < D; ++d) ++counts[d][unsigned(bits >> (8 * (first + d))) & 0xFF];
  }
  return differ;
}

template <class K, std::size_t... D>
radix_bits_t<K> count_chunk(const K* keys, std::size_t begin, std::size_t end, unsigned first, unsigned digits,
                            std::size_t* const* counts, radix_bits_t<K> base, std::index_sequence<D...>) {
  radix_bits_t<K> differ = 0;
  ((digits == D + 1 ? differ = count_chunk<D + 1>(keys, begin, end, first, counts, base) : differ), ...);
  return differ;
}

// The counts of digits [first, last) of keys[0, n) in each chunk, from one read; returns the
// bits in which the keys differ (a digit none of them has is one every key shares).
template <class Ex, class K>
radix_bits_t<K> count_digits(const Ex& ex, const K* keys, std::size_t n, const digit_table& table, unsigned first,
                             unsigned last) {
  const std::size_t chunk = ceil_div(n, table.chunks);
  const radix_bits_t<K> base = n > 0 ? radix_bits(keys[0]) : 0;
  std::atomic<radix_bits_t<K>> differ{0};
  backend<Ex>::for_blocks(ex, table.chunks, [&](std::size_t c) {
    std::size_t* counts[sizeof(K)] = {};
    for (unsigned d = first; d < last; ++d) {
      table(c, d) = digit_counts{};
      counts[d - first] = table(c, d).data();
    }
    const std::size_t begin = std::min(n, c * chunk), end = std::min(n, begin + chunk);
    differ.fetch_or(count_chunk(keys, begin, end, first, last - first, counts, base,
                                std::make_index_sequence<sizeof(K)>{}),
                    std::memory_order_relaxed);
  });
  return differ.load();
}

// Whether digit d is the same in every key, from the bits in which they differ.
template <class Bits>
bool digit_is_constant(Bits differ, unsigned d) {
  return (differ >> (8 * d) & 0xFF) == 0;
}

// One stable counting-sort pass from `from` to `to` on bucket_of(key) (0 to 255), each
// chunk scattering its items in order; the table's counts of slot d (each chunk's count of
// each bucket) become first output positions (consumed).
template <class Ex, class K, class V, class Bucket>
void scatter_pass(const Ex& ex, const radix_items<K, V>& from, const radix_items<K, V>& to, std::size_t n,
                  const digit_table& table, unsigned d, Bucket bucket_of) {
  std::size_t chunks = table.chunks, chunk = ceil_div(n, chunks), at = 0;
  for (unsigned v = 0; v < radix_digits; ++v)
    for (std::size_t c = 0; c < chunks; ++c) at += std::exchange(table(c, d)[v], at);
  backend<Ex>::for_blocks(ex, chunks, [&](std::size_t c) {
    digit_counts next = table(c, d);  // a local copy: stores to items cannot alias it
    radix_items<K, V> src = from, dst = to;
    for (std::size_t i = c * chunk, end = std::min(n, (c + 1) * chunk); i < end; ++i)
      src.move(i, dst, next[bucket_of(src.keys[i])]++);
  });
}

// The pass on digit d.
template <class Ex, class K, class V>
void scatter_pass(const Ex& ex, const radix_items<K, V>& from, const radix_items<K, V>& to, std::size_t n,
                  const digit_table& table, unsigned d) {
  scatter_pass(ex, from, to, n, table, d, [d](K key) { return digit_of(key, d); });
}

// Stable LSD sort of a[0, n) on the table's digits, with b as scratch. Returns whether the
// result ended in b (an odd number of passes ran) rather than in a.
template <class Ex, class K, class V>
bool lsd_sort(const Ex& ex, radix_items<K, V> a, radix_items<K, V> b, std::size_t n, const digit_table& table) {
  if (n < 2 || table.digits == 0) return false;
  const auto differ = count_digits(ex, a.keys, n, table, 0, table.digits);
  radix_items<K, V> src = a, dst = b;
  bool moved = false;  // once items have moved, chunks' first counts no longer describe them (one chunk's do)
  for (unsigned d = 0; d < table.digits; ++d) {
    if (digit_is_constant(differ, d)) continue;  // moving items does not change that
    if (moved && table.chunks > 1) count_digits(ex, src.keys, n, table, d, d + 1);
    scatter_pass(ex, src, dst, n, table, d);
    std::swap(src, dst);
    moved = true;
  }
  return src.keys != a.keys;
}

// Where each of a pass's 256 buckets begins, and the end of the last: from the table's
// counts of slot d before the pass consumes them.
using bucket_bounds = std::array<std::size_t, radix_digits + 1>;

inline bucket_bounds bounds_of(const digit_table& table, unsigned d) {
  bucket_bounds bucket{};
  for (std::size_t c = 0; c < table.chunks; ++c)
    for (unsigned v = 0; v < radix_digits; ++v) bucket[v + 1] += table(c, d)[v];
  for (unsigned v = 0; v < radix_digits; ++v) bucket[v + 1] += bucket[v];
  return bucket;
}

template <class Ex, class K, class V>
void radix_sort_in(const Ex& ex, radix_items<K, V> data, radix_items<K, V> other, std::size_t n, unsigned digits,
                   digit_counts* space, bool to_other);

// After a pass from data into other: sorts each bucket on digits [0, digits), ending in
// other if to_other, else in data. Buckets that fit in cache run in parallel, one worker
// each (counting on the stack); larger ones one after another on every worker, in space.
template <class Ex, class K, class V>
void sort_buckets(const Ex& ex, radix_items<K, V> data, radix_items<K, V> other, const bucket_bounds& bucket,
                  unsigned digits, digit_counts* space, bool to_other) {
  auto finish = [&](const auto& bucket_ex, std::size_t v, digit_counts* counts) {
    std::size_t begin = bucket[v], size = bucket[v + 1] - begin;
    radix_sort_in(bucket_ex, other.at(begin), data.at(begin), size, digits, counts, !to_other);
  };
  auto small = [&](std::size_t v) { return bucket[v + 1] - bucket[v] <= radix_cache_items; };
  backend<Ex>::for_blocks(ex, radix_digits, [&](std::size_t v) {
    std::array<digit_counts, sizeof(std::uint64_t)> counts;  // one chunk (seq), at most 8 digits
    if (small(v)) finish(seq{}, v, counts.data());
  });
  for (std::size_t v = 0; v < radix_digits; ++v)
    if (!small(v)) finish(ex, v, space);
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
  if (digits == 0) return end_in(false);  // a bucket of keys equal in every digit
  // The top digit's counts, and from the same read the highest digit that tells keys apart;
  // where that is another, its counts too (counting every digit at once cost 4 increments a
  // key where 1 is used: a sixth of a 2^24 uint32 sort's profile).
  const auto differ = count_digits(ex, data.keys, n, table, digits - 1, digits);
  unsigned top = digits;
  while (top > 0 && digit_is_constant(differ, top - 1)) --top;
  if (top-- == 0) return end_in(false);  // all keys equal
  if (top != digits - 1) count_digits(ex, data.keys, n, table, top, top + 1);
  const bucket_bounds bucket = bounds_of(table, top);
  scatter_pass(ex, data, other, n, table, top);
  sort_buckets(ex, data, other, bucket, top, space, to_other);
}

// The first pass of a large sort of 4- or 8-byte keys: up to 256 buckets of about n / 256
// items, cut between values of the keys' top 16 bits from their histogram (one read), so
// that a top digit most keys share (floats in [-1, 1]: a sign and a few exponents put a
// quarter of them in one digit) does not leave most items to a second pass over memory.
// A bucket may hold several top digits, so each is sorted on every digit (those its keys
// share are skipped).
inline constexpr unsigned prefix_bits = 16;
inline constexpr std::size_t prefixes = std::size_t(1) << prefix_bits;

struct prefix_table {
  std::uint32_t* counts;    // chunk c's count of prefix p at [c * prefixes + p]
  std::uint8_t* bucket_of;  // [prefixes]: monotone in the prefix
};

template <class K>
unsigned prefix_of(K key) {
  return unsigned(radix_bits(key) >> (8 * sizeof(K) - prefix_bits));
}

// Whether the prefix split beats a pass on the highest digit that tells keys apart, judged
// on a sample of 4096 keys: when that digit crowds keys into a few values (more than 8
// times an even share in one) and the top 16 bits spread them four times better. Random
// integers take the digit pass, which is cheaper per key (no table of 65536 counts);
// floats of a few exponents take the prefix split (2^24 floats in [-1e6, 1e6] on 2 cores:
// 146-162 -> 104 ms); integers below 2^20, whose top 16 bits are that digit, the digit pass.
template <class K>
bool prefix_split_pays(const K* keys, std::size_t n) {
  constexpr std::size_t samples = 4096;
  std::array<radix_bits_t<K>, samples> sample;
  for (std::size_t i = 0; i < samples; ++i) sample[i] = radix_bits(keys[i * (n / samples)]);
  std::sort(sample.begin(), sample.end());
  const auto differing = sample.front() ^ sample.back();  // the sorted sample's extremes
  if (differing == 0) return false;
  unsigned top = 8 * sizeof(K) - 8;  // the highest digit that differs in the sample
  while ((differing >> top) == 0) top -= 8;
  const auto largest_run = [&](unsigned shift) {
    std::size_t largest = 0, run = 0;
    for (std::size_t i = 0; i < samples; ++i) {
      run = (i > 0 && sample[i] >> shift == sample[i - 1] >> shift) ? run + 1 : 1;
      largest = std::max(largest, run);
    }
    return largest;
  };
  const std::size_t by_digit = largest_run(top), by_prefix = largest_run(8 * sizeof(K) - prefix_bits);
  return by_digit > 8 * samples / radix_digits && 4 * by_prefix < by_digit;
}

template <class Ex, class K, class V>
void radix_sort_by_prefix(const Ex& ex, radix_items<K, V> data, radix_items<K, V> other, std::size_t n,
                          const prefix_table& prefix, digit_counts* space) {
  const digit_table table{space, radix_chunks(ex, n), 1};
  const std::size_t chunk = ceil_div(n, table.chunks);
  backend<Ex>::for_blocks(ex, table.chunks, [&](std::size_t c) {
    std::uint32_t* counts = prefix.counts + c * prefixes;
    std::fill(counts, counts + prefixes, 0u);
    for (std::size_t i = c * chunk, end = std::min(n, (c + 1) * chunk); i < end; ++i) ++counts[prefix_of(data.keys[i])];
  });
  // Greedy cuts: a bucket ends before a prefix that would take it further past an even share
  // of the items left (for the buckets left) than it is short of it, so that the last of the
  // 256 buckets is not left with the rest.
  std::size_t in_bucket = 0, left = n;  // left: items not in a bucket before this one
  unsigned b = 0;
  for (std::size_t c = 0; c < table.chunks; ++c) table(c, 0) = digit_counts{};
  for (std::size_t p = 0; p < prefixes; ++p) {
    std::size_t total = 0;
    for (std::size_t c = 0; c < table.chunks; ++c) total += prefix.counts[c * prefixes + p];
    const std::size_t share = ceil_div(left, radix_digits - b);
    if (total != 0 && in_bucket != 0 && in_bucket + total / 2 > share && b + 1 < radix_digits) {
      ++b;
      left -= in_bucket;
      in_bucket = 0;
    }
    prefix.bucket_of[p] = std::uint8_t(b);
    in_bucket += total;
    for (std::size_t c = 0; c < table.chunks; ++c) table(c, 0)[b] += prefix.counts[c * prefixes + p];
  }
  // One bucket (keys that share their top 16 bits): a pass would move nothing; digits instead.
  if (b == 0) return radix_sort_in(ex, data, other, n, unsigned(sizeof(K)), space, false);
  const bucket_bounds bucket = bounds_of(table, 0);
  const std::uint8_t* bucket_of = prefix.bucket_of;
  scatter_pass(ex, data, other, n, table, 0, [bucket_of](K key) { return bucket_of[prefix_of(key)]; });
  sort_buckets(ex, data, other, bucket, unsigned(sizeof(K)), space, false);
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
  if constexpr (sizeof(K) >= 4) {
    // The prefix split's chunk counts are 32-bit.
    const std::size_t chunks = radix_chunks(ex, n);
    if (n > radix_cache_items && n / chunks < (std::size_t(1) << 32) && prefix_split_pays(keys, n)) {
      std::vector<std::uint32_t> prefix_counts(chunks * prefixes);
      std::vector<std::uint8_t> bucket_of(prefixes);
      return radix_sort_by_prefix(ex, items, scratch, n, prefix_table{prefix_counts.data(), bucket_of.data()},
                                  space.data());
    }
  }
  radix_sort_in(ex, items, scratch, n, unsigned(sizeof(K)), space.data(), false);
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
  // Every allocation before the first write. Output pieces: piece p of the merge of the
  // pair starting at `start` (lanes/merge.hpp's, with comp); a round has at most
  // n / piece + (its pairs) <= 2 chunks.
  struct task { std::size_t start, p; };
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
      for (std::size_t p = 0; p < ceil_div(len, piece); ++p) tasks.push_back({start, p});
    }
    backend<Ex>::for_blocks(ex, tasks.size(), [&](std::size_t t) {
      const auto [start, p] = tasks[t];
      const T* a = src + start;
      const std::size_t m = std::min(width, n - start), l = std::min(n, start + 2 * width) - start - m;
      using move = merged_from<T, T, T>;
      merge_pieces<T, T, Comp, move>{a, m, a + m, l, piece, comp, move{dst + start, a, a + m}}(p);
    });
  }
  if (src != data) copy_bytes(data, src, n * sizeof(T));
}

}  // namespace lanes::detail
