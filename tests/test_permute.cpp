// SPDX-License-Identifier: Apache-2.0
#include "lanes/permute.hpp"
#include "support.hpp"

using namespace lanes_test;

namespace {
// A random permutation of [0, n) in the index type I.
template <class I>
std::vector<I> shuffled_indices(std::size_t n) {
  std::vector<I> p(n);
  for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<I>(i);
  std::shuffle(p.begin(), p.end(), std::mt19937_64(n));
  return p;
}

// The bodies below run on every executor (tests/support.hpp): each is a named function
// template, its data in the executor's memory.

template <class T, class Ex>
void gather_scatter_match_naive_loop(Ex ex) {
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto v = random_values<T>(n, 13);
    auto perm = shuffled_indices<std::int64_t>(n);
    const auto in = on(ex, v);
    const auto indices = on(ex, perm);
    auto out = on(ex, std::vector<T>(n));
    std::vector<T> expected(n);
    lanes::gather(ex, in.view(), indices.view(), out.view());
    for (std::size_t i = 0; i < n; ++i) expected[i] = v[perm[i]];
    require_equal(out.to_host(), expected);
    lanes::scatter(ex, in.view(), indices.view(), out.view());
    for (std::size_t i = 0; i < n; ++i) expected[perm[i]] = v[i];
    require_equal(out.to_host(), expected);
  }
}

template <class Ex>
void gather_repeats_indices(Ex ex) {
  const auto in = on(ex, std::vector<double>{10, 20, 30});
  const auto indices = on(ex, std::vector<std::uint32_t>{2, 2, 0, 1, 2});
  auto out = on(ex, std::vector<double>(5));
  lanes::gather(ex, in.view(), indices.view(), out.view());
  REQUIRE(out.to_host() == std::vector<double>{30, 30, 10, 20, 30});
}

template <class Ex>
void gather_scatter_check_indices_first(Ex ex) {
  const auto in = on(ex, std::vector<int>(9000, 1));
  auto out = on(ex, std::vector<int>(9000, -1));
  auto idx = shuffled_indices<std::int32_t>(9000);
  idx[7000] = -1;
  const auto negative = on(ex, idx);
  REQUIRE_THROWS_WITH(lanes::gather(ex, in.view(), negative.view(), out.view()),
                      Catch::Contains("indices[7000] = -1 is outside in (size 9000)"));
  idx[7000] = 9000;
  const auto past_end = on(ex, idx);
  REQUIRE_THROWS_WITH(lanes::scatter(ex, in.view(), past_end.view(), out.view()),
                      Catch::Contains("indices[7000] = 9000 is outside out (size 9000)"));
  idx[7000] = idx[3];  // a repeat: two writes to one place
  const auto repeated = on(ex, idx);
  REQUIRE_THROWS_WITH(lanes::scatter(ex, in.view(), repeated.view(), out.view()),
                      Catch::Contains("appears more than once"));
  REQUIRE(out.to_host() == std::vector<int>(9000, -1));
  auto short_out = on(ex, std::vector<int>(8999));
  REQUIRE_THROWS_WITH(lanes::gather(ex, in.view(), repeated.view(), short_out.view()),
                      Catch::Contains("out holds 8999 elements but 9000 are needed"));
  REQUIRE_THROWS_WITH(lanes::scatter(ex, in.view().subspan(0, 10), repeated.view(), out.view()),
                      Catch::Contains("in has 10 elements but indices has 9000"));
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("gather and scatter move elements as a naive loop does", "[gather][scatter]",
                        arithmetic_types) {
  for_each_executor([](auto ex) { gather_scatter_match_naive_loop<TestType>(ex); });
}

TEST_CASE("gather may repeat indices and read a subset", "[gather]") {
  for_each_executor([](auto ex) { gather_repeats_indices(ex); });
}

TEST_CASE("gather and scatter check every index before writing", "[gather][scatter][errors]") {
  for_each_executor([](auto ex) { gather_scatter_check_indices_first(ex); });
}
