// gather (out[i] = in[indices[i]]) and scatter (out[indices[i]] = in[i]).
// Every index is checked before anything is written: one outside the target span (or, for
// scatter, one repeated, which would make the result depend on timing) is lanes::error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "lanes/detail/checks.hpp"
#include "lanes/for_each.hpp"
#include "lanes/reduce.hpp"
#include "lanes/span.hpp"

namespace lanes {
namespace detail {

template <class I>
bool index_outside(I index, std::size_t size) {
  static_assert(std::is_integral_v<I>, "indices must be integers");
  if constexpr (std::is_signed_v<I>)
    if (index < 0) return true;
  return static_cast<std::make_unsigned_t<I>>(index) >= size;
}

// The first position whose index falls outside [0, size), or none: lanes::error naming it.
template <class Ex, class I>
void check_indices(const Ex& ex, span<I> indices, std::size_t size, const char* algorithm,
                   const char* target) {
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::size_t first = reduce_indices(
      ex, indices.size(), none, [](std::size_t a, std::size_t b) { return a < b ? a : b; },
      [=](std::size_t i) { return index_outside(indices[i], size) ? i : none; });
  if (first != none)
    fail(algorithm, ": indices[", first, "] = ", +indices[first], " is outside ", target, " (size ",
         size, ")");
}

// The first position whose index repeats an earlier one (as seen by a shared bitmap).
template <class Ex, class I>
void check_unique(const Ex& ex, span<I> indices, std::size_t size, const char* algorithm) {
  std::vector<std::uint64_t> seen(ceil_div(size, 64), 0);
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::uint64_t* words = seen.data();
  std::size_t repeat = reduce_indices(
      ex, indices.size(), none, [](std::size_t a, std::size_t b) { return a < b ? a : b; },
      [=](std::size_t i) {
        auto at = static_cast<std::size_t>(indices[i]);
        std::uint64_t bit = std::uint64_t{1} << (at % 64);
        return (__atomic_fetch_or(&words[at / 64], bit, __ATOMIC_RELAXED) & bit) ? i : none;
      });
  if (repeat != none)
    fail(algorithm, ": index ", +indices[repeat], " appears more than once (one of them at indices[", repeat,
         "])");
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
  for_each_index(ex, indices.size(), [=](std::size_t i) { out[i] = in[indices[i]]; });
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
  for_each_index(ex, indices.size(), [=](std::size_t i) { out[indices[i]] = in[i]; });
}

}  // namespace lanes
