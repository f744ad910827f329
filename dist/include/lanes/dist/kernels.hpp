// SPDX-License-Identifier: Apache-2.0
// The kernels of lanes/kernels across ranks, each a collective (docs/scale-out.md):
//   axpy, scal          local;
//   dot, nrm2           the fixed-order reduce over ranks: the single-process bits;
//   gemv                row blocks: each rank's rows of A (its block of y's rows) and all
//                       of x; local;
//   spmv_csr            row blocks likewise, x a dist::array gathered whole on every rank
//                       (MPI_Allgatherv) before the local product;
//   stencil2d           row blocks of the grid; each step trades one halo row with each
//                       neighbour (MPI_Sendrecv), then steps locally;
//   monte_carlo_pi      Philox draws split by rank, counts summed: the same estimate for
//                       any number of ranks;
//   count_primes        [lo, hi) cut where the trial-division work (about sqrt(x) per
//                       number) is equal, counts summed.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "lanes/dist/algorithms.hpp"
#include "lanes/kernels/blas.hpp"
#include "lanes/kernels/grids.hpp"
#include "lanes/kernels/simulations.hpp"
#include "lanes/kernels/sparse.hpp"

namespace lanes::dist {

template <class Ex, class T>
void axpy(const Ex& ex, T a, const array<T>& x, array<T>& y) {
  detail::check_partitioned_alike(x, y, "dist::axpy");
  kernels::axpy(ex, a, x.local(), y.local());
}

template <class Ex, class T>
void scal(const Ex& ex, T a, array<T>& x) {
  kernels::scal(ex, a, x.local());
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
  kernels::gemv(ex, y.local_size(), n, alpha, a_rows, x, beta, y.local());
}

// y = A x for a CSR matrix of y.global_size() rows and x.global_size() columns: this rank
// holds its block of rows (offsets from 0, local_rows + 1 of them; global column indices).
template <class Ex, class T>
void spmv_csr(const Ex& ex, span<const std::uint64_t> offsets, span<const std::uint32_t> indices,
              span<const T> values, const array<T>& x, array<T>& y) {
  const comm& c = x.comm();
  const std::size_t p = std::size_t(c.size());
  std::vector<int> counts(p), at(p);
  for (std::size_t r = 0; r < p; ++r) {
    at[r] = int(x.offset_of(int(r)));
    counts[r] = int(x.offset_of(int(r) + 1)) - at[r];
  }
  std::vector<T> whole(x.global_size());
  MPI_Allgatherv(x.local().data(), int(x.local_size()), mpi_type<T>(), whole.data(), counts.data(), at.data(),
                 mpi_type<T>(), c.get());
  const auto a = kernels::csr_matrix<T>::checked(ex, y.local_size(), x.global_size(), offsets, indices, values);
  kernels::spmv_csr(ex, a, span<const T>(whole), y.local());
}

// `steps` Jacobi heat steps on a grid of rows x cols, cols = grid.granule(): a dist::array
// made with granule cols holds whole rows on every rank.
template <class Ex, class T>
void stencil2d(const Ex& ex, long steps, array<T>& grid) {
  const comm& c = grid.comm();
  const std::size_t cols = grid.granule();
  if (steps < 0) lanes::detail::fail("dist::stencil2d: steps = ", steps, " is negative");
  const std::size_t rows = grid.local_size() / cols;
  const std::size_t all_rows = grid.global_size() / cols;
  const std::size_t first_row = grid.offset() / cols;
  // The nearest ranks above and below that hold rows (ranks past the rows hold none).
  int up = MPI_PROC_NULL, down = MPI_PROC_NULL;
  if (rows > 0 && first_row > 0) up = c.rank() - 1;
  if (rows > 0 && first_row + rows < all_rows) down = c.rank() + 1;
  const bool has_up = up != MPI_PROC_NULL, has_down = down != MPI_PROC_NULL;
  // The local grid with a halo row above and below where there is a neighbour: its edge
  // rows are then the halos, fixed for a step, as the global edges are.
  const std::size_t ext_rows = rows + has_up + has_down;
  std::vector<T> ext(ext_rows * cols), scratch(ext.size());
  span<T> mine = grid.local();
  for (long s = 0; s < steps && rows > 0; ++s) {
    T* body = ext.data() + (has_up ? cols : 0);
    std::copy(mine.begin(), mine.end(), body);
    MPI_Sendrecv(mine.data(), int(cols), mpi_type<T>(), up, 0, ext.data() + (ext_rows - 1) * cols, int(has_down ? cols : 0),
                 mpi_type<T>(), down, 0, c.get(), MPI_STATUS_IGNORE);
    MPI_Sendrecv(mine.data() + (rows - 1) * cols, int(cols), mpi_type<T>(), down, 1, ext.data(), int(has_up ? cols : 0),
                 mpi_type<T>(), up, 1, c.get(), MPI_STATUS_IGNORE);
    kernels::stencil2d(ex, ext_rows, cols, 1, span<T>(ext), span<T>(scratch));
    std::copy(body, body + rows * cols, mine.begin());
  }
}

// pi from `samples` Philox points, draws split by rank: the estimate of kernels::monte_carlo_pi.
template <class Ex>
double monte_carlo_pi(const Ex& ex, const comm& c, std::uint64_t samples, std::uint64_t seed) {
  if (!c.agree(samples) || !c.agree(seed)) lanes::detail::fail("dist::monte_carlo_pi: the ranks passed different samples or seeds");
  if (samples == 0) lanes::detail::fail("monte_carlo_pi: samples must be at least 1");
  const auto key0 = std::uint32_t(seed), key1 = std::uint32_t(seed >> 32);
  const std::uint64_t draws = samples / 2 + samples % 2;
  const std::uint64_t first = block_offset(draws, c.size(), c.rank()), end = block_offset(draws, c.size(), c.rank() + 1);
  std::uint64_t inside = lanes::detail::reduce_indices(ex, end - first, std::uint64_t{0}, std::plus<>{},
                                                       [=](std::size_t k) -> std::uint64_t {
    const std::uint64_t j = first + k;
    kernels::philox4x32 r = kernels::philox4x32_10({{std::uint32_t(j), std::uint32_t(j >> 32), 0, 0}}, key0, key1);
    const bool second = 2 * j + 1 < samples;
    return kernels::inside_quarter_circle(r.v[0], r.v[1]) + (second && kernels::inside_quarter_circle(r.v[2], r.v[3]));
  });
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
