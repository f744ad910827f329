// SPDX-License-Identifier: Apache-2.0
// Contiguous ranges wherever a lanes::span is taken: std::vector, std::array, lanes::array,
// C arrays, std::span (C++20), std::string. Each algorithm is written once over spans; one
// forwarding overload per name (LANES_ACCEPT_RANGES) turns every range argument into the
// span over its elements, without a copy, and calls the span overload. A range that is not
// contiguous (std::list, std::deque, std::set) is a compile-time error that says so.
#pragma once

#include <iterator>
#include <type_traits>
#include <utility>

#include "lanes/span.hpp"

namespace lanes::detail {

template <class T>
using remove_cvref_t = std::remove_cv_t<std::remove_reference_t<T>>;

template <class R, class = void>
struct is_contiguous_range : std::false_type {};
template <class R>
struct is_contiguous_range<R, std::void_t<decltype(std::data(std::declval<R&>())), decltype(std::size(std::declval<R&>()))>>
    : std::is_pointer<decltype(std::data(std::declval<R&>()))> {};

template <class R, class = void>
struct is_iterable : std::false_type {};
template <class R>
struct is_iterable<R, std::void_t<decltype(std::begin(std::declval<R&>()))>> : std::true_type {};

template <class T>
struct is_span : std::false_type {};
template <class T>
struct is_span<span<T>> : std::true_type {};

// An argument that LANES_ACCEPT_RANGES turns into a span: any range but a lanes::span.
template <class A>
inline constexpr bool is_range_argument_v =
    !is_span<remove_cvref_t<A>>::value &&
    (is_contiguous_range<std::remove_reference_t<A>>::value || is_iterable<std::remove_reference_t<A>>::value);

template <class... Args>
inline constexpr bool has_range_argument_v = (is_range_argument_v<Args> || ...);

template <class R>
inline constexpr bool dependent_false_v = false;

// A kernel's read-only input whose element type the other arguments give: T is not deduced
// from it, so a span<T>, a span<const T> or a range of T all fit.
template <class T>
struct identity {
  using type = T;
};
template <class T>
using input_span = span<const typename identity<T>::type>;

// A range as the span over its elements (const elements for a const range); anything else
// as it came.
template <class A>
constexpr decltype(auto) as_argument(A&& a) {
  if constexpr (!is_range_argument_v<A>) {
    return std::forward<A>(a);
  } else if constexpr (is_contiguous_range<std::remove_reference_t<A>>::value) {
    using element = std::remove_pointer_t<decltype(std::data(a))>;
    return span<element>(std::data(a), std::size(a));
  } else {
    static_assert(dependent_false_v<A>,
                  "lanes: this range is not contiguous (std::list, std::deque, std::set, ...): Lanes reads its "
                  "arguments as data() and size(); copy it into a std::vector or a lanes::array first");
    return std::forward<A>(a);
  }
}

}  // namespace lanes::detail

// After every overload of `name` (each taking the executor or device first, then spans): the
// same call with every range argument as a span. Only a call with a range reaches it; an
// argument that is itself a range but stands for one value (an init of type std::array) is
// taken as a span too, so pass such values with spans.
#define LANES_ACCEPT_RANGES(name)                                                                          \
  template <class Ex, class... Args, class = std::enable_if_t<::lanes::detail::has_range_argument_v<Args...>>> \
  decltype(auto) name(const Ex& ex, Args&&... args) {                                                    \
    return name(ex, ::lanes::detail::as_argument(std::forward<Args>(args))...);                           \
  }
