// SPDX-License-Identifier: Apache-2.0
// The compiled entry points: the algorithms and kernels for the arithmetic types, behind a
// lanes::device chosen at run time. liblanes holds them for every backend it was built
// with, so a program compiled with plain g++ reaches every core or the GPU:
//
//   lanes::device gpu("auto");
//   lanes::array<float> x(host, n, gpu), y(n, gpu);
//   lanes::compiled::axpy(gpu, 2.0f, x.view(), y.view());
//
// Spans must live where the device runs: host memory for seq and cpu, that GPU's memory
// for cuda (arrays made with the device are). Errors are lanes::error, as everywhere.
//
// Types: the algorithms take float, double, int32, int64, uint32, uint64, int8 and uint8 elements;
// the floating-point kernels take float and double. float sums and dots accumulate in double.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "lanes/build_config.hpp"
#include "lanes/device.hpp"
#include "lanes/error.hpp"
#include "lanes/min_max.hpp"
#include "lanes/span.hpp"

namespace lanes {
class cuda;  // the CUDA executor, defined for nvcc code in lanes/cuda/executor.cuh

namespace detail {

// The entry points on one executor type, for element type T. Only declared here: liblanes
// instantiates them for seq, cpu and, in CUDA builds, cuda.
template <class Ex, class T>
struct algorithm_entries {
  static double sum(const device& d, span<const T> x);
  static min_max_result<T> min_max(const device& d, span<const T> x);
  static void inclusive_scan(const device& d, span<const T> in, span<T> out);
  static void exclusive_scan(const device& d, span<const T> in, span<T> out);
  static void sort(const device& d, span<T> keys);
  static void sort_by_key(const device& d, span<T> keys, span<std::uint8_t> values);
  static void sort_by_key(const device& d, span<T> keys, span<std::uint32_t> values);
  static void sort_by_key(const device& d, span<T> keys, span<std::uint64_t> values);
  static std::uint64_t histogram(const device& d, span<const T> x, double lo, double hi, span<std::uint64_t> bins);
  static void gather(const device& d, span<const T> in, span<const std::int64_t> indices, span<T> out);
  static void scatter(const device& d, span<const T> in, span<const std::int64_t> indices, span<T> out);
};

// The kernels' entry points, one struct per family (kernel header), for T = float or double.
template <class Ex, class T>
struct blas_entries {  // lanes/kernels/blas.hpp, gemm.hpp
  using acc = std::conditional_t<std::is_same_v<T, float>, double, T>;
  static void axpy(const device& d, T a, span<const T> x, span<T> y);
  static void scal(const device& d, T a, span<T> x);
  static acc dot(const device& d, span<const T> x, span<const T> y);
  static acc nrm2(const device& d, span<const T> x);
  static void gemv(const device& d, std::size_t m, std::size_t n, T alpha, span<const T> a, span<const T> x, T beta,
                   span<T> y);
  static void gemm(const device& d, std::size_t m, std::size_t n, std::size_t k, T alpha, span<const T> a,
                   span<const T> b, T beta, span<T> c);
};

template <class Ex, class T>
struct grid_entries {  // lanes/kernels/grids.hpp
  static void stencil2d(const device& d, std::size_t rows, std::size_t cols, long steps, span<T> grid,
                        span<T> scratch);
  static void conv2d(const device& d, std::size_t rows, std::size_t cols, span<const T> image, std::size_t size,
                     span<const T> filter, span<T> out);
  static void grayscale(const device& d, span<const std::uint8_t> rgb, span<T> out);
  static void threshold(const device& d, span<const T> image, T level, span<std::uint8_t> mask);
  static void adaptive_threshold(const device& d, std::size_t rows, std::size_t cols, span<const T> image,
                                 std::size_t block, T c, span<std::uint8_t> mask);
};

template <class Ex, class T>
struct pair_entries {  // lanes/kernels/pairs.hpp, sparse.hpp
  static void distance_matrix(const device& d, std::size_t n, std::size_t dim, span<const T> points, span<T> out);
  static void nbody_step(const device& d, T dt, T eps, span<T> pos, span<T> vel, span<const T> mass);
  static void spmv_csr(const device& d, std::size_t rows, std::size_t cols, span<const std::uint64_t> offsets,
                       span<const std::uint32_t> indices, span<const T> values, span<const T> x, span<T> y);
};

template <class Ex, class T>
struct simulation_entries {  // lanes/kernels/simulations.hpp
  static void particles_evolve(const device& d, span<T> x, span<T> y, span<const T> w, double dt);
  static void mandelbrot(const device& d, std::size_t width, std::size_t height, T x0, T x1, T y0, T y1,
                         std::uint32_t max_iter, span<std::uint32_t> counts);
};

template <class Ex>
struct scalar_entries {
  static double monte_carlo_pi(const device& d, std::uint64_t samples, std::uint64_t seed);
  static std::uint64_t monte_carlo_inside(const device& d, std::uint64_t samples, std::uint64_t seed,
                                          std::uint64_t first_draw, std::uint64_t draws);
  static std::uint64_t count_primes(const device& d, std::uint64_t lo, std::uint64_t hi);
};

// The instantiations of one family on one backend: with `extern`, a declaration that
// liblanes holds them; with nothing, their definition (lib/src/entries/, kernels/src/,
// cuda/src/: one file per family and backend).
#define LANES_ELEMENT_ENTRIES(Family, Ex, extern_or_nothing)            \
  extern_or_nothing template struct Family<Ex, float>;                 \
  extern_or_nothing template struct Family<Ex, double>;                \
  extern_or_nothing template struct Family<Ex, std::int32_t>;          \
  extern_or_nothing template struct Family<Ex, std::int64_t>;          \
  extern_or_nothing template struct Family<Ex, std::uint32_t>;         \
  extern_or_nothing template struct Family<Ex, std::uint64_t>;         \
  extern_or_nothing template struct Family<Ex, std::int8_t>;           \
  extern_or_nothing template struct Family<Ex, std::uint8_t>;
#define LANES_FLOAT_ENTRIES(Family, Ex, extern_or_nothing)              \
  extern_or_nothing template struct Family<Ex, float>;                 \
  extern_or_nothing template struct Family<Ex, double>;

// Every entry point of one backend, declared as held by liblanes.
#define LANES_EXTERN_ENTRIES_OF(Ex)                        \
  LANES_ELEMENT_ENTRIES(algorithm_entries, Ex, extern)     \
  LANES_FLOAT_ENTRIES(blas_entries, Ex, extern)            \
  LANES_FLOAT_ENTRIES(grid_entries, Ex, extern)            \
  LANES_FLOAT_ENTRIES(pair_entries, Ex, extern)            \
  LANES_FLOAT_ENTRIES(simulation_entries, Ex, extern)      \
  extern template struct scalar_entries<Ex>;

LANES_EXTERN_ENTRIES_OF(seq)
LANES_EXTERN_ENTRIES_OF(cpu)
#if LANES_WITH_CUDA
LANES_EXTERN_ENTRIES_OF(cuda)
#endif

// Calls f with an (empty) entries object for the device's backend.
template <template <class> class Entries, class F>
decltype(auto) on_backend(const device& d, F&& f) {
  switch (d.type()) {
    case device::kind::seq:
      return f(Entries<seq>{});
    case device::kind::cpu:
      return f(Entries<cpu>{});
    case device::kind::cuda:
#if LANES_WITH_CUDA
      return f(Entries<cuda>{});
#else
      break;  // no such device can be made in a build without CUDA
#endif
  }
  fail("lanes: ", d.name(), " has no compiled entry points in this build");
}

// Family<., T> as a template of the executor alone, for on_backend.
template <template <class, class> class Family, class T>
struct bind_type {
  template <class Ex>
  using entries = Family<Ex, T>;
};

template <class T>
inline constexpr bool is_entry_type =
    std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, std::int32_t> ||
    std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint32_t> || std::is_same_v<T, std::uint64_t> ||
    std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::uint8_t>;

template <class T>
decltype(auto) algorithms_on(const device& d) {
  static_assert(is_entry_type<T>, "compiled algorithms take float, double, int32, int64, uint32, uint64, int8 or uint8 elements");
  return [&d](auto&& f) -> decltype(auto) { return on_backend<bind_type<algorithm_entries, T>::template entries>(d, f); };
}

template <template <class, class> class Family, class T>
decltype(auto) kernels_on(const device& d) {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>, "compiled kernels take float or double");
  return [&d](auto&& f) -> decltype(auto) { return on_backend<bind_type<Family, T>::template entries>(d, f); };
}

}  // namespace detail

namespace compiled {

// Algorithms (every element type above).
template <class T>
double sum(const device& d, span<const T> x) {
  return detail::algorithms_on<T>(d)([&](auto e) { return e.sum(d, x); });
}
template <class T>
min_max_result<T> min_max(const device& d, span<const T> x) {
  return detail::algorithms_on<T>(d)([&](auto e) { return e.min_max(d, x); });
}
template <class T>
void inclusive_scan(const device& d, span<const T> in, span<T> out) {
  detail::algorithms_on<T>(d)([&](auto e) { e.inclusive_scan(d, in, out); });
}
// out[i] = in[0] + ... + in[i - 1], out[0] = 0.
template <class T>
void exclusive_scan(const device& d, span<const T> in, span<T> out) {
  detail::algorithms_on<T>(d)([&](auto e) { e.exclusive_scan(d, in, out); });
}
template <class T>
void sort(const device& d, span<T> keys) {
  detail::algorithms_on<T>(d)([&](auto e) { e.sort(d, keys); });
}
// Values of any type of 1, 4 or 8 bytes travel as their bits.
template <class T, class V>
void sort_by_key(const device& d, span<T> keys, span<V> values) {
  static_assert(std::is_same_v<V, std::uint8_t> || std::is_same_v<V, std::uint32_t> || std::is_same_v<V, std::uint64_t>,
                "compiled sort_by_key moves values as uint8, uint32 or uint64 bits");
  detail::algorithms_on<T>(d)([&](auto e) { e.sort_by_key(d, keys, values); });
}
// Overwrites bins with the counts over [lo, hi); returns how many items were dropped.
template <class T>
std::uint64_t histogram(const device& d, span<const T> x, double lo, double hi, span<std::uint64_t> bins) {
  return detail::algorithms_on<T>(d)([&](auto e) { return e.histogram(d, x, lo, hi, bins); });
}
// out[i] = in[indices[i]]; every index is checked first (lanes::error naming the first bad one).
template <class T>
void gather(const device& d, span<const T> in, span<const std::int64_t> indices, span<T> out) {
  detail::algorithms_on<T>(d)([&](auto e) { e.gather(d, in, indices, out); });
}
// out[indices[i]] = in[i]; indices outside out, or repeated, are lanes::error before any write.
template <class T>
void scatter(const device& d, span<const T> in, span<const std::int64_t> indices, span<T> out) {
  detail::algorithms_on<T>(d)([&](auto e) { e.scatter(d, in, indices, out); });
}

// Kernels (float and double).
template <class T>
void axpy(const device& d, T a, span<const T> x, span<T> y) {
  detail::kernels_on<detail::blas_entries, T>(d)([&](auto e) { e.axpy(d, a, x, y); });
}
template <class T>
void scal(const device& d, T a, span<T> x) {
  detail::kernels_on<detail::blas_entries, T>(d)([&](auto e) { e.scal(d, a, x); });
}
template <class T>
auto dot(const device& d, span<const T> x, span<const T> y) {
  return detail::kernels_on<detail::blas_entries, T>(d)([&](auto e) { return e.dot(d, x, y); });
}
template <class T>
auto nrm2(const device& d, span<const T> x) {
  return detail::kernels_on<detail::blas_entries, T>(d)([&](auto e) { return e.nrm2(d, x); });
}
template <class T>
void gemv(const device& d, std::size_t m, std::size_t n, T alpha, span<const T> a, span<const T> x, T beta, span<T> y) {
  detail::kernels_on<detail::blas_entries, T>(d)([&](auto e) { e.gemv(d, m, n, alpha, a, x, beta, y); });
}
template <class T>
void gemm(const device& d, std::size_t m, std::size_t n, std::size_t k, T alpha, span<const T> a, span<const T> b,
          T beta, span<T> c) {
  detail::kernels_on<detail::blas_entries, T>(d)([&](auto e) { e.gemm(d, m, n, k, alpha, a, b, beta, c); });
}
template <class T>
void particles_evolve(const device& d, span<T> x, span<T> y, span<const T> w, double dt) {
  detail::kernels_on<detail::simulation_entries, T>(d)([&](auto e) { e.particles_evolve(d, x, y, w, dt); });
}
template <class T>
void mandelbrot(const device& d, std::size_t width, std::size_t height, T x0, T x1, T y0, T y1, std::uint32_t max_iter,
                span<std::uint32_t> counts) {
  detail::kernels_on<detail::simulation_entries, T>(d)([&](auto e) { e.mandelbrot(d, width, height, x0, x1, y0, y1, max_iter, counts); });
}

template <class T>
void stencil2d(const device& d, std::size_t rows, std::size_t cols, long steps, span<T> grid, span<T> scratch) {
  detail::kernels_on<detail::grid_entries, T>(d)([&](auto e) { e.stencil2d(d, rows, cols, steps, grid, scratch); });
}
template <class T>
void conv2d(const device& d, std::size_t rows, std::size_t cols, span<const T> image, std::size_t size,
            span<const T> filter, span<T> out) {
  detail::kernels_on<detail::grid_entries, T>(d)([&](auto e) { e.conv2d(d, rows, cols, image, size, filter, out); });
}
template <class T>
void grayscale(const device& d, span<const std::uint8_t> rgb, span<T> out) {
  detail::kernels_on<detail::grid_entries, T>(d)([&](auto e) { e.grayscale(d, rgb, out); });
}
template <class T>
void threshold(const device& d, span<const T> image, T level, span<std::uint8_t> mask) {
  detail::kernels_on<detail::grid_entries, T>(d)([&](auto e) { e.threshold(d, image, level, mask); });
}
template <class T>
void adaptive_threshold(const device& d, std::size_t rows, std::size_t cols, span<const T> image, std::size_t block,
                        T c, span<std::uint8_t> mask) {
  detail::kernels_on<detail::grid_entries, T>(d)([&](auto e) { e.adaptive_threshold(d, rows, cols, image, block, c, mask); });
}
template <class T>
void distance_matrix(const device& d, std::size_t n, std::size_t dim, span<const T> points, span<T> out) {
  detail::kernels_on<detail::pair_entries, T>(d)([&](auto e) { e.distance_matrix(d, n, dim, points, out); });
}
template <class T>
void nbody_step(const device& d, T dt, T eps, span<T> pos, span<T> vel, span<const T> mass) {
  detail::kernels_on<detail::pair_entries, T>(d)([&](auto e) { e.nbody_step(d, dt, eps, pos, vel, mass); });
}
// y = A x for the CSR matrix (offsets, indices, values), checked on every call.
template <class T>
void spmv_csr(const device& d, std::size_t rows, std::size_t cols, span<const std::uint64_t> offsets,
              span<const std::uint32_t> indices, span<const T> values, span<const T> x, span<T> y) {
  detail::kernels_on<detail::pair_entries, T>(d)([&](auto e) { e.spmv_csr(d, rows, cols, offsets, indices, values, x, y); });
}

inline double monte_carlo_pi(const device& d, std::uint64_t samples, std::uint64_t seed) {
  return detail::on_backend<detail::scalar_entries>(d, [&](auto e) { return e.monte_carlo_pi(d, samples, seed); });
}
// monte_carlo_pi's count of points inside for draws [first_draw, first_draw + draws).
inline std::uint64_t monte_carlo_inside(const device& d, std::uint64_t samples, std::uint64_t seed,
                                        std::uint64_t first_draw, std::uint64_t draws) {
  return detail::on_backend<detail::scalar_entries>(
      d, [&](auto e) { return e.monte_carlo_inside(d, samples, seed, first_draw, draws); });
}
inline std::uint64_t count_primes(const device& d, std::uint64_t lo, std::uint64_t hi) {
  return detail::on_backend<detail::scalar_entries>(d, [&](auto e) { return e.count_primes(d, lo, hi); });
}

}  // namespace compiled
}  // namespace lanes
