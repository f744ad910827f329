// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <stdexcept>
#include <utility>

#include "lanes/for_each.hpp"
#include "lanes/transform.hpp"
#include "support.hpp"

using namespace lanes_test;

namespace {

// The bodies below run on every executor (tests/support.hpp): each is a named function
// template, its data in the executor's memory.

template <class Ex>
void for_each_index_visits_1d_once(Ex ex) {
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto visits = on(ex, std::vector<std::uint32_t>(n, 0));
    auto p = visits.view();
    lanes::for_each_index(ex, n, [=] LANES_HD(std::size_t i) { p[i] += 1; });
    auto got = visits.to_host();
    REQUIRE(std::count(got.begin(), got.end(), 1u) == std::ptrdiff_t(n));
  }
}

struct shape { std::size_t n0, n1, n2; };

template <class Ex>
void for_each_index_visits_2d_3d_once(Ex ex) {
  for (shape s : {shape{0, 5, 1}, shape{5, 0, 1}, shape{1, 1, 1}, shape{7, 13, 1}, shape{3, 4099, 1},
                  shape{1025, 1023, 1}, shape{2, 3, 5}, shape{7, 13, 17}, shape{1, 1, (1u << 20) + 7},
                  shape{65, 67, 69}, shape{4, 0, 9}}) {
    INFO("shape " << s.n0 << " x " << s.n1 << " x " << s.n2);
    auto visits = on(ex, std::vector<std::uint32_t>(s.n0 * s.n1 * s.n2, 0));
    auto p = visits.view();
    std::size_t n1 = s.n1, n2 = s.n2;
    if (s.n2 == 1)
      lanes::for_each_index(ex, s.n0, s.n1, [=] LANES_HD(std::size_t i, std::size_t j) { p[i * n1 + j] += 1; });
    else
      lanes::for_each_index(ex, s.n0, s.n1, s.n2,
                            [=] LANES_HD(std::size_t i, std::size_t j, std::size_t k) { p[(i * n1 + j) * n2 + k] += 1; });
    auto got = visits.to_host();
    REQUIRE(std::count(got.begin(), got.end(), 1u) == std::ptrdiff_t(got.size()));
  }
}

template <class T, class Ex>
void transform_matches_std(Ex ex) {
  auto twice = [] LANES_HD(T x) { return static_cast<T>(x + x); };
  auto add = [] LANES_HD(T x, T y) { return static_cast<T>(x + y); };
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto a = random_values<T>(n, 10), b = random_values<T>(n, 11);
    std::vector<T> expected(n);
    auto on_a = on(ex, a), on_b = on(ex, b), out = on(ex, std::vector<T>(n));
    lanes::transform(ex, std::as_const(on_a).view(), out.view(), twice);
    std::transform(a.begin(), a.end(), expected.begin(), twice);
    require_equal(out.to_host(), expected);
    lanes::transform(ex, std::as_const(on_a).view(), std::as_const(on_b).view(), out.view(), add);
    std::transform(a.begin(), a.end(), b.begin(), expected.begin(), add);
    require_equal(out.to_host(), expected);
    lanes::transform(ex, on_a.view(), on_b.view(), on_a.view(), add);  // in place
    require_equal(on_a.to_host(), expected);
  }
}

template <class Ex>
void transform_writes_wider_type(Ex ex) {
  const auto in = on(ex, std::vector<float>{1.5f, -2.0f, 3.25f});
  auto out = on(ex, std::vector<double>(5, -1.0));
  lanes::transform(ex, in.view(), out.view(), [] LANES_HD(float x) { return double(x) * 2; });
  REQUIRE(out.to_host() == std::vector<double>{3.0, -4.0, 6.5, -1.0, -1.0});
}

}  // namespace

TEST_CASE("for_each_index visits every index of a 1D range once", "[for_each]") {
  for_each_executor([](auto ex) { for_each_index_visits_1d_once(ex); });
}

TEST_CASE("for_each_index over 2D and 3D ranges passes each (i, j[, k]) once", "[for_each]") {
  for_each_executor([](auto ex) { for_each_index_visits_2d_3d_once(ex); });
}

TEST_CASE("for_each_index rejects a range whose size overflows", "[for_each][errors]") {
  auto nothing = [] LANES_HD(std::size_t, std::size_t) {};
  std::size_t huge = std::size_t(1) << 40;
  REQUIRE_THROWS_WITH(lanes::for_each_index(lanes::cpu{}, huge, huge, nothing), Catch::Contains("overflows"));
  REQUIRE_THROWS_AS(lanes::for_each_index(lanes::seq{}, huge, huge, 2, [] LANES_HD(std::size_t, std::size_t, std::size_t) {}),
                    lanes::error);
}

TEST_CASE("an exception thrown by a kernel on the CPU reaches the caller", "[for_each][errors]") {
  for_each_cpu_executor([](auto ex) {
    auto throwing = [](std::size_t i) {
      if (i == 5000) throw std::runtime_error("kernel failed at 5000");
    };
    REQUIRE_THROWS_WITH(lanes::for_each_index(ex, 100000, throwing), "kernel failed at 5000");
  });
}

TEMPLATE_LIST_TEST_CASE("transform applies a unary and a binary function", "[transform]", arithmetic_types) {
  for_each_executor([](auto ex) { transform_matches_std<TestType>(ex); });
}

TEST_CASE("transform writes a wider output type", "[transform]") {
  for_each_executor([](auto ex) { transform_writes_wider_type(ex); });
}

TEST_CASE("transform rejects short outputs, null data, mismatched inputs and shifted overlaps",
          "[transform][errors]") {
  std::vector<int> a(8, 1), b(7, 1), out(7);
  auto id = [] LANES_HD(int x) { return x; };
  auto add = [] LANES_HD(int x, int y) { return x + y; };
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
