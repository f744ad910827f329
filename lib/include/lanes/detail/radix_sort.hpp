// Stable parallel radix sort, 8-bit digits, for arithmetic keys and optional values.
//
// Large inputs: one read counts every digit, which finds the highest digit that is not the
// same for all keys. A parallel counting sort on that digit (MSD) splits the items into 256
// buckets; each bucket small enough to stay in cache is finished by LSD passes over the
// lower digits on one worker (such buckets run in parallel), and larger ones are split
// again the same way. Every pass skips a digit that all its keys share, and every pass is
// stable, so the whole sort is.
#pragma once

#include <array>
#include <cstddef>
#include <utility>
#include <vector>

#include "lanes/array.hpp"
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

// Per-chunk counts of digits [first, last) of keys[0, n), from one read; counts[c][d].
template <class Ex, class K>
std::vector<std::vector<digit_counts>> count_digits(const Ex& ex, const K* keys, std::size_t n, std::size_t chunks,
                                                    unsigned first, unsigned last) {
  std::vector<std::vector<digit_counts>> counts(chunks, std::vector<digit_counts>(last, digit_counts{}));
  std::size_t chunk = ceil_div(n, chunks);
  backend<Ex>::for_blocks(ex, chunks, [&](std::size_t c) {
    auto& local = counts[c];
    for (std::size_t i = c * chunk, end = std::min(n, (c + 1) * chunk); i < end; ++i) {
      auto bits = radix_bits(keys[i]);
      for (unsigned d = first; d < last; ++d) ++local[d][unsigned(bits >> (8 * d)) & 0xFF];
    }
  });
  return counts;
}

// Whether one value of digit d holds all n keys.
inline bool digit_is_constant(const std::vector<std::vector<digit_counts>>& counts, unsigned d, std::size_t n) {
  for (unsigned v = 0; v < radix_digits; ++v) {
    std::size_t total = 0;
    for (const auto& chunk : counts) total += chunk[d][v];
    if (total == n) return true;
    if (total != 0) return false;
  }
  return false;
}

// One stable counting-sort pass on digit d from `from` to `to`, each chunk scattering its
// items in order; `counts` are the chunks' counts of d (consumed).
template <class Ex, class K, class V>
void scatter_pass(const Ex& ex, const radix_items<K, V>& from, const radix_items<K, V>& to, std::size_t n,
                  std::vector<digit_counts> counts, unsigned d) {
  std::size_t chunks = counts.size(), chunk = ceil_div(n, chunks), at = 0;
  for (unsigned v = 0; v < radix_digits; ++v)  // counts become first output positions
    for (auto& c : counts) at += std::exchange(c[v], at);
  backend<Ex>::for_blocks(ex, chunks, [&](std::size_t c) {
    digit_counts next = counts[c];  // a local copy: stores to items cannot alias it
    radix_items<K, V> src = from, dst = to;
    for (std::size_t i = c * chunk, end = std::min(n, (c + 1) * chunk); i < end; ++i)
      src.move(i, dst, next[digit_of(src.keys[i], d)]++);
  });
}

// Stable LSD sort of a[0, n) on digits [0, digits), with b as scratch. Returns whether the
// result ended in b (an odd number of passes ran) rather than in a.
template <class Ex, class K, class V>
bool lsd_sort(const Ex& ex, radix_items<K, V> a, radix_items<K, V> b, std::size_t n, unsigned digits) {
  if (n < 2 || digits == 0) return false;
  const std::size_t chunks = radix_chunks(ex, n);
  auto first = count_digits(ex, a.keys, n, chunks, 0, digits);
  radix_items<K, V> src = a, dst = b;
  bool moved = false;  // once items have moved, `first` no longer describes the chunks
  for (unsigned d = 0; d < digits; ++d) {
    if (digit_is_constant(first, d, n)) continue;
    auto counts = moved ? count_digits(ex, src.keys, n, chunks, d, d + 1) : first;
    std::vector<digit_counts> of_d(chunks);
    for (std::size_t c = 0; c < chunks; ++c) of_d[c] = counts[c][d];
    scatter_pass(ex, src, dst, n, std::move(of_d), d);
    std::swap(src, dst);
    moved = true;
  }
  return src.keys != a.keys;
}

// Sorts home[0, n) on digits [0, digits) with away as scratch: LSD when the items fit in
// cache, else a counting sort on the highest digit that tells keys apart (MSD) and the same
// again inside each of its buckets, in parallel. Returns whether the result is in away.
template <class Ex, class K, class V>
bool radix_sort_in(const Ex& ex, radix_items<K, V> home, radix_items<K, V> away, std::size_t n, unsigned digits) {
  if (n <= radix_cache_items) return lsd_sort(ex, home, away, n, digits);
  const std::size_t chunks = radix_chunks(ex, n);
  auto counts = count_digits(ex, home.keys, n, chunks, 0, digits);
  unsigned top = digits;
  while (top > 0 && digit_is_constant(counts, top - 1, n)) --top;
  if (top-- == 0) return false;  // all keys equal
  std::vector<digit_counts> top_counts(chunks);
  std::array<std::size_t, radix_digits + 1> bucket{};
  for (std::size_t c = 0; c < chunks; ++c) {
    top_counts[c] = counts[c][top];
    for (unsigned v = 0; v < radix_digits; ++v) bucket[v + 1] += top_counts[c][v];
  }
  for (unsigned v = 0; v < radix_digits; ++v) bucket[v + 1] += bucket[v];
  scatter_pass(ex, home, away, n, std::move(top_counts), top);
  // Each bucket now lies in away: sort it on the lower digits, ending in home.
  auto finish = [&](const auto& bucket_ex, std::size_t v) {
    std::size_t begin = bucket[v], size = bucket[v + 1] - begin;
    if (!radix_sort_in(bucket_ex, away.at(begin), home.at(begin), size, top))
      away.at(begin).copy_to(home.at(begin), size);
  };
  auto small = [&](std::size_t v) { return bucket[v + 1] - bucket[v] <= radix_cache_items; };
  backend<Ex>::for_blocks(ex, radix_digits, [&](std::size_t v) {
    if (small(v)) finish(seq{}, v);
  });
  for (std::size_t v = 0; v < radix_digits; ++v)
    if (!small(v)) finish(ex, v);
  return false;
}

// Sorts keys[0, n) (and values with them, unless V is void). A backend with kernels of its
// own (cuda) specialises radix_sorter for its executor.
template <class Ex>
struct radix_sorter {
  template <class K, class V>
  static void run(const Ex& ex, K* keys, V* values, std::size_t n);
};

template <class Ex, class K, class V>
void radix_sort(const Ex& ex, K* keys, V* values, std::size_t n) {
  static_assert(is_radix_key_v<K>, "radix sort needs integer or IEEE floating-point keys");
  radix_sorter<Ex>::run(ex, keys, values, n);
}

template <class Ex>
template <class K, class V>
void radix_sorter<Ex>::run(const Ex& ex, K* keys, V* values, std::size_t n) {
  if (n < 2) return;
  auto scratch_keys = array<K>::uninitialized(n);
  array<std::conditional_t<std::is_void_v<V>, char, V>> scratch_values;
  radix_items<K, V> items{keys, values}, scratch{scratch_keys.data(), nullptr};
  if constexpr (!std::is_void_v<V>) {
    scratch_values = array<V>::uninitialized(n);
    scratch.values = scratch_values.data();
  }
  if (radix_sort_in(ex, items, scratch, n, unsigned(sizeof(K)))) scratch.copy_to(items, n);
}

}  // namespace lanes::detail
