// SPDX-License-Identifier: Apache-2.0
// Algorithms over a dist::array, each a collective over its communicator, the same names as
// the local ones. transform is local. reduce / transform_reduce give the bits of the
// single-process reduce for any number of ranks and threads: the blocks of the fixed order
// (lanes/reduce.hpp) are aligned at global multiples of reduce_block; each is folded by the
// rank that holds its first item (the items past that rank's end come from the next ranks,
// one MPI_Alltoallv), every rank gathers all blocks' results (MPI_Allgatherv) and builds
// the same pairwise tree. min_max, histogram: local, then combined on every rank. Scans:
// local scan plus MPI_Exscan of the blocks' totals (integers exact, wrapping; floats within
// rounding of the single-process scan, not its bits).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <tuple>
#include <type_traits>
#include <vector>

#include "lanes/detail/host/reduce.hpp"
#include "lanes/detail/wrapping.hpp"
#include "lanes/dist/array.hpp"
#include "lanes/for_each.hpp"
#include "lanes/histogram.hpp"
#include "lanes/min_max.hpp"
#include "lanes/reduce.hpp"
#include "lanes/scan.hpp"
#include "lanes/transform.hpp"

namespace lanes::dist {

namespace detail {

template <class A, class B>
void check_partitioned_alike(const array<A>& a, const array<B>& b, const char* algorithm) {
  if (a.global_size() != b.global_size() || a.comm().size() != b.comm().size() || a.granule() != b.granule())
    lanes::detail::fail_as<size_error>(algorithm, ": the arrays have ", a.global_size(), " and ", b.global_size(),
                                       " elements over ", a.comm().size(), " and ", b.comm().size(), " ranks");
}

// MPI's int counts and displacements, from per-rank sizes.
inline std::vector<int> to_displacements(const std::vector<int>& counts) {
  std::vector<int> displs(counts.size(), 0);
  for (std::size_t r = 1; r < counts.size(); ++r) displs[r] = displs[r - 1] + counts[r - 1];
  return displs;
}

}  // namespace detail

// out = f(in) element by element (local: the arrays are partitioned alike).
template <class Ex, class T, class U, class F>
void transform(const Ex& ex, const array<T>& in, array<U>& out, F f) {
  detail::check_partitioned_alike(in, out, "dist::transform");
  in.comm().together("dist::transform", [&] { lanes::transform(ex, in.local(), out.local(), f); });
}

namespace detail {

// op(init, f(a_0, b_0, ...), ..., f(a_{n-1}, b_{n-1}, ...)) over arrays partitioned alike,
// in the fixed order of lanes/reduce.hpp: the single-process bits.
template <class Ex, class Acc, class Op, class F, class... T>
Acc fixed_order_reduce(const Ex& ex, Acc init, Op given_op, F f, const array<T>&... in) {
  constexpr std::size_t B = lanes::detail::reduce_block;
  auto op = lanes::detail::defined_op<Acc>(given_op);  // signed integer sums wrap, as locally
  const auto& first = std::get<0>(std::forward_as_tuple(in...));
  (check_partitioned_alike(first, in, "dist::transform_reduce"), ...);
  const comm& c = first.comm();
  const int p = c.size(), me = c.rank();
  const std::size_t n = first.global_size();
  if (n == 0) return init;
  auto begin_of = [&](int r) { return first.offset_of(r); };
  // Each rank's leading items, up to its first block start, go to the owner of that block
  // (the rank holding the block's first item).
  std::vector<int> send(std::size_t(p), 0), recv(std::size_t(p), 0);
  for (int q = 0; q < p; ++q) {
    const std::size_t o = begin_of(q), e = begin_of(q + 1);
    const std::size_t lead_end = std::min(e, (o + B - 1) / B * B);
    if (lead_end == o) continue;  // q starts at a block boundary, or holds nothing
    int to = q;
    while (begin_of(to) > o / B * B) --to;
    if (q == me) send[std::size_t(to)] = int(lead_end - o);
    if (to == me) recv[std::size_t(q)] = int(lead_end - o);
  }
  const auto send_at = to_displacements(send), recv_at = to_displacements(recv);
  const std::size_t tail_size = std::size_t(recv_at.back() + recv.back());
  // This rank's blocks: those whose first item it holds; the last may run past its end e,
  // so its items are gathered, contiguous, in a buffer of their own (per array).
  const std::size_t o = first.offset(), e = o + first.local_size();
  const std::size_t first_block = (o + B - 1) / B, end_block = (e + B - 1) / B;
  const std::size_t owned = e > o ? end_block - std::min(first_block, end_block) : 0;
  const std::size_t last_begin = owned ? (end_block - 1) * B : o;
  auto last_block = [&](const auto& a) {
    using V = typename std::decay_t<decltype(a.local())>::value_type;
    using W = std::remove_cv_t<V>;
    std::vector<W> tail(tail_size), last;
    MPI_Alltoallv(a.local().data(), send.data(), send_at.data(), mpi_type<W>(), tail.data(), recv.data(),
                  recv_at.data(), mpi_type<W>(), c.get());
    if (owned) {
      last.assign(a.local().data() + (last_begin - o), a.local().data() + (e - o));
      last.insert(last.end(), tail.begin(), tail.end());
    }
    return last;
  };
  const auto lasts = std::make_tuple(last_block(in)...);
  std::vector<Acc> mine(owned, init);
  c.together("dist::transform_reduce", [&] { lanes::for_each_heavy_index(ex, owned, [&](std::size_t k) {  // a block per index
    const std::size_t begin = (first_block + k) * B, end = std::min(n, begin + B);
    if (k + 1 == owned) {
      auto value = [&](std::size_t i) {
        return std::apply([&](const auto&... l) { return f(l[i - begin]...); }, lasts);
      };
      mine[k] = lanes::detail::reduce_one_block<Acc>(begin, end, op, value);
    } else {
      auto value = [&](std::size_t i) { return f(in.local()[i - o]...); };
      mine[k] = lanes::detail::reduce_one_block<Acc>(begin, end, op, value);
    }
  }); });
  // Every block's result on every rank, then the same tree everywhere.
  std::vector<int> counts(static_cast<std::size_t>(p));
  for (int q = 0; q < p; ++q) {
    const std::size_t qo = begin_of(q), qe = begin_of(q + 1);
    counts[std::size_t(q)] = qe > qo ? int((qe + B - 1) / B - std::min((qo + B - 1) / B, (qe + B - 1) / B)) : 0;
  }
  const auto at = to_displacements(counts);
  std::vector<Acc> blocks((n + B - 1) / B);
  MPI_Allgatherv(mine.data(), int(owned), mpi_type<Acc>(), blocks.data(), counts.data(), at.data(), mpi_type<Acc>(),
                 c.get());
  return op(init, lanes::detail::tree_reduce(blocks.data(), blocks.size(), op));
}

}  // namespace detail

// op(init, f(x_0), ..., f(x_{n-1})) in the fixed order: the single-process bits.
template <class Ex, class T, class Acc, class Op, class F>
Acc transform_reduce(const Ex& ex, const array<T>& in, Acc init, Op op, F f) {
  return detail::fixed_order_reduce(ex, init, op, f, in);
}

// op over f(a_i, b_i): a dot product with std::plus<>{} and std::multiplies<>{}.
template <class Ex, class A, class B, class Acc, class Op, class F>
Acc transform_reduce(const Ex& ex, const array<A>& a, const array<B>& b, Acc init, Op op, F f) {
  return detail::fixed_order_reduce(ex, init, op, f, a, b);
}

template <class Ex, class T, class Acc, class Op = std::plus<>>
Acc reduce(const Ex& ex, const array<T>& in, Acc init, Op op = {}) {
  return transform_reduce(ex, in, init, op, [](T x) { return x; });
}

// The tag of the local reduce: the result is the same bits for any ranks and threads.
template <class Ex, class T, class Acc, class Op>
Acc reduce(const Ex& ex, const array<T>& in, Acc init, Op op, deterministic_t) {
  return reduce(ex, in, init, op);
}

// Over every rank: (min, max), NaN ignored, -0.0 before +0.0, as lanes::min_max.
template <class Ex, class T>
min_max_result<T> min_max(const Ex& ex, const array<T>& in) {
  const auto local = lanes::min_max(ex, in.local());
  std::vector<T> mins(std::size_t(in.comm().size())), maxs(mins.size());
  MPI_Allgather(&local.min, 1, mpi_type<T>(), mins.data(), 1, mpi_type<T>(), in.comm().get());
  MPI_Allgather(&local.max, 1, mpi_type<T>(), maxs.data(), 1, mpi_type<T>(), in.comm().get());
  return {lanes::min_max(seq{}, span<const T>(mins)).min, lanes::min_max(seq{}, span<const T>(maxs)).max};
}

// Counts over every rank's elements, in bins (the same on every rank); returns what was dropped.
template <class Ex, class T>
std::uint64_t histogram(const Ex& ex, const array<T>& in, double lo, double hi, span<std::uint64_t> bins) {
  const comm& c = in.comm();
  if (!c.agree(bins.size())) lanes::detail::fail("dist::histogram: the ranks passed different numbers of bins");
  std::vector<std::uint64_t> counts(bins.size() + 1);
  c.together("dist::histogram", [&] {
    counts.back() = lanes::histogram(ex, in.local(), lo, hi, span<std::uint64_t>(counts.data(), bins.size()));
  });
  MPI_Allreduce(MPI_IN_PLACE, counts.data(), int(counts.size()), MPI_UINT64_T, MPI_SUM, c.get());
  std::copy(counts.begin(), counts.end() - 1, bins.begin());
  return counts.back();
}

namespace detail {
// What a scan's carries are added in: unsigned for integers (they wrap), T for floats.
template <class T, bool = std::is_integral_v<T>>
struct sum_type {
  using type = T;
};
template <class T>
struct sum_type<T, true> {
  using type = std::make_unsigned_t<T>;
};

// Adds each rank's carry (the sum of the blocks before it, plus `init`) to its block.
template <class Ex, class T>
void add_carry(const Ex& ex, array<T>& out, T local_total, T init) {
  using Sum = typename sum_type<T>::type;  // integers wrap
  Sum mine = Sum(local_total), before = 0;
  MPI_Exscan(&mine, &before, 1, mpi_type<Sum>(), MPI_SUM, out.comm().get());
  if (out.comm().rank() == 0) before = 0;  // MPI leaves rank 0's result undefined
  const Sum carry = Sum(before + Sum(init));
  span<T> o = out.local();
  lanes::for_each_index(ex, o.size(), [=](std::size_t i) { o[i] = T(Sum(o[i]) + carry); });
}
}  // namespace detail

template <class Ex, class T>
void inclusive_scan(const Ex& ex, const array<T>& in, array<T>& out) {
  detail::check_partitioned_alike(in, out, "dist::inclusive_scan");
  in.comm().together("dist::inclusive_scan", [&] { lanes::inclusive_scan(ex, in.local(), out.local()); });
  const T total = out.local_size() ? out.local()[out.local_size() - 1] : T(0);
  detail::add_carry(ex, out, total, T(0));
}

template <class Ex, class T>
void exclusive_scan(const Ex& ex, const array<T>& in, array<T>& out, T init) {
  detail::check_partitioned_alike(in, out, "dist::exclusive_scan");
  const T last_in = in.local_size() ? in.local()[in.local_size() - 1] : T(0);  // before out overwrites it
  in.comm().together("dist::exclusive_scan", [&] { lanes::exclusive_scan(ex, in.local(), out.local(), T(0)); });
  using Sum = typename detail::sum_type<T>::type;
  const T total = out.local_size() ? T(Sum(out.local()[out.local_size() - 1]) + Sum(last_in)) : T(0);
  detail::add_carry(ex, out, total, init);
}

}  // namespace lanes::dist
