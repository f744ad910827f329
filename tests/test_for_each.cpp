#include <atomic>

#include "lanes/for_each.hpp"
#include "lanes/transform.hpp"
#include "support.hpp"

using namespace lanes_test;

TEST_CASE("for_each_index visits every index of a 1D range once", "[for_each]") {
  for_each_executor([](auto ex) {
    for (std::size_t n : sizes) {
      INFO("n = " << n);
      std::vector<std::uint32_t> visits(n, 0);
      std::uint32_t* p = visits.data();
      lanes::for_each_index(ex, n, [=](std::size_t i) { p[i] += 1; });
      REQUIRE(std::count(visits.begin(), visits.end(), 1u) == std::ptrdiff_t(n));
    }
  });
}

TEST_CASE("for_each_index over 2D and 3D ranges passes each (i, j[, k]) once", "[for_each]") {
  struct shape { std::size_t n0, n1, n2; };
  for_each_executor([](auto ex) {
    for (shape s : {shape{0, 5, 1}, shape{5, 0, 1}, shape{1, 1, 1}, shape{7, 13, 1}, shape{3, 4099, 1},
                    shape{1025, 1023, 1}, shape{2, 3, 5}, shape{7, 13, 17}, shape{1, 1, (1u << 20) + 7},
                    shape{65, 67, 69}, shape{4, 0, 9}}) {
      INFO("shape " << s.n0 << " x " << s.n1 << " x " << s.n2);
      std::vector<std::uint32_t> visits(s.n0 * s.n1 * s.n2, 0);
      std::uint32_t* p = visits.data();
      std::size_t n1 = s.n1, n2 = s.n2;
      if (s.n2 == 1)
        lanes::for_each_index(ex, s.n0, s.n1, [=](std::size_t i, std::size_t j) { p[i * n1 + j] += 1; });
      else
        lanes::for_each_index(ex, s.n0, s.n1, s.n2,
                              [=](std::size_t i, std::size_t j, std::size_t k) { p[(i * n1 + j) * n2 + k] += 1; });
      REQUIRE(std::count(visits.begin(), visits.end(), 1u) == std::ptrdiff_t(visits.size()));
    }
  });
}

TEST_CASE("for_each_index rejects a range whose size overflows", "[for_each][errors]") {
  auto nothing = [](std::size_t, std::size_t) {};
  std::size_t huge = std::size_t(1) << 40;
  REQUIRE_THROWS_WITH(lanes::for_each_index(lanes::cpu{}, huge, huge, nothing), Catch::Contains("overflows"));
  REQUIRE_THROWS_AS(lanes::for_each_index(lanes::seq{}, huge, huge, 2, [](std::size_t, std::size_t, std::size_t) {}),
                    lanes::error);
}

TEST_CASE("an exception thrown by a kernel reaches the caller", "[for_each][errors]") {
  for_each_executor([](auto ex) {
    auto throwing = [](std::size_t i) {
      if (i == 5000) throw std::runtime_error("kernel failed at 5000");
    };
    REQUIRE_THROWS_WITH(lanes::for_each_index(ex, 100000, throwing), "kernel failed at 5000");
  });
}

TEMPLATE_LIST_TEST_CASE("transform applies a unary and a binary function", "[transform]", arithmetic_types) {
  using T = TestType;
  for_each_executor([](auto ex) {
    for (std::size_t n : sizes) {
      INFO("n = " << n);
      auto a = random_values<T>(n, 10), b = random_values<T>(n, 11);
      auto twice = [](T x) { return static_cast<T>(x + x); };
      auto add = [](T x, T y) { return static_cast<T>(x + y); };
      std::vector<T> out(n), expected(n);
      lanes::transform(ex, lanes::span<const T>(a), lanes::span<T>(out), twice);
      std::transform(a.begin(), a.end(), expected.begin(), twice);
      require_equal(out, expected);
      lanes::transform(ex, lanes::span<const T>(a), lanes::span<const T>(b), lanes::span<T>(out), add);
      std::transform(a.begin(), a.end(), b.begin(), expected.begin(), add);
      require_equal(out, expected);
      lanes::transform(ex, lanes::span<T>(a), lanes::span<T>(b), lanes::span<T>(a), add);  // in place
      require_equal(a, expected);
    }
  });
}

TEST_CASE("transform writes a wider output type", "[transform]") {
  std::vector<float> in = {1.5f, -2.0f, 3.25f};
  std::vector<double> out(5, -1.0);
  lanes::transform(lanes::cpu{}, lanes::span<const float>(in), lanes::span<double>(out),
                   [](float x) { return double(x) * 2; });
  REQUIRE(out == std::vector<double>{3.0, -4.0, 6.5, -1.0, -1.0});
}

TEST_CASE("transform rejects short outputs, null data, mismatched inputs and shifted overlaps",
          "[transform][errors]") {
  std::vector<int> a(8, 1), b(7, 1), out(7);
  auto id = [](int x) { return x; };
  auto add = [](int x, int y) { return x + y; };
  lanes::span<const int> sa(a), sb(b);
  REQUIRE_THROWS_WITH(lanes::transform(lanes::seq{}, sa, lanes::span<int>(out), id),
                      Catch::Contains("out holds 7 elements but 8 are needed"));
  REQUIRE_THROWS_WITH(lanes::transform(lanes::cpu{}, lanes::span<const int>(nullptr, 2), lanes::span<int>(out), id),
                      Catch::Contains("in has null data but size 2"));
  REQUIRE_THROWS_WITH(lanes::transform(lanes::cpu{}, sa, sb, lanes::span<int>(out), add),
                      Catch::Contains("a has 8 elements but b has 7"));
  lanes::span<int> all(a);
  REQUIRE_THROWS_WITH(lanes::transform(lanes::cpu{}, all.subspan(1, 6), all.subspan(0, 6), id),
                      Catch::Contains("overlap"));
  REQUIRE(a == std::vector<int>(8, 1));
}
