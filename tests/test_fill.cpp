// SPDX-License-Identifier: Apache-2.0
#include <numeric>

#include "lanes/fill.hpp"
#include "support.hpp"

using namespace lanes_test;

namespace {

// Runs on every executor (tests/support.hpp), its data in the executor's memory.
template <class T, class Ex>
void fill_and_iota_match_std(Ex ex) {
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto out = on(ex, std::vector<T>(n, T(1)));
    std::vector<T> expected(n);
    lanes::fill(ex, out.view(), T(7));
    REQUIRE(out.to_host() == std::vector<T>(n, T(7)));
    lanes::iota(ex, out.view(), T(3));
    for (std::size_t i = 0; i < n; ++i) expected[i] = static_cast<T>(T(3) + static_cast<T>(i));
    auto got = out.to_host();
    require_equal(got, expected);
    if constexpr (std::is_integral_v<T>) {
      std::iota(expected.begin(), expected.end(), T(3));
      require_equal(got, expected);
    }
  }
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("fill and iota match std::fill and std::iota", "[fill]", arithmetic_types) {
  for_each_executor([](auto ex) { fill_and_iota_match_std<TestType>(ex); });
}

TEST_CASE("fill and iota reject null data", "[fill][errors]") {
  REQUIRE_THROWS_WITH(lanes::fill(lanes::cpu{}, lanes::span<int>(nullptr, 1), 0), Catch::Contains("out has null data"));
  REQUIRE_THROWS_AS(lanes::iota(lanes::seq{}, lanes::span<int>(nullptr, 1), 0), lanes::error);
  lanes::fill(lanes::cpu{}, lanes::span<int>(nullptr, 0), 0);  // empty is fine
}
