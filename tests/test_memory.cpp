// SPDX-License-Identifier: Apache-2.0
#include <cstdint>

#include "lanes/array.hpp"
#include "support.hpp"

using namespace lanes_test;

TEMPLATE_LIST_TEST_CASE("array owns n aligned elements and copies host data both ways", "[array]",
                        arithmetic_types) {
  using T = TestType;
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    lanes::array<T> zeros(n);
    REQUIRE(zeros.size() == n);
    REQUIRE(zeros.to_host() == std::vector<T>(n, T(0)));
    auto v = random_values<T>(n, 14);
    lanes::array<T> a(v.data(), n);
    REQUIRE(a.to_host() == v);
    REQUIRE(reinterpret_cast<std::uintptr_t>(a.data()) % 64 == 0);
    REQUIRE(a.view().size() == n);
    lanes::copy(a.view(), zeros.view());
    REQUIRE(zeros.to_host() == v);
  }
}

TEST_CASE("array is move-only and a moved-from array is empty", "[array]") {
  static_assert(!std::is_copy_constructible_v<lanes::array<int>>);
  static_assert(std::is_nothrow_move_constructible_v<lanes::array<int>>);
  lanes::array<int> a{1, 2, 3};
  lanes::array<int> b(std::move(a));
  REQUIRE(a.size() == 0);
  REQUIRE(a.data() == nullptr);
  REQUIRE(b.to_host() == std::vector<int>{1, 2, 3});
  lanes::array<int> c(5);
  c = std::move(b);
  REQUIRE(c.to_host() == std::vector<int>{1, 2, 3});
  std::vector<double> host = {0.5, -0.0};
  lanes::array<double> from_span(lanes::span<const double>{host});
  REQUIRE(from_span.to_host() == host);
}

TEST_CASE("a large copy (done in parallel) is exact", "[array]") {
  std::size_t n = (std::size_t(1) << 22) + 3;
  auto v = random_values<std::uint32_t>(n, 15);
  lanes::array<std::uint32_t> a(v.data(), n), b(n);
  lanes::copy(a, b);
  REQUIRE(b.to_host() == v);
}

TEST_CASE("array and copy reject bad sizes and null data", "[array][errors]") {
  REQUIRE_THROWS_WITH(lanes::array<double>(std::size_t(1) << 62), Catch::Contains("overflows"));
  REQUIRE_THROWS_WITH(lanes::array<char>(std::size_t(1) << 62), Catch::Contains("out of memory"));
  REQUIRE_THROWS_WITH(lanes::array<int>(static_cast<const int*>(nullptr), 4), Catch::Contains("host data is null"));
  lanes::array<int> a(4), b(5);
  REQUIRE_THROWS_WITH(lanes::copy(a, b), Catch::Contains("src has 4 elements but dst has 5"));
  REQUIRE_THROWS_WITH(lanes::copy(lanes::span<const int>(nullptr, 5), b.view()), Catch::Contains("src has null data"));
  lanes::span<int> all = b.view();
  REQUIRE_THROWS_WITH(lanes::copy(all.subspan(0, 3), all.subspan(1, 3)), Catch::Contains("overlap"));
  lanes::array<int> empty(static_cast<const int*>(nullptr), 0);  // n = 0 needs no data
  REQUIRE(empty.size() == 0);
}
