// SPDX-License-Identifier: Apache-2.0
#include <numeric>

#include "lanes/histogram.hpp"
#include "support.hpp"

using namespace lanes_test;

namespace {
// A serial loop over the documented rule: bin floor((x - lo) * bins / (hi - lo)), clamped
// below bins, for lo <= x < hi; everything else (NaN too) is dropped.
template <class T>
std::uint64_t naive_histogram(const std::vector<T>& v, double lo, double hi, std::vector<std::uint64_t>& bins) {
  std::fill(bins.begin(), bins.end(), 0);
  std::uint64_t dropped = 0;
  for (T x : v) {
    double d = double(x);
    if (!(d >= lo && d < hi)) {
      ++dropped;
      continue;
    }
    auto b = std::size_t((d - lo) * (double(bins.size()) / (hi - lo)));
    ++bins[std::min(b, bins.size() - 1)];
  }
  return dropped;
}

// The bodies below run on every executor (tests/support.hpp): each is a named function
// template, its data in the executor's memory.

template <class T, class Ex>
void histogram_matches_serial_loop(Ex ex) {
  // 10000 bins: past what a GPU block keeps in shared memory.
  for (std::size_t n : sizes) {
    for (std::size_t nbins : {std::size_t(1), std::size_t(7), std::size_t(256), std::size_t(1000), std::size_t(10000)}) {
      INFO("n = " << n << ", bins = " << nbins);
      auto v = random_values<T>(n, 16);
      // A range that cuts off part of the values on both sides (none below for unsigned).
      double lo = std::is_floating_point_v<T> ? -0.75 : std::is_signed_v<T> ? -300 : 100;
      double hi = std::is_floating_point_v<T> ? 0.5 : 400;
      std::vector<std::uint64_t> expected(nbins);
      const auto in = on(ex, v);
      auto bins = on(ex, std::vector<std::uint64_t>(nbins, 99));
      std::uint64_t dropped = lanes::histogram(ex, in.view(), lo, hi, bins.view());
      REQUIRE(dropped == naive_histogram(v, lo, hi, expected));
      auto got = bins.to_host();
      REQUIRE(got == expected);
      REQUIRE(std::accumulate(got.begin(), got.end(), dropped) == n);
    }
  }
}

template <class Ex>
void histogram_edges_and_specials(Ex ex) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  std::vector<double> v(100003, 2.5);  // all in one bin
  v[7] = nan;
  v[8] = inf;
  v[9] = -inf;
  v[10] = 0.0;                          // lo: first bin
  v[11] = 10.0;                         // hi: dropped
  v[12] = std::nextafter(10.0, 0.0);    // just below hi: last bin
  v[13] = -0.0;                         // equals lo
  const auto in = on(ex, v);
  auto bins = on(ex, std::vector<std::uint64_t>(4));
  REQUIRE(lanes::histogram(ex, in.view(), 0.0, 10.0, bins.view()) == 4);
  REQUIRE(bins.to_host() == std::vector<std::uint64_t>{2, 100003 - 7, 0, 1});
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("histogram counts like a serial loop and returns what it dropped", "[histogram]",
                        arithmetic_types) {
  for_each_executor([](auto ex) { histogram_matches_serial_loop<TestType>(ex); });
}

TEST_CASE("histogram: skewed inputs, NaN, infinities and the edges of the range", "[histogram]") {
  for_each_executor([](auto ex) { histogram_edges_and_specials(ex); });
}

TEST_CASE("histogram rejects an empty or NaN range and zero bins", "[histogram][errors]") {
  std::vector<float> v(10, 1.0f);
  std::vector<std::uint64_t> bins(4, 7);
  lanes::span<const float> in(v);
  lanes::span<std::uint64_t> out(bins);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  REQUIRE_THROWS_WITH(lanes::histogram(lanes::cpu{}, in, 1.0, 1.0, out), Catch::Contains("[1, 1) is empty or NaN"));
  REQUIRE_THROWS_WITH(lanes::histogram(lanes::cpu{}, in, 2.0, 1.0, out), Catch::Contains("empty or NaN"));
  REQUIRE_THROWS_WITH(lanes::histogram(lanes::cpu{}, in, nan, 1.0, out), Catch::Contains("empty or NaN"));
  REQUIRE_THROWS_WITH(lanes::histogram(lanes::cpu{}, in, 0.0, nan, out), Catch::Contains("empty or NaN"));
  REQUIRE_THROWS_WITH(lanes::histogram(lanes::cpu{}, in, -std::numeric_limits<double>::infinity(), 0.0, out),
                      Catch::Contains("not finite"));
  REQUIRE_THROWS_WITH(lanes::histogram(lanes::cpu{}, in, 0.0, 1.0, lanes::span<std::uint64_t>()),
                      Catch::Contains("bins is empty"));
  REQUIRE_THROWS_WITH(lanes::histogram(lanes::seq{}, lanes::span<const float>(nullptr, 2), 0.0, 1.0, out),
                      Catch::Contains("in has null data"));
  REQUIRE(bins == std::vector<std::uint64_t>(4, 7));  // untouched
}
