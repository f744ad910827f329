// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the all-pairs and sparse kernels (lanes/compiled.hpp), defined once for every
// executor; instantiated per backend (see LANES_ELEMENT_ENTRIES / LANES_FLOAT_ENTRIES).
#pragma once

#include <cstdint>

#include "lib/src/entries/executor_of.hpp"
#include "lanes/kernels/pairs.hpp"
#include "lanes/kernels/sparse.hpp"

namespace lanes::detail {

template <class Ex, class T>
void pair_entries<Ex, T>::distance_matrix(const device& d, std::size_t n, std::size_t dim, span<const T> points,
                                            span<T> out) {
  kernels::distance_matrix(executor_of<Ex>(d), n, dim, points, out);
}
template <class Ex, class T>
void pair_entries<Ex, T>::nbody_step(const device& d, T dt, T eps, span<T> pos, span<T> vel, span<const T> mass) {
  kernels::nbody_step(executor_of<Ex>(d), dt, eps, pos, vel, mass);
}
template <class Ex, class T>
void pair_entries<Ex, T>::spmv_csr(const device& d, std::size_t rows, std::size_t cols,
                                     span<const std::uint64_t> offsets, span<const std::uint32_t> indices,
                                     span<const T> values, span<const T> x, span<T> y) {
  auto ex = executor_of<Ex>(d);
  kernels::spmv_csr(ex, kernels::csr_matrix<T>::checked(ex, rows, cols, offsets, indices, values), x, y);
}

}  // namespace lanes::detail
