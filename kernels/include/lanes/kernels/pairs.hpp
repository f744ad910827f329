// SPDX-License-Identifier: Apache-2.0
// All-pairs kernels: the Euclidean distance matrix of n points, and the n-body gravity step.
#pragma once

#include <cmath>
#include <cstddef>

#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/for_each.hpp"
#include "lanes/kernels/impl/group.hpp"
#include "lanes/span.hpp"

namespace lanes::kernels {

namespace impl {
// One entry of the distance matrix, for any dimension: the coordinates' squared
// differences summed in order.
// Rows from row0 on: out holds them from its start.
template <class T>
struct distance_point {
  std::size_t n, dim, row0;
  const T* points;
  T* out;
  LANES_HD void operator()(std::size_t i, std::size_t j) const {
    const T* p = points + (row0 + i) * dim;
    const T* q = points + j * dim;
    T sum = 0;
    for (std::size_t k = 0; k < dim; ++k) sum += (p[k] - q[k]) * (p[k] - q[k]);
    out[i * n + j] = std::sqrt(sum);
  }
};

// A tile of the distance matrix: rows [j0, j0 + R) x columns [i0, i0 + G), for points of
// D coordinates, D a small constant (the usual dimensions of geometry). The G column points
// sit side by side in registers and meet each row's point in turn (its coordinates
// broadcast): the loop vectorises with no shuffles of the interleaved coordinates, each
// row's G entries are one contiguous store, and a tile's R rows stay within R pages. The
// same sums as distance_point ((q - p)^2 = (p - q)^2 exactly), so the same bits. On cuda
// R = G = 1: a thread per entry, the columns of a row side by side. The tiles cover rows
// [row0, row_end); out holds them from its start.
template <class T, std::size_t D, std::size_t R, std::size_t G>
struct distance_tile {
  std::size_t n, column_tiles, row0, row_end;
  const T* points;
  T* out;
  LANES_HD LANES_SIMD_CLONES void operator()(std::size_t tile) const {
    const std::size_t j0 = row0 + tile / column_tiles * R, i0 = tile % column_tiles * G;
    const std::size_t rows = row_end - j0 < R ? row_end - j0 : R, columns = n - i0 < G ? n - i0 : G;
    T column[D][G];
    for (std::size_t p = 0; p < G; ++p)  // a narrow last tile repeats its first point
      for (std::size_t k = 0; k < D; ++k) column[k][p] = points[(i0 + (p < columns ? p : 0)) * D + k];
    for (std::size_t j = j0; j < j0 + rows; ++j) {
      T q[D];
      for (std::size_t k = 0; k < D; ++k) q[k] = points[j * D + k];
      T* row = out + (j - row0) * n + i0;
      for (std::size_t p = 0; p < columns; ++p) {
        T sum = 0;
        for (std::size_t k = 0; k < D; ++k) sum += (column[k][p] - q[k]) * (column[k][p] - q[k]);
        row[p] = std::sqrt(sum);
      }
    }
  }
};
}  // namespace impl

namespace impl {
// Rows [first, first + rows) of the distance matrix into out (rows x n), shapes checked.
template <class Ex, class T>
void distance_rows(const Ex& ex, std::size_t n, std::size_t dim, const T* p, std::size_t first, std::size_t rows, T* out) {
  constexpr std::size_t R = items_per_index<Ex>::of(32), G = items_per_index<Ex>::of(16);
  const std::size_t column_tiles = detail::ceil_div(n, G), tiles = detail::ceil_div(rows, R) * column_tiles;
  const std::size_t end = first + rows;
  switch (dim) {  // the usual dimensions of geometry get a loop of their own
    case 2: return for_each_heavy_index(ex, tiles, distance_tile<T, 2, R, G>{n, column_tiles, first, end, p, out});
    case 3: return for_each_heavy_index(ex, tiles, distance_tile<T, 3, R, G>{n, column_tiles, first, end, p, out});
    default: return for_each_index(ex, rows, n, distance_point<T>{n, dim, first, p, out});
  }
}
}  // namespace impl

// out[i * n + j] = |p_i - p_j| for n points of dim coordinates each (row-major n x dim).
// Exactly symmetric with a zero diagonal: both orders sum the same squares.
template <class Ex, class T>
void distance_matrix(const Ex& ex, std::size_t n, std::size_t dim, detail::input_span<T> points, span<T> out) {
  detail::check_shape(points, n, dim, "distance_matrix", "points", "n * dim");
  detail::check_shape(out, n, n, "distance_matrix", "out", "n * n");
  detail::check_disjoint(points, out, "distance_matrix", "points", "out");
  impl::distance_rows(ex, n, dim, points.data(), 0, n, out.data());
}

// Rows [first, first + rows) of distance_matrix, the same bits, into out (rows x n): a block
// of the matrix for a worker (lanes::dist) that holds those rows.
template <class Ex, class T>
void distance_matrix_rows(const Ex& ex, std::size_t n, std::size_t dim, detail::input_span<T> points, std::size_t first,
                          std::size_t rows, span<T> out) {
  detail::check_shape(points, n, dim, "distance_matrix_rows", "points", "n * dim");
  if (first > n || rows > n - first)
    detail::fail_as<size_error>("distance_matrix_rows: rows [", first, ", ", first + rows, ") are past n = ", n);
  detail::check_shape(out, rows, n, "distance_matrix_rows", "out", "rows * n");
  detail::check_disjoint(points, out, "distance_matrix_rows", "points", "out");
  impl::distance_rows(ex, n, dim, points.data(), first, rows, out.data());
}

namespace impl {
// The accelerations of G bodies (items_per_index), their velocities updated. The bodies
// sit side by side in vector registers and meet each body j in turn, so the j loop needs
// no shuffles of the interleaved x, y, z (body j's are broadcast), and each body's sum runs
// over j in order, as in the naive loop, on every executor (G = 1 on cuda).
template <class T, std::size_t G>
struct nbody_group {
  std::size_t n;
  T dt, eps2;
  const T* pos;
  const T* mass;
  T* vel;
  LANES_HD LANES_SIMD_CLONES void operator()(std::size_t g) const {
    const std::size_t first = g * G, count = n - first < G ? n - first : G;
    T xi[G], yi[G], zi[G], ax[G] = {}, ay[G] = {}, az[G] = {};
    for (std::size_t p = 0; p < G; ++p) {  // a short last group repeats its first body
      const std::size_t i = first + (p < count ? p : 0);
      xi[p] = pos[3 * i];
      yi[p] = pos[3 * i + 1];
      zi[p] = pos[3 * i + 2];
    }
    for (std::size_t j = 0; j < n; ++j) {
      const T xj = pos[3 * j], yj = pos[3 * j + 1], zj = pos[3 * j + 2], mj = mass[j];
      for (std::size_t p = 0; p < G; ++p) {
        const T dx = xj - xi[p], dy = yj - yi[p], dz = zj - zi[p];
        const T r2 = dx * dx + dy * dy + dz * dz + eps2;
        const T s = mj / (r2 * std::sqrt(r2));
        ax[p] += s * dx;
        ay[p] += s * dy;
        az[p] += s * dz;
      }
    }
    for (std::size_t p = 0; p < count; ++p) {
      vel[3 * (first + p)] += ax[p] * dt;
      vel[3 * (first + p) + 1] += ay[p] * dt;
      vel[3 * (first + p) + 2] += az[p] * dt;
    }
  }
};
}  // namespace impl

// One step of n bodies under gravity (G = 1) with softening eps: for each body,
// a_i = sum over j of m_j (r_j - r_i) / (|r_j - r_i|^2 + eps^2)^(3/2); v_i += a_i dt; then
// r_i += v_i dt. pos and vel hold x, y, z per body (3n), mass n.
template <class Ex, class T>
void nbody_step(const Ex& ex, T dt, T eps, span<T> pos, span<T> vel, detail::input_span<T> mass) {
  detail::check_data(mass, "nbody_step", "mass");
  const std::size_t n = mass.size();
  detail::check_shape(pos, n, 3, "nbody_step", "pos", "3 * n");
  detail::check_shape(vel, n, 3, "nbody_step", "vel", "3 * n");
  detail::check_disjoint(pos, vel, "nbody_step", "pos", "vel");
  detail::check_disjoint(mass, pos, "nbody_step", "mass", "pos");
  detail::check_disjoint(mass, vel, "nbody_step", "mass", "vel");
  if (!(eps > 0)) detail::fail("nbody_step: the softening eps = ", eps, " must be positive");
  constexpr std::size_t group = impl::items_per_index<Ex>::of(16);
  for_each_heavy_index(ex, detail::ceil_div(n, group),
                       impl::nbody_group<T, group>{n, dt, eps * eps, pos.data(), mass.data(), vel.data()});
  for_each_index(ex, 3 * n, [=] LANES_HD(std::size_t k) { pos[k] += vel[k] * dt; });
}

LANES_ACCEPT_RANGES(distance_matrix)
LANES_ACCEPT_RANGES(distance_matrix_rows)
LANES_ACCEPT_RANGES(nbody_step)

}  // namespace lanes::kernels
