// SPDX-License-Identifier: Apache-2.0
// What the C ABI's files (lanes/lanes.h) share: the handles behind lanes_device and
// lanes_array, the argument checks (each rejects before anything is written), and
// guarded(), which turns whatever a call throws into a status and this thread's message.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "lanes/array.hpp"
#include "lanes/compiled.hpp"
#include "lanes/lanes.h"
#include "lanes/trace.hpp"

struct lanes_device {
  std::shared_ptr<const lanes::device> device;
};

struct lanes_array {
  // Arrays keep their device alive (its kind and index are what "the same device" means).
  std::shared_ptr<const lanes::device> device;
  // The elements, where they lie (the device's memory); the alternative's index is the dtype.
  std::variant<lanes::span<float>, lanes::span<double>, lanes::span<std::int32_t>, lanes::span<std::int64_t>,
               lanes::span<std::uint32_t>, lanes::span<std::uint64_t>, lanes::span<std::int8_t>,
               lanes::span<std::uint8_t>>
      elements;
  // The lanes::array that owns the elements, or null for memory the caller lent (wrap).
  std::shared_ptr<void> owner;

  lanes_dtype dtype() const { return lanes_dtype(elements.index()); }
  std::size_t size() const {
    return std::visit([](const auto& s) { return s.size(); }, elements);
  }
  bool on_gpu() const { return device->type() == lanes::device::kind::cuda; }
};

namespace lanes_c_api {

using std::size_t;

// This thread's message for lanes_last_error().
inline thread_local std::string last_error;

inline constexpr const char* dtype_names[] = {"F32", "F64", "I32", "I64", "U32", "U64", "I8", "U8"};
inline constexpr size_t dtype_count = sizeof(dtype_names) / sizeof(dtype_names[0]);

// A call rejected with a status: thrown by the checks below, caught by guarded().
struct rejection {
  lanes_status status;
  std::string message;
};

template <class... Parts>
[[noreturn]] void reject(lanes_status status, const Parts&... parts) {
  std::ostringstream message;
  (message << ... << parts);
  throw rejection{status, message.str()};
}

inline lanes_status failed(lanes_status status, const char* call, const char* message) noexcept {
  try {
    last_error = std::string(call) + ": " + message;
  } catch (...) {
    last_error.clear();  // no memory even for the message; the status still tells
  }
  return status;
}

inline constexpr const char* status_names[] = {"LANES_OK",     "LANES_EINVAL", "LANES_ENODEV",   "LANES_ENOMEM",
                                               "LANES_EDTYPE", "LANES_ESIZE",  "LANES_EINTERNAL", "LANES_EVALIDATE"};

template <class Body>
lanes_status status_of(const char* call, Body&& body) noexcept;

// Runs a call's body and turns what it throws into a status and this thread's message; when
// tracing, the call is one event (lanes/trace.hpp), the entry point it reaches nested in it.
template <class Body>
lanes_status guarded(const char* call, Body&& body) noexcept {
  if (!lanes::detail::tracing.load(std::memory_order_relaxed)) return status_of(call, body);
  std::int64_t begin = 0;
  lanes_status status = status_of(call, [&] { begin = lanes::detail::trace_begin(); });
  if (status != LANES_OK) return status;  // LANES_TRACE could not be written: said once, here
  if (begin < 0) return status_of(call, body);
  status = status_of(call, body);
  lanes::detail::trace_end({call}, begin, status == LANES_OK ? nullptr : last_error.c_str(), status_names[status]);
  return status;
}

template <class Body>
lanes_status status_of(const char* call, Body&& body) noexcept {
  try {
    body();
    return LANES_OK;
  } catch (const rejection& r) {
    return failed(r.status, call, r.message.c_str());
  } catch (const lanes::out_of_memory& e) {
    return failed(LANES_ENOMEM, call, e.what());
  } catch (const lanes::size_error& e) {
    return failed(LANES_ESIZE, call, e.what());
  } catch (const lanes::no_device& e) {
    return failed(LANES_ENODEV, call, e.what());
  } catch (const lanes::validation_error& e) {
    return failed(LANES_EVALIDATE, call, e.what());
  } catch (const lanes::error& e) {
    return failed(LANES_EINVAL, call, e.what());
  } catch (const std::bad_alloc&) {
    return failed(LANES_ENOMEM, call, "out of memory");
  } catch (const std::exception& e) {
    return failed(LANES_EINTERNAL, call, e.what());
  } catch (...) {
    return failed(LANES_EINTERNAL, call, "an unknown exception");
  }
}

template <class T>
T& need(T* p, const char* name) {
  if (p == nullptr) reject(LANES_EINVAL, name, " is NULL");
  return *p;
}

inline void need_buffer(const void* p, const char* name) {
  if (p == nullptr) reject(LANES_EINVAL, name, " is NULL");
}

// A dtype from C may hold any int: its bits are read without loading it as the enum.
inline lanes_dtype checked_dtype(const lanes_dtype& dtype) {
  std::underlying_type_t<lanes_dtype> code;
  std::memcpy(&code, &dtype, sizeof code);
  auto value = static_cast<std::int64_t>(code);
  if (value < 0 || value >= std::int64_t(dtype_count))
    reject(LANES_EDTYPE, "dtype ", value, " is not a lanes_dtype (LANES_F32 ... LANES_U8)");
  return lanes_dtype(code);
}

inline void check_same_device(const lanes_array& a, const lanes_array& b, const char* a_name, const char* b_name) {
  if (!a.device->same_as(*b.device))
    reject(LANES_EINVAL, a_name, " and ", b_name, " were made on different devices (", a.device->name(), " and ",
           b.device->name(), ")");
}

inline void check_same_dtype(const lanes_array& a, const lanes_array& b, const char* a_name, const char* b_name) {
  if (a.dtype() != b.dtype())
    reject(LANES_EDTYPE, a_name, " has dtype ", dtype_names[a.dtype()], " but ", b_name, " has ",
           dtype_names[b.dtype()]);
}

inline void check_same_size(const lanes_array& a, const lanes_array& b, const char* a_name, const char* b_name) {
  if (a.size() != b.size()) reject(LANES_ESIZE, a_name, " has ", a.size(), " elements but ", b_name, " has ", b.size());
}

// a and b: the same device and dtype (and size unless told otherwise).
inline void check_alike(const lanes_array& a, const lanes_array& b, const char* a_name, const char* b_name,
                        bool same_size = true) {
  check_same_device(a, b, a_name, b_name);
  check_same_dtype(a, b, a_name, b_name);
  if (same_size) check_same_size(a, b, a_name, b_name);
}

// The arrays of a by-key call: keys and values of one size on one device, each output like its
// input. (The algorithm checks that no output overlaps another array.)
inline void check_by_key(const lanes_array& keys, const lanes_array& values, const lanes_array& keys_out,
                         const lanes_array& values_out, const char* keys_name, const char* values_name,
                         const char* values_out_name) {
  check_alike(keys, keys_out, keys_name, "keys_out", false);
  check_alike(values, values_out, values_name, values_out_name, false);
  check_same_device(keys, values, keys_name, values_name);
  check_same_size(keys, values, keys_name, values_name);
}

template <class T>
constexpr bool is_float = std::is_same_v<T, float> || std::is_same_v<T, double>;

// f(elements) with the array's lanes::span<T>; floats_only rejects integer dtypes.
template <bool floats_only = false, class F>
void with_elements(const lanes_array& a, const char* name, F&& f) {
  std::visit(
      [&](auto elements) {
        using T = typename decltype(elements)::value_type;
        if constexpr (floats_only && !is_float<T>)
          reject(LANES_EDTYPE, name, " has dtype ", dtype_names[a.dtype()], "; this call takes F32 or F64");
        else
          f(elements);
      },
      a.elements);
}

// An array that must hold dtype `dtype` (the indices of gather, the masks of threshold, ...).
inline void check_dtype(const lanes_array& a, lanes_dtype dtype, const char* name) {
  if (a.dtype() != dtype) reject(LANES_EDTYPE, name, " has dtype ", dtype_names[a.dtype()], ", not ", dtype_names[dtype]);
}

// The elements of `other` as T (its dtype was checked to be T's).
template <class T>
lanes::span<T> same_typed(const lanes_array& other) {
  return std::get<lanes::span<T>>(other.elements);
}

template <class T>
lanes::span<const T> cview(lanes::span<T> s) {
  return s;
}

// Values of any dtype travel as their bits (sort_by_key, unique_by_key): the unsigned
// integer of each dtype's size.
template <class T>
using bits_of = std::conditional_t<sizeof(T) == 1, std::uint8_t,
                                   std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>;

// The elements of `a` as B, the bits of its dtype (the caller checked the size).
template <class B>
lanes::span<B> as_bits(const lanes_array& a) {
  return std::visit([](auto s) { return lanes::span<B>(reinterpret_cast<B*>(s.data()), s.size()); }, a.elements);
}

// f(the elements of `a` as their bits).
template <class F>
void with_bits(const lanes_array& a, F&& f) {
  std::visit([&](auto s) { f(as_bits<bits_of<typename decltype(s)::value_type>>(a)); }, a.elements);
}

}  // namespace lanes_c_api
