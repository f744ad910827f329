// SPDX-License-Identifier: Apache-2.0
// for_each on the CPU backends: contiguous blocks of indices through for_blocks; 2D and 3D
// ranges cut into pieces of rows, so inner loops stay plain and vectorisable with no
// division per element.
#pragma once

#include <algorithm>
#include <cstddef>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"

namespace lanes::detail {

// Why the loops call a local copy of the body: the body reached by reference through the
// scheduler's frames lives in memory, and every store through a byte pointer (which may
// alias anything) makes the compiler reload its fields, so the loop neither vectorises nor
// keeps its pointers in registers.
template <class Ex>
struct index_runner {
  template <class F>
  static void run_1d(const Ex& ex, std::size_t n, std::size_t min_block, F f) {
    parallel_ranges(ex, n, min_block, [&](std::size_t begin, std::size_t end) {
      F body = f;
      for (std::size_t i = begin; i < end; ++i) body(i);
    });
  }

  template <class F>
  static void run_2d(const Ex& ex, std::size_t n0, std::size_t n1, F f) {
    row_pieces(ex, n0, n1, [&](std::size_t i, std::size_t j0, std::size_t j1) {
      F body = f;
      for (std::size_t j = j0; j < j1; ++j) body(i, j);
    });
  }

  template <class F>
  static void run_3d(const Ex& ex, std::size_t n0, std::size_t n1, std::size_t n2, F f) {
    row_pieces(ex, n0 * n1, n2, [&](std::size_t r, std::size_t k0, std::size_t k1) {
      std::size_t i = r / n1, j = r % n1;
      F body = f;
      for (std::size_t k = k0; k < k1; ++k) body(i, j, k);
    });
  }

  // row(r, j_begin, j_end) for the pieces of rows x cols (row-major) that each block covers.
  template <class Row>
  static void row_pieces(const Ex& ex, std::size_t rows, std::size_t cols, Row row) {
    parallel_ranges(ex, rows * cols, elementwise_block, [&](std::size_t begin, std::size_t end) {
      std::size_t r = begin / cols, j = begin % cols;
      while (begin < end) {
        std::size_t piece_end = std::min(end, begin + (cols - j));
        row(r, j, j + (piece_end - begin));
        begin = piece_end;
        ++r;
        j = 0;
      }
    });
  }
};

}  // namespace lanes::detail
