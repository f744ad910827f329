// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the BLAS kernels (lanes/compiled.hpp), defined once for every
// executor; instantiated per backend (see LANES_ELEMENT_ENTRIES / LANES_FLOAT_ENTRIES).
#pragma once

#include <cstdint>

#include "lib/src/entries/executor_of.hpp"
#include "lanes/kernels/blas.hpp"
#include "lanes/kernels/gemm.hpp"

namespace lanes::detail {

template <class Ex, class T>
void blas_entries<Ex, T>::axpy(const device& d, T a, span<const T> x, span<T> y) {
  kernels::axpy(executor_of<Ex>(d), a, x, y);
}
template <class Ex, class T>
void blas_entries<Ex, T>::scal(const device& d, T a, span<T> x) {
  kernels::scal(executor_of<Ex>(d), a, x);
}
template <class Ex, class T>
auto blas_entries<Ex, T>::dot(const device& d, span<const T> x, span<const T> y) -> acc {
  return kernels::dot(executor_of<Ex>(d), x, y);
}
template <class Ex, class T>
auto blas_entries<Ex, T>::nrm2(const device& d, span<const T> x) -> acc {
  return kernels::nrm2(executor_of<Ex>(d), x);
}
template <class Ex, class T>
void blas_entries<Ex, T>::gemv(const device& d, std::size_t m, std::size_t n, T alpha, span<const T> a,
                                 span<const T> x, T beta, span<T> y) {
  kernels::gemv(executor_of<Ex>(d), m, n, alpha, a, x, beta, y);
}
template <class Ex, class T>
void blas_entries<Ex, T>::gemm(const device& d, std::size_t m, std::size_t n, std::size_t k, T alpha,
                                 span<const T> a, span<const T> b, T beta, span<T> c) {
  kernels::gemm(executor_of<Ex>(d), m, n, k, alpha, a, b, beta, c);
}

}  // namespace lanes::detail
