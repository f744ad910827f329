// for_each_index over 1D, 2D and 3D index ranges; the last index varies fastest.
#pragma once

#include <cstddef>

#include "lanes/detail/blocking.hpp"
#include "lanes/error.hpp"
#include "lanes/executor.hpp"

namespace lanes {

// f(i) for every i in [0, n).
template <class Ex, class F>
void for_each_index(const Ex& ex, std::size_t n, F f) {
  detail::parallel_ranges(ex, n, detail::elementwise_block, [&](std::size_t begin, std::size_t end) {
    F body = f;  // a local copy: its fields stay in registers (see below)
    for (std::size_t i = begin; i < end; ++i) body(i);
  });
}

// Why the loops call a local copy of the body: the body reached by reference through the
// scheduler's frames lives in memory, and every store through a byte pointer (which may
// alias anything) makes the compiler reload its fields, so the loop neither vectorises nor
// keeps its pointers in registers (a 2.5x slower threshold on one worker than on seq).

// for_each_index for bodies that each do much work (a time loop per particle, a long
// iteration): on the CPU every index may become a task of its own, so even a few hundred
// indices spread over all workers.
template <class Ex, class F>
void for_each_heavy_index(const Ex& ex, std::size_t n, F f) {
  detail::parallel_ranges(ex, n, 1, [&](std::size_t begin, std::size_t end) {
    F body = f;
    for (std::size_t i = begin; i < end; ++i) body(i);
  });
}

namespace detail {
// row(r, j_begin, j_end) for the pieces of rows x cols (row-major) that each block covers,
// so inner loops stay plain and vectorisable with no division per element.
template <class Ex, class Row>
void for_each_row_piece(const Ex& ex, std::size_t rows, std::size_t cols, Row row) {
  std::size_t total = checked_mul(rows, cols, "for_each_index: index range");
  parallel_ranges(ex, total, elementwise_block, [&](std::size_t begin, std::size_t end) {
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
}  // namespace detail

// f(i, j) for every i in [0, n0), j in [0, n1).
template <class Ex, class F>
void for_each_index(const Ex& ex, std::size_t n0, std::size_t n1, F f) {
  detail::for_each_row_piece(ex, n0, n1, [&](std::size_t i, std::size_t j0, std::size_t j1) {
    F body = f;
    for (std::size_t j = j0; j < j1; ++j) body(i, j);
  });
}

// f(i, j, k) for every i in [0, n0), j in [0, n1), k in [0, n2).
template <class Ex, class F>
void for_each_index(const Ex& ex, std::size_t n0, std::size_t n1, std::size_t n2, F f) {
  std::size_t rows = detail::checked_mul(n0, n1, "for_each_index: index range");
  detail::checked_mul(rows, n2, "for_each_index: index range");
  detail::for_each_row_piece(ex, rows, n2, [&](std::size_t r, std::size_t k0, std::size_t k1) {
    std::size_t i = r / n1, j = r % n1;
    F body = f;
    for (std::size_t k = k0; k < k1; ++k) body(i, j, k);
  });
}

}  // namespace lanes
