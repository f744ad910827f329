// The definitions of the compiled entry points (lanes/kernels/compiled.hpp), written once
// for every executor. entries_cpu.cpp instantiates them for seq and cpu, and
// cuda/src/entries.cu for cuda, each after defining executor_of for its executors.
#pragma once

#include <cstdint>

#include "lanes/kernels/blas.hpp"
#include "lanes/kernels/compiled.hpp"
#include "lanes/kernels/gemm.hpp"
#include "lanes/kernels/grids.hpp"
#include "lanes/kernels/pairs.hpp"
#include "lanes/kernels/sparse.hpp"
#include "lanes/kernels/simulations.hpp"
#include "lanes/histogram.hpp"
#include "lanes/min_max.hpp"
#include "lanes/reduce.hpp"
#include "lanes/scan.hpp"
#include "lanes/sort.hpp"

namespace lanes::detail {

// The executor that runs a device's work.
template <class Ex>
Ex executor_of(const device& d);

template <class Ex, class T>
double algorithm_entries<Ex, T>::sum(const device& d, span<const T> x) {
  return reduce(executor_of<Ex>(d), x, 0.0);
}
template <class Ex, class T>
min_max_result<T> algorithm_entries<Ex, T>::min_max(const device& d, span<const T> x) {
  return lanes::min_max(executor_of<Ex>(d), x);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::inclusive_scan(const device& d, span<const T> in, span<T> out) {
  lanes::inclusive_scan(executor_of<Ex>(d), in, out);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::sort(const device& d, span<T> keys) {
  lanes::sort(executor_of<Ex>(d), keys);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::sort_by_key(const device& d, span<T> keys, span<std::uint32_t> values) {
  lanes::sort_by_key(executor_of<Ex>(d), keys, values);
}
template <class Ex, class T>
void algorithm_entries<Ex, T>::sort_by_key(const device& d, span<T> keys, span<std::uint64_t> values) {
  lanes::sort_by_key(executor_of<Ex>(d), keys, values);
}
template <class Ex, class T>
std::uint64_t algorithm_entries<Ex, T>::histogram(const device& d, span<const T> x, double lo, double hi,
                                                  span<std::uint64_t> bins) {
  return lanes::histogram(executor_of<Ex>(d), x, lo, hi, bins);
}

template <class Ex, class T>
void kernel_entries<Ex, T>::axpy(const device& d, T a, span<const T> x, span<T> y) {
  kernels::axpy(executor_of<Ex>(d), a, x, y);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::scal(const device& d, T a, span<T> x) {
  kernels::scal(executor_of<Ex>(d), a, x);
}
template <class Ex, class T>
auto kernel_entries<Ex, T>::dot(const device& d, span<const T> x, span<const T> y) -> acc {
  return kernels::dot(executor_of<Ex>(d), x, y);
}
template <class Ex, class T>
auto kernel_entries<Ex, T>::nrm2(const device& d, span<const T> x) -> acc {
  return kernels::nrm2(executor_of<Ex>(d), x);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::gemv(const device& d, std::size_t m, std::size_t n, T alpha, span<const T> a,
                                 span<const T> x, T beta, span<T> y) {
  kernels::gemv(executor_of<Ex>(d), m, n, alpha, a, x, beta, y);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::gemm(const device& d, std::size_t m, std::size_t n, std::size_t k, T alpha,
                                 span<const T> a, span<const T> b, T beta, span<T> c) {
  kernels::gemm(executor_of<Ex>(d), m, n, k, alpha, a, b, beta, c);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::particles_evolve(const device& d, span<T> x, span<T> y, span<const T> w, double dt) {
  kernels::particles_evolve(executor_of<Ex>(d), x, y, w, dt);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::mandelbrot(const device& d, std::size_t width, std::size_t height, T x0, T x1, T y0, T y1,
                                       std::uint32_t max_iter, span<std::uint32_t> counts) {
  kernels::mandelbrot(executor_of<Ex>(d), width, height, x0, x1, y0, y1, max_iter, counts);
}

template <class Ex, class T>
void kernel_entries<Ex, T>::stencil2d(const device& d, std::size_t rows, std::size_t cols, long steps, span<T> grid,
                                      span<T> scratch) {
  kernels::stencil2d(executor_of<Ex>(d), rows, cols, steps, grid, scratch);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::conv2d(const device& d, std::size_t rows, std::size_t cols, span<const T> image,
                                   std::size_t size, span<const T> filter, span<T> out) {
  kernels::conv2d(executor_of<Ex>(d), rows, cols, image, size, filter, out);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::grayscale(const device& d, span<const std::uint8_t> rgb, span<T> out) {
  kernels::grayscale(executor_of<Ex>(d), rgb, out);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::threshold(const device& d, span<const T> image, T level, span<std::uint8_t> mask) {
  kernels::threshold(executor_of<Ex>(d), image, level, mask);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::adaptive_threshold(const device& d, std::size_t rows, std::size_t cols,
                                               span<const T> image, std::size_t block, T c, span<std::uint8_t> mask) {
  kernels::adaptive_threshold(executor_of<Ex>(d), rows, cols, image, block, c, mask);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::distance_matrix(const device& d, std::size_t n, std::size_t dim, span<const T> points,
                                            span<T> out) {
  kernels::distance_matrix(executor_of<Ex>(d), n, dim, points, out);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::nbody_step(const device& d, T dt, T eps, span<T> pos, span<T> vel, span<const T> mass) {
  kernels::nbody_step(executor_of<Ex>(d), dt, eps, pos, vel, mass);
}
template <class Ex, class T>
void kernel_entries<Ex, T>::spmv_csr(const device& d, std::size_t rows, std::size_t cols,
                                     span<const std::uint64_t> offsets, span<const std::uint32_t> indices,
                                     span<const T> values, span<const T> x, span<T> y) {
  auto ex = executor_of<Ex>(d);
  kernels::spmv_csr(ex, kernels::csr_matrix<T>::checked(ex, rows, cols, offsets, indices, values), x, y);
}

template <class Ex>
double scalar_entries<Ex>::monte_carlo_pi(const device& d, std::uint64_t samples, std::uint64_t seed) {
  return kernels::monte_carlo_pi(executor_of<Ex>(d), samples, seed);
}
template <class Ex>
std::uint64_t scalar_entries<Ex>::count_primes(const device& d, std::uint64_t lo, std::uint64_t hi) {
  return kernels::count_primes(executor_of<Ex>(d), lo, hi);
}

}  // namespace lanes::detail
