// SPDX-License-Identifier: Apache-2.0
// Sparse matrix times vector in CSR form. A csr_matrix is checked once when it is made
// (offsets start at 0, never decrease and end at the number of entries; every column index
// is inside the matrix), so spmv_csr, typically called many times on one matrix, trusts it
// and never reads out of bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/for_each.hpp"
#include "lanes/permute.hpp"
#include "lanes/reduce.hpp"
#include "lanes/span.hpp"

namespace lanes::kernels {

template <class T>
class csr_matrix {
 public:
  // The rows x cols matrix whose row r holds values[k] at column indices[k] for k in
  // [offsets[r], offsets[r + 1]). The spans are viewed, not copied; lanes::error when they
  // do not form a valid matrix.
  template <class Ex>
  static csr_matrix checked(const Ex& ex, std::size_t rows, std::size_t cols, span<const std::uint64_t> offsets,
                            span<const std::uint32_t> indices, span<const T> values);

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  span<const std::uint64_t> offsets() const { return offsets_; }
  span<const std::uint32_t> indices() const { return indices_; }
  span<const T> values() const { return values_; }

 private:
  csr_matrix(std::size_t rows, std::size_t cols, span<const std::uint64_t> offsets, span<const std::uint32_t> indices,
             span<const T> values)
      : rows_(rows), cols_(cols), offsets_(offsets), indices_(indices), values_(values) {}

  std::size_t rows_, cols_;
  span<const std::uint64_t> offsets_;
  span<const std::uint32_t> indices_;
  span<const T> values_;
};

template <class T>
template <class Ex>
csr_matrix<T> csr_matrix<T>::checked(const Ex& ex, std::size_t rows, std::size_t cols,
                                     span<const std::uint64_t> offsets, span<const std::uint32_t> indices,
                                     span<const T> values) {
  using detail::fail;
  detail::check_data(offsets, "csr_matrix", "offsets");
  detail::check_data(indices, "csr_matrix", "indices");
  detail::check_data(values, "csr_matrix", "values");
  if (offsets.size() != rows + 1 || rows + 1 == 0)
    detail::fail_as<size_error>("csr_matrix: offsets has ", offsets.size(), " elements but rows + 1 = ", rows, " + 1");
  detail::check_same_size(indices, values, "csr_matrix", "indices", "values");
  if (cols > (std::uint64_t{1} << 32)) fail("csr_matrix: cols = ", cols, " does not fit 32-bit column indices");
  using detail::reduce_indices;
  auto at = [&](auto s, std::size_t i) { return +detail::element_reader<Ex>::at(ex, s, i); };
  constexpr std::size_t none = ~std::size_t{0};
  std::size_t first = reduce_indices(ex, rows, none, detail::first_of{}, [=] LANES_HD(std::size_t r) {
    return offsets[r] <= offsets[r + 1] ? none : r;
  });
  if (first != none)
    fail("csr_matrix: offsets decrease at row ", first, " (", at(offsets, first), " then ", at(offsets, first + 1), ")");
  if (at(offsets, 0) != 0) fail("csr_matrix: offsets[0] = ", at(offsets, 0), "; it must be 0");
  if (at(offsets, rows) != indices.size())
    fail("csr_matrix: offsets[rows] = ", at(offsets, rows), " but there are ", indices.size(), " entries");
  first = reduce_indices(ex, indices.size(), none, detail::first_of{},
                         [=] LANES_HD(std::size_t k) { return indices[k] < cols ? none : k; });
  if (first != none)
    fail("csr_matrix: entry ", first, " has column index ", at(indices, first), ", outside the ", cols, " columns");
  return csr_matrix(rows, cols, offsets, indices, values);
}

namespace impl {
// Asks the CPU's cache for the entries [begin, end) (values and column indices) before they
// are read; a no-op on the GPU. One core's own loads alone do not keep enough of them in
// flight (docs/design.md has the figures).
template <class T>
LANES_HD inline void prefetch_entries(const T* values, const std::uint32_t* indices, std::uint64_t begin,
                                      std::uint64_t end) {
#if !defined(__CUDA_ARCH__)
  for (std::uint64_t k = begin; k < end; k += 64 / sizeof(T)) __builtin_prefetch(values + k);
  for (std::uint64_t k = begin; k < end; k += 64 / sizeof(std::uint32_t)) __builtin_prefetch(indices + k);
#else
  (void)values, (void)indices, (void)begin, (void)end;
#endif
}
inline constexpr std::uint64_t spmv_prefetch_ahead = 1024;  // entries
}  // namespace impl

// y = A x.
template <class Ex, class T>
void spmv_csr(const Ex& ex, const csr_matrix<T>& a, detail::input_span<T> x, span<T> y) {
  detail::check_shape(x, a.cols(), 1, "spmv_csr", "x", "cols * 1");
  detail::check_shape(y, a.rows(), 1, "spmv_csr", "y", "rows * 1");
  detail::check_disjoint(x, y, "spmv_csr", "x", "y");
  detail::check_disjoint(a.values(), y, "spmv_csr", "values", "y");
  auto offsets = a.offsets();
  auto indices = a.indices();
  auto values = a.values();
  // Four running sums, entries k, k + 1, k + 2, k + 3 in turn: one sum would wait on the
  // adder's latency at every entry. Named sums, not an array: the tail indexed an array at
  // run time, which kept it in memory (a store and a load on every step).
  const std::uint64_t entries = values.size();
  for_each_index(ex, a.rows(), [=] LANES_HD(std::size_t r) {
    T s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    std::uint64_t k = offsets[r];
    const std::uint64_t end = offsets[r + 1], ahead = impl::spmv_prefetch_ahead;
    impl::prefetch_entries(values.data(), indices.data(), k + ahead < entries ? k + ahead : entries,
                             end + ahead < entries ? end + ahead : entries);
    for (; k + 4 <= end; k += 4) {
      s0 += values[k] * x[indices[k]];
      s1 += values[k + 1] * x[indices[k + 1]];
      s2 += values[k + 2] * x[indices[k + 2]];
      s3 += values[k + 3] * x[indices[k + 3]];
    }
    if (k < end) s0 += values[k] * x[indices[k]];
    if (k + 1 < end) s1 += values[k + 1] * x[indices[k + 1]];
    if (k + 2 < end) s2 += values[k + 2] * x[indices[k + 2]];
    y[r] = (s0 + s1) + (s2 + s3);
  });
}

LANES_ACCEPT_RANGES(spmv_csr)

}  // namespace lanes::kernels
