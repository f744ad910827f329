// SPDX-License-Identifier: Apache-2.0
// The C ABI's sequence algorithms (unique, merge, the searches, reverse, adjacent_difference,
// reduce_by_key, unique_by_key, merge_by_key), on seq and cpu:2: against std:: algorithms
// and naive loops on every dtype, bit for bit, then each call's statuses, with the arrays
// left unchanged.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <utility>
#include <vector>

#include "c_api_support.hpp"
#include "key_order.hpp"
#include "lanes/scan.hpp"
#include "support.hpp"

using namespace lanes_test;
using namespace lanes_c_test;

TEMPLATE_LIST_TEST_CASE("C ABI: unique, merge, the searches, reverse and adjacent_difference match std's", "[c_api]",
                        c_dtypes) {
  using T = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {0, 1, 2, 17, 5003}) {
      INFO(spec << ", n = " << n);
      const auto values = runs<T>(n, 21);  // runs of equal items; both zeros, infinities and NaNs for floats
      auto in = make(d.get(), values);

      std::vector<T> kept;
      std::unique_copy(values.begin(), values.end(), std::back_inserter(kept), documented_equal<T>);
      auto out = make(d.get(), std::vector<T>(n + 1, T(7)));
      std::size_t count = 99;
      REQUIRE(lanes_unique(in.get(), out.get(), &count) == LANES_OK);
      REQUIRE(count == kept.size());
      kept.resize(n + 1, T(7));  // the rest of out unchanged
      require_same_bits(read<T>(out.get()), kept);

      const auto a = sorted_runs<T>(n, 22), b = sorted_runs<T>(n / 2 + 1, 23);
      std::vector<T> merged;
      std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(merged), documented_less<T>);
      auto as = make(d.get(), a), bs = make(d.get(), b), ms_ = make(d.get(), std::vector<T>(merged.size()));
      REQUIRE(lanes_merge(as.get(), bs.get(), ms_.get()) == LANES_OK);
      require_same_bits(read<T>(ms_.get()), merged);

      const auto needles = runs<T>(n / 3 + 2, 24);
      std::vector<std::int64_t> lower(needles.size()), upper(needles.size());
      for (std::size_t i = 0; i < needles.size(); ++i) {
        lower[i] = std::lower_bound(a.begin(), a.end(), needles[i], documented_less<T>) - a.begin();
        upper[i] = std::upper_bound(a.begin(), a.end(), needles[i], documented_less<T>) - a.begin();
      }
      auto ns = make(d.get(), needles), at = make(d.get(), std::vector<std::int64_t>(needles.size()));
      REQUIRE(lanes_lower_bound(as.get(), ns.get(), at.get()) == LANES_OK);
      require_equal(read<std::int64_t>(at.get()), lower);
      REQUIRE(lanes_upper_bound(as.get(), ns.get(), at.get()) == LANES_OK);
      require_equal(read<std::int64_t>(at.get()), upper);

      auto reversed = values;
      std::reverse(reversed.begin(), reversed.end());
      REQUIRE(lanes_reverse(in.get()) == LANES_OK);
      require_same_bits(read<T>(in.get()), reversed);

      // Differences of numbers (no NaN): signed ones wrap, as the unsigned loop here does.
      auto numbers = random_values<T>(n, 25);
      if constexpr (std::is_signed_v<T> && std::is_integral_v<T>)
        if (n > 2) numbers[1] = std::numeric_limits<T>::max(), numbers[2] = std::numeric_limits<T>::min();
      std::vector<T> differences(n);
      for (std::size_t i = 0; i < n; ++i) {
        if constexpr (std::is_integral_v<T>) {
          using bits = std::make_unsigned_t<decltype(numbers[i] - numbers[i])>;
          differences[i] = i == 0 ? numbers[0] : T(bits(numbers[i]) - bits(numbers[i - 1]));
        } else {
          differences[i] = i == 0 ? numbers[0] : T(numbers[i] - numbers[i - 1]);
        }
      }
      auto xs = make(d.get(), numbers), ds = make(d.get(), std::vector<T>(n));
      REQUIRE(lanes_adjacent_difference(xs.get(), ds.get()) == LANES_OK);
      require_same_bits(read<T>(ds.get()), differences);
    }
  }
}

// float values that are small integers: every sum is exact, in any order, so a loop gives
// it. double values of every magnitude: the bits of the header run on seq (the order of the
// sums is fixed).
TEMPLATE_LIST_TEST_CASE("C ABI: reduce_by_key sums every run of equal keys", "[c_api]", c_dtypes) {
  using K = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {0, 1, 2, 17, 70001}) {
      INFO(spec << ", n = " << n);
      const auto keys = runs<K>(n, 26);
      std::vector<float> values(n);
      for (std::size_t i = 0; i < n; ++i) values[i] = float(int(i % 7) - 3);
      std::vector<K> heads;
      std::vector<float> sums;
      for (std::size_t i = 0; i < n; ++i) {
        if (i == 0 || !documented_equal(keys[i], keys[i - 1])) heads.push_back(keys[i]), sums.push_back(0);
        sums.back() += values[i];
      }
      const std::size_t expected_runs = heads.size();
      heads.resize(n + 1, K(9));  // the rest of the outputs unchanged
      sums.resize(n + 1, 9.0f);
      auto ks = make(d.get(), keys), vs = make(d.get(), values);
      auto ko = make(d.get(), std::vector<K>(n + 1, K(9))), so = make(d.get(), std::vector<float>(n + 1, 9.0f));
      std::size_t count = 0;
      REQUIRE(lanes_reduce_by_key(ks.get(), vs.get(), ko.get(), so.get(), &count) == LANES_OK);
      REQUIRE(count == expected_runs);
      require_same_bits(read<K>(ko.get()), heads);
      require_same_bits(read<float>(so.get()), sums);

      std::vector<double> wide(n), wide_sums(n), wide_seq(n);
      for (std::size_t i = 0; i < n; ++i) wide[i] = std::ldexp(double(values[i]) + 0.1, int(i % 41) - 20);
      std::vector<K> heads_seq(n);
      lanes::reduce_by_key(lanes::seq{}, cs(keys), cs(wide), ms(heads_seq), ms(wide_seq));
      auto ws = make(d.get(), wide), wo = make(d.get(), std::vector<double>(n));
      REQUIRE(lanes_reduce_by_key(ks.get(), ws.get(), ko.get(), wo.get(), &count) == LANES_OK);
      require_same_bits(read<double>(wo.get()), wide_seq);
    }
  }
}

// Values of each width (1, 4, 8 bytes; NaN payloads and -0.0 among the doubles) keep their
// bits beside the first key of each run.
TEMPLATE_LIST_TEST_CASE("C ABI: unique_by_key keeps the value beside each kept key", "[c_api]", c_dtypes) {
  using K = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {0, 1, 2, 17, 70001}) {
      INFO(spec << ", n = " << n);
      const auto keys = runs<K>(n, 27);
      std::vector<std::size_t> heads;
      for (std::size_t i = 0; i < n; ++i)
        if (i == 0 || !documented_equal(keys[i], keys[i - 1])) heads.push_back(i);
      auto ks = make(d.get(), keys);
      auto check = [&](auto value_type) {
        using V = decltype(value_type);
        const auto values = runs<V>(n, 28);
        std::vector<K> expected_keys(n + 1, K(7));
        std::vector<V> expected_values(n + 1, V(7));  // the rest of the outputs unchanged
        for (std::size_t r = 0; r < heads.size(); ++r)
          expected_keys[r] = keys[heads[r]], expected_values[r] = values[heads[r]];
        auto vs = make(d.get(), values);
        auto ko = make(d.get(), std::vector<K>(n + 1, K(7)));
        auto vo = make(d.get(), std::vector<V>(n + 1, V(7)));
        std::size_t count = 99;
        REQUIRE(lanes_unique_by_key(ks.get(), vs.get(), ko.get(), vo.get(), &count) == LANES_OK);
        REQUIRE(count == heads.size());
        require_same_bits(read<K>(ko.get()), expected_keys);
        require_same_bits(read<V>(vo.get()), expected_values);
      };
      check(std::int8_t{});
      check(float{});
      check(double{});
    }
  }
}

// std::merge of (key, value) pairs on keys (stable: a's first among equal keys) gives where
// each value goes; values of each width keep their bits.
TEMPLATE_LIST_TEST_CASE("C ABI: merge_by_key moves each value with its key", "[c_api]", c_dtypes) {
  using K = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {0, 1, 2, 17, 70001}) {
      INFO(spec << ", n = " << n);
      const auto a_keys = sorted_runs<K>(n, 29), b_keys = sorted_runs<K>(n / 2 + 1, 30);
      auto aks = make(d.get(), a_keys), bks = make(d.get(), b_keys);
      const std::size_t total = a_keys.size() + b_keys.size();
      auto check = [&](auto value_type) {
        using V = decltype(value_type);
        const auto a_values = runs<V>(a_keys.size(), 31), b_values = runs<V>(b_keys.size(), 32);
        std::vector<std::pair<K, V>> a, b, merged;
        for (std::size_t i = 0; i < a_keys.size(); ++i) a.emplace_back(a_keys[i], a_values[i]);
        for (std::size_t i = 0; i < b_keys.size(); ++i) b.emplace_back(b_keys[i], b_values[i]);
        std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(merged),
                   [](const auto& x, const auto& y) { return documented_less(x.first, y.first); });
        std::vector<K> expected_keys;
        std::vector<V> expected_values;
        for (const auto& [key, value] : merged) expected_keys.push_back(key), expected_values.push_back(value);
        auto avs = make(d.get(), a_values), bvs = make(d.get(), b_values);
        auto ko = make(d.get(), std::vector<K>(total)), vo = make(d.get(), std::vector<V>(total));
        REQUIRE(lanes_merge_by_key(aks.get(), avs.get(), bks.get(), bvs.get(), ko.get(), vo.get()) == LANES_OK);
        require_same_bits(read<K>(ko.get()), expected_keys);
        require_same_bits(read<V>(vo.get()), expected_values);
      };
      check(std::uint8_t{});
      check(std::int32_t{});
      check(double{});
    }
  }
}

TEST_CASE("C ABI: the sequence algorithms reject bad arguments before writing", "[c_api]") {
  auto d = open("cpu:2");
  auto in = make(d.get(), std::vector<double>{1, 1, 2, 3, 3});
  auto two = make(d.get(), std::vector<double>{9, 9});
  auto floats = make(d.get(), std::vector<float>{9, 9, 9, 9, 9});
  std::size_t count = 99;
  require_failure(lanes_unique(in.get(), two.get(), &count), LANES_ESIZE, "out holds 2 elements but 3 are kept");
  require_failure(lanes_unique(in.get(), in.get(), &count), LANES_EINVAL, "disjoint");
  require_failure(lanes_unique(in.get(), floats.get(), &count), LANES_EDTYPE, "in has dtype F64 but out has F32");
  require_failure(lanes_unique(in.get(), two.get(), nullptr), LANES_EINVAL, "count is NULL");
  REQUIRE(count == 99);
  require_failure(lanes_merge(in.get(), two.get(), in.get()), LANES_ESIZE, "out has 5 elements but a and b have 5 + 2");
  auto seven = make(d.get(), std::vector<double>(7, 9.0));
  require_failure(lanes_merge(in.get(), two.get(), nullptr), LANES_EINVAL, "out is NULL");
  require_failure(lanes_merge(in.get(), floats.get(), seven.get()), LANES_EDTYPE, "b has dtype F32 but out has F64");
  auto other = open("seq");
  auto elsewhere = make(other.get(), std::vector<double>{0, 0});
  require_failure(lanes_merge(in.get(), elsewhere.get(), seven.get()), LANES_EINVAL, "different devices");
  auto indices = make(d.get(), std::vector<std::int64_t>{-1, -1});
  auto narrow = make(d.get(), std::vector<std::int32_t>{-1, -1});
  auto one = make(d.get(), std::vector<std::int64_t>{-1});
  require_failure(lanes_lower_bound(in.get(), two.get(), narrow.get()), LANES_EDTYPE, "out_i64 has dtype I32, not I64");
  require_failure(lanes_upper_bound(in.get(), two.get(), one.get()), LANES_ESIZE, "needles has 2 elements");
  require_failure(lanes_lower_bound(in.get(), floats.get(), indices.get()), LANES_EDTYPE, "sorted has dtype F64");
  require_failure(lanes_lower_bound(nullptr, two.get(), indices.get()), LANES_EINVAL, "sorted is NULL");
  require_failure(lanes_reverse(nullptr), LANES_EINVAL, "x is NULL");
  require_failure(lanes_adjacent_difference(in.get(), in.get()), LANES_EINVAL, "disjoint");
  require_failure(lanes_adjacent_difference(in.get(), two.get()), LANES_ESIZE, "elements");
  auto keys = make(d.get(), std::vector<std::int32_t>{4, 4, 5, 6, 6});
  auto key_room = make(d.get(), std::vector<std::int32_t>{0, 0});
  std::size_t runs = 99;
  require_failure(lanes_reduce_by_key(keys.get(), in.get(), key_room.get(), seven.get(), &runs), LANES_ESIZE,
                  "keys_out holds 2 elements but 3 are kept");
  require_failure(lanes_reduce_by_key(keys.get(), two.get(), seven.get(), seven.get(), &runs), LANES_EDTYPE,
                  "keys has dtype I32 but keys_out has F64");
  require_failure(lanes_reduce_by_key(keys.get(), two.get(), keys.get(), two.get(), &runs), LANES_ESIZE,
                  "keys has 5 elements but values has 2");
  require_failure(lanes_reduce_by_key(keys.get(), keys.get(), key_room.get(), key_room.get(), &runs), LANES_EDTYPE,
                  "values has dtype I32; this call takes F32 or F64");
  require_failure(lanes_reduce_by_key(keys.get(), in.get(), keys.get(), seven.get(), nullptr), LANES_EINVAL,
                  "runs is NULL");
  require_failure(lanes_unique_by_key(keys.get(), in.get(), key_room.get(), seven.get(), &runs), LANES_ESIZE,
                  "keys_out holds 2 elements but 3 are kept");
  require_failure(lanes_unique_by_key(keys.get(), in.get(), seven.get(), seven.get(), &runs), LANES_EDTYPE,
                  "keys has dtype I32 but keys_out has F64");
  require_failure(lanes_unique_by_key(keys.get(), in.get(), keys.get(), floats.get(), &runs), LANES_EDTYPE,
                  "values has dtype F64 but values_out has F32");
  require_failure(lanes_unique_by_key(keys.get(), two.get(), keys.get(), seven.get(), &runs), LANES_ESIZE,
                  "keys has 5 elements but values has 2");
  require_failure(lanes_unique_by_key(keys.get(), in.get(), keys.get(), seven.get(), &runs), LANES_EINVAL,
                  "disjoint");
  require_failure(lanes_unique_by_key(keys.get(), in.get(), key_room.get(), seven.get(), nullptr), LANES_EINVAL,
                  "count is NULL");
  auto ints = make(d.get(), std::vector<std::int32_t>{1, 2, 3, 4, 5});
  require_failure(lanes_unique_by_key(keys.get(), ints.get(), key_room.get(), key_room.get(), &runs), LANES_EINVAL,
                  "keys_out and values_out overlap");
  require_failure(lanes_unique_by_key(keys.get(), ints.get(), key_room.get(), keys.get(), &runs), LANES_EINVAL,
                  "keys and values_out overlap");
  auto sorted = make(d.get(), std::vector<std::int32_t>{1, 2});
  auto merged = make(d.get(), std::vector<std::int32_t>(7, 0));
  require_failure(lanes_merge_by_key(keys.get(), in.get(), sorted.get(), two.get(), key_room.get(), seven.get()),
                  LANES_ESIZE, "keys_out has 2 and values_out 7 elements but a_keys and b_keys have 5 + 2");
  require_failure(lanes_merge_by_key(keys.get(), in.get(), sorted.get(), ints.get(), merged.get(), seven.get()),
                  LANES_EDTYPE, "b_values has dtype I32 but values_out has F64");
  require_failure(lanes_merge_by_key(keys.get(), in.get(), two.get(), two.get(), merged.get(), seven.get()),
                  LANES_EDTYPE, "b_keys has dtype F64 but keys_out has I32");
  require_failure(lanes_merge_by_key(keys.get(), two.get(), sorted.get(), two.get(), merged.get(), seven.get()),
                  LANES_ESIZE, "a_keys has 5 elements but a_values has 2");
  require_failure(lanes_merge_by_key(keys.get(), in.get(), sorted.get(), nullptr, merged.get(), seven.get()),
                  LANES_EINVAL, "b_values is NULL");
  require_failure(lanes_merge_by_key(keys.get(), in.get(), sorted.get(), two.get(), merged.get(), merged.get()),
                  LANES_EDTYPE, "values_out");
  require_failure(lanes_merge_by_key(keys.get(), ints.get(), sorted.get(), sorted.get(), merged.get(), merged.get()),
                  LANES_EINVAL, "keys_out and values_out overlap");
  require_equal(read<std::int32_t>(merged.get()), std::vector<std::int32_t>(7, 0));
  REQUIRE(runs == 99);
  require_equal(read<std::int32_t>(key_room.get()), std::vector<std::int32_t>{0, 0});
  require_equal(read<double>(in.get()), std::vector<double>{1, 1, 2, 3, 3});
  require_equal(read<double>(two.get()), std::vector<double>{9, 9});
  require_equal(read<double>(seven.get()), std::vector<double>(7, 9.0));
  require_equal(read<std::int64_t>(indices.get()), std::vector<std::int64_t>{-1, -1});
}
