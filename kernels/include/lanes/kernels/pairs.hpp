// All-pairs kernels: the Euclidean distance matrix of n points, and the n-body gravity step.
#pragma once

#include <cmath>
#include <cstddef>

#include "lanes/detail/checks.hpp"
#include "lanes/for_each.hpp"
#include "lanes/span.hpp"

namespace lanes::kernels {

namespace detail {
// One entry of the distance matrix. D is the dimension when it is a small constant (the
// coordinate loop unrolls and the points' stride is known), 0 when only `dim` knows it.
template <class T, std::size_t D>
struct distance_point {
  std::size_t n, dim;
  const T* points;
  T* out;
  LANES_HD void operator()(std::size_t i, std::size_t j) const {
    const std::size_t d = D != 0 ? D : dim;
    const T* p = points + i * d;
    const T* q = points + j * d;
    T sum = 0;
    for (std::size_t k = 0; k < d; ++k) sum += (p[k] - q[k]) * (p[k] - q[k]);
    out[i * n + j] = std::sqrt(sum);
  }
};
}  // namespace detail

// out[i * n + j] = |p_i - p_j| for n points of dim coordinates each (row-major n x dim).
// Exactly symmetric with a zero diagonal: both orders sum the same squares.
template <class Ex, class T>
void distance_matrix(const Ex& ex, std::size_t n, std::size_t dim, span<const T> points, span<T> out) {
  lanes::detail::check_shape(points, n, dim, "distance_matrix", "points", "n * dim");
  lanes::detail::check_shape(out, n, n, "distance_matrix", "out", "n * n");
  lanes::detail::check_disjoint(points, out, "distance_matrix", "points", "out");
  const T* p = points.data();
  switch (dim) {  // the usual dimensions of geometry get a loop of their own
    case 2: return for_each_index(ex, n, n, detail::distance_point<T, 2>{n, dim, p, out.data()});
    case 3: return for_each_index(ex, n, n, detail::distance_point<T, 3>{n, dim, p, out.data()});
    default: return for_each_index(ex, n, n, detail::distance_point<T, 0>{n, dim, p, out.data()});
  }
}

// One step of n bodies under gravity (G = 1) with softening eps: for each body,
// a_i = sum over j of m_j (r_j - r_i) / (|r_j - r_i|^2 + eps^2)^(3/2); v_i += a_i dt; then
// r_i += v_i dt. pos and vel hold x, y, z per body (3n), mass n.
template <class Ex, class T>
void nbody_step(const Ex& ex, T dt, T eps, span<T> pos, span<T> vel, span<const T> mass) {
  lanes::detail::check_data(mass, "nbody_step", "mass");
  const std::size_t n = mass.size();
  lanes::detail::check_shape(pos, n, 3, "nbody_step", "pos", "3 * n");
  lanes::detail::check_shape(vel, n, 3, "nbody_step", "vel", "3 * n");
  lanes::detail::check_disjoint(pos, vel, "nbody_step", "pos", "vel");
  lanes::detail::check_disjoint(mass, pos, "nbody_step", "mass", "pos");
  lanes::detail::check_disjoint(mass, vel, "nbody_step", "mass", "vel");
  if (!(eps > 0)) lanes::detail::fail("nbody_step: the softening eps = ", eps, " must be positive");
  const T eps2 = eps * eps;
  for_each_heavy_index(ex, n, [=] LANES_HD(std::size_t i) {
    T xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2], ax = 0, ay = 0, az = 0;
    for (std::size_t j = 0; j < n; ++j) {
      T dx = pos[3 * j] - xi, dy = pos[3 * j + 1] - yi, dz = pos[3 * j + 2] - zi;
      T r2 = dx * dx + dy * dy + dz * dz + eps2;
      T s = mass[j] / (r2 * std::sqrt(r2));
      ax += s * dx;
      ay += s * dy;
      az += s * dz;
    }
    vel[3 * i] += ax * dt;
    vel[3 * i + 1] += ay * dt;
    vel[3 * i + 2] += az * dt;
  });
  for_each_index(ex, 3 * n, [=] LANES_HD(std::size_t k) { pos[k] += vel[k] * dt; });
}

}  // namespace lanes::kernels
