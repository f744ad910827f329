// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <iterator>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <random>
#include <string>

#include "lanes/detail/host/compress.hpp"
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

#if defined(LANES_COMPRESS) && !LANES_TEST_ON_GPU
// The selections' vector copy (host/compress.hpp) on every instruction set this processor
// has, not only the one picked: items of 4 and 8 bytes, patterns all kept, none, random and
// every other, against std::copy_if over the items it says it did; nothing written at or past
// `stop`, where it must leave whole vectors to the caller. With a rest, the items not kept go
// there in order, nothing written past its stop nor past as many items as were done.
template <class T>
void compress_matches_copy_if() {
  using lanes::detail::compress_group;
  std::mt19937_64 gen(7);
  const std::size_t n = 1000;
  std::vector<T> in(n);
  for (auto& x : in) {
    const std::uint64_t bits = gen();
    std::memcpy(&x, &bits, sizeof x);  // any bits: NaNs and infinities are copied as they are
  }
  std::vector<std::vector<std::uint8_t>> patterns(4, std::vector<std::uint8_t>(n));
  for (std::size_t i = 0; i < n; ++i) {
    patterns[0][i] = 1;
    patterns[1][i] = 0;
    patterns[2][i] = std::uint8_t(gen() & 1);
    patterns[3][i] = std::uint8_t(i % 2);
  }
  using keep_t = lanes::detail::load_items<const std::uint8_t>;
  auto untouched = [](const std::vector<T>& v, std::size_t from) {
    for (std::size_t k = from; k < v.size(); ++k) {
      std::uint8_t first_byte;
      std::memcpy(&first_byte, &v[k], 1);
      if (first_byte != 0xA5) return false;
    }
    return true;
  };
  for (const auto isa : vector_isas_here())
    for (std::size_t p = 0; p < patterns.size(); ++p)
      for (std::size_t stop : {std::size_t(0), std::size_t(100), n})
        for (std::size_t rest_stop : {std::size_t(0), std::size_t(100), n}) {  // 0: no rest
          const bool with_rest = rest_stop != 0;
          INFO("isa " << int(isa) << ", pattern " << p << ", stop " << stop << ", rest's stop " << rest_stop);
          const auto compress = isa == lanes::detail::vector_isa::avx512 ? &lanes::detail::compress_avx512<T, keep_t>
                                                                         : &lanes::detail::compress_avx2<T, keep_t>;
          const keep_t keep{patterns[p].data()};
          std::vector<T> out(n + compress_group), rest(n);
          std::memset(out.data(), 0xA5, out.size() * sizeof(T));
          std::memset(rest.data(), 0xA5, rest.size() * sizeof(T));
          std::size_t i = 3;  // not aligned
          lanes::detail::compress_rest<T> others{rest.data(), 0, rest_stop};
          const std::size_t to = compress(in.data(), i, n, keep, out.data(), 0, stop, with_rest ? &others : nullptr);
          const std::size_t rest_to = others.to;
          REQUIRE(i >= 3);
          REQUIRE((i - 3) % compress_group == 0);
          REQUIRE(to <= stop);
          // It goes on while a whole group fits in each.
          REQUIRE((i + compress_group > n || to + compress_group > stop || (with_rest && !others.has_room())));
          std::vector<T> expected, expected_rest;
          for (std::size_t k = 3; k < i; ++k) (patterns[p][k] ? expected : expected_rest).push_back(in[k]);
          REQUIRE(to == expected.size());
          REQUIRE((to == 0 || std::memcmp(out.data(), expected.data(), to * sizeof(T)) == 0));
          REQUIRE(untouched(out, stop));
          if (with_rest) {
            REQUIRE(rest_to == expected_rest.size());
            REQUIRE((rest_to == 0 || std::memcmp(rest.data(), expected_rest.data(), rest_to * sizeof(T)) == 0));
            REQUIRE(rest_to <= rest_stop);
            REQUIRE(untouched(rest, std::min(rest_stop, i - 3)));
          } else {
            REQUIRE(rest_to == 0);
            REQUIRE(untouched(rest, 0));
          }
        }
}

// The selections' vector count on every instruction set here: whole groups from an unaligned
// start, against std::count over the items it says it counted, for patterns all, none, random
// and every third; what is left is less than a group.
void count_matches_std() {
  using lanes::detail::compress_group;
  using keep_t = lanes::detail::load_items<const std::uint8_t>;
  std::mt19937_64 gen(11);
  const std::size_t n = 5000;
  std::vector<std::vector<std::uint8_t>> patterns(4, std::vector<std::uint8_t>(n));
  for (std::size_t i = 0; i < n; ++i) {
    patterns[0][i] = 1;
    patterns[1][i] = 0;
    patterns[2][i] = std::uint8_t(gen() & 1);
    patterns[3][i] = std::uint8_t(i % 3 == 0);
  }
  for (const auto isa : vector_isas_here())
    for (std::size_t p = 0; p < patterns.size(); ++p)
      for (std::size_t first : {std::size_t(0), std::size_t(5)})
        for (std::size_t end : {first, first + compress_group - 1, first + compress_group, std::size_t(4321), n}) {
          INFO("isa " << int(isa) << ", pattern " << p << ", items [" << first << ", " << end << ")");
          const keep_t keep{patterns[p].data()};
          const auto count = isa == lanes::detail::vector_isa::avx512 ? &lanes::detail::count_avx512<keep_t>
                                                                      : &lanes::detail::count_avx2<keep_t>;
          std::size_t i = first;
          const std::size_t kept = count(keep, i, end);
          REQUIRE(i >= first);
          REQUIRE((i - first) % compress_group == 0);
          REQUIRE(end - i < compress_group);
          REQUIRE(kept == std::size_t(std::count(patterns[p].begin() + std::ptrdiff_t(first),
                                                 patterns[p].begin() + std::ptrdiff_t(i), std::uint8_t(1))));
        }
}
#endif

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

#if defined(LANES_COMPRESS) && !LANES_TEST_ON_GPU
TEST_CASE("the selections' vector copy matches copy_if on every instruction set here", "[copy_if][compress]") {
  compress_matches_copy_if<std::uint32_t>();
  compress_matches_copy_if<float>();
  compress_matches_copy_if<std::uint64_t>();
  compress_matches_copy_if<double>();
}

TEST_CASE("the selections' vector count matches std::count on every instruction set here", "[copy_if][compress]") {
  count_matches_std();
}
#endif
