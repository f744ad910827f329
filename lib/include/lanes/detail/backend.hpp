// SPDX-License-Identifier: Apache-2.0
// The backend contract: everything a backend provides, in one list.
//
// 1. The executor contract (two functions; detail/seq/backend.hpp, detail/tbb/backend.hpp):
//      backend<Ex>::concurrency(ex) -> size_t        how many workers may run at once
//      backend<Ex>::for_blocks(ex, blocks, f)        f(b) for every b in [0, blocks), maybe in
//                                                    parallel; returns when all are done, and
//                                                    an exception from f reaches the caller
// 2. The algorithm points below. Each has one generic definition, written once over the
//    executor contract (detail/host/<family>.hpp, shared by seq and cpu); a backend that
//    cannot run host code (cuda) specialises every one of them in lanes/cuda/<family>.cuh.
//    Argument checks are done before any of them is called (the public headers).
// 3. The kernels' points (lanes/kernels): impl::items_per_index<Ex> (items an index covers),
//    impl::reuses_cache<Ex> (whether steps may be fused in cache) and impl::gemm_driver<Ex>.
#pragma once

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "lanes/config.hpp"

namespace lanes::detail {

template <class Executor>
struct backend;  // 1: concurrency, for_blocks

// for_each (host/for_each.hpp): f over every index of a 1D, 2D or 3D range (last index
// fastest); on the CPU, 1D blocks hold at least min_block indices.
//   run_1d(ex, n, min_block, f)   run_2d(ex, n0, n1, f)   run_3d(ex, n0, n1, n2, f)
template <class Ex>
struct index_runner;

// reduce (host/reduce.hpp): op over f(i), i in [0, n), in the fixed order of lanes/reduce.hpp
// (blocks of reduce_block items, reduce_lanes lanes in each, pairwise trees), then op(init, .).
//   Acc run(ex, n, init, op, f)
template <class Ex>
struct reducer;
inline constexpr std::size_t reduce_block = 4096;
inline constexpr std::size_t reduce_lanes = 16;

// scan (host/scan.hpp): store(i, prefix) for i in [0, n), prefixes of load(0..i) (inclusive)
// or load(0..i-1) (exclusive) after init when has_init; the same bits on every executor.
//   void run(ex, n, exclusive, has_init, init, op, load, store)
template <class Ex>
struct scanner;

// sort (host/sort.hpp): stable radix sort of keys[0, n) in the order of detail/radix_key.hpp,
// values (unless V is void) moved with them; stable sort of data[0, n) by comp.
//   radix_sorter: void run(ex, K* keys, V* values, n)   merge_sorter: void run(ex, T* data, n, comp)
template <class Ex>
struct radix_sorter;
template <class Ex>
struct merge_sorter;

// select (host/select.hpp): value(i) for every i in [0, n) where keep(i), in order, to out
// from out[at] on, and where rest has data, value(i) for the others to rest from rest[0] on
// (both have room: lanes/select.hpp checks); returns how many were kept.
//   size_t run(ex, n, span<U> out, at, keep, value, span<U> rest)
// and split: the kept to out's front, then the others (out has room for n); returns how many kept.
//   size_t split(ex, n, span<U> out, keep, value)
template <class Ex>
struct selector;

// histogram (host/histogram.hpp): counts of bin(in[i]) into bins (overwritten); returns how
// many items were dropped (bin == bins.size()).
//   uint64_t run(ex, span<T> in, bin_of bin, span<uint64_t> bins)
template <class Ex>
struct histogrammer;

// merge (lanes/merge.hpp): how many outputs one merge piece makes (each begins with binary
// searches over both inputs).
//   size_t of(ex, n)
template <class Ex>
struct merge_piece_size;

// permute (host/permute.hpp): what gather and scatter's index checks need of the memory.
//   bitmap(ex, bits): zeroed bits in the executor's memory, words() -> uint64_t*
//   element_reader: T at(ex, span<T> s, i), one element read back to the host (for messages)
template <class Ex>
class bitmap;
template <class Ex>
struct element_reader;

// The bin of x over [lo, hi) in `bins` equal bins, or `bins` (dropped) when x is outside or
// NaN; branch-free, so that a batch vectorises. Floats (exactly as doubles): x inside when
// lo <= x < hi, its bin (x p - lo p) s in double, with p a power of two that keeps the
// scaled width w p and s = bins / (w p) finite (the width of [-1.5e308, 1.5e308) overflows,
// the scale of [0, 1e-310) would), so the bin is (x - lo) bins / w rounded, whatever the
// range. Integers: inside when first <= x <= last, the integer bounds of [lo, hi) tested
// exactly in 64 bits (INT64_MAX is inside [0, 2^63), though its double is 2^63), the bin
// from the offset x - first; when lo and hi are integers (in [-2^63, 2^64]) the bin is then
// made exact, floor((x - lo) bins / (hi - lo)), by one 128-bit comparison each way (a
// double holds 53 bits of an offset). make() takes finite lo < hi and bins < INT32_MAX.
__extension__ typedef unsigned __int128 bin_uint128;
struct bin_of {
  double lo, hi, p, lo_p, scale, last, dropped;
  std::int64_t first_signed, last_signed;  // first > last: no integer inside
  std::uint64_t first_unsigned, last_unsigned;
  double first_signed_p, first_unsigned_p;  // (first - lo) p
  bin_uint128 width_signed, width_unsigned;  // hi - lo when first = lo and both are integers; else 0
  // width_* where <= 2^32 and bins < 2^21, else 0: small_integer_bin's (host/histogram.hpp)
  double small_width_signed, small_width_unsigned;

  static bin_of make(double lo, double hi, std::size_t bins) {
    const double two63 = 9223372036854775808.0, two64 = 18446744073709551616.0;
    const double base = std::isfinite(hi - lo) ? 1.0 : 0.5;
    const double width = hi * base - lo * base;
    const double p = base * std::ldexp(1.0, std::min(1000, -std::ilogb(width)));
    bin_of b{lo, hi, p, lo * p, double(bins) / (hi * p - lo * p), double(bins - 1), double(bins), 1, 0, 1, 0, 0, 0,
             0, 0, 0, 0};
    // Integer bounds: x >= lo exactly when x >= ceil(lo); x < hi exactly when x <= ceil(hi) - 1.
    const double first = std::ceil(lo), end = std::ceil(hi);
    if (first < two63 && end > -two63) {
      b.first_signed = first <= -two63 ? INT64_MIN : std::int64_t(first);
      b.last_signed = end >= two63 ? INT64_MAX : std::int64_t(end) - 1;
    }
    if (first < two64 && end > 0) {
      b.first_unsigned = first <= 0 ? 0 : std::uint64_t(first);
      b.last_unsigned = end >= two64 ? UINT64_MAX : std::uint64_t(end) - 1;
    }
    b.first_signed_p = double(b.first_signed) * p - b.lo_p;
    b.first_unsigned_p = double(b.first_unsigned) * p - b.lo_p;
    if (lo == first && hi == end && hi <= two64) {  // integer bounds: the bins can be exact
      __extension__ typedef __int128 int128;
      if (b.first_signed <= b.last_signed && double(b.first_signed) == lo)
        b.width_signed = bin_uint128(int128(hi) - int128(b.first_signed));
      if (b.first_unsigned <= b.last_unsigned && double(b.first_unsigned) == lo)
        b.width_unsigned = bin_uint128(int128(hi) - int128(b.first_unsigned));
      const auto small = [bins](bin_uint128 w) {
        return w <= (bin_uint128(1) << 32) && bins < (1u << 21) ? double(w) : 0.0;
      };
      b.small_width_signed = small(b.width_signed);
      b.small_width_unsigned = small(b.width_unsigned);
    }
    return b;
  }

  // `inside` is a bitwise & of the two tests, not &&: GCC turned && into masked arithmetic
  // three times as slow in AVX-512 and four times in AVX2 (a float's bin 0.45 -> 0.15 ns on Zen 5).
  template <class T>
  LANES_HD std::int32_t operator()(T x) const {
    double t;
    bool inside;
    if constexpr (std::is_floating_point_v<T>) {
      const double v = double(x);
      t = (v * p - lo_p) * scale;
      inside = (v >= lo) & (v < hi);  // NaN fails both
    } else if constexpr (std::is_signed_v<T>) {
      const std::int64_t v = x;
      const std::uint64_t offset = std::uint64_t(v) - std::uint64_t(first_signed);
      t = (double(offset) * p + first_signed_p) * scale;
      inside = (v >= first_signed) & (v <= last_signed);
      if (width_signed != 0 && inside) return exact_bin(offset, t, width_signed);
    } else {
      const std::uint64_t v = x;
      t = (double(v - first_unsigned) * p + first_unsigned_p) * scale;
      inside = (v >= first_unsigned) & (v <= last_unsigned);
      if (width_unsigned != 0 && inside) return exact_bin(v - first_unsigned, t, width_unsigned);
    }
    t = t < last ? t : last;  // x just below hi can round up to bins; +-inf and NaN too
    t = inside ? t : dropped;
    return static_cast<std::int32_t>(t);
  }

  // floor(offset bins / width), from t, its value in double (off by less than one).
  LANES_HD std::int32_t exact_bin(std::uint64_t offset, double t, bin_uint128 width) const {
    std::int32_t b = static_cast<std::int32_t>(t < last ? t : last);
    const bin_uint128 scaled = bin_uint128(offset) * static_cast<std::uint64_t>(dropped);
    if (bin_uint128(b) * width > scaled)
      --b;
    else if (bin_uint128(b + 1) * width <= scaled)
      ++b;
    return b;
  }
};

}  // namespace lanes::detail
