// SPDX-License-Identifier: Apache-2.0
// Argument checks shared by every algorithm: each throws lanes::error naming the argument
// (lanes::size_error where sizes do not fit together).
#pragma once

#include <cstddef>
#include <cstdint>

#include "lanes/error.hpp"
#include "lanes/span.hpp"

namespace lanes::detail {

// Null data with a non-zero size.
template <class T>
void check_data(span<T> s, const char* algorithm, const char* name) {
  if (s.data() == nullptr && s.size() != 0)
    fail(algorithm, ": ", name, " has null data but size ", s.size());
}

// An output that must hold at least `needed` elements.
template <class T>
void check_room(span<T> out, std::size_t needed, const char* algorithm, const char* name) {
  check_data(out, algorithm, name);
  if (out.size() < needed)
    fail_as<size_error>(algorithm, ": ", name, " holds ", out.size(), " elements but ", needed, " are needed");
}

// Two spans whose sizes must be equal.
template <class T, class U>
void check_same_size(span<T> a, span<U> b, const char* algorithm, const char* name_a, const char* name_b) {
  if (a.size() != b.size())
    fail_as<size_error>(algorithm, ": ", name_a, " has ", a.size(), " elements but ", name_b, " has ", b.size());
}

// A span (with non-null data) holding exactly `rows * cols` elements of a matrix or grid;
// `shape` names the product, e.g. "m * k".
template <class T>
void check_shape(span<T> s, std::size_t rows, std::size_t cols, const char* algorithm, const char* name,
                 const char* shape) {
  check_data(s, algorithm, name);
  std::size_t product = 0;
  if (__builtin_mul_overflow(rows, cols, &product))
    fail_as<size_error>(algorithm, ": ", shape, " = ", rows, " * ", cols, " overflows size_t");
  if (s.size() != product)
    fail_as<size_error>(algorithm, ": ", name, " has ", s.size(), " elements but ", shape, " = ", rows, " * ", cols);
}

template <class T, class U>
bool overlap(span<T> a, span<U> b) {
  auto a0 = reinterpret_cast<std::uintptr_t>(a.data()), b0 = reinterpret_cast<std::uintptr_t>(b.data());
  auto a1 = a0 + a.size() * sizeof(T), b1 = b0 + b.size() * sizeof(U);
  return a.size() != 0 && b.size() != 0 && a0 < b1 && b0 < a1;
}

// Element-wise algorithms may run in place (same start, same element size) but not on
// shifted overlaps, where a parallel pass would read elements it already overwrote.
template <class T, class U>
void check_in_place_or_disjoint(span<T> in, span<U> out, const char* algorithm, const char* in_name,
                                const char* out_name = "out") {
  bool same_start = static_cast<const void*>(in.data()) == static_cast<const void*>(out.data());
  if (overlap(in, out) && !(same_start && sizeof(T) == sizeof(U)))
    fail(algorithm, ": ", in_name, " and ", out_name, " overlap without being the same elements");
}

template <class T, class U>
void check_disjoint(span<T> in, span<U> out, const char* algorithm, const char* in_name,
                    const char* out_name = "out") {
  if (overlap(in, out)) fail(algorithm, ": ", in_name, " and ", out_name, " overlap; they must be disjoint");
}

// The spans of a by-key algorithm: keys and values side by side, each output apart from both
// inputs and from the other output (a parallel pass writes both while it still reads).
template <class K, class V, class KO, class VO>
void check_by_key(span<K> keys, span<V> values, span<KO> keys_out, span<VO> values_out, const char* algorithm) {
  check_data(keys, algorithm, "keys");
  check_data(values, algorithm, "values");
  check_same_size(keys, values, algorithm, "keys", "values");
  check_data(keys_out, algorithm, "keys_out");
  check_data(values_out, algorithm, "values_out");
  check_disjoint(keys, keys_out, algorithm, "keys", "keys_out");
  check_disjoint(values, values_out, algorithm, "values", "values_out");
  check_disjoint(keys, values_out, algorithm, "keys", "values_out");
  check_disjoint(values, keys_out, algorithm, "values", "keys_out");
  check_disjoint(keys_out, values_out, algorithm, "keys_out", "values_out");
}

// A selection's output, once what is kept is counted (before anything is written).
template <class U>
void check_kept(span<U> out, std::size_t kept, const char* algorithm, const char* name = "out") {
  if (out.size() < kept)
    fail_as<size_error>(algorithm, ": ", name, " holds ", out.size(), " elements but ", kept, " are kept");
}

}  // namespace lanes::detail
