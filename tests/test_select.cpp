#include "lanes/select.hpp"
#include "support.hpp"

using namespace lanes_test;

TEMPLATE_LIST_TEST_CASE("copy_if keeps the selected elements in order", "[copy_if]", arithmetic_types) {
  using T = TestType;
  for_each_executor([](auto ex) {
    for (std::size_t n : sizes) {
      INFO("n = " << n);
      auto v = random_values<T>(n, 12);
      for (auto pred : {+[](T x) { return x > T(0); }, +[](T) { return true; }, +[](T) { return false; }}) {
        std::vector<T> out(n, T(42)), expected;
        std::copy_if(v.begin(), v.end(), std::back_inserter(expected), pred);
        std::size_t kept = lanes::copy_if(ex, lanes::span<const T>(v), lanes::span<T>(out), pred);
        REQUIRE(kept == expected.size());
        REQUIRE(std::equal(expected.begin(), expected.end(), out.begin()));
        REQUIRE(std::all_of(out.begin() + kept, out.end(), [](T x) { return x == T(42); }));  // untouched
      }
    }
  });
}

TEST_CASE("copy_if needs room only for what it keeps, and writes nothing when short", "[copy_if][errors]") {
  std::vector<int> v(10000);
  std::iota(v.begin(), v.end(), 0);
  auto even = [](int x) { return x % 2 == 0; };
  std::vector<int> out(5000, -1);
  REQUIRE(lanes::copy_if(lanes::cpu{}, lanes::span<const int>(v), lanes::span<int>(out), even) == 5000);
  std::vector<int> small(4999, -1);
  REQUIRE_THROWS_WITH(lanes::copy_if(lanes::cpu{}, lanes::span<const int>(v), lanes::span<int>(small), even),
                      Catch::Contains("out holds 4999 elements but 5000 are kept"));
  REQUIRE(small == std::vector<int>(4999, -1));
  lanes::span<int> all(v);
  REQUIRE_THROWS_WITH(lanes::copy_if(lanes::seq{}, all.subspan(0, 10), all.subspan(5, 10), even),
                      Catch::Contains("must be disjoint"));
  REQUIRE_THROWS_AS(lanes::copy_if(lanes::seq{}, lanes::span<int>(nullptr, 3), lanes::span<int>(out), even),
                    lanes::error);
}
