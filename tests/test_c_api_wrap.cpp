// SPDX-License-Identifier: Apache-2.0
// The C ABI over memory without a copy: lanes_array_wrap (the caller's), lanes_array_slice
// (part of an array), lanes_array_data and lanes_device_kind; and lanes_array_copy. Against
// naive loops and std:: algorithms on the caller's vectors.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <numeric>
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

array_ptr slice(const lanes_array* a, std::size_t begin, std::size_t n) {
  lanes_array* part = nullptr;
  REQUIRE(lanes_array_slice(a, begin, n, &part) == LANES_OK);
  return array_ptr(part);
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

TEMPLATE_LIST_TEST_CASE("C ABI: a slice is part of its array's memory, and keeps it alive", "[c_api]", c_dtypes) {
  using T = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {1, 2, 17, 4099, 70001}) {
      INFO(spec << ", n = " << n);
      const auto values = random_values<T>(n);
      auto whole = make(d.get(), values);
      const std::size_t begin = n / 3, count = n - begin - n / 4;  // odd bounds, not whole vectors
      auto part = slice(whole.get(), begin, count);
      REQUIRE(lanes_array_size(part.get()) == count);
      REQUIRE(lanes_array_dtype(part.get()) == dtype_of<T>());
      REQUIRE(data_of(part.get()) == static_cast<T*>(data_of(whole.get())) + begin);
      require_equal(read<T>(part.get()), std::vector<T>(values.begin() + begin, values.begin() + begin + count));

      // A sort through the slice sorts that part of the array, and nothing else.
      auto expected = values;
      std::stable_sort(expected.begin() + begin, expected.begin() + begin + count);
      REQUIRE(lanes_sort(part.get()) == LANES_OK);
      require_equal(read<T>(whole.get()), expected);

      // A slice of a slice; then the array freed first: the slices still hold its memory
      // (ASan would see a read of freed memory).
      auto inner = slice(part.get(), count / 2, count - count / 2);
      whole.reset();
      part.reset();
      require_equal(read<T>(inner.get()),
                    std::vector<T>(expected.begin() + begin + count / 2, expected.begin() + begin + count));
    }
  }
}

TEST_CASE("C ABI: unique into a slice of its own input, and slices that overlap", "[c_api]") {
  auto d = open("cpu:2");
  std::vector<std::int32_t> values{5, 5, 1, 1, 1, 7, 2, 2, 9, 0, 0, 0};
  auto whole = make(d.get(), values);
  // unique's kept items into the second half of an array twice as long: disjoint parts.
  std::vector<std::int32_t> twice(2 * values.size(), -1);
  std::copy(values.begin(), values.end(), twice.begin());
  auto both = make(d.get(), twice);
  auto in = slice(both.get(), 0, values.size()), out = slice(both.get(), values.size(), values.size());
  std::size_t kept = 0;
  REQUIRE(lanes_unique(in.get(), out.get(), &kept) == LANES_OK);
  std::vector<std::int32_t> expected;
  std::unique_copy(values.begin(), values.end(), std::back_inserter(expected));
  REQUIRE(kept == expected.size());
  auto result = read<std::int32_t>(both.get());
  require_equal(std::vector<std::int32_t>(result.begin() + values.size(), result.begin() + values.size() + kept),
                expected);
  // Overlapping slices as an input and an output the call may not share: rejected, nothing written.
  auto front = slice(whole.get(), 0, 8), back = slice(whole.get(), 4, 8);
  require_failure(lanes_unique(front.get(), back.get(), &kept), LANES_EINVAL, "overlap");
  require_failure(lanes_inclusive_scan(front.get(), back.get()), LANES_EINVAL, "overlap");
  require_equal(read<std::int32_t>(whole.get()), values);
  // The same slice in place, where the call allows it: a scan of the middle.
  auto middle = slice(whole.get(), 3, 6);
  REQUIRE(lanes_inclusive_scan(middle.get(), middle.get()) == LANES_OK);
  auto scanned = values;
  std::partial_sum(values.begin() + 3, values.begin() + 9, scanned.begin() + 3);
  require_equal(read<std::int32_t>(whole.get()), scanned);
}

TEST_CASE("C ABI: slice's bad arguments, and slices of wrapped memory", "[c_api]") {
  auto d = open("seq");
  std::vector<double> v{4, 3, 2, 1, 0};
  auto copy = make(d.get(), v);
  lanes_array* a = nullptr;
  require_failure(lanes_array_slice(nullptr, 0, 1, &a), LANES_EINVAL, "array is NULL");
  require_failure(lanes_array_slice(copy.get(), 0, 1, nullptr), LANES_EINVAL, "out is NULL");
  require_failure(lanes_array_slice(copy.get(), 6, 0, &a), LANES_ESIZE, "[6, 6 + 0)");
  require_failure(lanes_array_slice(copy.get(), 2, 4, &a), LANES_ESIZE, "array of 5");
  require_failure(lanes_array_slice(copy.get(), 1, SIZE_MAX, &a), LANES_ESIZE, "array of 5");  // begin + n wraps
  require_failure(lanes_array_slice(copy.get(), SIZE_MAX, 2, &a), LANES_ESIZE, "array of 5");
  REQUIRE(a == nullptr);
  // Empty slices, at either end.
  for (std::size_t at : {0, 5}) {
    auto empty = slice(copy.get(), at, 0);
    REQUIRE(lanes_array_size(empty.get()) == 0);
    double sum = -1;
    REQUIRE(lanes_sum(empty.get(), &sum) == LANES_OK);
    REQUIRE(sum == 0);
  }
  // A slice of wrapped memory is the caller's memory too; the wrapped array may go first.
  lanes_array* wrapped = nullptr;
  REQUIRE(lanes_array_wrap(d.get(), LANES_F64, v.data(), v.size(), &wrapped) == LANES_OK);
  auto tail = slice(wrapped, 1, 4);
  lanes_array_free(wrapped);
  REQUIRE(lanes_sort(tail.get()) == LANES_OK);
  REQUIRE(v == std::vector<double>{4, 0, 1, 2, 3});
  REQUIRE(data_of(tail.get()) == static_cast<void*>(v.data() + 1));
}

TEMPLATE_LIST_TEST_CASE("C ABI: lanes_array_copy between arrays, slices and devices", "[c_api]", c_dtypes) {
  using T = TestType;
  auto seq = open("seq"), cpu = open("cpu:2");
  for (std::size_t n : {0, 1, 17, 4099, 1 << 20 | 7}) {  // past the parallel copy's threshold
    INFO("n = " << n);
    const auto values = random_values<T>(n, 3);
    auto from = make(seq.get(), values);
    auto to = make(cpu.get(), std::vector<T>(n, T(1)));  // another device: a copy may cross
    REQUIRE(lanes_array_copy(from.get(), to.get()) == LANES_OK);
    require_equal(read<T>(to.get()), values);
    REQUIRE(lanes_array_copy(to.get(), to.get()) == LANES_OK);  // onto itself: nothing changes
    require_equal(read<T>(to.get()), values);
    if (n < 2) continue;
    // The first half into the second, through slices of one array (an odd length stays put).
    const std::size_t half = n / 2;
    auto low = slice(to.get(), 0, half), high = slice(to.get(), n - half, half);
    REQUIRE(lanes_array_copy(low.get(), high.get()) == LANES_OK);
    auto expected = values;
    std::copy(values.begin(), values.begin() + half, expected.end() - half);
    require_equal(read<T>(to.get()), expected);
  }
}

TEST_CASE("C ABI: lanes_array_copy's bad arguments change nothing", "[c_api]") {
  auto d = open("cpu:2");
  const std::vector<float> values{1, 2, 3, 4, 5};
  auto a = make(d.get(), values);
  auto b = make(d.get(), std::vector<float>(5, -1));
  auto shorter = make(d.get(), std::vector<float>(4, -1));
  auto doubles = make(d.get(), std::vector<double>(5, -1));
  require_failure(lanes_array_copy(nullptr, b.get()), LANES_EINVAL, "src is NULL");
  require_failure(lanes_array_copy(a.get(), nullptr), LANES_EINVAL, "dst is NULL");
  require_failure(lanes_array_copy(a.get(), shorter.get()), LANES_ESIZE, "src has 5 elements but dst has 4");
  require_failure(lanes_array_copy(a.get(), doubles.get()), LANES_EDTYPE, "src has dtype F32 but dst has F64");
  auto front = slice(a.get(), 0, 3), back = slice(a.get(), 2, 3);
  require_failure(lanes_array_copy(front.get(), back.get()), LANES_EINVAL, "overlap");
  require_equal(read<float>(a.get()), values);
  require_equal(read<float>(b.get()), std::vector<float>(5, -1));
  require_equal(read<float>(shorter.get()), std::vector<float>(4, -1));
  require_equal(read<double>(doubles.get()), std::vector<double>(5, -1));
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
