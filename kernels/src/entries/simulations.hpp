// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the simulations (lanes/compiled.hpp), defined once for every
// executor; instantiated per backend (see LANES_ELEMENT_ENTRIES / LANES_FLOAT_ENTRIES).
#pragma once

#include <cstdint>

#include "lib/src/entries/executor_of.hpp"
#include "lanes/kernels/simulations.hpp"

namespace lanes::detail {

template <class Ex, class T>
void simulation_entries<Ex, T>::particles_evolve(const device& d, span<T> x, span<T> y, span<const T> w, double dt) {
  kernels::particles_evolve(executor_of<Ex>(d), x, y, w, dt);
}
template <class Ex, class T>
void simulation_entries<Ex, T>::mandelbrot(const device& d, std::size_t width, std::size_t height, T x0, T x1, T y0, T y1,
                                       std::uint32_t max_iter, span<std::uint32_t> counts) {
  kernels::mandelbrot(executor_of<Ex>(d), width, height, x0, x1, y0, y1, max_iter, counts);
}
template <class Ex>
double scalar_entries<Ex>::monte_carlo_pi(const device& d, std::uint64_t samples, std::uint64_t seed) {
  return kernels::monte_carlo_pi(executor_of<Ex>(d), samples, seed);
}

template <class Ex>
std::uint64_t scalar_entries<Ex>::monte_carlo_inside(const device& d, std::uint64_t samples, std::uint64_t seed,
                                                     std::uint64_t first_draw, std::uint64_t draws) {
  return kernels::monte_carlo_inside(executor_of<Ex>(d), samples, seed, first_draw, draws);
}
template <class Ex>
std::uint64_t scalar_entries<Ex>::count_primes(const device& d, std::uint64_t lo, std::uint64_t hi) {
  return kernels::count_primes(executor_of<Ex>(d), lo, hi);
}

}  // namespace lanes::detail
