// SPDX-License-Identifier: Apache-2.0
// gather (out[i] = in[indices[i]]), scatter (out[indices[i]] = in[i]) and reverse (in place).
// Every index is checked before anything is written: one outside the target span (or, for
// scatter, one repeated, which would make the result depend on timing) is lanes::error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/detail/host/permute.hpp"
#include "lanes/for_each.hpp"
#include "lanes/reduce.hpp"
#include "lanes/span.hpp"

namespace lanes {
namespace detail {

template <class I>
LANES_HD bool index_outside(I index, std::size_t size) {
  static_assert(std::is_integral_v<I>, "indices must be integers");
  if constexpr (std::is_signed_v<I>)
    if (index < 0) return true;
  return static_cast<std::make_unsigned_t<I>>(index) >= size;
}

// The smaller of two positions.
struct first_of {
  LANES_HD std::size_t operator()(std::size_t a, std::size_t b) const { return a < b ? a : b; }
};

// The first position whose index falls outside [0, size), or none: lanes::error naming it.
template <class Ex, class I>
void check_indices(const Ex& ex, span<I> indices, std::size_t size, const char* algorithm,
                   const char* target) {
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::size_t first = reduce_indices(
      ex, indices.size(), none, first_of{}, [=] LANES_HD(std::size_t i) { return index_outside(indices[i], size) ? i : none; });
  if (first != none)
    fail(algorithm, ": indices[", first, "] = ", +element_reader<Ex>::at(ex, indices, first), " is outside ", target, " (size ",
         size, ")");
}

// Sets bit `bit` of words; returns whether it was set already (atomically, host or device).
LANES_HD inline bool test_and_set(std::uint64_t* words, std::size_t bit) {
  std::uint64_t mask = std::uint64_t{1} << (bit % 64);
#if defined(__CUDA_ARCH__)
  return atomicOr(reinterpret_cast<unsigned long long*>(words + bit / 64), mask) & mask;
#else
  return __atomic_fetch_or(words + bit / 64, mask, __ATOMIC_RELAXED) & mask;
#endif
}

// A position whose index repeats an earlier one (as seen by a shared bitmap), or none.
template <class Ex, class I>
void check_unique(const Ex& ex, span<I> indices, std::size_t size, const char* algorithm) {
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  bitmap<Ex> seen(ex, size);
  std::uint64_t* words = seen.words();
  std::size_t repeat = reduce_indices(ex, indices.size(), none, first_of{}, [=] LANES_HD(std::size_t i) {
    return test_and_set(words, static_cast<std::size_t>(indices[i])) ? i : none;
  });
  if (repeat != none)
    fail(algorithm, ": index ", +element_reader<Ex>::at(ex, indices, repeat),
         " appears more than once (one of them at indices[", repeat, "])");
}

}  // namespace detail

template <class Ex, class T, class I, class U>
void gather(const Ex& ex, span<T> in, span<I> indices, span<U> out) {
  detail::check_data(in, "gather", "in");
  detail::check_data(indices, "gather", "indices");
  detail::check_room(out, indices.size(), "gather", "out");
  detail::check_disjoint(in, out, "gather", "in");
  detail::check_disjoint(indices, out, "gather", "indices");
  detail::check_indices(ex, indices, in.size(), "gather", "in");
  for_each_index(ex, indices.size(), [=] LANES_HD(std::size_t i) { out[i] = in[indices[i]]; });
}

template <class Ex, class T, class I, class U>
void scatter(const Ex& ex, span<T> in, span<I> indices, span<U> out) {
  detail::check_data(in, "scatter", "in");
  detail::check_data(indices, "scatter", "indices");
  detail::check_data(out, "scatter", "out");
  detail::check_same_size(in, indices, "scatter", "in", "indices");
  detail::check_disjoint(in, out, "scatter", "in");
  detail::check_disjoint(indices, out, "scatter", "indices");
  detail::check_indices(ex, indices, out.size(), "scatter", "out");
  detail::check_unique(ex, indices, out.size(), "scatter");
  for_each_index(ex, indices.size(), [=] LANES_HD(std::size_t i) { out[indices[i]] = in[i]; });
}

// Reverses data in place.
template <class Ex, class T>
void reverse(const Ex& ex, span<T> data) {
  detail::check_data(data, "reverse", "data");
  const std::size_t n = data.size();
  for_each_index(ex, n / 2, [=] LANES_HD(std::size_t i) {
    T front = data[i];
    data[i] = data[n - 1 - i];
    data[n - 1 - i] = front;
  });
}

LANES_ACCEPT_RANGES(gather)
LANES_ACCEPT_RANGES(scatter)
LANES_ACCEPT_RANGES(reverse)

}  // namespace lanes
