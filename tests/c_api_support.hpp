// SPDX-License-Identifier: Apache-2.0
// What the C ABI's test files share: handles that free themselves, arrays made from and
// read into vectors, and a failure's status and message checked together.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>

#include "lanes/lanes.h"
#include "lanes/span.hpp"

namespace lanes_c_test {

struct device_closer {
  void operator()(lanes_device* d) const { lanes_device_close(d); }
};
struct array_freer {
  void operator()(lanes_array* a) const { lanes_array_free(a); }
};
using device_ptr = std::unique_ptr<lanes_device, device_closer>;
using array_ptr = std::unique_ptr<lanes_array, array_freer>;

inline device_ptr open(const char* spec) {
  lanes_device* d = nullptr;
  REQUIRE(lanes_device_open(spec, &d) == LANES_OK);
  REQUIRE(d != nullptr);
  return device_ptr(d);
}

template <class T>
constexpr lanes_dtype dtype_of() {
  if constexpr (std::is_same_v<T, float>) return LANES_F32;
  if constexpr (std::is_same_v<T, double>) return LANES_F64;
  if constexpr (std::is_same_v<T, std::int32_t>) return LANES_I32;
  if constexpr (std::is_same_v<T, std::int64_t>) return LANES_I64;
  if constexpr (std::is_same_v<T, std::uint32_t>) return LANES_U32;
  if constexpr (std::is_same_v<T, std::uint64_t>) return LANES_U64;
  if constexpr (std::is_same_v<T, std::int8_t>) return LANES_I8;
  if constexpr (std::is_same_v<T, std::uint8_t>) return LANES_U8;
}

// Every element type of the C ABI.
using c_dtypes = std::tuple<float, double, std::int32_t, std::int64_t, std::uint32_t, std::uint64_t, std::int8_t,
                            std::uint8_t>;

template <class T>
array_ptr make(lanes_device* d, const std::vector<T>& values) {
  lanes_array* a = nullptr;
  REQUIRE(lanes_array_from_host(d, dtype_of<T>(), values.data(), values.size(), &a) == LANES_OK);
  return array_ptr(a);
}

template <class T>
std::vector<T> read(const lanes_array* a) {
  std::vector<T> out(lanes_array_size(a));
  REQUIRE(lanes_array_to_host(a, out.data(), out.size()) == LANES_OK);
  return out;
}

// The call failed with `status`, and this thread's message mentions `words`.
inline void require_failure(lanes_status got, lanes_status status, const std::string& words) {
  INFO("lanes_last_error(): " << lanes_last_error());
  REQUIRE(got == status);
  REQUIRE(std::string(lanes_last_error()).find(words) != std::string::npos);
}

// The devices the results are checked on: one thread, and the cpu with two.
inline const char* const specs[] = {"seq", "cpu:2"};

// A vector as a span, for the header algorithms the tests compare with.
template <class T>
lanes::span<const T> cs(const std::vector<T>& v) {
  return {v.data(), v.size()};
}
template <class T>
lanes::span<T> ms(std::vector<T>& v) {
  return {v.data(), v.size()};
}

}  // namespace lanes_c_test
