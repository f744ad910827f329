// SPDX-License-Identifier: Apache-2.0
// The sequence algorithms: unique, unique_by_key, partition_copy, stable_partition, partition,
// reduce_by_key, merge, merge_by_key, lower_bound, upper_bound, find_if, any_of, all_of,
// none_of, reverse, replace_if, adjacent_difference and the transform scans, each against
// std:: or a naive loop on every executor, floats in sort's documented order (-0.0 before
// +0.0, NaNs last and equal), then their errors.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "key_order.hpp"
#include "lanes/find.hpp"
#include "lanes/merge.hpp"
#include "lanes/permute.hpp"
#include "lanes/scan.hpp"
#include "lanes/search.hpp"
#include "lanes/select.hpp"
#include "lanes/sort.hpp"
#include "lanes/transform.hpp"
#include "support.hpp"

using namespace lanes_test;

namespace {

// Empty, tiny, odd, past a merge piece (512), a block (4096) and many of them.
const std::vector<std::size_t> sequence_sizes = {0, 1, 2, 3, 17, 1000, 4099, 70001};
using sequence_types = std::tuple<float, double, std::int32_t, std::uint64_t>;

// The items' bit patterns, sorted: equal for two vectors that hold the same items in any order.
template <class T>
std::vector<std::uint64_t> bits_sorted(const std::vector<T>& v) {
  std::vector<std::uint64_t> bits(v.size(), 0);
  for (std::size_t i = 0; i < v.size(); ++i) std::memcpy(&bits[i], &v[i], sizeof(T));
  std::sort(bits.begin(), bits.end());
  return bits;
}

template <class T>
std::vector<T> head(std::vector<T> v, std::size_t count) {
  v.resize(count);
  return v;
}

template <class T, class Ex>
void unique_matches_std(Ex ex) {
  for (std::size_t n : sequence_sizes) {
    INFO("n = " << n);
    const auto v = runs<T>(n, 1);
    std::vector<T> expected;
    std::unique_copy(v.begin(), v.end(), std::back_inserter(expected), documented_equal<T>);
    const auto in = on(ex, v);
    auto out = on(ex, std::vector<T>(n));
    const std::size_t kept = lanes::unique(ex, in, out);
    REQUIRE(kept == expected.size());
    require_same_bits(head(out.to_host(), kept), expected);

    // unique_by_key keeps the value beside each run's first key: its index.
    std::vector<std::uint32_t> index(n), expected_index;
    std::iota(index.begin(), index.end(), 0u);
    for (std::size_t i = 0; i < n; ++i)
      if (i == 0 || !documented_equal(v[i - 1], v[i])) expected_index.push_back(std::uint32_t(i));
    const auto values = on(ex, index);
    auto keys_out = on(ex, std::vector<T>(n));
    auto values_out = on(ex, std::vector<std::uint32_t>(n));
    REQUIRE(lanes::unique_by_key(ex, in, values, keys_out, values_out) == expected.size());
    require_same_bits(head(keys_out.to_host(), kept), expected);
    REQUIRE(head(values_out.to_host(), kept) == expected_index);

    // Outputs of exactly the size kept: counted first, then filled.
    auto exact_keys = on(ex, std::vector<T>(kept));
    auto exact_values = on(ex, std::vector<std::uint32_t>(kept));
    REQUIRE(lanes::unique(ex, in, exact_keys) == kept);
    require_same_bits(exact_keys.to_host(), expected);
    REQUIRE(lanes::unique_by_key(ex, in, values, exact_keys, exact_values) == kept);
    require_same_bits(exact_keys.to_host(), expected);
    REQUIRE(exact_values.to_host() == expected_index);
  }
}

template <class T, class Ex>
void partitions_match_std(Ex ex) {
  auto positive = [] LANES_HD(T x) { return x > T(0); };
  for (std::size_t n : sequence_sizes) {
    INFO("n = " << n);
    const auto v = runs<T>(n, 2);
    std::vector<T> trues, falses;
    std::partition_copy(v.begin(), v.end(), std::back_inserter(trues), std::back_inserter(falses),
                        [](T x) { return x > T(0); });
    const auto in = on(ex, v);
    auto out_true = on(ex, std::vector<T>(trues.size())), out_false = on(ex, std::vector<T>(falses.size()));
    REQUIRE(lanes::partition_copy(ex, in, out_true, out_false, positive) == trues.size());
    require_same_bits(out_true.to_host(), trues);
    require_same_bits(out_false.to_host(), falses);

    auto expected = v;
    std::stable_partition(expected.begin(), expected.end(), [](T x) { return x > T(0); });
    auto out = on(ex, std::vector<T>(n));
    REQUIRE(lanes::stable_partition(ex, in, out, positive) == trues.size());
    require_same_bits(out.to_host(), expected);

    // In place, not stable: each part holds the same items as std's, in some order; on the
    // CPU executors the same order on every one.
    auto data = on(ex, v);
    REQUIRE(lanes::partition(ex, data, positive) == trues.size());
    const auto parted = data.to_host();
    REQUIRE(bits_sorted(head(parted, trues.size())) == bits_sorted(trues));
    REQUIRE(bits_sorted(std::vector<T>(parted.begin() + std::ptrdiff_t(trues.size()), parted.end())) ==
            bits_sorted(falses));
#if !LANES_TEST_ON_GPU
    auto on_seq = v;
    REQUIRE(lanes::partition(lanes::seq{}, on_seq, [](T x) { return x > T(0); }) == trues.size());
    require_same_bits(parted, on_seq);
#endif
  }
}

// Past several blocks of the CPU's chained pass (64 Ki items): falses none, all, one in 997,
// every other, and in runs of 5000, where a block's share of the falses is short of a vector
// or its trues are; outputs exactly as large as each part, and as large as the input.
template <class Ex>
void partitions_across_blocks(Ex ex) {
  const std::size_t n = 3 * 65536 + 123;
  std::vector<std::uint32_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = std::uint32_t(i * 2654435761u);
  const std::vector<std::pair<const char*, std::uint32_t (*)(std::size_t)>> falses_where = {
      {"none", [](std::size_t) { return 1u; }},
      {"all", [](std::size_t) { return 0u; }},
      {"one in 997", [](std::size_t i) { return i % 997 == 0 ? 0u : 1u; }},
      {"every other", [](std::size_t i) { return std::uint32_t(i % 2); }},
      {"runs of 5000", [](std::size_t i) { return std::uint32_t(i / 5000 % 2); }}};
  auto odd = [] LANES_HD(std::uint32_t x) { return (x & 1) != 0; };
  for (const auto& [name, bit] : falses_where) {
    INFO("falses: " << name);
    for (std::size_t i = 0; i < n; ++i) v[i] = (v[i] & ~1u) | bit(i);
    std::vector<std::uint32_t> trues, falses;
    std::partition_copy(v.begin(), v.end(), std::back_inserter(trues), std::back_inserter(falses), odd);
    const auto in = on(ex, v);
    for (bool exact : {true, false}) {
      auto out_true = on(ex, std::vector<std::uint32_t>(exact ? trues.size() : n));
      auto out_false = on(ex, std::vector<std::uint32_t>(exact ? falses.size() : n));
      REQUIRE(lanes::partition_copy(ex, in, out_true, out_false, odd) == trues.size());
      REQUIRE(head(out_true.to_host(), trues.size()) == trues);
      REQUIRE(head(out_false.to_host(), falses.size()) == falses);
    }
    auto out = on(ex, std::vector<std::uint32_t>(n));
    REQUIRE(lanes::stable_partition(ex, in, out, odd) == trues.size());
    auto expected = trues;
    expected.insert(expected.end(), falses.begin(), falses.end());
    REQUIRE(out.to_host() == expected);
  }
}

// Integer values: the sums are exact, so the naive loop's are the ones expected.
template <class K, class Ex>
void reduce_by_key_matches_a_loop(Ex ex) {
  for (std::size_t n : sequence_sizes) {
    INFO("n = " << n);
    const auto keys = runs<K>(n, 3);
    const auto values = random_values<std::int64_t>(n, 4);
    std::vector<K> expected_keys;
    std::vector<std::int64_t> expected_sums, expected_max;
    for (std::size_t i = 0; i < n; ++i) {
      if (i == 0 || !documented_equal(keys[i - 1], keys[i])) {
        expected_keys.push_back(keys[i]);
        expected_sums.push_back(0);
        expected_max.push_back(std::numeric_limits<std::int64_t>::lowest());
      }
      expected_sums.back() += values[i];
      expected_max.back() = std::max(expected_max.back(), values[i]);
    }
    const auto k = on(ex, keys);
    const auto v = on(ex, values);
    auto keys_out = on(ex, std::vector<K>(expected_keys.size()));
    auto sums = on(ex, std::vector<std::int64_t>(expected_keys.size()));
    REQUIRE(lanes::reduce_by_key(ex, k, v, keys_out, sums) == expected_keys.size());
    require_same_bits(keys_out.to_host(), expected_keys);
    REQUIRE(sums.to_host() == expected_sums);
    auto larger = [] LANES_HD(std::int64_t a, std::int64_t b) { return a < b ? b : a; };
    REQUIRE(lanes::reduce_by_key(ex, k, v, keys_out, sums, larger) == expected_keys.size());
    REQUIRE(sums.to_host() == expected_max);
  }
}

template <class T, class Ex>
void merge_matches_std(Ex ex) {
  for (std::size_t n : sequence_sizes) {
    for (std::size_t m : {std::size_t(0), n / 3 + 1, n + 5}) {
      INFO("n = " << n << ", m = " << m);
      const auto a = sorted_runs<T>(n, 5), b = sorted_runs<T>(m, 6);
      std::vector<T> expected;
      std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(expected), documented_less<T>);
      const auto on_a = on(ex, a), on_b = on(ex, b);
      auto out = on(ex, std::vector<T>(n + m));
      lanes::merge(ex, on_a, on_b, out);
      require_same_bits(out.to_host(), expected);

      // merge_by_key is stable: values say where each key came from (a's before b's on ties).
      std::vector<std::uint32_t> a_tags(n), b_tags(m);
      std::iota(a_tags.begin(), a_tags.end(), 0u);
      std::iota(b_tags.begin(), b_tags.end(), 1u << 30);
      std::vector<std::pair<T, std::uint32_t>> pa, pb, pairs;
      for (std::size_t i = 0; i < n; ++i) pa.emplace_back(a[i], a_tags[i]);
      for (std::size_t i = 0; i < m; ++i) pb.emplace_back(b[i], b_tags[i]);
      std::merge(pa.begin(), pa.end(), pb.begin(), pb.end(), std::back_inserter(pairs),
                 [](const auto& x, const auto& y) { return documented_less(x.first, y.first); });
      std::vector<std::uint32_t> expected_tags;
      for (const auto& p : pairs) expected_tags.push_back(p.second);
      auto keys_out = on(ex, std::vector<T>(n + m));
      auto tags_out = on(ex, std::vector<std::uint32_t>(n + m));
      lanes::merge_by_key(ex, on_a, on(ex, a_tags), on_b, on(ex, b_tags), keys_out, tags_out);
      require_same_bits(keys_out.to_host(), expected);
      REQUIRE(tags_out.to_host() == expected_tags);
    }
  }
}

template <class T, class Ex>
void searches_match_std(Ex ex) {
  for (std::size_t n : sequence_sizes) {
    INFO("n = " << n);
    const auto sorted = sorted_runs<T>(n, 7);
    const auto needles = runs<T>(n / 2 + 9, 8);  // every pool value, NaNs and both zeros among them
    std::vector<std::uint64_t> lower, upper;
    for (T x : needles) {
      lower.push_back(std::lower_bound(sorted.begin(), sorted.end(), x, documented_less<T>) - sorted.begin());
      upper.push_back(std::upper_bound(sorted.begin(), sorted.end(), x, documented_less<T>) - sorted.begin());
    }
    const auto s = on(ex, sorted), q = on(ex, needles);
    auto out = on(ex, std::vector<std::uint64_t>(needles.size()));
    lanes::lower_bound(ex, s, q, out);
    REQUIRE(out.to_host() == lower);
    lanes::upper_bound(ex, s, q, out);
    REQUIRE(out.to_host() == upper);
  }
}

template <class T, class Ex>
void finds_match_std(Ex ex) {
  for (std::size_t n : sequence_sizes) {
    INFO("n = " << n);
    auto v = runs<T>(n, 9);
    if (n > 100) v[n - 3] = T(100);  // one item that only the last blocks hold
    const auto in = on(ex, v);
    auto is_100 = [] LANES_HD(T x) { return x == T(100); };
    auto is_small = [] LANES_HD(T x) { return x < T(7); };  // false for NaN only
    auto first_100 = std::size_t(std::find_if(v.begin(), v.end(), [](T x) { return x == T(100); }) - v.begin());
    REQUIRE(lanes::find_if(ex, in, is_100) == first_100);
    REQUIRE(lanes::any_of(ex, in, is_100) == (n > 100));
    REQUIRE(lanes::none_of(ex, in, is_100) == (n <= 100));
    REQUIRE(lanes::all_of(ex, in, is_small) == std::all_of(v.begin(), v.end(), [](T x) { return x < T(7); }));
    auto first_big = std::size_t(std::find_if(v.begin(), v.end(), [](T x) { return !(x < T(7)); }) - v.begin());
    REQUIRE(lanes::find_if(ex, in, [] LANES_HD(T x) { return !(x < T(7)); }) == first_big);
  }
}

template <class T, class Ex>
void elementwise_match_std(Ex ex) {
  for (std::size_t n : sequence_sizes) {
    INFO("n = " << n);
    const auto v = runs<T>(n, 10);
    auto expected = v;
    std::reverse(expected.begin(), expected.end());
    auto data = on(ex, v);
    lanes::reverse(ex, data);
    require_same_bits(data.to_host(), expected);

    std::replace_if(expected.begin(), expected.end(), [](T x) { return x > T(1); }, T(42));
    lanes::replace_if(ex, data, [] LANES_HD(T x) { return x > T(1); }, T(42));
    require_same_bits(data.to_host(), expected);

    const auto ints = random_values<std::int64_t>(n, 11);
    std::vector<std::int64_t> differences(n), scanned(n);
    std::adjacent_difference(ints.begin(), ints.end(), differences.begin());
    const auto in = on(ex, ints);
    auto out = on(ex, std::vector<std::int64_t>(n));
    lanes::adjacent_difference(ex, in, out);
    REQUIRE(out.to_host() == differences);

    auto square = [] LANES_HD(std::int64_t x) { return x * x; };
    std::transform_inclusive_scan(ints.begin(), ints.end(), scanned.begin(), std::plus<>{},
                                  [](std::int64_t x) { return x * x; });
    lanes::transform_inclusive_scan(ex, in, out, std::plus<>{}, square);
    REQUIRE(out.to_host() == scanned);
    std::transform_exclusive_scan(ints.begin(), ints.end(), scanned.begin(), std::int64_t(5), std::plus<>{},
                                  [](std::int64_t x) { return x * x; });
    lanes::transform_exclusive_scan(ex, in, out, std::int64_t(5), std::plus<>{}, square);
    REQUIRE(out.to_host() == scanned);
  }
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("unique and unique_by_key keep the first of each run", "[unique]", sequence_types) {
  for_each_executor([](auto ex) { unique_matches_std<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("partition_copy and stable_partition keep both parts in order", "[partition]",
                        sequence_types) {
  for_each_executor([](auto ex) { partitions_match_std<TestType>(ex); });
}

TEST_CASE("partition_copy and stable_partition keep both parts in order across blocks", "[partition]") {
  for_each_executor([](auto ex) { partitions_across_blocks(ex); });
}

TEMPLATE_LIST_TEST_CASE("reduce_by_key reduces every run of equal keys", "[reduce_by_key]", sequence_types) {
  for_each_executor([](auto ex) { reduce_by_key_matches_a_loop<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("merge and merge_by_key match std::merge, stable", "[merge]", sequence_types) {
  for_each_executor([](auto ex) { merge_matches_std<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("lower_bound and upper_bound match std's for every needle", "[search]", sequence_types) {
  for_each_executor([](auto ex) { searches_match_std<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("find_if, any_of, all_of and none_of match std's", "[find]", sequence_types) {
  for_each_executor([](auto ex) { finds_match_std<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("reverse, replace_if, adjacent_difference and transform scans match std's",
                        "[reverse][replace_if][adjacent_difference][scan]", sequence_types) {
  for_each_executor([](auto ex) { elementwise_match_std<TestType>(ex); });
}

// Signed differences that overflow wrap modulo 2^bits (computed here in unsigned arithmetic);
// int8 differences are ints first, as std's are.
template <class T, class U, class Ex>
void differences_wrap(Ex ex) {
  using limits = std::numeric_limits<T>;
  const std::vector<T> v{limits::min(), limits::max(), limits::min(), T(0), T(-1), limits::max(), T(1)};
  std::vector<U> expected(v.size());
  expected[0] = U(v[0]);
  for (std::size_t i = 1; i < v.size(); ++i) {
    using bits = std::make_unsigned_t<decltype(v[i] - v[i - 1])>;
    expected[i] = U(bits(v[i]) - bits(v[i - 1]));
  }
  auto out = on(ex, std::vector<U>(v.size()));
  lanes::adjacent_difference(ex, on(ex, v), out);
  REQUIRE(out.to_host() == expected);
}

TEST_CASE("adjacent_difference of signed integers wraps where the difference overflows", "[adjacent_difference]") {
  for_each_executor([](auto ex) {
    differences_wrap<std::int64_t, std::int64_t>(ex);
    differences_wrap<std::int32_t, std::int32_t>(ex);
    differences_wrap<std::int8_t, std::int8_t>(ex);
    differences_wrap<std::int8_t, std::int32_t>(ex);  // -128 - 127 = -255, no wrap at 8 bits
  });
}

#if !LANES_TEST_ON_GPU

// Floating reduce_by_key: the same bits on every CPU executor as on seq, close to the sums.
TEST_CASE("reduce_by_key of floats has seq's bits on every CPU executor", "[reduce_by_key]") {
  const std::size_t n = 70001;
  const auto keys = runs<std::int32_t>(n, 12);
  auto values = order_sensitive_floats(n, 13);
  std::vector<std::int32_t> keys_seq(n), keys_out(n);
  std::vector<float> sums_seq(n), sums(n);
  const std::size_t count = lanes::reduce_by_key(lanes::seq{}, keys, values, keys_seq, sums_seq);
  std::size_t run = 0;
  long double exact = 0, magnitude = 0;
  for (std::size_t i = 0; i < n; ++i) {
    exact += values[i];
    magnitude += std::fabs(values[i]);
    if (i + 1 == n || keys[i + 1] != keys[i]) {
      REQUIRE(std::fabs(sums_seq[run] - exact) <= 2 * sum_tolerance<float>(n, magnitude));
      ++run;
      exact = magnitude = 0;
    }
  }
  REQUIRE(run == count);
  for_each_cpu_executor([&](auto ex) {
    REQUIRE(lanes::reduce_by_key(ex, keys, values, keys_out, sums) == count);
    require_same_bits(sums, sums_seq);
  });
}

#ifdef LANES_MERGE_X86
// merge's vector steps (AVX-512, AVX2: each this processor has) and its scalar steps alone,
// on 4-byte integers against std::merge: both signs, keys from few values (ties across a and
// b in every vector) and from the whole range, sizes below, at and past a vector and a piece.
template <class T>
void merge_steps_match_std() {
  auto isas = vector_isas_here();
  isas.push_back(lanes::detail::vector_isa::none);
  std::mt19937 rng(21);
  for (std::uint32_t values : {7u, 0u}) {  // 0: any 32 bits
    const auto keys = [&](std::size_t n) {
      std::vector<T> v(n);
      for (auto& x : v) x = T(values ? rng() % values - values / 2 : rng());
      std::sort(v.begin(), v.end());
      return v;
    };
    for (std::size_t na : {0, 1, 15, 16, 17, 100, 40000, 70001})
      for (std::size_t nb : {std::size_t(0), std::size_t(16), na / 3 + 9, na + 33}) {
        const auto a = keys(na), b = keys(nb);
        std::vector<T> expected(na + nb);
        std::merge(a.begin(), a.end(), b.begin(), b.end(), expected.begin());
        // The CPU's pieces, and pieces of an odd size: many more cuts, none on a vector's edge.
        const std::size_t cpu_piece = lanes::detail::merge_piece_size<lanes::cpu>::of(lanes::cpu{}, na + nb);
        for (std::size_t piece : {cpu_piece, std::size_t(777)})
          for (auto isa : isas) {
            INFO("values " << values << ", na " << na << ", nb " << nb << ", piece " << piece << ", isa " << int(isa));
            std::vector<T> out(na + nb, T(12345));
            using move = lanes::detail::merged_from<T, T, T>;
            const lanes::detail::merge_pieces<T, T, lanes::detail::key_less, move> pieces{
                a.data(), na, b.data(), nb, piece, {}, move{out.data(), a.data(), b.data()}, isa};
            lanes::for_each_heavy_index(lanes::cpu{}, lanes::detail::ceil_div(na + nb, piece), pieces);
            REQUIRE(out == expected);
          }
      }
  }
}

TEST_CASE("merge's AVX-512, AVX2 and scalar steps each match std::merge", "[merge]") {
  merge_steps_match_std<std::uint32_t>();
  merge_steps_match_std<std::int32_t>();
}
#endif

TEST_CASE("unsorted input to merge and searches reads nothing outside the spans", "[merge][search][errors]") {
  // Undefined order, but no read outside the spans (ASan would stop the suite) and every
  // index in [0, n].
  const auto a = runs<std::int32_t>(5001, 14), b = runs<std::int32_t>(3001, 15);
  std::vector<std::int32_t> out(a.size() + b.size(), -7);
  std::vector<std::uint32_t> found(b.size());
  const std::vector<std::uint64_t> a_tags(a.size(), 1), b_tags(b.size(), 2);
  std::vector<std::uint64_t> tags(out.size(), 0);
  for_each_cpu_executor([&](auto ex) {
    lanes::merge(ex, a, b, out);
    lanes::merge_by_key(ex, a, a_tags, b, b_tags, out, tags);
    REQUIRE(std::all_of(tags.begin(), tags.end(), [](std::uint64_t t) { return t == 1 || t == 2; }));
    lanes::lower_bound(ex, a, b, found);
    REQUIRE(std::all_of(found.begin(), found.end(), [&](std::uint32_t i) { return i <= a.size(); }));
    lanes::upper_bound(ex, a, b, found);
    REQUIRE(std::all_of(found.begin(), found.end(), [&](std::uint32_t i) { return i <= a.size(); }));
  });
}

TEST_CASE("sequence algorithms name the argument that is short, null or overlapping", "[errors]") {
  const lanes::seq ex;
  std::vector<int> v{1, 1, 2, 3, 3, 3, 4}, small(3), out(7);
  const std::vector<std::uint32_t> values(7, 0);
  std::vector<std::uint32_t> small_values(3);
  auto positive = [](int x) { return x > 1; };
  REQUIRE_THROWS_AS(lanes::unique(ex, v, small), lanes::size_error);
  REQUIRE_THROWS_WITH(lanes::unique(ex, v, small), Catch::Contains("unique: out holds 3 elements but 4 are kept"));
  REQUIRE(small == std::vector<int>(3, 0));  // nothing written
  REQUIRE_THROWS_WITH(lanes::unique_by_key(ex, v, values, out, small_values),
                      Catch::Contains("values_out holds 3 elements but 4 are kept"));
  REQUIRE_THROWS_WITH(lanes::unique_by_key(ex, v, small_values, out, out),
                      Catch::Contains("keys has 7 elements but values has 3"));
  REQUIRE_THROWS_WITH(lanes::partition_copy(ex, v, out, small, [](int x) { return x > 3; }),
                      Catch::Contains("out_false holds 3 elements but 6 are kept"));
  REQUIRE_THROWS_WITH(lanes::stable_partition(ex, v, small, positive), Catch::Contains("out holds 3 elements but 7"));
  REQUIRE_THROWS_WITH(lanes::reduce_by_key(ex, v, values, small, out), Catch::Contains("keys_out holds 3"));
  REQUIRE_THROWS_WITH(lanes::merge(ex, v, v, out), Catch::Contains("merge: out holds 7 elements but 14"));
  REQUIRE_THROWS_WITH(lanes::lower_bound(ex, v, v, small_values), Catch::Contains("lower_bound: out holds 3"));
  REQUIRE_THROWS_WITH(lanes::adjacent_difference(ex, v, small), Catch::Contains("out holds 3"));
  lanes::span<int> all(v);
  REQUIRE_THROWS_WITH(lanes::unique(ex, all.subspan(0, 4), all.subspan(2, 4)), Catch::Contains("must be disjoint"));
  REQUIRE_THROWS_WITH(lanes::merge(ex, all.subspan(0, 2), all.subspan(2, 2), all.subspan(3, 4)),
                      Catch::Contains("merge: b and out overlap"));
  REQUIRE_THROWS_WITH(lanes::adjacent_difference(ex, all, all), Catch::Contains("must be disjoint"));
  // A by-key algorithm's outputs are apart from each other and from both inputs.
  std::vector<int> ints(7), more(7);
  REQUIRE_THROWS_WITH(lanes::unique_by_key(ex, v, ints, out, out), Catch::Contains("keys_out and values_out overlap"));
  REQUIRE_THROWS_WITH(lanes::reduce_by_key(ex, v, ints, out, v), Catch::Contains("keys and values_out overlap"));
  REQUIRE_THROWS_WITH(lanes::reduce_by_key(ex, v, ints, all.subspan(3, 4), more),
                      Catch::Contains("keys and keys_out overlap"));
  REQUIRE_THROWS_WITH(lanes::unique_by_key(ex, v, ints, ints, more), Catch::Contains("values and keys_out overlap"));
  lanes::span<int> spare(more);
  REQUIRE_THROWS_WITH(lanes::merge_by_key(ex, all.subspan(0, 2), spare.subspan(0, 2), all.subspan(2, 5),
                                          spare.subspan(2, 5), lanes::span<int>(ints), lanes::span<int>(ints)),
                      Catch::Contains("merge_by_key: keys_out and values_out overlap"));
  REQUIRE_THROWS_WITH(lanes::merge_by_key(ex, all.subspan(0, 2), spare.subspan(0, 2), all.subspan(2, 5),
                                          spare.subspan(2, 5), spare, out),
                      Catch::Contains("merge_by_key: a_values and keys_out overlap"));
  REQUIRE(v == std::vector<int>{1, 1, 2, 3, 3, 3, 4});
  REQUIRE(out == std::vector<int>(7, 0));
  const lanes::span<int> null(nullptr, 3);
  REQUIRE_THROWS_WITH(lanes::find_if(ex, null, positive), Catch::Contains("find_if: in has null data"));
  REQUIRE_THROWS_WITH(lanes::reverse(ex, null), Catch::Contains("reverse: data has null data"));
  REQUIRE_THROWS_WITH(lanes::partition(ex, null, positive), Catch::Contains("partition: data has null data"));
  REQUIRE_THROWS_WITH(lanes::replace_if(ex, null, positive, 0), Catch::Contains("replace_if: data has null data"));
  REQUIRE_THROWS_WITH(lanes::upper_bound(ex, null, v, out), Catch::Contains("upper_bound: sorted has null data"));
}

#endif
