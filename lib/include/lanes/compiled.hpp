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

#include "lanes/detail/compiled_call.hpp"

namespace lanes {

// The entry point `name` of an entries object, as a function of (entries, device, arguments).
#define LANES_ENTRY(name) [](auto entries, const device& on, auto... arguments) { return entries.name(on, arguments...); }

namespace compiled {

using detail::bytes_of;

// Algorithms (every element type above).
template <class T>
double sum(const device& d, span<const T> x) {
  return detail::algorithm<T>(d, {"sum", "x", x.size(), bytes_of(x)}, LANES_ENTRY(sum), x);
}
template <class T>
min_max_result<T> min_max(const device& d, span<const T> x) {
  return detail::algorithm<T>(d, {"min_max", "x", x.size(), bytes_of(x)}, LANES_ENTRY(min_max), x);
}
template <class T>
void inclusive_scan(const device& d, span<const T> in, span<T> out) {
  detail::algorithm<T>(d, {"inclusive_scan", "in out", in.size(), bytes_of(in, out),
                           detail::validated_with_gpu(d) ? detail::scan_tolerance(d, in) : 0.0},
                       LANES_ENTRY(inclusive_scan), in, out);
}
// out[i] = in[0] + ... + in[i - 1], out[0] = 0.
template <class T>
void exclusive_scan(const device& d, span<const T> in, span<T> out) {
  detail::algorithm<T>(d, {"exclusive_scan", "in out", in.size(), bytes_of(in, out),
                           detail::validated_with_gpu(d) ? detail::scan_tolerance(d, in) : 0.0},
                       LANES_ENTRY(exclusive_scan), in, out);
}
template <class T>
void sort(const device& d, span<T> keys) {
  detail::algorithm<T>(d, {"sort", "keys", keys.size(), bytes_of(keys)}, LANES_ENTRY(sort), keys);
}
// Values of any type of 1, 4 or 8 bytes travel as their bits.
template <class T, class V>
void sort_by_key(const device& d, span<T> keys, span<V> values) {
  static_assert(detail::value_bits<V>, "compiled sort_by_key moves values as uint8, uint32 or uint64 bits");
  detail::algorithm<T>(d, {"sort_by_key", "keys values", keys.size(), bytes_of(keys, values)},
                       LANES_ENTRY(sort_by_key), keys, values);
}
// Overwrites bins with the counts over [lo, hi); returns how many items were dropped.
template <class T>
std::uint64_t histogram(const device& d, span<const T> x, double lo, double hi, span<std::uint64_t> bins) {
  return detail::algorithm<T>(d, {"histogram", "x lo hi bins", x.size(), bytes_of(x, bins)}, LANES_ENTRY(histogram),
                              x, lo, hi, bins);
}
// out[i] = in[indices[i]]; every index is checked first (lanes::error naming the first bad one).
template <class T>
void gather(const device& d, span<const T> in, span<const std::int64_t> indices, span<T> out) {
  detail::algorithm<T>(d, {"gather", "in indices out", out.size(), bytes_of(in, indices, out)}, LANES_ENTRY(gather),
                       in, indices, out);
}
// out[indices[i]] = in[i]; indices outside out, or repeated, are lanes::error before any write.
template <class T>
void scatter(const device& d, span<const T> in, span<const std::int64_t> indices, span<T> out) {
  detail::algorithm<T>(d, {"scatter", "in indices out", in.size(), bytes_of(in, indices, out)}, LANES_ENTRY(scatter),
                       in, indices, out);
}
// The first item of every run of equal items (sort's order: -0.0 and +0.0 differ, NaNs are
// equal) to the front of out; returns how many. out must hold them.
template <class T>
std::size_t unique(const device& d, span<const T> in, span<T> out) {
  return detail::algorithm<T>(d, {"unique", "in out", in.size(), bytes_of(in, out)}, LANES_ENTRY(unique), in, out);
}
// unique on keys, the value beside each kept key kept with it, to the front of keys_out and
// values_out (values as their bits, as sort_by_key's); returns how many.
template <class T, class V>
std::size_t unique_by_key(const device& d, span<const T> keys, span<const V> values, span<T> keys_out,
                          span<V> values_out) {
  static_assert(detail::value_bits<V>, "compiled unique_by_key moves values as uint8, uint32 or uint64 bits");
  return detail::algorithm<T>(d, {"unique_by_key", "keys values keys_out values_out", keys.size(),
                                  bytes_of(keys, values, keys_out, values_out)},
                              LANES_ENTRY(unique_by_key), keys, values, keys_out, values_out);
}
// out = a and b merged, both sorted in sort's order; out holds a.size() + b.size().
template <class T>
void merge(const device& d, span<const T> a, span<const T> b, span<T> out) {
  detail::algorithm<T>(d, {"merge", "a b out", out.size(), bytes_of(a, b, out)}, LANES_ENTRY(merge), a, b, out);
}
// merge on keys, each value (as its bits) moved with its key; keys_out and values_out hold
// a_keys.size() + b_keys.size().
template <class T, class V>
void merge_by_key(const device& d, span<const T> a_keys, span<const V> a_values, span<const T> b_keys,
                  span<const V> b_values, span<T> keys_out, span<V> values_out) {
  static_assert(detail::value_bits<V>, "compiled merge_by_key moves values as uint8, uint32 or uint64 bits");
  detail::algorithm<T>(d, {"merge_by_key", "a_keys a_values b_keys b_values keys_out values_out", keys_out.size(),
                           bytes_of(a_keys, a_values, b_keys, b_values, keys_out, values_out)},
                       LANES_ENTRY(merge_by_key), a_keys, a_values, b_keys, b_values, keys_out, values_out);
}
// out[i] = the first index of sorted (in sort's order) whose item is not before needles[i].
template <class T>
void lower_bound(const device& d, span<const T> sorted, span<const T> needles, span<std::int64_t> out) {
  detail::algorithm<T>(d, {"lower_bound", "sorted needles out", needles.size(), bytes_of(sorted, needles, out)},
                       LANES_ENTRY(lower_bound), sorted, needles, out);
}
// out[i] = the first index of sorted whose item is after needles[i].
template <class T>
void upper_bound(const device& d, span<const T> sorted, span<const T> needles, span<std::int64_t> out) {
  detail::algorithm<T>(d, {"upper_bound", "sorted needles out", needles.size(), bytes_of(sorted, needles, out)},
                       LANES_ENTRY(upper_bound), sorted, needles, out);
}
template <class T>
void reverse(const device& d, span<T> x) {
  detail::algorithm<T>(d, {"reverse", "x", x.size(), bytes_of(x)}, LANES_ENTRY(reverse), x);
}
// out[0] = in[0], out[i] = in[i] - in[i - 1] (signed integers wrap modulo 2^bits).
template <class T>
void adjacent_difference(const device& d, span<const T> in, span<T> out) {
  detail::algorithm<T>(d, {"adjacent_difference", "in out", in.size(), bytes_of(in, out)},
                       LANES_ENTRY(adjacent_difference), in, out);
}

// Kernels (float and double).
template <class T>
void axpy(const device& d, T a, span<const T> x, span<T> y) {
  detail::kernel<detail::blas_entries, T>(d, {"axpy", "a x y", x.size(), bytes_of(x, y)}, LANES_ENTRY(axpy), a, x, y);
}
template <class T>
void scal(const device& d, T a, span<T> x) {
  detail::kernel<detail::blas_entries, T>(d, {"scal", "a x", x.size(), bytes_of(x)}, LANES_ENTRY(scal), a, x);
}
template <class T>
auto dot(const device& d, span<const T> x, span<const T> y) {
  return detail::kernel<detail::blas_entries, T>(d, {"dot", "x y", x.size(), bytes_of(x, y)}, LANES_ENTRY(dot), x, y);
}
template <class T>
auto nrm2(const device& d, span<const T> x) {
  return detail::kernel<detail::blas_entries, T>(d, {"nrm2", "x", x.size(), bytes_of(x)}, LANES_ENTRY(nrm2), x);
}
template <class T>
void gemv(const device& d, std::size_t m, std::size_t n, T alpha, span<const T> a, span<const T> x, T beta, span<T> y) {
  detail::kernel<detail::blas_entries, T>(d, {"gemv", "m n alpha a x beta y", a.size(), bytes_of(a, x, y)},
                                          LANES_ENTRY(gemv), m, n, alpha, a, x, beta, y);
}
template <class T>
void gemm(const device& d, std::size_t m, std::size_t n, std::size_t k, T alpha, span<const T> a, span<const T> b,
          T beta, span<T> c) {
  const double tolerance =  // computed only when validating: it reads every input
      detail::reference_for(d) ? detail::gemm_tolerance(d, k, alpha, a, b, beta, span<const T>(c)) : 0.0;
  detail::kernel<detail::blas_entries, T>(d, {"gemm", "m n k alpha a b beta c", c.size(), bytes_of(a, b, c), tolerance},
                                          LANES_ENTRY(gemm), m, n, k, alpha, a, b, beta, c);
}
template <class T>
void particles_evolve(const device& d, span<T> x, span<T> y, span<const T> w, double dt) {
  detail::kernel<detail::simulation_entries, T>(d, {"particles_evolve", "x y w dt", x.size(), bytes_of(x, y, w)},
                                                LANES_ENTRY(particles_evolve), x, y, w, dt);
}
template <class T>
void mandelbrot(const device& d, std::size_t width, std::size_t height, T x0, T x1, T y0, T y1, std::uint32_t max_iter,
                span<std::uint32_t> counts) {
  detail::kernel<detail::simulation_entries, T>(
      d, {"mandelbrot", "width height x0 x1 y0 y1 max_iter counts", counts.size(), bytes_of(counts)},
      LANES_ENTRY(mandelbrot), width, height, x0, x1, y0, y1, max_iter, counts);
}

// scratch is workspace: its contents afterwards are unspecified (validation compares grid only).
template <class T>
void stencil2d(const device& d, std::size_t rows, std::size_t cols, long steps, span<T> grid, span<T> scratch) {
  detail::kernel<detail::grid_entries, T>(d, {"stencil2d", "rows cols steps grid scratch", grid.size(),
                                              bytes_of(grid, scratch)},
                                          LANES_ENTRY(stencil2d), rows, cols, steps, grid, detail::workspace<T>{scratch});
}
template <class T>
void conv2d(const device& d, std::size_t rows, std::size_t cols, span<const T> image, std::size_t size,
            span<const T> filter, span<T> out) {
  detail::kernel<detail::grid_entries, T>(d, {"conv2d", "rows cols image size filter out", image.size(),
                                              bytes_of(image, filter, out)},
                                          LANES_ENTRY(conv2d), rows, cols, image, size, filter, out);
}
template <class T>
void grayscale(const device& d, span<const std::uint8_t> rgb, span<T> out) {
  detail::kernel<detail::grid_entries, T>(d, {"grayscale", "rgb out", out.size(), bytes_of(rgb, out)},
                                          LANES_ENTRY(grayscale), rgb, out);
}
template <class T>
void threshold(const device& d, span<const T> image, T level, span<std::uint8_t> mask) {
  detail::kernel<detail::grid_entries, T>(d, {"threshold", "image level mask", image.size(), bytes_of(image, mask)},
                                          LANES_ENTRY(threshold), image, level, mask);
}
template <class T>
void adaptive_threshold(const device& d, std::size_t rows, std::size_t cols, span<const T> image, std::size_t block,
                        T c, span<std::uint8_t> mask) {
  detail::kernel<detail::grid_entries, T>(d, {"adaptive_threshold", "rows cols image block c mask", image.size(),
                                              bytes_of(image, mask)},
                                          LANES_ENTRY(adaptive_threshold), rows, cols, image, block, c, mask);
}
template <class T>
void distance_matrix(const device& d, std::size_t n, std::size_t dim, span<const T> points, span<T> out) {
  detail::kernel<detail::pair_entries, T>(d, {"distance_matrix", "n dim points out", out.size(), bytes_of(points, out)},
                                          LANES_ENTRY(distance_matrix), n, dim, points, out);
}
template <class T>
void nbody_step(const device& d, T dt, T eps, span<T> pos, span<T> vel, span<const T> mass) {
  detail::kernel<detail::pair_entries, T>(d, {"nbody_step", "dt eps pos vel mass", mass.size(), bytes_of(pos, vel, mass)},
                                          LANES_ENTRY(nbody_step), dt, eps, pos, vel, mass);
}
// y = A x for the CSR matrix (offsets, indices, values), checked on every call.
template <class T>
void spmv_csr(const device& d, std::size_t rows, std::size_t cols, span<const std::uint64_t> offsets,
              span<const std::uint32_t> indices, span<const T> values, span<const T> x, span<T> y) {
  detail::kernel<detail::pair_entries, T>(d, {"spmv_csr", "rows cols offsets indices values x y", values.size(),
                                              bytes_of(offsets, indices, values, x, y)},
                                          LANES_ENTRY(spmv_csr), rows, cols, offsets, indices, values, x, y);
}

// For every run of equal keys (sort's order): its first key to keys_out and the sum of its
// values, in order, to sums (float or double values); returns the number of runs.
template <class T, class V>
std::size_t reduce_by_key(const device& d, span<const T> keys, span<const V> values, span<T> keys_out, span<V> sums) {
  static_assert(std::is_same_v<V, float> || std::is_same_v<V, double>, "compiled reduce_by_key sums float or double");
  return detail::algorithm<T>(d, {"reduce_by_key", "keys values keys_out sums", keys.size(),
                                  bytes_of(keys, values, keys_out, sums)},
                              LANES_ENTRY(reduce_by_key), keys, values, keys_out, sums);
}

// Random fills (lanes/kernels/random.hpp): item i of out is item offset + i of stream `stream`
// of `seed`, the same on every device and thread count.
template <class T>
void random_uniform(const device& d, span<T> out, std::uint64_t seed, std::uint64_t stream, std::uint64_t offset,
                    T lo, T hi) {
  detail::kernel<detail::random_entries, T>(d, {"random_uniform", "out seed stream offset lo hi", out.size(),
                                                bytes_of(out)},
                                            LANES_ENTRY(uniform), out, seed, stream, offset, lo, hi);
}
template <class T>
void random_normal(const device& d, span<T> out, std::uint64_t seed, std::uint64_t stream, std::uint64_t offset,
                   T mean, T stddev) {
  detail::kernel<detail::random_entries, T>(d, {"random_normal", "out seed stream offset mean stddev", out.size(),
                                                bytes_of(out)},
                                            LANES_ENTRY(normal), out, seed, stream, offset, mean, stddev);
}
// 1 with probability p, else 0.
template <class T>
void random_bernoulli(const device& d, span<T> out, std::uint64_t seed, std::uint64_t stream, std::uint64_t offset,
                      double p) {
  detail::kernel<detail::random_entries, T>(d, {"random_bernoulli", "out seed stream offset p", out.size(),
                                                bytes_of(out)},
                                            LANES_ENTRY(bernoulli), out, seed, stream, offset, p);
}

inline double monte_carlo_pi(const device& d, std::uint64_t samples, std::uint64_t seed) {
  return detail::on_backend<detail::scalar_entries>(d, {"monte_carlo_pi", "samples seed", samples}, "",
                                                   LANES_ENTRY(monte_carlo_pi), samples, seed);
}
// monte_carlo_pi's count of points inside for draws [first_draw, first_draw + draws).
inline std::uint64_t monte_carlo_inside(const device& d, std::uint64_t samples, std::uint64_t seed,
                                        std::uint64_t first_draw, std::uint64_t draws) {
  return detail::on_backend<detail::scalar_entries>(d, {"monte_carlo_inside", "samples seed first_draw draws", draws},
                                                   "", LANES_ENTRY(monte_carlo_inside), samples, seed, first_draw,
                                                   draws);
}
inline std::uint64_t count_primes(const device& d, std::uint64_t lo, std::uint64_t hi) {
  return detail::on_backend<detail::scalar_entries>(d, {"count_primes", "lo hi", hi > lo ? hi - lo : 0}, "",
                                                   LANES_ENTRY(count_primes), lo, hi);
}

}  // namespace compiled

#undef LANES_ENTRY
}  // namespace lanes
