// The definitions of the compiled entry points (lanes/kernels/compiled.hpp), written once
// for every executor. entries_cpu.cpp instantiates them for seq and cpu, and
// cuda/src/entries.cu for cuda, each after defining executor_of for its executors.
#pragma once

#include <cstdint>

#include "lanes/kernels/blas.hpp"
#include "lanes/kernels/compiled.hpp"
#include "lanes/kernels/gemm.hpp"
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

template <class Ex>
double scalar_entries<Ex>::monte_carlo_pi(const device& d, std::uint64_t samples, std::uint64_t seed) {
  return kernels::monte_carlo_pi(executor_of<Ex>(d), samples, seed);
}
template <class Ex>
std::uint64_t scalar_entries<Ex>::count_primes(const device& d, std::uint64_t lo, std::uint64_t hi) {
  return kernels::count_primes(executor_of<Ex>(d), lo, hi);
}

}  // namespace lanes::detail
