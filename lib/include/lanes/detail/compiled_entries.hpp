// SPDX-License-Identifier: Apache-2.0
// The compiled entry points' declarations (lanes/compiled.hpp calls them): one struct of static
// functions per family and executor, which liblanes instantiates for every backend it was built
// with. The definitions live in lib/src/entries/, kernels/src/entries/ and cuda/src/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "lanes/build_config.hpp"
#include "lanes/device.hpp"
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
  static std::size_t unique(const device& d, span<const T> in, span<T> out);
  static std::size_t unique_by_key(const device& d, span<const T> keys, span<const std::uint8_t> values,
                                   span<T> keys_out, span<std::uint8_t> values_out);
  static std::size_t unique_by_key(const device& d, span<const T> keys, span<const std::uint32_t> values,
                                   span<T> keys_out, span<std::uint32_t> values_out);
  static std::size_t unique_by_key(const device& d, span<const T> keys, span<const std::uint64_t> values,
                                   span<T> keys_out, span<std::uint64_t> values_out);
  static void merge(const device& d, span<const T> a, span<const T> b, span<T> out);
  static void merge_by_key(const device& d, span<const T> a_keys, span<const std::uint8_t> a_values,
                           span<const T> b_keys, span<const std::uint8_t> b_values, span<T> keys_out,
                           span<std::uint8_t> values_out);
  static void merge_by_key(const device& d, span<const T> a_keys, span<const std::uint32_t> a_values,
                           span<const T> b_keys, span<const std::uint32_t> b_values, span<T> keys_out,
                           span<std::uint32_t> values_out);
  static void merge_by_key(const device& d, span<const T> a_keys, span<const std::uint64_t> a_values,
                           span<const T> b_keys, span<const std::uint64_t> b_values, span<T> keys_out,
                           span<std::uint64_t> values_out);
  static void lower_bound(const device& d, span<const T> sorted, span<const T> needles, span<std::int64_t> out);
  static void upper_bound(const device& d, span<const T> sorted, span<const T> needles, span<std::int64_t> out);
  static void reverse(const device& d, span<T> x);
  static void adjacent_difference(const device& d, span<const T> in, span<T> out);
  static std::size_t reduce_by_key(const device& d, span<const T> keys, span<const float> values, span<T> keys_out,
                                   span<float> sums);
  static std::size_t reduce_by_key(const device& d, span<const T> keys, span<const double> values, span<T> keys_out,
                                   span<double> sums);
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

template <class Ex, class T>
struct random_entries {  // lanes/kernels/random.hpp: the fills of stream `stream` of `seed` from item `offset`
  static void uniform(const device& d, span<T> out, std::uint64_t seed, std::uint64_t stream, std::uint64_t offset,
                      T lo, T hi);
  static void normal(const device& d, span<T> out, std::uint64_t seed, std::uint64_t stream, std::uint64_t offset,
                     T mean, T stddev);
  static void bernoulli(const device& d, span<T> out, std::uint64_t seed, std::uint64_t stream, std::uint64_t offset,
                        double p);
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
  LANES_FLOAT_ENTRIES(random_entries, Ex, extern)          \
  extern template struct scalar_entries<Ex>;

LANES_EXTERN_ENTRIES_OF(seq)
LANES_EXTERN_ENTRIES_OF(cpu)
#if LANES_WITH_CUDA
LANES_EXTERN_ENTRIES_OF(cuda)
#endif
}  // namespace detail
}  // namespace lanes
