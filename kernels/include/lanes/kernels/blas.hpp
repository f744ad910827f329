// SPDX-License-Identifier: Apache-2.0
// BLAS-1 and BLAS-2 kernels written once over the executor contract: axpy, scal, dot, nrm2,
// gemv (row-major). float data accumulates in double, as the C ABI promises.
#pragma once

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <type_traits>

#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/for_each.hpp"
#include "lanes/reduce.hpp"
#include "lanes/span.hpp"

namespace lanes::kernels {

// The accumulator of a sum of T: double for float, T otherwise.
template <class T>
using accumulator_t = std::conditional_t<std::is_same_v<std::remove_cv_t<T>, float>, double, std::remove_cv_t<T>>;

template <class T>
struct larger {
  LANES_HD T operator()(T a, T b) const { return b < a || a != a ? a : b; }  // NaN wins, a's or b's
};

// y = a * x + y
template <class Ex, class T>
void axpy(const Ex& ex, T a, detail::input_span<T> x, span<T> y) {
  detail::check_data(x, "axpy", "x");
  detail::check_data(y, "axpy", "y");
  detail::check_same_size(x, y, "axpy", "x", "y");
  detail::check_in_place_or_disjoint(x, y, "axpy", "x", "y");
  for_each_index(ex, x.size(), [=] LANES_HD(std::size_t i) { y[i] = a * x[i] + y[i]; });
}

// x = a * x
template <class Ex, class T>
void scal(const Ex& ex, T a, span<T> x) {
  detail::check_data(x, "scal", "x");
  for_each_index(ex, x.size(), [=] LANES_HD(std::size_t i) { x[i] = a * x[i]; });
}

// sum of x[i] * y[i], in the fixed order of every reduce
template <class Ex, class X, class Y, class T = std::remove_const_t<X>>
accumulator_t<T> dot(const Ex& ex, span<X> x, span<Y> y) {
  static_assert(std::is_same_v<T, std::remove_const_t<Y>>, "lanes::kernels::dot: x and y hold different types");
  using Acc = accumulator_t<T>;
  return transform_reduce(ex, x, y, Acc(0), std::plus<>{}, [] LANES_HD(T a, T b) { return Acc(a) * Acc(b); });
}

// sqrt(sum x[i]^2), neither overflowing nor underflowing. One pass sums the squares as they
// are: its result is kept when it is finite and at least n times the smallest normal
// accumulator (then squares lost to underflow, at most half the smallest subnormal each,
// are below its rounding error in all). Otherwise (overflow, tiny data, all zeros, inf or
// NaN; float data, whose squares fit a double, only the last three) a second try scales by
// the largest |x[i]|.
template <class Ex, class X, class T = std::remove_const_t<X>>
accumulator_t<T> nrm2(const Ex& ex, span<X> x) {
  using Acc = accumulator_t<T>;
  using limits = std::numeric_limits<Acc>;
  detail::check_data(x, "nrm2", "x");
  const Acc squares = detail::reduce_indices(ex, x.size(), Acc(0), std::plus<>{}, [=] LANES_HD(std::size_t i) {
    const Acc v = Acc(x[i]);
    return v * v;
  });
  if (squares >= Acc(x.size()) * limits::min() && squares <= limits::max()) return std::sqrt(squares);
  Acc scale = detail::reduce_indices(ex, x.size(), Acc(0), larger<Acc>{},
                                     [=] LANES_HD(std::size_t i) { return x[i] < 0 ? -Acc(x[i]) : Acc(x[i]); });
  if (scale == 0 || !(scale < limits::infinity())) return scale;  // all zero, inf or NaN
  Acc sum = detail::reduce_indices(ex, x.size(), Acc(0), std::plus<>{}, [=] LANES_HD(std::size_t i) {
    Acc v = Acc(x[i]) / scale;
    return v * v;
  });
  return scale * std::sqrt(sum);
}

namespace impl {
// One row of gemv per index: its dot product in 16 lanes (16 independent sums keep the
// adders busy while the row streams in), then a pairwise tree. A named functor, so its call
// is cloned for AVX-512 and AVX2 (LANES_SIMD_CLONES), where a lambda would run in the
// baseline's SSE2.
template <class T>
struct gemv_row {
  std::size_t n;
  T alpha, beta;
  const T* a;
  const T* x;
  T* y;
  LANES_HD LANES_SIMD_CLONES void operator()(std::size_t i) const {
    constexpr std::size_t lanes = 16;
    T part[lanes] = {};
    const T* row = a + i * n;
    std::size_t j = 0;
    for (; j + lanes <= n; j += lanes)
      for (std::size_t l = 0; l < lanes; ++l) part[l] += row[j + l] * x[j + l];
    for (; j < n; ++j) part[0] += row[j] * x[j];
    for (std::size_t half = lanes / 2; half > 0; half /= 2)  // a pairwise tree
      for (std::size_t l = 0; l < half; ++l) part[l] += part[l + half];
    T sum = part[0];
    y[i] = alpha * sum + (beta == T(0) ? T(0) : beta * y[i]);  // beta = 0 ignores y, NaN included
  }
};
}  // namespace impl

// y = alpha * A x + beta * y, A row-major m x n.
template <class Ex, class T>
void gemv(const Ex& ex, std::size_t m, std::size_t n, T alpha, detail::input_span<T> a, detail::input_span<T> x, T beta, span<T> y) {
  detail::check_shape(a, m, n, "gemv", "a", "m * n");
  detail::check_shape(x, n, 1, "gemv", "x", "n * 1");
  detail::check_shape(y, m, 1, "gemv", "y", "m * 1");
  detail::check_disjoint(a, y, "gemv", "a", "y");
  detail::check_disjoint(x, y, "gemv", "x", "y");
  // A row is n items of work: every row is worth a task.
  for_each_heavy_index(ex, m, impl::gemv_row<T>{n, alpha, beta, a.data(), x.data(), y.data()});
}

LANES_ACCEPT_RANGES(axpy)
LANES_ACCEPT_RANGES(scal)
LANES_ACCEPT_RANGES(dot)
LANES_ACCEPT_RANGES(nrm2)
LANES_ACCEPT_RANGES(gemv)

}  // namespace lanes::kernels
