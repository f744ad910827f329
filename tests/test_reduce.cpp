// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "lanes/min_max.hpp"
#include "lanes/reduce.hpp"
#include "lanes/select.hpp"
#include "support.hpp"

using namespace lanes_test;

namespace {

// The accumulator a test uses: double for floats, 64 bits of the same signedness for
// integers (2^20 products of two values up to 500 overflow 32 bits).
template <class T>
using acc_t = std::conditional_t<std::is_floating_point_v<T>, double,
                                 std::conditional_t<std::is_signed_v<T>, std::int64_t, std::uint64_t>>;

template <class T, class Acc>
void check_sum(Acc got, const std::vector<T>& v) {
  if constexpr (std::is_floating_point_v<T>) {
    long double exact = 0, abs_sum = 0;
    for (T x : v) exact += x, abs_sum += std::fabs(static_cast<long double>(x));
    REQUIRE(std::fabs(got - exact) <= sum_tolerance<Acc>(v.size(), abs_sum));
  } else {
    REQUIRE(got == std::accumulate(v.begin(), v.end(), Acc{0}));
  }
}

// The bodies below run on every executor (tests/support.hpp): each is a named function
// template, its data in the executor's memory.

template <class T, class Ex>
void reduce_sums(Ex ex) {
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto v = random_values<T>(n);
    auto on_ex = on(ex, v);
    lanes::span<const T> in = std::as_const(on_ex).view();
    check_sum(lanes::reduce(ex, in, acc_t<T>{0}), v);
    check_sum(lanes::reduce(ex, in, T{0}), v);  // accumulating in the element type
  }
}

template <class T, class Ex>
void floating_sums_of_integers_are_exact(Ex ex) {
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto ints = random_values<std::int32_t>(n, 8);  // |x| <= 500, n <= 2^21: every partial sum is exact
    std::vector<T> v(ints.begin(), ints.end());
    auto on_ex = on(ex, v);
    REQUIRE(lanes::reduce(ex, std::as_const(on_ex).view(), T(0.5)) == std::accumulate(v.begin(), v.end(), T(0.5)));
  }
}

template <class Ex>
void reduce_keeps_init_and_takes_operators(Ex ex) {
  auto none = on(ex, std::vector<std::int64_t>{});
  REQUIRE(lanes::reduce(ex, none.view(), std::int64_t{7}) == 7);
  auto max_op = [] LANES_HD(std::int64_t a, std::int64_t b) { return a < b ? b : a; };
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto v = random_values<std::int64_t>(n);
    auto on_ex = on(ex, v);
    lanes::span<const std::int64_t> in = std::as_const(on_ex).view();
    REQUIRE(lanes::reduce(ex, in, std::int64_t{100}) == std::accumulate(v.begin(), v.end(), std::int64_t{100}));
    std::int64_t expected_max = std::accumulate(v.begin(), v.end(), std::int64_t{-1000}, max_op);
    REQUIRE(lanes::reduce(ex, in, std::int64_t{-1000}, max_op) == expected_max);
  }
}

template <class T, class Ex>
void transform_reduce_dot_and_index_form(Ex ex) {
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto a = random_values<T>(n, 1), b = random_values<T>(n, 2);
    auto on_a = on(ex, a), on_b = on(ex, b);
    lanes::span<const T> in_a = std::as_const(on_a).view(), in_b = std::as_const(on_b).view();
    std::vector<T> products(n);
    for (std::size_t i = 0; i < n; ++i) products[i] = static_cast<T>(a[i] * b[i]);
    acc_t<T> dot = lanes::transform_reduce(ex, in_a, in_b, acc_t<T>{0}, std::plus<>{},
                                           [] LANES_HD(T x, T y) { return static_cast<T>(x * y); });
    check_sum(dot, products);
    acc_t<T> squares = lanes::transform_reduce(ex, in_a, acc_t<T>{0}, std::plus<>{},
                                               [] LANES_HD(T x) { return static_cast<T>(x * x); });
    for (std::size_t i = 0; i < n; ++i) products[i] = static_cast<T>(a[i] * a[i]);
    check_sum(squares, products);
    // Index form: sum of i for i < n, exactly n (n - 1) / 2.
    auto index_sum = lanes::transform_reduce(ex, n, std::uint64_t{0}, std::plus<>{},
                                             [] LANES_HD(std::size_t i) { return std::uint64_t(i); });
    REQUIRE(index_sum == std::uint64_t(n) * (n == 0 ? 0 : n - 1) / 2);
  }
}

// The documented order of every reduce, written again independently: blocks of 4096,
// 16 lanes each folded left to right, pairwise trees over lanes and over blocks.
template <class Acc>
Acc pairwise(std::vector<Acc> v) {
  for (std::size_t stride = 1; stride < v.size(); stride *= 2)
    for (std::size_t i = 0; i + stride < v.size(); i += 2 * stride) v[i] += v[i + stride];
  return v[0];
}
template <class Acc, class T>
Acc documented_order_sum(const std::vector<T>& x, Acc init) {
  if (x.empty()) return init;
  std::vector<Acc> blocks;
  for (std::size_t b = 0; b < x.size(); b += 4096) {
    std::size_t end = std::min(x.size(), b + 4096);
    std::vector<Acc> lanes(std::min<std::size_t>(16, end - b));
    for (std::size_t i = b; i < end; ++i) {
      std::size_t lane = (i - b) % 16;
      lanes[lane] = i - b < 16 ? Acc(x[i]) : lanes[lane] + Acc(x[i]);
    }
    blocks.push_back(pairwise(lanes));
  }
  return init + pairwise(blocks);
}

template <class Acc, class T, class Ex>
void require_documented_sum(Ex ex, const std::vector<T>& v, Acc init) {
  auto on_ex = on(ex, v);
  lanes::span<const T> in = std::as_const(on_ex).view();
  const Acc expected = documented_order_sum(v, init);
  const Acc got = lanes::reduce(ex, in, init, std::plus<>{}, lanes::deterministic);
  REQUIRE(std::memcmp(&got, &expected, sizeof got) == 0);
}

// On every executor and thread count, and on the GPU, the documented order's bits: floats
// summed in double and in float, doubles in double (whole blocks are summed two at a time
// on the CPU: sizes with an odd number of them, and a partial one, too).
template <class Ex>
void deterministic_reduce_has_documented_bits(Ex ex) {
  for (std::size_t n : {std::size_t{0}, std::size_t{5}, std::size_t{4099}, std::size_t{2 * 4096},
                        std::size_t{3 * 4096 + 5}, std::size_t{(1u << 20) + 7}}) {
    INFO("n = " << n);
    auto v = order_sensitive_floats(n, 9);
    require_documented_sum(ex, v, 0.5);
    require_documented_sum(ex, v, 0.0f);
    std::vector<double> d(n);
    for (std::size_t i = 0; i < n; ++i) d[i] = double(v[i]) * (1.0 + 0x1p-40 * double(i % 7));
    require_documented_sum(ex, d, -0.25);
    if (n < 2 * 4096) continue;
    // Specials in the second block of a pair: -0.0 stays -0.0, an infinity wins.
    std::vector<float> zeros(n, -0.0f);
    require_documented_sum(ex, zeros, -0.0);
    require_documented_sum(ex, zeros, -0.0f);
    v[4096 + 17] = std::numeric_limits<float>::infinity();
    require_documented_sum(ex, v, 0.5);
    require_documented_sum(ex, v, 0.0f);
  }
}

template <class T, class Ex>
void min_max_matches_minmax_element(Ex ex) {
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto v = random_values<T>(n, 3);
    auto on_ex = on(ex, v);
    auto r = lanes::min_max(ex, std::as_const(on_ex).view());
    if (n == 0) {
      REQUIRE(r.min == lanes::detail::min_max_identity<T>().min);
      REQUIRE(r.max == lanes::detail::min_max_identity<T>().max);
    } else {
      auto [lo, hi] = std::minmax_element(v.begin(), v.end());
      REQUIRE(r.min == *lo);
      REQUIRE(r.max == *hi);
    }
  }
}

template <class T, class Ex>
void min_max_skips_nan_and_orders_zeros(Ex ex) {
  const T nan = std::numeric_limits<T>::quiet_NaN(), inf = std::numeric_limits<T>::infinity();
  for (std::size_t n : {std::size_t{3}, std::size_t{33}, std::size_t{5000}, std::size_t{70001}}) {
    INFO("n = " << n);
    std::vector<T> v(n, nan);
    auto min_max_of = [&](const std::vector<T>& values) {
      const auto on_ex = on(ex, values);
      return lanes::min_max(ex, on_ex.view());
    };
    auto r = min_max_of(v);
    REQUIRE(r.min == inf);  // only NaN: the identity
    REQUIRE(r.max == -inf);
    for (std::size_t i = 0; i < n; i += 2) v[i] = (i / 2) % 2 ? T(0.0) : T(-0.0);
    r = min_max_of(v);
    REQUIRE(r.min == 0);
    REQUIRE(std::signbit(r.min));
    REQUIRE(r.max == 0);
    REQUIRE(!std::signbit(r.max));
    v[n / 2] = -inf;
    v[n - 1] = inf;
    r = min_max_of(v);
    REQUIRE(r.min == -inf);
    REQUIRE(r.max == inf);
  }
}

template <class T, class Ex>
void count_if_matches_std(Ex ex) {
  auto positive = [] LANES_HD(T x) { return x > T(0); };
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto v = random_values<T>(n, 4);
    auto on_ex = on(ex, v);
    REQUIRE(lanes::count_if(ex, std::as_const(on_ex).view(), positive) ==
            std::size_t(std::count_if(v.begin(), v.end(), positive)));
  }
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("reduce sums like a long-double or exact loop", "[reduce]", arithmetic_types) {
  for_each_executor([](auto ex) { reduce_sums<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("floating sums of small integers are exact in any order", "[reduce]", floating_types) {
  for_each_executor([](auto ex) { floating_sums_of_integers_are_exact<TestType>(ex); });
}

TEST_CASE("reduce keeps init, and reduces with other operators", "[reduce]") {
  for_each_executor([](auto ex) { reduce_keeps_init_and_takes_operators(ex); });
}

TEMPLATE_LIST_TEST_CASE("transform_reduce: a dot product and an index form", "[reduce]", arithmetic_types) {
  for_each_executor([](auto ex) { transform_reduce_dot_and_index_form<TestType>(ex); });
}

TEST_CASE("a reduce past 2^16 blocks keeps the documented order in bounded scratch", "[reduce]") {
  // 2^28 + 12293 items: more blocks than the reduction holds at once, so it works in groups
  // (and a range of 2^40 no longer needs 2 GiB of partial sums up front).
  const std::size_t n = (std::size_t(1) << 28) + 3 * 4096 + 5;
  auto f = [](std::size_t i) { return double((i * 2654435761u) % 1000003) * 1e-3 + (i % 4099 == 0 ? 1e9 : 0.0); };
  std::vector<double> blocks;
  for (std::size_t b = 0; b < n; b += 4096) {
    std::size_t end = std::min(n, b + 4096);
    std::vector<double> lanes(std::min<std::size_t>(16, end - b));
    for (std::size_t i = b; i < end; ++i) lanes[(i - b) % 16] = i - b < 16 ? f(i) : lanes[(i - b) % 16] + f(i);
    blocks.push_back(pairwise(lanes));
  }
  REQUIRE(blocks.size() > (std::size_t(1) << 16));
  const double expected = 0.25 + pairwise(blocks);
  const double got = lanes::transform_reduce(lanes::cpu{}, n, 0.25, std::plus<>{}, f);
  REQUIRE(std::memcmp(&got, &expected, sizeof got) == 0);
}

TEST_CASE("a deterministic reduce has the documented order's bits on every executor", "[reduce]") {
  for_each_executor([](auto ex) { deterministic_reduce_has_documented_bits(ex); });
}

TEMPLATE_LIST_TEST_CASE("min_max matches std::minmax_element", "[min_max]", arithmetic_types) {
  for_each_executor([](auto ex) { min_max_matches_minmax_element<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("min_max skips NaN, sees infinities and orders -0.0 before +0.0", "[min_max]",
                        floating_types) {
  for_each_executor([](auto ex) { min_max_skips_nan_and_orders_zeros<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("count_if matches std::count_if", "[count_if]", arithmetic_types) {
  for_each_executor([](auto ex) { count_if_matches_std<TestType>(ex); });
}

TEST_CASE("reductions reject null data with a size", "[reduce][errors]") {
  lanes::span<const float> broken(nullptr, 3);
  REQUIRE_THROWS_WITH(lanes::reduce(lanes::cpu{}, broken, 0.0), Catch::Contains("in has null data but size 3"));
  REQUIRE_THROWS_AS(lanes::min_max(lanes::seq{}, broken), lanes::error);
  REQUIRE_THROWS_AS(lanes::count_if(lanes::seq{}, broken, [] LANES_HD(float) { return true; }), lanes::error);
  std::vector<float> a(3), b(4);
  REQUIRE_THROWS_WITH(lanes::transform_reduce(lanes::seq{}, lanes::span<float>(a), lanes::span<float>(b), 0.0,
                                              std::plus<>{}, std::multiplies<>{}),
                      Catch::Contains("a has 3 elements but b has 4"));
}
