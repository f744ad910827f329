// SPDX-License-Identifier: Apache-2.0
// The kernels of lanes/kernels across ranks, each a collective (docs/scale-out.md):
//   axpy, scal          local;
//   dot, nrm2           the fixed-order reduce over ranks: the single-process bits;
//   gemv                row blocks: each rank's rows of A (its block of y's rows) and all
//                       of x; local;
//   spmv_csr            row blocks likewise, on a dist::csr_matrix made once: each product
//                       sends each rank the entries of x its rows use outside its block
//                       (the halo, one MPI_Alltoallv);
//   distance_matrix     row blocks of the n x n matrix; every rank gathers all points
//                       (MPI_Allgatherv), then computes its rows;
//   stencil2d           row blocks of the grid; each step trades one halo row with each
//                       neighbour (MPI_Sendrecv), then steps locally;
//   monte_carlo_pi      Philox draws split by rank, counts summed: the same estimate for
//                       any number of ranks;
//   count_primes        [lo, hi) cut where the trial-division work (about sqrt(x) per
//                       number) is equal, counts summed.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "lanes/dist/algorithms.hpp"
#include "lanes/kernels/blas.hpp"
#include "lanes/kernels/grids.hpp"
#include "lanes/kernels/pairs.hpp"
#include "lanes/kernels/simulations.hpp"
#include "lanes/kernels/sparse.hpp"

namespace lanes::dist {

template <class Ex, class T>
void axpy(const Ex& ex, T a, const array<T>& x, array<T>& y) {
  detail::check_partitioned_alike(x, y, "dist::axpy");
  x.comm().together("dist::axpy", [&] { kernels::axpy(ex, a, x.local(), y.local()); });
}

template <class Ex, class T>
void scal(const Ex& ex, T a, array<T>& x) {
  x.comm().together("dist::scal", [&] { kernels::scal(ex, a, x.local()); });
}

template <class Ex, class T>
kernels::accumulator_t<T> dot(const Ex& ex, const array<T>& x, const array<T>& y) {
  using Acc = kernels::accumulator_t<T>;
  return transform_reduce(ex, x, y, Acc(0), std::plus<>{}, [](T a, T b) { return Acc(a) * Acc(b); });
}

// As kernels::nrm2: the sum of squares, or where it over- or underflows, scaled by the
// largest |x_i|.
template <class Ex, class T>
kernels::accumulator_t<T> nrm2(const Ex& ex, const array<T>& x) {
  using Acc = kernels::accumulator_t<T>;
  using limits = std::numeric_limits<Acc>;
  const Acc squares = transform_reduce(ex, x, Acc(0), std::plus<>{}, [](T v) { return Acc(v) * Acc(v); });
  if (squares >= Acc(x.global_size()) * limits::min() && squares <= limits::max()) return std::sqrt(squares);
  const Acc scale = transform_reduce(ex, x, Acc(0), kernels::larger<Acc>{}, [](T v) { return v < 0 ? -Acc(v) : Acc(v); });
  if (scale == 0 || !(scale < limits::infinity())) return scale;
  const Acc sum = transform_reduce(ex, x, Acc(0), std::plus<>{}, [scale](T v) {
    const Acc s = Acc(v) / scale;
    return s * s;
  });
  return scale * std::sqrt(sum);
}

// y = alpha A x + beta y for an m x n A: this rank holds A's rows of its block of y,
// a_rows = y.local_size() x n, row-major, and all of x.
template <class Ex, class T>
void gemv(const Ex& ex, std::size_t n, T alpha, span<const T> a_rows, span<const T> x, T beta, array<T>& y) {
  y.comm().together("dist::gemv", [&] { kernels::gemv(ex, y.local_size(), n, alpha, a_rows, x, beta, y.local()); });
}

// A CSR matrix of rows x cols in row blocks: this rank holds the rows of its block of a
// dist::array of `rows` elements (y's partition), with global column indices, and multiplies
// vectors partitioned as a dist::array of `cols` elements (x's). Made once (a collective,
// checked as kernels::csr_matrix is), it knows which entries of x its rows use outside this
// rank's block (the halo) and who holds them, and renumbers its columns into a local vector
// [halo below the block | the block | halo above], so each product sends only the halo
// (one MPI_Alltoallv) and multiplies locally. offsets and values are viewed, not copied;
// one product at a time per matrix (it keeps its halo buffer).
template <class T>
class csr_matrix {
 public:
  template <class Ex>
  static csr_matrix checked(const Ex& ex, const comm& c, std::size_t rows, std::size_t cols,
                            span<const std::uint64_t> offsets, span<const std::uint32_t> indices, span<const T> values) {
    return csr_matrix(ex, c, rows, cols, offsets, indices, values);
  }

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  const dist::comm& comm() const { return comm_; }
  std::size_t halo_size() const { return x_.size() - (hi_ - lo_); }  // entries of x fetched per product

  // y = A x (spmv_csr).
  template <class Ex>
  void multiply(const Ex& ex, const array<T>& x, array<T>& y) const {
    if (x.global_size() != cols_ || y.global_size() != rows_ || x.comm().size() != comm_.size() ||
        y.comm().size() != comm_.size() || x.granule() != 1 || y.granule() != 1)
      lanes::detail::fail_as<size_error>("dist::spmv_csr: x has ", x.global_size(), " and y ", y.global_size(),
                                         " elements for a ", rows_, " x ", cols_, " matrix");
    std::vector<T> sent(to_send_.size());
    for (std::size_t k = 0; k < sent.size(); ++k) sent[k] = x.local()[to_send_[k]];
    MPI_Alltoallv(sent.data(), send_counts_.data(), send_at_.data(), mpi_type<T>(), x_.data(), recv_counts_.data(),
                  recv_at_.data(), mpi_type<T>(), comm_.get());
    if (hi_ > lo_) lanes::detail::copy_bytes(x_.data() + below_, x.local().data(), (hi_ - lo_) * sizeof(T));
    comm_.together("dist::spmv_csr", [&] { kernels::spmv_csr(ex, *local_, span<const T>(x_.view()), y.local()); });
  }

 private:
  template <class Ex>
  csr_matrix(const Ex& ex, const dist::comm& c, std::size_t rows, std::size_t cols, span<const std::uint64_t> offsets,
             span<const std::uint32_t> indices, span<const T> values)
      : comm_(c), rows_(rows), cols_(cols), lo_(block_offset(cols, c.size(), c.rank())),
        hi_(block_offset(cols, c.size(), c.rank() + 1)) {
    if (!c.agree(rows) || !c.agree(cols)) lanes::detail::fail("dist::csr_matrix: the ranks passed different shapes");
    const std::size_t p = std::size_t(c.size());
    const std::size_t local_rows = block_offset(rows, c.size(), c.rank() + 1) - block_offset(rows, c.size(), c.rank());
    std::vector<std::uint32_t> wanted;  // the halo: sorted, each column once
    c.together("dist::csr_matrix", [&] {
      kernels::csr_matrix<T>::checked(ex, local_rows, cols, offsets, indices, values);  // throws if not a matrix
      for (std::uint32_t j : indices)
        if (j < lo_ || j >= hi_) wanted.push_back(j);
      std::sort(wanted.begin(), wanted.end());
      wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    });
    below_ = std::size_t(std::lower_bound(wanted.begin(), wanted.end(), std::uint32_t(lo_)) - wanted.begin());
    // Local columns: the halo below, the block, the halo above.
    columns_ = lanes::array<std::uint32_t>::uninitialized(indices.size());
    std::uint32_t* renumbered = columns_.data();
    const std::uint32_t* halo = wanted.data();
    const std::size_t lo = lo_, hi = hi_, below = below_, halo_size = wanted.size();
    lanes::for_each_index(ex, indices.size(), [=](std::size_t k) {
      const std::uint32_t j = indices[k];
      if (j >= lo && j < hi) renumbered[k] = std::uint32_t(below + (j - lo));
      else {
        const std::size_t at = std::size_t(std::lower_bound(halo, halo + halo_size, j) - halo);
        renumbered[k] = std::uint32_t(at < below ? at : at + (hi - lo));
      }
    });
    x_ = lanes::array<T>::uninitialized(halo_size + (hi - lo));
    local_.emplace(kernels::csr_matrix<T>::checked(ex, local_rows, x_.size(), offsets, span<const std::uint32_t>(columns_.view()), values));
    // Who holds each halo column, then the columns each rank must send (asked once).
    recv_counts_.assign(p, 0);
    for (std::size_t k = 0, r = 0; k < halo_size; ++k) {
      while (block_offset(cols, c.size(), int(r + 1)) <= wanted[k]) ++r;
      ++recv_counts_[r];
    }
    send_counts_.assign(p, 0);
    MPI_Alltoall(recv_counts_.data(), 1, MPI_INT, send_counts_.data(), 1, MPI_INT, c.get());
    const auto asked_at = detail::to_displacements(recv_counts_);
    send_at_ = detail::to_displacements(send_counts_);
    to_send_.resize(std::size_t(send_at_.back() + send_counts_.back()));
    MPI_Alltoallv(wanted.data(), recv_counts_.data(), asked_at.data(), MPI_UINT32_T, to_send_.data(),
                  send_counts_.data(), send_at_.data(), MPI_UINT32_T, c.get());
    for (auto& j : to_send_) j -= std::uint32_t(lo_);  // into this rank's block
    // The halo lands in x_ around the block: ranks below this one fill [0, below_), the
    // ranks above [below_ + block, ...).
    recv_at_ = asked_at;
    for (std::size_t r = std::size_t(c.rank()) + 1; r < p; ++r) recv_at_[r] += int(hi_ - lo_);
  }

  dist::comm comm_;
  std::size_t rows_, cols_, lo_, hi_, below_ = 0;
  lanes::array<std::uint32_t> columns_;          // indices renumbered into x_
  std::optional<kernels::csr_matrix<T>> local_;  // offsets, columns_, values over x_
  mutable lanes::array<T> x_;                    // [halo below | this rank's block of x | halo above]
  std::vector<std::uint32_t> to_send_;           // positions in this rank's block, rank by rank
  std::vector<int> send_counts_, send_at_, recv_counts_, recv_at_;
};

// y = A x for a row-block dist::csr_matrix.
template <class Ex, class T>
void spmv_csr(const Ex& ex, const csr_matrix<T>& a, const array<T>& x, array<T>& y) {
  a.multiply(ex, x, y);
}

// The rows of the n x n distance matrix of `points` (n x dim, a dist::array of granule dim)
// in `out`'s block (a dist::array of granule n over the same ranks): the bits of
// kernels::distance_matrix.
template <class Ex, class T>
void distance_matrix(const Ex& ex, const array<T>& points, array<T>& out) {
  const comm& c = points.comm();
  const std::size_t dim = points.granule(), n = points.global_size() / dim;
  if (out.global_size() != n * n || (n && out.granule() != n) || out.comm().size() != c.size())
    lanes::detail::fail_as<size_error>("dist::distance_matrix: out has ", out.global_size(), " elements in rows of ",
                                       out.granule(), ", not ", n, " x ", n);
  if (n == 0) return;
  std::vector<int> counts(std::size_t(c.size()));
  for (int r = 0; r < c.size(); ++r) counts[std::size_t(r)] = int(points.offset_of(r + 1) - points.offset_of(r));
  const auto at = detail::to_displacements(counts);
  std::vector<T> all(points.global_size());
  MPI_Allgatherv(points.local().data(), int(points.local_size()), mpi_type<T>(), all.data(), counts.data(), at.data(),
                 mpi_type<T>(), c.get());
  c.together("dist::distance_matrix", [&] {
    kernels::distance_matrix_rows(ex, n, dim, span<const T>(all), out.offset() / n, out.local_size() / n, out.local());
  });
}

// `steps` Jacobi heat steps on a grid of rows x cols, cols = grid.granule(): a dist::array
// made with granule cols holds whole rows on every rank. scratch (partitioned alike) is
// workspace, as for kernels::stencil2d. Each step: the rank's block steps locally, its first
// and last rows held fixed, and those two rows then step in 3-row grids made of the
// neighbour's halo row, the row, and the row inside (saved before the step), so the grid's
// copies are O(cols) per step and the bits are kernels::stencil2d's.
template <class Ex, class T>
void stencil2d(const Ex& ex, long steps, array<T>& grid, array<T>& scratch) {
  const comm& c = grid.comm();
  const std::size_t cols = grid.granule();
  detail::check_partitioned_alike(grid, scratch, "dist::stencil2d");
  if (steps < 0) lanes::detail::fail("dist::stencil2d: steps = ", steps, " is negative");
  const std::size_t rows = grid.local_size() / cols;
  const std::size_t all_rows = grid.global_size() / cols;
  const std::size_t first_row = grid.offset() / cols;
  // The nearest ranks above and below that hold rows (ranks past the rows hold none).
  int up = MPI_PROC_NULL, down = MPI_PROC_NULL;
  if (rows > 0 && first_row > 0) up = c.rank() - 1;
  if (rows > 0 && first_row + rows < all_rows) down = c.rank() + 1;
  const bool has_up = up != MPI_PROC_NULL, has_down = down != MPI_PROC_NULL;
  T* mine = grid.local().data();
  T* last = rows ? mine + (rows - 1) * cols : mine;
  // top: [halo above; row 0; row 1], bottom: [row rows-2; row rows-1; halo below] (with one
  // row, one grid [halo above; row 0; halo below]); each with its own scratch.
  std::vector<T> top(has_up || (rows == 1 && has_down) ? 6 * cols : 0), bottom(has_down && rows > 1 ? 6 * cols : 0);
  auto step_edge = [&](std::vector<T>& three, T* row) {
    kernels::stencil2d(ex, 3, cols, 1, span<T>(three.data(), 3 * cols), span<T>(three.data() + 3 * cols, 3 * cols));
    std::copy(three.begin() + std::ptrdiff_t(cols), three.begin() + std::ptrdiff_t(2 * cols), row);
  };
  for (long s = 0; s < steps; ++s) {  // every rank, rows or none: the steps are collectives
    if (has_up) std::copy(mine, mine + std::min<std::size_t>(rows, 2) * cols, top.begin() + std::ptrdiff_t(cols));
    if (!bottom.empty()) std::copy(last - cols, last + cols, bottom.begin());
    T* below = !has_down ? nullptr : rows > 1 ? bottom.data() + 2 * cols : top.data() + 2 * cols;
    MPI_Sendrecv(mine, int(has_up ? cols : 0), mpi_type<T>(), up, 0, below, int(has_down ? cols : 0), mpi_type<T>(),
                 down, 0, c.get(), MPI_STATUS_IGNORE);
    MPI_Sendrecv(last, int(has_down ? cols : 0), mpi_type<T>(), down, 1, has_up ? top.data() : nullptr,
                 int(has_up ? cols : 0), mpi_type<T>(), up, 1, c.get(), MPI_STATUS_IGNORE);
    c.together("dist::stencil2d", [&] { kernels::stencil2d(ex, rows, cols, 1, grid.local(), scratch.local()); });
    if (rows == 1) {
      if (has_up && has_down) step_edge(top, mine);  // else the row is the grid's edge: fixed
    } else {
      if (has_up) step_edge(top, mine);
      if (has_down) step_edge(bottom, last);
    }
  }
}

// pi from `samples` Philox points, draws split by rank: the estimate of kernels::monte_carlo_pi.
template <class Ex>
double monte_carlo_pi(const Ex& ex, const comm& c, std::uint64_t samples, std::uint64_t seed) {
  if (!c.agree(samples) || !c.agree(seed)) lanes::detail::fail("dist::monte_carlo_pi: the ranks passed different samples or seeds");
  if (samples == 0) lanes::detail::fail("monte_carlo_pi: samples must be at least 1");
  const std::uint64_t draws = samples / 2 + samples % 2;
  const std::uint64_t first = block_offset(draws, c.size(), c.rank()), end = block_offset(draws, c.size(), c.rank() + 1);
  std::uint64_t inside = kernels::monte_carlo_inside(ex, samples, seed, first, end - first);
  MPI_Allreduce(MPI_IN_PLACE, &inside, 1, MPI_UINT64_T, MPI_SUM, c.get());
  return 4.0 * double(inside) / double(samples);
}

// The primes in [lo, hi), the range cut where the work (about sqrt(x) per number x) splits
// evenly: rank r takes [cut(r), cut(r + 1)) with cut(r)^1.5 linear in r.
template <class Ex>
std::uint64_t count_primes(const Ex& ex, const comm& c, std::uint64_t lo, std::uint64_t hi) {
  if (!c.agree(lo) || !c.agree(hi)) lanes::detail::fail("dist::count_primes: the ranks passed different ranges");
  if (hi < lo) lanes::detail::fail("count_primes: hi = ", hi, " is below lo = ", lo);
  auto cut = [&](int r) -> std::uint64_t {
    if (r <= 0) return lo;
    if (r >= c.size()) return hi;
    const long double a = std::pow((long double)lo, 1.5L), b = std::pow((long double)hi, 1.5L);
    const auto x = std::uint64_t(std::pow(a + (b - a) * r / c.size(), 2.0L / 3.0L));
    return std::min(hi, std::max(lo, x));
  };
  std::uint64_t count = kernels::count_primes(ex, cut(c.rank()), std::max(cut(c.rank()), cut(c.rank() + 1)));
  MPI_Allreduce(MPI_IN_PLACE, &count, 1, MPI_UINT64_T, MPI_SUM, c.get());
  return count;
}

}  // namespace lanes::dist
