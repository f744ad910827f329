// SPDX-License-Identifier: Apache-2.0
// Contiguous ranges where spans are taken (lanes/detail/ranges.hpp): std::vector, std::array,
// C arrays, const and temporary containers on the CPU executors; lanes::array on every
// executor. Each result is checked against std:: or a naive loop.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <numeric>
#include <vector>

#include "lanes/fill.hpp"
#include "lanes/histogram.hpp"
#include "lanes/kernels/blas.hpp"
#include "lanes/kernels/gemm.hpp"
#include "lanes/kernels/grids.hpp"
#include "lanes/min_max.hpp"
#include "lanes/permute.hpp"
#include "lanes/reduce.hpp"
#include "lanes/scan.hpp"
#include "lanes/select.hpp"
#include "lanes/sort.hpp"
#include "lanes/transform.hpp"
#include "support.hpp"

using namespace lanes_test;

namespace {

// lanes::array itself (not its view()) wherever a span goes, in the executor's memory.
template <class Ex>
void arrays_are_ranges(Ex ex) {
  const auto v = random_values<std::int32_t>(4099, 3);
  auto keys = on(ex, v);
  lanes::sort(ex, keys);
  auto expected = v;
  std::sort(expected.begin(), expected.end());
  require_equal(keys.to_host(), expected);
  const auto& sorted = keys;  // a const array: a span of const elements
  REQUIRE(lanes::reduce(ex, sorted, std::int64_t{0}) == std::accumulate(v.begin(), v.end(), std::int64_t{0}));
  auto out = on(ex, std::vector<std::int32_t>(v.size()));
  lanes::inclusive_scan(ex, sorted, out);
  std::vector<std::int32_t> prefix(v.size());
  std::partial_sum(expected.begin(), expected.end(), prefix.begin());
  require_equal(out.to_host(), prefix);
}

}  // namespace

TEST_CASE("lanes::array is taken wherever a span is", "[ranges]") {
  for_each_executor([](auto ex) { arrays_are_ranges(ex); });
}

#if !LANES_TEST_ON_GPU  // host containers live in host memory: the CPU executors only

TEST_CASE("std::vector, std::array and C arrays are taken by every algorithm", "[ranges]") {
  for_each_cpu_executor([](auto ex) {
    const std::vector<float> v = random_values<float>(1001, 7);
    std::vector<float> keys = v;
    lanes::sort(ex, keys);
    REQUIRE(std::is_sorted(keys.begin(), keys.end()));

    std::vector<std::uint32_t> ids(v.size());
    lanes::iota(ex, ids, 0u);
    std::vector<float> by_key = v;
    lanes::sort_by_key(ex, by_key, ids);
    for (std::size_t i = 0; i < ids.size(); ++i) REQUIRE(v[ids[i]] == by_key[i]);

    std::array<int, 5> small{5, -1, 4, 2, 3};
    lanes::sort(ex, small);
    REQUIRE(small == std::array<int, 5>{-1, 2, 3, 4, 5});
    int c_array[4] = {9, 8, 7, 6};
    lanes::sort(ex, c_array);
    REQUIRE((c_array[0] == 6 && c_array[3] == 9));

    // A const vector as input, a temporary as input.
    REQUIRE(lanes::reduce(ex, std::vector<int>{1, 2, 3, 4}, 0) == 10);
    REQUIRE(lanes::count_if(ex, v, [](float x) { return x > 0; }) ==
            std::size_t(std::count_if(v.begin(), v.end(), [](float x) { return x > 0; })));
    const double expected_sum = std::accumulate(v.begin(), v.end(), 0.0);
    REQUIRE(lanes::reduce(ex, v, 0.0) == Approx(expected_sum).margin(1e-9));
    REQUIRE(lanes::transform_reduce(ex, v, 0.0, std::plus<>{}, [](float x) { return double(x) * x; }) ==
            Approx(std::inner_product(v.begin(), v.end(), v.begin(), 0.0)));
    auto mm = lanes::min_max(ex, v);
    REQUIRE(mm.min == *std::min_element(v.begin(), v.end()));
    REQUIRE(mm.max == *std::max_element(v.begin(), v.end()));

    std::vector<float> doubled(v.size());
    lanes::transform(ex, v, doubled, [](float x) { return 2 * x; });
    for (std::size_t i = 0; i < v.size(); ++i) REQUIRE(doubled[i] == 2 * v[i]);
    std::vector<float> sums(v.size());
    lanes::transform(ex, v, doubled, sums, std::plus<>{});
    for (std::size_t i = 0; i < v.size(); ++i) REQUIRE(sums[i] == v[i] + doubled[i]);

    std::vector<int> ints{3, 1, 4, 1, 5, 9, 2, 6}, scanned(ints.size()), expected(ints.size());
    lanes::inclusive_scan(ex, ints, scanned);
    std::inclusive_scan(ints.begin(), ints.end(), expected.begin());
    REQUIRE(scanned == expected);
    lanes::exclusive_scan(ex, ints, scanned, 10);
    std::exclusive_scan(ints.begin(), ints.end(), expected.begin(), 10);
    REQUIRE(scanned == expected);

    std::vector<int> kept(ints.size());
    REQUIRE(lanes::copy_if(ex, ints, kept, [](int x) { return x > 3; }) == 4);
    REQUIRE(std::vector<int>(kept.begin(), kept.begin() + 4) == std::vector<int>{4, 5, 9, 6});

    std::vector<std::uint64_t> bins(4);
    REQUIRE(lanes::histogram(ex, ints, 0.0, 8.0, bins) == 1);  // 9 is outside
    REQUIRE(bins == std::vector<std::uint64_t>{2, 2, 2, 1});

    const std::vector<std::int64_t> indices{7, 0, 3};
    std::vector<int> gathered(3);
    lanes::gather(ex, ints, indices, gathered);
    REQUIRE(gathered == std::vector<int>{6, 3, 1});
    std::vector<int> scattered(8, 0);
    lanes::scatter(ex, gathered, indices, scattered);
    REQUIRE(scattered == std::vector<int>{3, 0, 0, 1, 0, 0, 0, 6});
    lanes::fill(ex, scattered, 7);
    REQUIRE(scattered == std::vector<int>(8, 7));
  });
}

TEST_CASE("kernels take containers, read-only inputs as mutable or const ranges", "[ranges][kernels]") {
  namespace k = lanes::kernels;
  for_each_cpu_executor([](auto ex) {
    const std::vector<double> x = random_values<double>(333, 1);
    std::vector<double> y = random_values<double>(333, 2), y0 = y;
    k::axpy(ex, 2.0, x, y);
    for (std::size_t i = 0; i < y.size(); ++i) REQUIRE(y[i] == 2.0 * x[i] + y0[i]);
    double naive = 0;
    for (std::size_t i = 0; i < x.size(); ++i) naive += x[i] * y[i];
    REQUIRE(k::dot(ex, x, y) == Approx(naive).epsilon(1e-12));
    REQUIRE(k::dot(ex, lanes::span<double>(y0), x) == Approx(std::inner_product(x.begin(), x.end(), y0.begin(), 0.0)));
    REQUIRE(k::nrm2(ex, x) == Approx(std::sqrt(std::inner_product(x.begin(), x.end(), x.begin(), 0.0))));
    k::scal(ex, 0.5, y0);

    // C = A B, 3x4 times 4x2, row-major, against the naive triple loop.
    std::vector<float> a = random_values<float>(12, 3), b = random_values<float>(8, 4), c(6, 0.0f);
    k::gemm(ex, 3, 2, 4, 1.0f, a, b, 0.0f, c);
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 2; ++j) {
        double s = 0;
        for (std::size_t p = 0; p < 4; ++p) s += double(a[i * 4 + p]) * b[p * 2 + j];
        REQUIRE(c[i * 2 + j] == Approx(s).margin(1e-5));
      }
    std::vector<std::uint8_t> mask(a.size());
    k::threshold(ex, a, 0.25f, mask);
    for (std::size_t i = 0; i < a.size(); ++i) REQUIRE(mask[i] == (a[i] > 0.25f ? 255 : 0));
  });
}

// A non-contiguous range does not compile, with a message that says why: the ctest
// ranges_not_contiguous builds tests/compile_fail/noncontiguous.cpp and expects it.

#endif
