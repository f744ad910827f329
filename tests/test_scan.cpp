// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <ostream>
#include <random>
#include <utility>

#include "lanes/reduce.hpp"
#include "lanes/scan.hpp"
#include "support.hpp"

using namespace lanes_test;

namespace {

// out against an exact (integers) or long-double (floats) running sum of v, from init.
template <class T>
void check_prefix_sums(const std::vector<T>& out, const std::vector<T>& v, T init, bool exclusive) {
  REQUIRE(out.size() == v.size());
  if constexpr (std::is_floating_point_v<T>) {
    // A running sum errs by at most one rounding of its running value per step; random
    // signs make those errors grow like sqrt(i): 4 sqrt(i) eps * the largest |running sum|.
    long double exact = init, largest = std::fabs(static_cast<long double>(init));
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!exclusive) exact += v[i];
      largest = std::max(largest, std::fabs(exact));
      long double tolerance = sum_tolerance<T>(i + 1, largest + 1);
      if (std::fabs(out[i] - exact) > tolerance) {
        INFO("i = " << i << ": got " << out[i] << ", exact " << double(exact) << ", tolerance " << double(tolerance));
        REQUIRE(false);
      }
      if (exclusive) exact += v[i];
    }
  } else {
    std::vector<T> expected(v.size());
    if (exclusive)
      std::exclusive_scan(v.begin(), v.end(), expected.begin(), init);
    else
      std::inclusive_scan(v.begin(), v.end(), expected.begin());
    require_equal(out, expected);
  }
}

// The bodies below run on every executor (tests/support.hpp): each is a named function
// template, its data in the executor's memory.

// The inclusive scan, or the exclusive one from 3, against a running sum; then in place.
template <class T, bool exclusive, class Ex>
void scan_matches_running_sum(Ex ex) {
  auto scan = [&](auto in, auto out) {
    if constexpr (exclusive)
      lanes::exclusive_scan(ex, in, out, T(3));
    else
      lanes::inclusive_scan(ex, in, out);
  };
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto v = random_values<T>(n, exclusive ? 6 : 5);
    auto in = on(ex, v), out = on(ex, std::vector<T>(n, T(99)));
    scan(std::as_const(in).view(), out.view());
    auto got = out.to_host();
    check_prefix_sums(got, v, exclusive ? T(3) : T(0), exclusive);
    scan(in.view(), in.view());  // out == in is allowed
    require_equal(in.to_host(), got);
  }
}

template <class T, class Ex>
void floating_scans_of_integers_are_exact(Ex ex) {
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto ints = random_values<std::int32_t>(n, 8);  // |x| <= 500: every partial sum is exact
    std::vector<T> v(ints.begin(), ints.end()), expected(n);
    auto in = on(ex, v), out = on(ex, std::vector<T>(n));
    lanes::inclusive_scan(ex, std::as_const(in).view(), out.view());
    std::inclusive_scan(v.begin(), v.end(), expected.begin());
    require_equal(out.to_host(), expected);
    lanes::exclusive_scan(ex, std::as_const(in).view(), out.view(), T(-2));
    std::exclusive_scan(v.begin(), v.end(), expected.begin(), T(-2));
    require_equal(out.to_host(), expected);
  }
}

template <class Ex>
void scans_with_running_maximum(Ex ex) {
  auto max_op = [] LANES_HD(std::int32_t a, std::int32_t b) { return a < b ? b : a; };
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto v = random_values<std::int32_t>(n, 7);
    std::vector<std::int32_t> expected(n);
    auto in = on(ex, v), out = on(ex, std::vector<std::int32_t>(n));
    lanes::inclusive_scan(ex, std::as_const(in).view(), out.view(), max_op);
    std::inclusive_scan(v.begin(), v.end(), expected.begin(), max_op);
    require_equal(out.to_host(), expected);
    lanes::exclusive_scan(ex, std::as_const(in).view(), out.view(), -1000, max_op);
    std::exclusive_scan(v.begin(), v.end(), expected.begin(), -1000, max_op);
    require_equal(out.to_host(), expected);
  }
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("inclusive_scan matches a running sum", "[scan]", arithmetic_types) {
  for_each_executor([](auto ex) { scan_matches_running_sum<TestType, false>(ex); });
}

TEMPLATE_LIST_TEST_CASE("exclusive_scan matches a running sum from init", "[scan]", arithmetic_types) {
  for_each_executor([](auto ex) { scan_matches_running_sum<TestType, true>(ex); });
}

TEMPLATE_LIST_TEST_CASE("floating scans of small integers are exact in any order", "[scan]", floating_types) {
  for_each_executor([](auto ex) { floating_scans_of_integers_are_exact<TestType>(ex); });
}

// A plus-scan's vectors add an identity where a lane has nothing before it: -0.0, since
// +0.0 would turn a sum of negative zeros into +0.0.
TEMPLATE_LIST_TEST_CASE("floating scans keep negative zero, infinities and NaN", "[scan]", floating_types) {
  using T = TestType;
  const T inf = std::numeric_limits<T>::infinity();
  auto require_same = [](const std::vector<T>& got, const std::vector<T>& expected) {
    for (std::size_t i = 0; i < got.size(); ++i) {
      INFO("i = " << i << ": got " << got[i] << ", expected " << expected[i]);
      if (std::isnan(expected[i]))
        REQUIRE(std::isnan(got[i]));
      else
        REQUIRE((got[i] == expected[i] && std::signbit(got[i]) == std::signbit(expected[i])));
    }
  };
  for_each_cpu_executor([&](auto ex) {
    for (std::size_t n : {std::size_t(1), std::size_t(9), std::size_t(1000), std::size_t(3 * 65536 + 517)}) {
      INFO("n = " << n);
      auto ints = random_values<std::int32_t>(n, 10);  // every partial sum exact: any order gives it
      std::vector<T> zeros(n, T(-0.0)), specials(ints.begin(), ints.end()), nans = specials;
      specials[n / 3] = inf;  // +inf from n/3 on, then -inf + inf = NaN from 2n/3
      if (n >= 3) specials[2 * n / 3] = -inf;
      nans[n / 2] = std::numeric_limits<T>::quiet_NaN();
      for (const auto* v : {&zeros, &specials, &nans}) {
        std::vector<T> out(n, T(7)), expected(n);
        lanes::inclusive_scan(ex, lanes::span<const T>(*v), lanes::span<T>(out));
        std::inclusive_scan(v->begin(), v->end(), expected.begin());
        require_same(out, expected);
        lanes::exclusive_scan(ex, lanes::span<const T>(*v), lanes::span<T>(out), T(-0.0));
        std::exclusive_scan(v->begin(), v->end(), expected.begin(), T(-0.0));
        require_same(out, expected);
      }
    }
  });
}

TEST_CASE("signed integer sums and scans wrap modulo 2^bits, as unsigned ones do", "[scan][reduce]") {
  // Past INT32_MAX (undefined behaviour in signed arithmetic; UBSan checks the library).
  for_each_executor([](auto ex) {
    for (std::size_t n : {std::size_t(3), std::size_t(100003)}) {
      std::vector<std::int32_t> v(n);
      for (std::size_t i = 0; i < n; ++i)
        v[i] = std::int32_t(i % 3 == 0 ? (1 << 30) + 7 : -(1 << 29) + 3 * int(i % 11));
      std::vector<std::int32_t> expected(n);
      std::uint32_t running = 0;
      for (std::size_t i = 0; i < n; ++i) expected[i] = std::int32_t(running += std::uint32_t(v[i]));
      const auto in = on(ex, v);
      auto out = on(ex, std::vector<std::int32_t>(n));
      lanes::inclusive_scan(ex, in.view(), out.view());
      REQUIRE(out.to_host() == expected);
      REQUIRE(lanes::reduce(ex, in.view(), std::int32_t(5)) == std::int32_t(running + 5u));
      auto big = on(ex, std::vector<std::int64_t>(n, std::numeric_limits<std::int64_t>::max() / 2));
      lanes::exclusive_scan(ex, big.view(), big.view(), std::int64_t(0));
      const std::uint64_t half = std::uint64_t(std::numeric_limits<std::int64_t>::max() / 2);
      REQUIRE(big.to_host()[n - 1] == std::int64_t(half * (n - 1)));
    }
  });
}

TEST_CASE("scans with another operator: running maximum", "[scan]") {
  for_each_executor([](auto ex) { scans_with_running_maximum(ex); });
}

// x -> a x + b over uint32 (wrapping): composing maps is associative but not commutative,
// so a scan that combined two items, segments or blocks out of order would be caught.
namespace {
struct affine {
  std::uint32_t a, b;
  bool operator==(const affine& o) const { return a == o.a && b == o.b; }
};
std::ostream& operator<<(std::ostream& os, const affine& f) { return os << "(" << f.a << ", " << f.b << ")"; }
// f, then g (a named type: nvcc, which compiles this file for the GPU suite, takes no local
// lambda as the op of a scan whose load and store are device lambdas).
struct then {
  LANES_HD affine operator()(affine f, affine g) const { return affine{g.a * f.a, g.a * f.b + g.b}; }
};
}  // namespace

TEST_CASE("scans keep the order of a non-commutative operator across segment and block edges", "[scan]") {
  // Around a block's segments (8 of at least 64 items), one block (65536) and several.
  for_each_cpu_executor([&](auto ex) {
    for (std::size_t n : {511, 512, 513, 527, 1000, 65535, 65536, 65537, 65538, 2 * 65536 + 1, 3 * 65536 + 517}) {
      INFO("n = " << n);
      std::vector<affine> v(n), expected(n), out(n);
      std::mt19937 rng{static_cast<unsigned>(n)};
      for (auto& f : v) f = affine{std::uint32_t(rng()) | 1u, std::uint32_t(rng())};
      lanes::inclusive_scan(ex, lanes::span<const affine>(v), lanes::span<affine>(out), then{});
      std::inclusive_scan(v.begin(), v.end(), expected.begin(), then{});
      REQUIRE(out == expected);
      const affine init{3, 7};
      lanes::exclusive_scan(ex, lanes::span<const affine>(v), lanes::span<affine>(out), init, then{});
      std::exclusive_scan(v.begin(), v.end(), expected.begin(), init, then{});
      REQUIRE(out == expected);
    }
  });
}

TEST_CASE("floating scans have the same bits on every CPU executor and thread count", "[scan]") {
  std::size_t n = (1u << 20) + 7;
  auto v = order_sensitive_floats(n, 9);
  std::vector<float> first_in(n), first_ex(n);
  lanes::inclusive_scan(lanes::seq{}, lanes::span<const float>(v), lanes::span<float>(first_in));
  lanes::exclusive_scan(lanes::seq{}, lanes::span<const float>(v), lanes::span<float>(first_ex), 0.25f);
  for_each_cpu_executor([&](auto ex) {
    for (int repeat = 0; repeat < 3; ++repeat) {
      std::vector<float> out(n);
      lanes::inclusive_scan(ex, lanes::span<const float>(v), lanes::span<float>(out));
      require_equal(out, first_in);
      lanes::exclusive_scan(ex, lanes::span<const float>(v), lanes::span<float>(out), 0.25f);
      require_equal(out, first_ex);
    }
  });
}

#ifdef LANES_SCAN_AVX2
// The plus-scan's vector loop in AVX2 intrinsics (the one this processor runs) against the
// portable vector loop: the same bits for every lane type, inclusive and exclusive, in place
// and out of place (where exclusive vectors are stored one item on), on order-sensitive
// values with -0.0 and infinities, at lengths around whole vectors.
template <class L>
void scan_vectors_agree() {
  using plus = lanes::detail::vector_plus<L>;
  std::mt19937_64 gen(11);
  for (std::size_t length : {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 1000, 1003}) {
    std::vector<L> x(length);
    for (std::size_t i = 0; i < length; ++i) {
      if constexpr (std::is_floating_point_v<L>)
        x[i] = L(std::ldexp(double(gen() % 2001) - 1000.0, int(i % 41) - 20));
      else
        x[i] = L(gen());
    }
    if constexpr (std::is_floating_point_v<L>) {
      if (length > 5) x[2] = x[5] = L(-0.0);
      if (length > 9) x[9] = std::numeric_limits<L>::infinity();
    }
    for (bool exclusive : {false, true})
      for (bool in_place : {false, true}) {
        INFO("length " << length << (exclusive ? ", exclusive" : ", inclusive") << (in_place ? ", in place" : ""));
        const L carry = L(3);
        std::vector<L> y1 = x, y2 = x;  // in place: y is x
        const L* x1 = in_place ? y1.data() : x.data();
        const L* x2 = in_place ? y2.data() : x.data();
        const bool shifted = exclusive && !in_place;
        L carry1 = carry, carry2 = carry;
        const std::size_t done1 = plus::scan_vectors(x1, y1.data(), length, carry1, exclusive, shifted);
        const std::size_t done2 = plus::scan_vectors_avx2(x2, y2.data(), length, carry2, exclusive, shifted);
        REQUIRE(done1 == done2);
        REQUIRE(done1 == length / (32 / sizeof(L)) * (32 / sizeof(L)));
        REQUIRE(std::memcmp(&carry1, &carry2, sizeof(L)) == 0);
        REQUIRE((length == 0 || std::memcmp(y1.data(), y2.data(), length * sizeof(L)) == 0));
      }
  }
}

TEST_CASE("the plus-scan's AVX2 vectors give the portable vectors' bits", "[scan]") {
  if (!lanes::detail::cpu_has_avx2()) {
    WARN("skipped: this processor has no AVX2");
    return;
  }
  scan_vectors_agree<float>();
  scan_vectors_agree<double>();
  scan_vectors_agree<std::uint32_t>();
  scan_vectors_agree<std::uint64_t>();
}
#endif

TEST_CASE("scans reject a short output, null data and shifted overlaps", "[scan][errors]") {
  std::vector<int> v(10, 1), out(9);
  lanes::span<const int> in(v);
  REQUIRE_THROWS_WITH(lanes::inclusive_scan(lanes::cpu{}, in, lanes::span<int>(out)),
                      Catch::Contains("out holds 9 elements but 10 are needed"));
  REQUIRE_THROWS_AS(lanes::exclusive_scan(lanes::seq{}, lanes::span<const int>(nullptr, 4), lanes::span<int>(out), 0),
                    lanes::error);
  lanes::span<int> all(v);
  REQUIRE_THROWS_WITH(lanes::inclusive_scan(lanes::seq{}, all.subspan(0, 5), all.subspan(1, 5)),
                      Catch::Contains("overlap"));
  REQUIRE(v == std::vector<int>(10, 1));  // nothing was written
}
