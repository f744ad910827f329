// SPDX-License-Identifier: Apache-2.0
// for_each_index over 1D, 2D and 3D index ranges; the last index varies fastest.
#pragma once

#include <cstddef>

#include "lanes/detail/blocking.hpp"
#include "lanes/detail/host/for_each.hpp"
#include "lanes/error.hpp"
#include "lanes/executor.hpp"

namespace lanes {

// f(i) for every i in [0, n).
template <class Ex, class F>
void for_each_index(const Ex& ex, std::size_t n, F f) {
  detail::index_runner<Ex>::run_1d(ex, n, detail::elementwise_block, f);
}

// for_each_index for bodies that each do much work (a time loop per particle, a long
// iteration): on the CPU every index may become a task of its own, so even a few hundred
// indices spread over all workers.
template <class Ex, class F>
void for_each_heavy_index(const Ex& ex, std::size_t n, F f) {
  detail::index_runner<Ex>::run_1d(ex, n, 1, f);
}

// f(i, j) for every i in [0, n0), j in [0, n1).
template <class Ex, class F>
void for_each_index(const Ex& ex, std::size_t n0, std::size_t n1, F f) {
  detail::checked_mul(n0, n1, "for_each_index: index range");
  detail::index_runner<Ex>::run_2d(ex, n0, n1, f);
}

// f(i, j, k) for every i in [0, n0), j in [0, n1), k in [0, n2).
template <class Ex, class F>
void for_each_index(const Ex& ex, std::size_t n0, std::size_t n1, std::size_t n2, F f) {
  detail::checked_mul(detail::checked_mul(n0, n1, "for_each_index: index range"), n2, "for_each_index: index range");
  detail::index_runner<Ex>::run_3d(ex, n0, n1, n2, f);
}

}  // namespace lanes
