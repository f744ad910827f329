// SPDX-License-Identifier: Apache-2.0
// The C ABI over the caller's own memory: lanes_array_wrap (no copy), lanes_array_data and
// lanes_device_kind, against naive loops and std:: algorithms on the caller's vectors.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "c_api_support.hpp"
#include "support.hpp"

using namespace lanes_test;
using namespace lanes_c_test;

namespace {

template <class T>
array_ptr wrap(lanes_device* d, std::vector<T>& values) {
  lanes_array* a = nullptr;
  REQUIRE(lanes_array_wrap(d, dtype_of<T>(), values.data(), values.size(), &a) == LANES_OK);
  return array_ptr(a);
}

void* data_of(const lanes_array* a) {
  void* p = reinterpret_cast<void*>(std::uintptr_t(1));
  REQUIRE(lanes_array_data(a, &p) == LANES_OK);
  return p;
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("C ABI: a wrapped array is the caller's memory, used in place", "[c_api]", c_dtypes) {
  using T = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {0, 1, 17, 4099, 100003}) {
      INFO(spec << ", n = " << n);
      auto values = random_values<T>(n);
      auto a = wrap(d.get(), values);
      REQUIRE(lanes_array_size(a.get()) == n);
      REQUIRE(lanes_array_dtype(a.get()) == dtype_of<T>());
      REQUIRE(data_of(a.get()) == static_cast<void*>(values.data()));

      // A sum reads the caller's memory: the same bits as the sum of a copy.
      auto copy = make(d.get(), values);
      double wrapped_sum = -1, copied_sum = -2;
      REQUIRE(lanes_sum(a.get(), &wrapped_sum) == LANES_OK);
      REQUIRE(lanes_sum(copy.get(), &copied_sum) == LANES_OK);
      REQUIRE(std::memcmp(&wrapped_sum, &copied_sum, sizeof(double)) == 0);

      // A sort writes it: the vector itself comes out sorted, as std::stable_sort sorts.
      auto expected = values;
      std::stable_sort(expected.begin(), expected.end());
      REQUIRE(lanes_sort(a.get()) == LANES_OK);
      require_equal(values, expected);
      // Reading a wrapped array into its own memory changes nothing.
      REQUIRE(lanes_array_to_host(a.get(), values.data(), values.size()) == LANES_OK);
      require_equal(values, expected);
    }
  }
}

TEMPLATE_LIST_TEST_CASE("C ABI: axpy into wrapped memory matches a naive loop", "[c_api]", floating_types) {
  using T = TestType;
  auto d = open("cpu:2");
  for (std::size_t n : {1, 4097, 70001}) {
    auto x = random_values<T>(n, 1), y = random_values<T>(n, 2);
    std::vector<T> expected(n);
    for (std::size_t i = 0; i < n; ++i) expected[i] = T(T(1.5) * x[i]) + y[i];
    auto xs = wrap(d.get(), x), ys = wrap(d.get(), y);
    REQUIRE(lanes_axpy(1.5, xs.get(), ys.get()) == LANES_OK);
    require_equal(y, expected);
    // A rejected call leaves the caller's memory as it was.
    std::vector<T> shorter(n - 1, T(7));
    auto short_array = wrap(d.get(), shorter);
    require_failure(lanes_axpy(1.5, xs.get(), short_array.get()), LANES_ESIZE, "elements");
    require_equal(shorter, std::vector<T>(n - 1, T(7)));
  }
}

TEST_CASE("C ABI: wrap's bad arguments, and an array that outlives its device", "[c_api]") {
  auto d = open("seq");
  std::vector<double> v{3, 1, 2};
  lanes_array* a = nullptr;
  require_failure(lanes_array_wrap(nullptr, LANES_F64, v.data(), 3, &a), LANES_EINVAL, "device is NULL");
  require_failure(lanes_array_wrap(d.get(), LANES_F64, v.data(), 3, nullptr), LANES_EINVAL, "out is NULL");
  require_failure(lanes_array_wrap(d.get(), LANES_F64, nullptr, 3, &a), LANES_EINVAL, "data is NULL");
  require_failure(lanes_array_wrap(d.get(), lanes_dtype(99), v.data(), 3, &a), LANES_EDTYPE, "dtype 99");
  require_failure(lanes_array_wrap(d.get(), LANES_F64, v.data(), SIZE_MAX / 4, &a), LANES_ESIZE, "overflow");
  REQUIRE(a == nullptr);
  REQUIRE(lanes_array_wrap(d.get(), LANES_I32, nullptr, 0, &a) == LANES_OK);  // n = 0 needs no data
  REQUIRE(lanes_array_size(a) == 0);
  REQUIRE(data_of(a) == nullptr);
  lanes_array_free(a);

  void* p = nullptr;
  require_failure(lanes_array_data(nullptr, &p), LANES_EINVAL, "array is NULL");
  auto copy = make(d.get(), v);
  require_failure(lanes_array_data(copy.get(), nullptr), LANES_EINVAL, "out is NULL");
  // An array made by the library: its data is host memory on a host device, holding a copy.
  const double* copied = static_cast<const double*>(data_of(copy.get()));
  REQUIRE(copied != v.data());
  REQUIRE(std::vector<double>(copied, copied + 3) == v);

  // Closing the device first, then sorting and freeing the wrapped array: the memory stays
  // the caller's, sorted.
  lanes_device* own = nullptr;
  REQUIRE(lanes_device_open("cpu", &own) == LANES_OK);
  REQUIRE(lanes_array_wrap(own, LANES_F64, v.data(), v.size(), &a) == LANES_OK);
  lanes_device_close(own);
  REQUIRE(lanes_sort(a) == LANES_OK);
  lanes_array_free(a);
  REQUIRE(v == std::vector<double>{1, 2, 3});
}

TEST_CASE("C ABI: device kinds", "[c_api]") {
  REQUIRE(std::string(lanes_device_kind(open("seq").get())) == "seq");
  REQUIRE(std::string(lanes_device_kind(open("cpu").get())) == "cpu");
  REQUIRE(std::string(lanes_device_kind(open("cpu:3").get())) == "cpu");
  auto chosen = open("auto");
  std::string kind = lanes_device_kind(chosen.get());
  REQUIRE((kind == "cpu" || kind == "cuda"));
  REQUIRE(std::string(lanes_device_name(chosen.get())).rfind(kind, 0) == 0);  // the name starts with it
  REQUIRE(std::string(lanes_device_kind(nullptr)).empty());
}
