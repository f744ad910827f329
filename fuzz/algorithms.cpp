// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: sort, sort_by_key, the scans, histogram and reduce on data and shapes
// from the input, on seq and on cpu:2, against std:: references: sorts exactly (the
// documented order, stable), integer scans and sums exactly (wrapping modulo 2^bits),
// floating scans and sums bit for bit between the executors (the order is fixed),
// histogram counts against the rule in long double. Anything else aborts (a finding).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <type_traits>
#include <vector>

#include "key_order.hpp"
#include "lanes/histogram.hpp"
#include "lanes/reduce.hpp"
#include "lanes/scan.hpp"
#include "lanes/sort.hpp"

namespace {

[[noreturn]] void finding(const char* what, int line) {
  std::fprintf(stderr, "fuzz_algorithms:%d: %s\n", line, what);
  std::abort();
}
#define EXPECT(cond) \
  if (!(cond)) finding(#cond, __LINE__)

using lanes_test::documented_less;

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

const lanes::cpu& two_threads() {
  static const lanes::cpu ex(2);
  return ex;
}

template <class T>
void check(const std::uint8_t* data, std::size_t size, unsigned what, std::size_t repeat) {
  // Repeating the input's items makes long runs of duplicates and sizes past a block.
  std::size_t items = size / sizeof(T);
  repeat = std::max<std::size_t>(1, std::min(repeat, (1u << 18) / std::max<std::size_t>(items, 1)));  // <= 256 Ki items
  std::vector<T> v(items * repeat);
  for (std::size_t r = 0; r < repeat; ++r)
    if (items) std::memcpy(v.data() + r * items, data, items * sizeof(T));
  const lanes::span<const T> in(v);
  switch (what % 5) {
    case 0: {  // sort
      auto expected = v;
      std::stable_sort(expected.begin(), expected.end(), documented_less<T>);
      auto a = v, b = v;
      lanes::sort(lanes::seq{}, lanes::span<T>(a));
      lanes::sort(two_threads(), lanes::span<T>(b));
      EXPECT(same_bits(a, expected) && same_bits(b, expected));
      break;
    }
    case 1: {  // sort_by_key: values are the items' first positions
      std::vector<std::uint32_t> order(v.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = std::uint32_t(i);
      auto keys = v;
      lanes::sort_by_key(two_threads(), lanes::span<T>(keys), lanes::span<std::uint32_t>(order));
      std::vector<std::uint32_t> expected(v.size());
      for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = std::uint32_t(i);
      std::stable_sort(expected.begin(), expected.end(), [&](std::uint32_t x, std::uint32_t y) { return documented_less(v[x], v[y]); });
      EXPECT(order == expected);
      break;
    }
    case 2: {  // inclusive and exclusive scans
      std::vector<T> a(v.size()), b(v.size()), c(v.size());
      lanes::inclusive_scan(lanes::seq{}, in, lanes::span<T>(a));
      lanes::inclusive_scan(two_threads(), in, lanes::span<T>(b));
      EXPECT(same_bits(a, b));
      lanes::exclusive_scan(two_threads(), in, lanes::span<T>(c), T(0));
      if constexpr (std::is_integral_v<T>) {
        using U = std::make_unsigned_t<T>;
        U running = 0;
        for (std::size_t i = 0; i < v.size(); ++i) {
          EXPECT(c[i] == T(running));
          running = U(running + U(v[i]));
          EXPECT(a[i] == T(running));
        }
      }
      break;
    }
    case 3: {  // histogram
      if (v.empty()) break;
      double lo = double(v[0]), hi = double(v[v.size() / 2]);
      if (!(lo < hi) || !std::isfinite(lo) || !std::isfinite(hi)) break;
      std::size_t nbins = 1 + what % 97;
      std::vector<std::uint64_t> a(nbins), b(nbins), expected(nbins);
      std::uint64_t dropped_a = lanes::histogram(lanes::seq{}, in, lo, hi, lanes::span<std::uint64_t>(a));
      std::uint64_t dropped_b = lanes::histogram(two_threads(), in, lo, hi, lanes::span<std::uint64_t>(b));
      EXPECT(a == b && dropped_a == dropped_b);
      // The rule in long double: exact for integers over integer bounds; a float near a
      // bin's edge may round either way in double, so floats are checked for what is dropped.
      const bool exact = std::is_integral_v<T> && lo == std::floor(lo) && hi == std::floor(hi);
      std::uint64_t dropped = 0;
      for (T x : v) {
        long double d = x;
        if (!(d >= lo && d < hi)) {
          ++dropped;
          continue;
        }
        if constexpr (std::is_integral_v<T>) {
          if (exact) {  // floor((x - lo) bins / (hi - lo)) in 128-bit integers
            __extension__ typedef __int128 int128;
            const int128 offset = int128(x) - int128(lo), width = int128(hi) - int128(lo);
            ++expected[std::size_t(offset * int128(nbins) / width)];
          }
        }
      }
      EXPECT(dropped == dropped_a);
      std::uint64_t total = 0;
      for (auto c : a) total += c;
      EXPECT(total + dropped == v.size());
      if (exact) EXPECT(a == expected);
      break;
    }
    default: {  // reduce
      if constexpr (std::is_integral_v<T>) {
        using U = std::make_unsigned_t<T>;
        U sum = 0;
        for (T x : v) sum = U(sum + U(x));
        EXPECT(lanes::reduce(two_threads(), in, T(0)) == T(sum));
      } else {
        double a = lanes::reduce(lanes::seq{}, in, 0.0), b = lanes::reduce(two_threads(), in, 0.0);
        EXPECT(std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b)));
      }
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const unsigned what = data[0], type = data[1] % 8;
  const std::size_t repeat = 1 + (data[0] >> 5) * (data[0] >> 5) * 97;  // up to 4754 copies
  data += 2;
  size -= 2;
  switch (type) {
    case 0: check<float>(data, size, what, repeat); break;
    case 1: check<double>(data, size, what, repeat); break;
    case 2: check<std::int32_t>(data, size, what, repeat); break;
    case 3: check<std::int64_t>(data, size, what, repeat); break;
    case 4: check<std::uint32_t>(data, size, what, repeat); break;
    case 5: check<std::uint64_t>(data, size, what, repeat); break;
    case 6: check<std::int8_t>(data, size, what, repeat); break;
    default: check<std::uint8_t>(data, size, what, repeat); break;
  }
  return 0;
}
