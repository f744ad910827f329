// SPDX-License-Identifier: Apache-2.0
#include <numeric>
#include <tuple>

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
    // Integers over integer bounds: exactly (a long double holds any 64-bit integer).
    auto b = std::is_integral_v<T> ? std::size_t((static_cast<long double>(x) - lo) * bins.size() / (hi - lo))
                                   : std::size_t((d - lo) * (double(bins.size()) / (hi - lo)));
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

// Counts of v over [lo, hi) in `nbins` bins by the rule, in long double (64-bit significand:
// exact for these values and for any 64-bit integer), and what was dropped, last.
template <class T>
std::vector<std::uint64_t> exact_counts(const std::vector<T>& v, long double lo, long double hi, std::size_t nbins) {
  std::vector<std::uint64_t> counts(nbins + 1);
  for (T x : v) {
    long double d = x;
    if (!(d >= lo && d < hi)) {
      ++counts[nbins];
      continue;
    }
    ++counts[std::min(std::size_t((d - lo) / (hi - lo) * nbins), nbins - 1)];
  }
  return counts;
}

template <class T, class Ex>
void check_exact(Ex ex, const std::vector<T>& v, double lo, double hi, std::size_t nbins) {
  INFO("[" << lo << ", " << hi << ") in " << nbins << " bins");
  const auto in = on(ex, v);
  auto bins = on(ex, std::vector<std::uint64_t>(nbins, 5));
  std::uint64_t dropped = lanes::histogram(ex, in.view(), lo, hi, bins.view());
  auto got = bins.to_host();
  got.push_back(dropped);
  REQUIRE(got == exact_counts(v, lo, hi, nbins));
}

template <class Ex>
void histogram_at_the_edges_of_double_and_int64(Ex ex) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  // [0, 1e-310): bins / (hi - lo) overflows; each value is in a bin of its own.
  std::vector<double> tiny;
  for (int k = 0; k < 10; ++k) tiny.push_back((k + 0.5) * 1e-311);
  check_exact(ex, tiny, 0.0, 1e-310, 10);
  REQUIRE(exact_counts(tiny, 0.0, 1e-310, 10) == std::vector<std::uint64_t>{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0});
  // [-1.5e308, 1.5e308): the width overflows, yet the range is valid.
  std::vector<double> wide = {-1.5e308, -1.4e308, -0.5e308, 0.0, 0.1e308, 1.4e308, 1.5e308, inf, -inf, nan};
  check_exact(ex, wide, -1.5e308, 1.5e308, 4);
  REQUIRE(exact_counts(wide, -1.5e308, 1.5e308, 4) == std::vector<std::uint64_t>{2, 1, 2, 1, 4});
  check_exact(ex, wide, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max(), 1000);
  // I64 near 2^63: INT64_MAX is inside [0, 2^63) though its double is 2^63; 2^62 - 1 is in
  // the first of 2 bins though its double is 2^62.
  const std::int64_t top = std::numeric_limits<std::int64_t>::max(), bottom = std::numeric_limits<std::int64_t>::min();
  std::vector<std::int64_t> big = {top, top - 1, (std::int64_t(1) << 62) - 1, std::int64_t(1) << 62, 0, -1, bottom};
  check_exact(ex, big, 0.0, 9223372036854775808.0, 2);
  REQUIRE(exact_counts(big, 0.0, 9223372036854775808.0, 2) == std::vector<std::uint64_t>{2, 3, 2});
  check_exact(ex, big, -9223372036854775808.0, 9223372036854775808.0, 3);
  check_exact(ex, big, -1e19, 1e19, 7);  // bounds past int64: every key inside
  check_exact(ex, big, 0.5, 4611686018427387904.5, 5);  // not integers
  std::vector<std::uint64_t> ubig = {~std::uint64_t(0), (std::uint64_t(1) << 63) - 1, std::uint64_t(1) << 63, 0, 1};
  check_exact(ex, ubig, 0.0, 18446744073709551616.0, 2);
  REQUIRE(exact_counts(ubig, 0.0, 18446744073709551616.0, 2) == std::vector<std::uint64_t>{3, 2, 0});
  check_exact(ex, ubig, 1.0, 18446744073709551616.0, 3);
  std::vector<std::int32_t> small = {-3, -2, -1, 0, 1, 2, 3};
  check_exact(ex, small, -2.5, 2.5, 5);  // fractional bounds: -2 .. 2 inside
  check_exact(ex, small, 0.25, 0.75, 3);  // no integer inside
}

// Integers of 1, 2 and 4 bytes over integer bounds (the all-double path, vectorised, where
// the bounds are at most 2^32 apart and bins < 2^21; exact_bin's 128 bits past that; bytes
// by value), against floor((x - lo) bins / (hi - lo)) in 128-bit integers: every int16,
// int8 and uint8 value, and uint32 values at, below and above the exact bin edges of [0, 2^32).
template <class T>
std::vector<std::uint64_t> integer_counts(const std::vector<T>& v, std::int64_t lo, std::int64_t hi, std::size_t nbins) {
  __extension__ typedef __int128 int128;
  std::vector<std::uint64_t> counts(nbins + 1);
  for (T x : v)
    ++counts[x >= lo && x < hi ? std::size_t((int128(x) - lo) * int128(nbins) / (int128(hi) - lo)) : nbins];
  return counts;
}

template <class T, class Ex>
void check_integers(Ex ex, const std::vector<T>& v, std::int64_t lo, std::int64_t hi, std::size_t nbins) {
  INFO("[" << lo << ", " << hi << ") in " << nbins << " bins");
  const auto in = on(ex, v);
  auto bins = on(ex, std::vector<std::uint64_t>(nbins, 5));
  std::uint64_t dropped = lanes::histogram(ex, in.view(), double(lo), double(hi), bins.view());
  auto got = bins.to_host();
  got.push_back(dropped);
  REQUIRE(got == integer_counts(v, lo, hi, nbins));
}

template <class Ex>
void small_integers_exact_at_every_edge(Ex ex) {
  std::vector<std::int16_t> shorts;
  for (std::int32_t x = -32768; x < 32768; ++x) shorts.push_back(std::int16_t(x));
  for (std::size_t nbins : {std::size_t(3), std::size_t(7), std::size_t(256), std::size_t(1000), std::size_t(65535)}) {
    check_integers(ex, shorts, -32768, 32768, nbins);
    check_integers(ex, shorts, -1000, 3001, nbins);
  }
  // 60060 = 4 3 5 7 11 13: edges that are whole numbers, where bins / width in double rounds
  // and the bin must be corrected (up or down) to be exact.
  for (std::size_t nbins : {std::size_t(7), std::size_t(13), std::size_t(77), std::size_t(1001), std::size_t(15015)})
    check_integers(ex, shorts, -30030, 30030, nbins);
  // Every byte value, alone (bins item by item) and 300 times over in a scrambled order (long
  // enough that each chunk counts them by value).
  std::vector<std::uint8_t> bytes, many_bytes;
  std::vector<std::int8_t> signed_bytes, many_signed_bytes;
  for (int x = 0; x < 256; ++x) bytes.push_back(std::uint8_t(x));
  for (int x = -128; x < 128; ++x) signed_bytes.push_back(std::int8_t(x));
  for (std::uint32_t i = 0; i < 256 * 300; ++i) {
    many_bytes.push_back(std::uint8_t(i * 2654435761u >> 24));
    many_signed_bytes.push_back(std::int8_t(std::uint8_t(i * 2246822519u >> 24)));
  }
  for (std::size_t nbins : {std::size_t(1), std::size_t(3), std::size_t(7), std::size_t(255), std::size_t(256)}) {
    for (const auto* v : {&bytes, &many_bytes}) {
      check_integers(ex, *v, 0, 256, nbins);
      check_integers(ex, *v, 3, 250, nbins);
    }
    for (const auto* v : {&signed_bytes, &many_signed_bytes}) {
      check_integers(ex, *v, -128, 128, nbins);
      check_integers(ex, *v, -100, 27, nbins);
    }
  }
  // uint32 at the edges of [0, 2^32) and of [5, 5 + 3^20) (whole-number edges, as above).
  const std::int64_t two32 = std::int64_t(1) << 32, three20 = 3486784401;
  for (auto [lo, width, nbins] : {std::tuple<std::int64_t, std::int64_t, std::size_t>{0, two32, 3},
                                  {0, two32, (std::size_t(1) << 21) - 1}, {0, two32, std::size_t(1) << 21},
                                  {5, three20, 243}, {5, three20, 1594323}}) {
    std::vector<std::uint32_t> edges = {0, 1, 4, 5, 6, 0xffffffffu};
    for (std::int64_t k : {std::int64_t(1), std::int64_t(2), std::int64_t(nbins / 3), std::int64_t(nbins - 1)}) {
      const std::int64_t edge = lo + (k * width + std::int64_t(nbins) - 1) / std::int64_t(nbins);  // bin k's first
      for (std::int64_t d : {-1, 0, 1}) edges.push_back(std::uint32_t(edge + d));
    }
    check_integers(ex, edges, lo, lo + width, nbins);
  }
  // Every edge of 3^13 bins over [5, 5 + 3^20), 3^7 apart, and its two neighbours.
  std::vector<std::uint32_t> every_edge;
  for (std::int64_t k = 0; k < 1594323; ++k)
    for (std::int64_t d : {-1, 0, 1}) every_edge.push_back(std::uint32_t(5 + k * 2187 + d));
  check_integers(ex, every_edge, 5, 5 + three20, 1594323);
}

}  // namespace

TEST_CASE("histogram of 1-, 2- and 4-byte integers is exact at every bin edge", "[histogram]") {
  for_each_executor([](auto ex) { small_integers_exact_at_every_edge(ex); });
}

TEST_CASE("histogram is exact at the edges of double and of 64-bit integers", "[histogram]") {
  for_each_executor([](auto ex) { histogram_at_the_edges_of_double_and_int64(ex); });
}

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
  REQUIRE_THROWS_WITH(lanes::histogram(lanes::cpu{}, in, 0.0, std::numeric_limits<double>::infinity(), out),
                      Catch::Contains("not finite"));
  REQUIRE_THROWS_WITH(lanes::histogram(lanes::cpu{}, in, 0.0, 1.0, lanes::span<std::uint64_t>()),
                      Catch::Contains("bins is empty"));
  REQUIRE_THROWS_WITH(lanes::histogram(lanes::seq{}, lanes::span<const float>(nullptr, 2), 0.0, 1.0, out),
                      Catch::Contains("in has null data"));
  std::vector<std::uint64_t> counts_in_place(4, 1);  // bins that are the input (fuzz_c_abi found it accepted)
  lanes::span<std::uint64_t> both(counts_in_place);
  REQUIRE_THROWS_WITH(lanes::histogram(lanes::cpu{}, lanes::span<const std::uint64_t>(both), 0.0, 4.0, both),
                      Catch::Contains("overlap"));
  REQUIRE(counts_in_place == std::vector<std::uint64_t>(4, 1));
  REQUIRE(bins == std::vector<std::uint64_t>(4, 7));  // untouched
}
