// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the grid and image kernels (lanes/compiled.hpp), defined once for every
// executor; instantiated per backend (see LANES_ELEMENT_ENTRIES / LANES_FLOAT_ENTRIES).
#pragma once

#include <cstdint>

#include "lib/src/entries/executor_of.hpp"
#include "lanes/kernels/grids.hpp"

namespace lanes::detail {

template <class Ex, class T>
void grid_entries<Ex, T>::stencil2d(const device& d, std::size_t rows, std::size_t cols, long steps, span<T> grid,
                                      span<T> scratch) {
  kernels::stencil2d(executor_of<Ex>(d), rows, cols, steps, grid, scratch);
}
template <class Ex, class T>
void grid_entries<Ex, T>::conv2d(const device& d, std::size_t rows, std::size_t cols, span<const T> image,
                                   std::size_t size, span<const T> filter, span<T> out) {
  kernels::conv2d(executor_of<Ex>(d), rows, cols, image, size, filter, out);
}
template <class Ex, class T>
void grid_entries<Ex, T>::grayscale(const device& d, span<const std::uint8_t> rgb, span<T> out) {
  kernels::grayscale(executor_of<Ex>(d), rgb, out);
}
template <class Ex, class T>
void grid_entries<Ex, T>::threshold(const device& d, span<const T> image, T level, span<std::uint8_t> mask) {
  kernels::threshold(executor_of<Ex>(d), image, level, mask);
}
template <class Ex, class T>
void grid_entries<Ex, T>::adaptive_threshold(const device& d, std::size_t rows, std::size_t cols,
                                               span<const T> image, std::size_t block, T c, span<std::uint8_t> mask) {
  kernels::adaptive_threshold(executor_of<Ex>(d), rows, cols, image, block, c, mask);
}

}  // namespace lanes::detail
