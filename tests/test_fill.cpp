#include "lanes/fill.hpp"
#include "support.hpp"

using namespace lanes_test;

TEMPLATE_LIST_TEST_CASE("fill and iota match std::fill and std::iota", "[fill]", arithmetic_types) {
  using T = TestType;
  for_each_executor([](auto ex) {
    for (std::size_t n : sizes) {
      INFO("n = " << n);
      std::vector<T> out(n, T(1)), expected(n);
      lanes::fill(ex, lanes::span<T>(out), T(7));
      REQUIRE(out == std::vector<T>(n, T(7)));
      lanes::iota(ex, lanes::span<T>(out), T(3));
      for (std::size_t i = 0; i < n; ++i) expected[i] = static_cast<T>(T(3) + static_cast<T>(i));
      require_equal(out, expected);
      if constexpr (std::is_integral_v<T>) {
        std::iota(expected.begin(), expected.end(), T(3));
        require_equal(out, expected);
      }
    }
  });
}

TEST_CASE("fill and iota reject null data", "[fill][errors]") {
  REQUIRE_THROWS_WITH(lanes::fill(lanes::cpu{}, lanes::span<int>(nullptr, 1), 0), Catch::Contains("out has null data"));
  REQUIRE_THROWS_AS(lanes::iota(lanes::seq{}, lanes::span<int>(nullptr, 1), 0), lanes::error);
  lanes::fill(lanes::cpu{}, lanes::span<int>(nullptr, 0), 0);  // empty is fine
}
