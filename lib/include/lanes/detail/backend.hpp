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

#include <cstddef>
#include <cstdint>

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

// select (host/select.hpp): the elements where pred holds, in order, to the front of out
// (lanes::error before anything is written when out is too short); returns their count.
//   size_t copy_if(ex, span<T> in, span<U> out, pred)
template <class Ex>
struct selector;

// histogram (host/histogram.hpp): counts of bin(in[i]) into bins (overwritten); returns how
// many items were dropped (bin == bins.size()).
//   uint64_t run(ex, span<T> in, bin_of bin, span<uint64_t> bins)
template <class Ex>
struct histogrammer;

// permute (host/permute.hpp): what gather and scatter's index checks need of the memory.
//   bitmap(ex, bits): zeroed bits in the executor's memory, words() -> uint64_t*
//   element_reader: T at(ex, span<T> s, i), one element read back to the host (for messages)
template <class Ex>
class bitmap;
template <class Ex>
struct element_reader;

// The bin of x over [lo, hi) in `dropped` equal bins, or `dropped` when x is outside or NaN;
// computed in double for every input type, and branch-free so that a batch vectorises.
struct bin_of {
  double lo, hi, scale, last, dropped;  // last = bins - 1, dropped = bins
  LANES_HD std::int32_t operator()(double x) const {
    double t = (x - lo) * scale;
    t = t < last ? t : last;     // x just below hi can round up to bins
    t = x >= lo ? t : dropped;  // NaN fails both tests
    t = x < hi ? t : dropped;
    return static_cast<std::int32_t>(t);
  }
};

}  // namespace lanes::detail
