// SPDX-License-Identifier: Apache-2.0
// How lanes/compiled.hpp calls an entry point: the element type's checks and C ABI name, the
// backend chosen from the device at run time, tracing and validation around the call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "lanes/detail/compiled_entries.hpp"
#include "lanes/error.hpp"
#include "lanes/trace.hpp"
#include "lanes/validate.hpp"

namespace lanes::detail {

// The by-key entry points move values of any type of 1, 4 or 8 bytes as their bits.
template <class V>
inline constexpr bool value_bits = std::is_same_v<V, std::uint8_t> || std::is_same_v<V, std::uint32_t> ||
                                   std::is_same_v<V, std::uint64_t>;

template <class... Spans>
std::size_t bytes_of(const Spans&... spans) {
  return (std::size_t(0) + ... + (spans.size() * sizeof(typename Spans::value_type)));
}

template <class T>
constexpr const char* dtype_name() {  // the C ABI's names
  if constexpr (std::is_same_v<T, float>) return "F32";
  else if constexpr (std::is_same_v<T, double>) return "F64";
  else if constexpr (std::is_same_v<T, std::int32_t>) return "I32";
  else if constexpr (std::is_same_v<T, std::int64_t>) return "I64";
  else if constexpr (std::is_same_v<T, std::uint32_t>) return "U32";
  else if constexpr (std::is_same_v<T, std::uint64_t>) return "U64";
  else if constexpr (std::is_same_v<T, std::int8_t>) return "I8";
  else if constexpr (std::is_same_v<T, std::uint8_t>) return "U8";
  else return "";
}

// Runs entry(Entries<backend of d>, d, arguments...), traced (lanes/trace.hpp) and, when
// validating, also on the reference device and compared (lanes/validate.hpp).
template <template <class> class Entries, class Entry, class... Args>
decltype(auto) on_backend(const device& d, const call& c, const char* dtype, Entry entry, Args... args) {
  const auto run = [&entry](const device& on, auto... a) {
    switch (on.type()) {
      case device::kind::seq:
        return entry(Entries<seq>{}, on, argument(a)...);
      case device::kind::cpu:
        return entry(Entries<cpu>{}, on, argument(a)...);
      case device::kind::cuda:
#if LANES_WITH_CUDA
        return entry(Entries<cuda>{}, on, argument(a)...);
#else
        break;  // no such device can be made in a build without CUDA
#endif
    }
    fail("lanes: ", on.name(), " has no compiled entry points in this build");
  };
  const device* reference = reference_for(d);
  return traced({c.name, &d, c.n, dtype, c.bytes, reference}, [&] {
    return reference ? validated(c, d, *reference, run, args...) : run(d, args...);
  });
}

// Family<., T> as a template of the executor alone, for on_backend.
template <template <class, class> class Family, class T>
struct bind_type {
  template <class Ex>
  using entries = Family<Ex, T>;
};

template <class T>
inline constexpr bool is_entry_type =
    std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, std::int32_t> ||
    std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint32_t> || std::is_same_v<T, std::uint64_t> ||
    std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::uint8_t>;

template <class T, class Entry, class... Args>
decltype(auto) algorithm(const device& d, const call& c, Entry entry, Args... args) {
  static_assert(is_entry_type<T>, "compiled algorithms take float, double, int32, int64, uint32, uint64, int8 or uint8 elements");
  return on_backend<bind_type<algorithm_entries, T>::template entries>(d, c, dtype_name<T>(), entry, args...);
}

template <template <class, class> class Family, class T, class Entry, class... Args>
decltype(auto) kernel(const device& d, const call& c, Entry entry, Args... args) {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>, "compiled kernels take float or double");
  return on_backend<bind_type<Family, T>::template entries>(d, c, dtype_name<T>(), entry, args...);
}

}  // namespace lanes::detail
