// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <iterator>
#include <numeric>
#include <string>

#include "lanes/select.hpp"
#include "support.hpp"

using namespace lanes_test;

namespace {

// The bodies below run on every executor (tests/support.hpp): each is a named function
// template, its data in the executor's memory.

template <class T, class Ex, class Pred>
void copy_if_matches_std(Ex ex, const std::vector<T>& v, Pred pred) {
  std::size_t n = v.size();
  std::vector<T> expected;
  std::copy_if(v.begin(), v.end(), std::back_inserter(expected), pred);
  const auto in = on(ex, v);
  auto out = on(ex, std::vector<T>(n, T(42)));
  std::size_t kept = lanes::copy_if(ex, in.view(), out.view(), pred);
  REQUIRE(kept == expected.size());
  auto got = out.to_host();
  REQUIRE(std::equal(expected.begin(), expected.end(), got.begin()));
  REQUIRE(std::all_of(got.begin() + kept, got.end(), [](T x) { return x == T(42); }));  // untouched
}

template <class T, class Ex>
void copy_if_keeps_selected(Ex ex) {
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto v = random_values<T>(n, 12);
    copy_if_matches_std(ex, v, [] LANES_HD(T x) { return x > T(0); });
    copy_if_matches_std(ex, v, [] LANES_HD(T) { return true; });
    copy_if_matches_std(ex, v, [] LANES_HD(T) { return false; });
  }
}

// Past several blocks of the chained pass (64 Ki items each): an out with room for what is
// kept and no more is filled; one item shorter is an error before anything is written.
template <class Ex>
void copy_if_writes_nothing_when_short(Ex ex) {
  const std::size_t n = 3 * 65536 + 10000, evens = n / 2;
  std::vector<int> v(n);
  std::iota(v.begin(), v.end(), 0);
  auto even = [] LANES_HD(int x) { return x % 2 == 0; };
  const auto in = on(ex, v);
  auto out = on(ex, std::vector<int>(evens, -1));
  REQUIRE(lanes::copy_if(ex, in.view(), out.view(), even) == evens);
  const auto got = out.to_host();
  for (std::size_t i = 0; i < evens; ++i) REQUIRE(got[i] == int(2 * i));
  auto small = on(ex, std::vector<int>(evens - 1, -1));
  REQUIRE_THROWS_WITH(lanes::copy_if(ex, in.view(), small.view(), even),
                      Catch::Contains("out holds " + std::to_string(evens - 1) + " elements but " +
                                      std::to_string(evens) + " are kept"));
  REQUIRE(small.to_host() == std::vector<int>(evens - 1, -1));
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("copy_if keeps the selected elements in order", "[copy_if]", arithmetic_types) {
  for_each_executor([](auto ex) { copy_if_keeps_selected<TestType>(ex); });
}

TEST_CASE("copy_if needs room only for what it keeps, and writes nothing when short", "[copy_if][errors]") {
  for_each_executor([](auto ex) { copy_if_writes_nothing_when_short(ex); });
}

TEST_CASE("copy_if rejects overlapping spans and null data", "[copy_if][errors]") {
  std::vector<int> v(10000), out(5000);
  auto even = [] LANES_HD(int x) { return x % 2 == 0; };
  lanes::span<int> all(v);
  REQUIRE_THROWS_WITH(lanes::copy_if(lanes::seq{}, all.subspan(0, 10), all.subspan(5, 10), even),
                      Catch::Contains("must be disjoint"));
  REQUIRE_THROWS_AS(lanes::copy_if(lanes::seq{}, lanes::span<int>(nullptr, 3), lanes::span<int>(out), even),
                    lanes::error);
}
