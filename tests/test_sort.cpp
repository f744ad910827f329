// SPDX-License-Identifier: Apache-2.0
#include <cstring>

#include "lanes/sort.hpp"
#include "key_order.hpp"
#include "support.hpp"

using namespace lanes_test;

namespace {

using key_types = std::tuple<std::int8_t, std::uint8_t, std::int16_t, std::uint16_t, float, double, std::int32_t,
                             std::int64_t, std::uint32_t, std::uint64_t>;

using lanes_test::documented_less;

// Inputs of one pattern: random over the whole type, sorted, reversed, all equal, few
// distinct, narrow (most keys share their top bits), and (floats) random with NaN of both
// signs, infinities and zeros of both signs.
template <class T>
std::vector<T> pattern(const std::string& name, std::size_t n) {
  std::mt19937_64 gen(n * 31 + name.size());
  std::vector<T> v(n);
  for (auto& x : v) {
    std::uint64_t bits = gen();
    if constexpr (std::is_floating_point_v<T>) {
      x = static_cast<T>(std::ldexp(double(std::int64_t(bits)) / 9.3e18, int(bits % 80) - 40));
    } else {
      std::memcpy(&x, &bits, sizeof x);
    }
  }
  if (name == "sorted") std::stable_sort(v.begin(), v.end(), documented_less<T>);
  if (name == "reversed") std::stable_sort(v.rbegin(), v.rend(), documented_less<T>);
  if (name == "equal") std::fill(v.begin(), v.end(), n ? v[0] : T());
  if (name == "few") for (auto& x : v) x = static_cast<T>(std::int64_t(gen() % 5) - 2);
  // Most keys share their top bits: floats of a few exponents (as uniform in [-1e6, 1e6]),
  // integers below 2^20. The first pass's buckets must still come out balanced and right.
  if (name == "narrow") {
    std::uniform_real_distribution<double> real(-1e6, 1e6);
    for (auto& x : v) x = std::is_floating_point_v<T> ? static_cast<T>(real(gen)) : static_cast<T>(gen() % (1u << 20));
  }
  if constexpr (std::is_floating_point_v<T>) {
    if (name == "special") {
      const T specials[] = {std::numeric_limits<T>::quiet_NaN(), -std::numeric_limits<T>::quiet_NaN(),
                            std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity(),
                            T(0.0), T(-0.0), std::numeric_limits<T>::denorm_min(), -std::numeric_limits<T>::max()};
      for (auto& x : v)
        if (gen() % 3 == 0) x = specials[gen() % 8];
    }
  }
  return v;
}

const std::vector<std::string> patterns = {"random", "sorted", "reversed", "equal", "few", "narrow", "special"};

// The bodies below run on every executor (tests/support.hpp): each is a named function
// template, its data in the executor's memory.

template <class T, class Ex>
void sort_matches_stable_sort(Ex ex) {
  for (std::size_t n : sizes) {
    for (const auto& name : patterns) {
      INFO("n = " << n << ", pattern " << name);
      auto v = pattern<T>(name, n), expected = v;
      std::stable_sort(expected.begin(), expected.end(), documented_less<T>);
      auto keys = on(ex, v);
      lanes::sort(ex, keys.view());
      require_same_bits(keys.to_host(), expected);  // also places -0.0, +0.0 and each NaN exactly
    }
  }
}

struct payload {
  double x;
  std::uint32_t index;
};

template <class K, class Ex>
void sort_by_key_is_stable(Ex ex) {
  for (std::size_t n : sizes) {
    for (const char* name : {"random", "few", "equal", "narrow", "special"}) {
      INFO("n = " << n << ", pattern " << name);
      auto original = pattern<K>(name, n);
      std::vector<payload> values(n);
      for (std::size_t i = 0; i < n; ++i) values[i] = {double(i) * 0.5, std::uint32_t(i)};
      std::vector<std::uint32_t> order(n);
      std::iota(order.begin(), order.end(), 0u);
      std::stable_sort(order.begin(), order.end(),
                       [&](std::uint32_t a, std::uint32_t b) { return documented_less(original[a], original[b]); });
      auto keys_on_ex = on(ex, original);
      auto values_on_ex = on(ex, values);
      lanes::sort_by_key(ex, keys_on_ex.view(), values_on_ex.view());
      auto keys = keys_on_ex.to_host();
      values = values_on_ex.to_host();
      for (std::size_t i = 0; i < n; ++i) {
        if (values[i].index != order[i] || values[i].x != double(order[i]) * 0.5) {
          INFO("position " << i);
          REQUIRE(values[i].index == order[i]);
        }
        REQUIRE(std::memcmp(&keys[i], &original[order[i]], sizeof(K)) == 0);
      }
    }
  }
}

// Compared on .key only, with many ties: stability shows in .index.
struct keyed_item {
  std::int32_t key;
  std::uint32_t index;
  bool operator==(const keyed_item& o) const { return key == o.key && index == o.index; }
};

template <class Ex>
void comparator_sort_is_stable(Ex ex) {
  auto by_key_descending = [] LANES_HD(const keyed_item& a, const keyed_item& b) { return a.key > b.key; };
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto keys = pattern<std::int32_t>("few", n);
    std::vector<keyed_item> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = {keys[i], std::uint32_t(i)};
    auto expected = v;
    std::stable_sort(expected.begin(), expected.end(), by_key_descending);
    auto items = on(ex, v);
    lanes::sort(ex, items.view(), by_key_descending);
    require_equal(items.to_host(), expected);
    auto d = pattern<double>("random", n), d_expected = d;
    std::sort(d_expected.begin(), d_expected.end(), std::greater<>{});
    auto doubles = on(ex, d);
    lanes::sort(ex, doubles.view(), std::greater<>{});
    require_equal(doubles.to_host(), d_expected);
  }
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("sort orders keys as std::stable_sort with the documented order", "[sort]", key_types) {
  for_each_executor([](auto ex) { sort_matches_stable_sort<TestType>(ex); });
}

TEST_CASE("sort of 2^24 uint32 and float keys", "[sort][large]") {
  std::size_t n = std::size_t(1) << 24;
  auto u = pattern<std::uint32_t>("random", n), u_expected = u;
  std::sort(u_expected.begin(), u_expected.end());
  lanes::sort(lanes::cpu{}, lanes::span<std::uint32_t>(u));
  require_equal(u, u_expected);
  auto f = pattern<float>("special", n), f_expected = f;
  std::stable_sort(f_expected.begin(), f_expected.end(), documented_less<float>);
  lanes::sort(lanes::cpu{}, lanes::span<float>(f));
  require_same_bits(f, f_expected);
}

TEMPLATE_LIST_TEST_CASE("sort_by_key is stable and moves values with their keys", "[sort]", key_types) {
  for_each_executor([](auto ex) { sort_by_key_is_stable<TestType>(ex); });
}

TEST_CASE("sort with a comparator is a stable merge sort", "[sort]") {
  for_each_executor([](auto ex) { comparator_sort_is_stable(ex); });
}

TEST_CASE("sort rejects null data, mismatched and overlapping spans", "[sort][errors]") {
  std::vector<float> keys(10, 1.0f);
  std::vector<int> values(9);
  REQUIRE_THROWS_WITH(lanes::sort(lanes::cpu{}, lanes::span<float>(nullptr, 3)), Catch::Contains("keys has null data"));
  REQUIRE_THROWS_WITH(lanes::sort_by_key(lanes::cpu{}, lanes::span<float>(keys), lanes::span<int>(values)),
                      Catch::Contains("keys has 10 elements but values has 9"));
  lanes::span<float> all(keys);
  REQUIRE_THROWS_WITH(lanes::sort_by_key(lanes::seq{}, all.subspan(0, 5), all.subspan(3, 5)),
                      Catch::Contains("must be disjoint"));
  REQUIRE_THROWS_AS(lanes::sort(lanes::seq{}, lanes::span<int>(nullptr, 2), std::less<>{}), lanes::error);
}
