// SPDX-License-Identifier: Apache-2.0
// merge and merge_by_key: two sorted spans into one, stable (of equal items, a's first, each
// side in its order), in sort's order by default. The output is cut into pieces
// (merge_piece_size); each piece finds where it starts in a and b by a binary search along
// its diagonal (the merge path), then merges its part alone. Inputs that are not sorted
// give an unspecified order but never a read or write outside the spans.
#pragma once

#include <cstddef>
#include <cstring>
#include <type_traits>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/host/merge_x86.hpp"
#include "lanes/detail/radix_key.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/for_each.hpp"
#include "lanes/span.hpp"

namespace lanes {
namespace detail {

// Items a piece merges (the CPU's choice; lanes/cuda/merge.cuh has the GPU's). Each piece
// starts with binary searches over a and b, about 2 log2(n) cache misses once the inputs
// outgrow the cache: 16M cold uint32 keys on one Zen 3 core took 12.3 ms in pieces of 16 Ki
// items, 10.6 in pieces of 128 Ki. Smaller pieces only where that would leave a worker fewer
// than 8, down to 16 Ki (below, the searches take most of the time).
template <class Ex>
struct merge_piece_size {
  static std::size_t of(const Ex& ex, std::size_t n) {
    constexpr std::size_t smallest = std::size_t(1) << 14, largest = std::size_t(1) << 17;
    const std::size_t even = ceil_div(n, 8 * backend<Ex>::concurrency(ex));
    return even < smallest ? smallest : even > largest ? largest : even;
  }
};

// How many of the first d merged items come from a: the smallest i in [max(0, d - nb),
// min(d, na)] for which a[i] does not go before b[d - i - 1] (a[i] goes before b[j] unless
// b[j] < a[i]: ties take a first). Every read is inside a and b, sorted or not.
template <class A, class B, class Less>
LANES_HD std::size_t merge_split(const A* a, std::size_t na, const B* b, std::size_t nb, std::size_t d, Less less) {
  std::size_t lo = d > nb ? d - nb : 0, hi = d < na ? d : na;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (!less(b[d - mid - 1], a[mid]))  // a[mid] comes before b[d - mid - 1]
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

LANES_HD inline std::size_t min_of(std::size_t x, std::size_t y) { return x < y ? x : y; }

// Where a merge cursor stands: the next items a[i], b[j] and output k (forward), or the
// items before them (backward).
struct merge_cursor {
  std::size_t i, j, k;
};

// A piece is cut in merge_parts parts at merge_split's points, and each part is merged from
// both ends at once, forward from its start and backward from its end, meeting at its middle:
// a step's next read waits for its compare (a chain of about 8 cycles an item, 40 for a
// vector step), and four chains side by side take 2.0x less time than one (16M uint32 keys
// on one Zen 4 core, scalar steps: 44 -> 22 ms; two chains 27 ms, six 23 ms).
inline constexpr std::size_t merge_parts = 2;

// The cursors of a piece: part q is outputs [start[q].k, start[q + 1].k), from a[start[q].i
// ...] and b[start[q].j ...]; front[q] walks it forward (the next items a[i], b[j], output k),
// back[q] backward (the items before i, j and k), both to middle[q].
struct merge_piece_cursors {
  merge_cursor start[merge_parts + 1], front[merge_parts], back[merge_parts];
  std::size_t middle[merge_parts];

  // Steps of w items that every cursor can take with w items left on both sides of its part
  // and w outputs left before its middle.
  LANES_HD std::size_t common_steps(std::size_t w) const {
    std::size_t t = ~std::size_t(0);
    for (std::size_t q = 0; q < merge_parts; ++q) {
      const merge_cursor &f = front[q], &r = back[q], &begin = start[q], &end = start[q + 1];
      t = min_of(t, min_of(middle[q] - f.k, min_of(end.i - f.i, end.j - f.j)));
      t = min_of(t, min_of(r.k - middle[q], min_of(r.i - begin.i, r.j - begin.j)));
    }
    return t / w;
  }
};

// Piece p of the merge of keys a and b; move puts output item k: either(k, from_a, i, j, x,
// y) from a[i] = x or b[j] = y, from_a(k, i), from_b(k, j). Where move only copies keys
// (same_keys: out, a and b of one type) and those are 4-byte integers merged by key_less, a
// CPU takes 16 or 8 items a step with AVX-512 or AVX2 first (host/merge_x86.hpp).
template <class A, class B, class Less, class Move>
struct merge_pieces {
  const A* a;
  std::size_t na;
  const B* b;
  std::size_t nb;
  std::size_t piece;  // merge_piece_size
  Less less;
  Move move;
#ifdef LANES_MERGE_X86
  vector_isa isa = vector_isa_here();  // the tests try each
#endif

  // One step forward: out[k] from a[i] or b[j], whichever goes first (a on ties). Both items
  // are read and one kept by pick, never a branch on the data (GCC made `from_a ? a[i] :
  // b[j]` a branch in some callers: 2x slower on random keys).
  LANES_HD void forward(merge_cursor& c) const {
    const A x = a[c.i];
    const B y = b[c.j];
    const bool from_a = !less(y, x);
    move.either(c.k++, from_a, c.i, c.j, x, y);
    c.i += from_a;
    c.j += !from_a;
  }
  // One step backward: out[k - 1] from a[i - 1] or b[j - 1], whichever goes last (b on ties).
  LANES_HD void backward(merge_cursor& c) const {
    const A x = a[c.i - 1];
    const B y = b[c.j - 1];
    const bool from_a = less(y, x);
    move.either(--c.k, from_a, c.i - 1, c.j - 1, x, y);
    c.i -= from_a;
    c.j -= !from_a;
  }

  LANES_HD void operator()(std::size_t p) const {
    constexpr std::size_t P = merge_parts;
    const std::size_t n = na + nb, first = p * piece, last = first + piece < n ? first + piece : n;
    merge_piece_cursors c;
    const std::size_t i_first = merge_split(a, na, b, nb, first, less), i_last = merge_split(a, na, b, nb, last, less);
    c.start[0] = {i_first, first - i_first, first};
    c.start[P] = {i_last, last - i_last, last};
    // The inner cuts lie between the piece's own: searched there, they read what it merges
    // (on sorted input; on unsorted input the cuts need not be in order, and are searched whole).
    const merge_cursor &from = c.start[0], &to = c.start[P];
    const bool in_order = from.i <= to.i && from.j <= to.j;
    for (std::size_t q = 1; q < P; ++q) {
      const std::size_t k = first + (last - first) * q / P;
      const std::size_t i = in_order ? from.i + merge_split(a + from.i, to.i - from.i, b + from.j, to.j - from.j,
                                                            k - first, less)
                                     : merge_split(a, na, b, nb, k, less);
      c.start[q] = {i, k - i, k};
    }
    for (std::size_t q = 0; q < P; ++q) {
      c.front[q] = c.start[q];
      c.back[q] = c.start[q + 1];
      c.middle[q] = c.start[q].k + (c.start[q + 1].k - c.start[q].k) / 2;
    }
#ifdef LANES_MERGE_X86
    using key = typename Move::key;
    if constexpr (Move::same_keys && merge_vector_keys<key> && std::is_same_v<Less, key_less>)
      merge_vector_steps<key>(isa, a, b, move.out, c);
#endif
    // All 2P cursors in step, as many steps at a time as every one can take.
    for (std::size_t t; (t = c.common_steps(1)) > 0;)
      for (std::size_t step = 0; step < t; ++step)
        for (std::size_t q = 0; q < P; ++q) {
          forward(c.front[q]);
          backward(c.back[q]);
        }
    // Each cursor alone to its part's middle (one side of its part may be used up).
    for (std::size_t q = 0; q < P; ++q) {
      merge_cursor &f = c.front[q], &r = c.back[q];
      const merge_cursor &begin = c.start[q], &end = c.start[q + 1];
      const std::size_t middle = c.middle[q];
      while (f.k < middle && f.i < end.i && f.j < end.j) forward(f);
      for (; f.k < middle && f.i < end.i; ++f.k) move.from_a(f.k, f.i++);
      for (; f.k < middle && f.j < end.j; ++f.k) move.from_b(f.k, f.j++);
      while (r.k > middle && r.i > begin.i && r.j > begin.j) backward(r);
      while (r.k > middle && r.i > begin.i) move.from_a(--r.k, --r.i);
      while (r.k > middle && r.j > begin.j) move.from_b(--r.k, --r.j);
    }
  }
};

template <class Ex, class A, class B, class Less, class Move>
void merge_indices(const Ex& ex, const A* a, std::size_t na, const B* b, std::size_t nb, Less less, Move move) {
  const std::size_t piece = merge_piece_size<Ex>::of(ex, na + nb);
  for_each_heavy_index(ex, ceil_div(na + nb, piece), merge_pieces<A, B, Less, Move>{a, na, b, nb, piece, less, move});
}

// from_a ? x : y without a branch: by masks for arithmetic types (the bits of floats), by
// indexing a pair otherwise.
template <class T>
LANES_HD T pick(bool from_a, T x, T y) {
  if constexpr (is_radix_key_v<T>) {
    using U = radix_bits_t<T>;
    U ux, uy;
    std::memcpy(&ux, &x, sizeof ux);
    std::memcpy(&uy, &y, sizeof uy);
    const U bits = U(uy ^ ((ux ^ uy) & U(U(0) - U(from_a))));
    T out;
    std::memcpy(&out, &bits, sizeof out);
    return out;
  } else {
    const T pair[2] = {y, x};
    return pair[from_a];
  }
}

template <class T, class U, class V>
struct merged_from {
  using key = T;
  static constexpr bool same_keys = std::is_same_v<T, U> && std::is_same_v<T, V>;
  T* out;
  const U* a;
  const V* b;
  LANES_HD void either(std::size_t k, bool from_a, std::size_t, std::size_t, U x, V y) const {
    out[k] = pick(from_a, T(x), T(y));
  }
  LANES_HD void from_a(std::size_t k, std::size_t i) const { out[k] = a[i]; }
  LANES_HD void from_b(std::size_t k, std::size_t j) const { out[k] = b[j]; }
};

template <class KO, class VO, class KA, class VA, class KB, class VB>
struct merged_pairs_from {
  using key = KO;
  static constexpr bool same_keys = false;  // values move too
  KO* keys_out;
  VO* values_out;
  const KA* a_keys;
  const VA* a_values;
  const KB* b_keys;
  const VB* b_values;
  LANES_HD void either(std::size_t k, bool from_a, std::size_t i, std::size_t j, KA x, KB y) const {
    keys_out[k] = pick(from_a, KO(x), KO(y));  // values by index: only the keys were read
    values_out[k] = pick(from_a, VO(a_values[i]), VO(b_values[j]));
  }
  LANES_HD void from_a(std::size_t k, std::size_t i) const {
    keys_out[k] = a_keys[i];
    values_out[k] = a_values[i];
  }
  LANES_HD void from_b(std::size_t k, std::size_t j) const {
    keys_out[k] = b_keys[j];
    values_out[k] = b_values[j];
  }
};

}  // namespace detail

// out = a and b merged (both sorted by less; out holds a.size() + b.size() and is disjoint).
template <class Ex, class A, class B, class U, class Less = detail::key_less>
void merge(const Ex& ex, span<A> a, span<B> b, span<U> out, Less less = {}) {
  detail::check_data(a, "merge", "a");
  detail::check_data(b, "merge", "b");
  detail::check_room(out, a.size() + b.size(), "merge", "out");
  detail::check_disjoint(a, out, "merge", "a");
  detail::check_disjoint(b, out, "merge", "b");
  detail::merge_indices(ex, a.data(), a.size(), b.data(), b.size(), less,
                        detail::merged_from<U, std::remove_cv_t<A>, std::remove_cv_t<B>>{out.data(), a.data(), b.data()});
}

// merge on keys, each value moved with its key.
template <class Ex, class KA, class VA, class KB, class VB, class KO, class VO, class Less = detail::key_less>
void merge_by_key(const Ex& ex, span<KA> a_keys, span<VA> a_values, span<KB> b_keys, span<VB> b_values,
                  span<KO> keys_out, span<VO> values_out, Less less = {}) {
  const char* name = "merge_by_key";
  detail::check_data(a_keys, name, "a_keys");
  detail::check_data(a_values, name, "a_values");
  detail::check_data(b_keys, name, "b_keys");
  detail::check_data(b_values, name, "b_values");
  detail::check_same_size(a_keys, a_values, name, "a_keys", "a_values");
  detail::check_same_size(b_keys, b_values, name, "b_keys", "b_values");
  const std::size_t n = a_keys.size() + b_keys.size();
  detail::check_room(keys_out, n, name, "keys_out");
  detail::check_room(values_out, n, name, "values_out");
  detail::check_disjoint(a_keys, keys_out, name, "a_keys", "keys_out");
  detail::check_disjoint(b_keys, keys_out, name, "b_keys", "keys_out");
  detail::check_disjoint(a_values, values_out, name, "a_values", "values_out");
  detail::check_disjoint(b_values, values_out, name, "b_values", "values_out");
  detail::check_disjoint(a_keys, values_out, name, "a_keys", "values_out");
  detail::check_disjoint(b_keys, values_out, name, "b_keys", "values_out");
  detail::check_disjoint(a_values, keys_out, name, "a_values", "keys_out");
  detail::check_disjoint(b_values, keys_out, name, "b_values", "keys_out");
  detail::check_disjoint(keys_out, values_out, name, "keys_out", "values_out");
  using move = detail::merged_pairs_from<KO, VO, std::remove_cv_t<KA>, std::remove_cv_t<VA>, std::remove_cv_t<KB>,
                                         std::remove_cv_t<VB>>;
  detail::merge_indices(ex, a_keys.data(), a_keys.size(), b_keys.data(), b_keys.size(), less,
                        move{keys_out.data(), values_out.data(), a_keys.data(), a_values.data(), b_keys.data(),
                             b_values.data()});
}

LANES_ACCEPT_RANGES(merge)
LANES_ACCEPT_RANGES(merge_by_key)

}  // namespace lanes
