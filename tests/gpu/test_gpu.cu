// The algorithms on lanes::cuda against seq on the same inputs, for the families whose CPU
// test bodies do not run on cuda yet (those that do: tests/gpu/test_<family>.cu), and what
// only a GPU has (bits equal to seq's across devices, device memory errors). Runs where a
// GPU answers; elsewhere it prints why and exits 77 (ctest: skipped).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "lanes/array.hpp"
#include "lanes/cuda.cuh"
#include "lanes/detail/cuda_runtime.hpp"

namespace {

const std::vector<std::size_t> sizes = {0, 1, 2, 3, 17, 1000, 4099, (1u << 20) + 7};

// The first `count` elements of two vectors have the same bytes (NaN and -0.0 included).
template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b, std::size_t count) {
  return count == 0 || std::memcmp(a.data(), b.data(), count * sizeof(T)) == 0;
}

std::vector<float> random_floats(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed + unsigned(n));
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(gen) * std::ldexp(1.0f, int(gen() % 41) - 20);
  return v;
}

// The GPU under test, opened on first use (after main has checked that one answers).
const lanes::device& gpu() {
  static const lanes::device d("cuda:0");
  return d;
}

}  // namespace

TEST_CASE("cuda for_each_index covers 1D, 2D and 3D ranges once", "[gpu]") {
  lanes::cuda ex;
  for (std::size_t n : sizes) {
    lanes::array<std::uint32_t> visits(n, gpu());
    auto v = visits.view();
    lanes::for_each_index(ex, n, [=] LANES_HD(std::size_t i) { v[i] += std::uint32_t(i % 7) + 1; });
    auto host = visits.to_host();
    for (std::size_t i = 0; i < n; ++i) REQUIRE(host[i] == i % 7 + 1);
  }
  lanes::array<std::uint32_t> grid(7 * 13 * 17, gpu());
  auto g = grid.view();
  lanes::for_each_index(ex, 7, 13, 17, [=] LANES_HD(std::size_t i, std::size_t j, std::size_t k) {
    g[(i * 13 + j) * 17 + k] = std::uint32_t(i * 10000 + j * 100 + k);
  });
  auto host = grid.to_host();
  for (std::size_t i = 0; i < 7; ++i)
    for (std::size_t j = 0; j < 13; ++j)
      for (std::size_t k = 0; k < 17; ++k) REQUIRE(host[(i * 13 + j) * 17 + k] == i * 10000 + j * 100 + k);
  lanes::for_each_index(ex, 1025, 1023, [=] LANES_HD(std::size_t i, std::size_t j) { g[(i * 1023 + j) % 1547] = 1; });
  ex.wait();
}

TEST_CASE("cuda transform, fill and iota match seq", "[gpu]") {
  lanes::cuda ex;
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto a = random_floats(n, 1), b = random_floats(n, 2);
    lanes::array<float> da(a.data(), n, gpu()), db(b.data(), n, gpu()), dout(n, gpu());
    auto axpy = [] LANES_HD(float x, float y) { return 2.5f * x + y; };
    lanes::transform(ex, da.view(), db.view(), dout.view(), axpy);
    std::vector<float> expected(n);
    lanes::transform(lanes::seq{}, lanes::span<const float>(a), lanes::span<const float>(b), lanes::span<float>(expected), axpy);
    REQUIRE(dout.to_host() == expected);
    lanes::fill(ex, dout.view(), 4.0f);
    REQUIRE(dout.to_host() == std::vector<float>(n, 4.0f));
    lanes::array<std::int64_t> idx(n, gpu());
    lanes::iota(ex, idx.view(), -5);
    auto host = idx.to_host();
    for (std::size_t i = 0; i < n; ++i) REQUIRE(host[i] == std::int64_t(i) - 5);
  }
}

// Every reduce on cuda takes seq's order (not only the deterministic one, which the shared
// bodies check against the documented order): the same bits, up to 2^24 items.
TEST_CASE("cuda reductions give the same bits as seq", "[gpu]") {
  lanes::cuda ex;
  for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(17), std::size_t(4096), std::size_t(4099),
                        std::size_t((1u << 20) + 7), std::size_t((1u << 24) + 3)}) {
    INFO("n = " << n);
    auto v = random_floats(n, 3);
    lanes::array<float> d(v.data(), n, gpu());
    lanes::span<const float> host(v);
    float f_gpu = lanes::reduce(ex, d.view(), 0.0f), f_seq = lanes::reduce(lanes::seq{}, host, 0.0f);
    REQUIRE(std::memcmp(&f_gpu, &f_seq, sizeof f_gpu) == 0);
    auto square = [] LANES_HD(float x) { return double(x) * x; };
    double s_gpu = lanes::transform_reduce(ex, d.view(), 0.0, std::plus<>{}, square);
    double s_seq = lanes::transform_reduce(lanes::seq{}, host, 0.0, std::plus<>{}, square);
    REQUIRE(std::memcmp(&s_gpu, &s_seq, sizeof s_gpu) == 0);
  }
}

TEST_CASE("cuda copy_if, gather, scatter and histogram match seq", "[gpu]") {
  lanes::cuda ex;
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto v = random_floats(n, 5);
    if (n > 3) v[3] = NAN;
    lanes::array<float> d(v.data(), n, gpu()), out(n, gpu());
    auto positive = [] LANES_HD(float x) { return x > 0.0f; };
    std::vector<float> expected(n);
    std::size_t kept = lanes::copy_if(ex, d.view(), out.view(), positive);
    REQUIRE(kept == lanes::copy_if(lanes::seq{}, lanes::span<const float>(v), lanes::span<float>(expected), positive));
    auto got = out.to_host();
    REQUIRE(same_bits(got, expected, kept));

    std::vector<std::int64_t> perm(n);
    for (std::size_t i = 0; i < n; ++i) perm[i] = std::int64_t((i * 7919) % n);  // a permutation when gcd(7919, n) = 1
    bool is_permutation = n == 0 || n % 7919 != 0;
    lanes::array<std::int64_t> dp(perm.data(), n, gpu());
    lanes::gather(ex, d.view(), dp.view(), out.view());
    lanes::gather(lanes::seq{}, lanes::span<const float>(v), lanes::span<const std::int64_t>(perm), lanes::span<float>(expected));
    got = out.to_host();
    REQUIRE(same_bits(got, expected, n));
    if (is_permutation) {
      lanes::scatter(ex, d.view(), dp.view(), out.view());
      lanes::scatter(lanes::seq{}, lanes::span<const float>(v), lanes::span<const std::int64_t>(perm), lanes::span<float>(expected));
      got = out.to_host();
      REQUIRE(same_bits(got, expected, n));
    }

    for (std::size_t nbins : {std::size_t(1), std::size_t(256), std::size_t(10000)}) {
      lanes::array<std::uint64_t> bins(nbins, gpu());
      std::vector<std::uint64_t> host_bins(nbins);
      std::uint64_t dropped = lanes::histogram(ex, d.view(), -0.5, 0.25, bins.view());
      REQUIRE(dropped == lanes::histogram(lanes::seq{}, lanes::span<const float>(v), -0.5, 0.25, lanes::span<std::uint64_t>(host_bins)));
      REQUIRE(bins.to_host() == host_bins);
    }
  }
  std::vector<std::int32_t> bad = {0, 5, 1};
  lanes::array<std::int32_t> dbad(bad.data(), 3, gpu());
  lanes::array<float> small(3, gpu()), dst(3, gpu());
  REQUIRE_THROWS_WITH(lanes::gather(ex, small.view(), dbad.view(), dst.view()),
                      Catch::Contains("indices[1] = 5 is outside in (size 3)"));
  bad[1] = 0;
  lanes::array<std::int32_t> drepeat(bad.data(), 3, gpu());
  REQUIRE_THROWS_WITH(lanes::scatter(ex, small.view(), drepeat.view(), dst.view()), Catch::Contains("appears more than once"));
}

TEST_CASE("cuda errors: bad executors, out of device memory, mismatched spans", "[gpu]") {
  REQUIRE_THROWS_WITH(lanes::cuda(-1), Catch::Contains("device index must be >= 0"));
  REQUIRE_THROWS_WITH(lanes::array<char>(std::size_t(1) << 50, gpu()), Catch::Contains("out of device memory"));
  lanes::array<float> ok(10, gpu());  // the process and the device go on
  lanes::array<float> a(4, gpu()), b(5, gpu());
  REQUIRE_THROWS_WITH(lanes::copy(a, b), Catch::Contains("src has 4 elements but dst has 5"));
  REQUIRE_THROWS_WITH(lanes::transform(lanes::cuda{}, a.view(), b.view().subspan(0, 3), [] LANES_HD(float x) { return x; }),
                      Catch::Contains("out holds 3 elements but 4 are needed"));
  lanes::array<float> host_side(std::vector<float>{1, 2, 3}.data(), 3);
  lanes::array<float> device_side(3, gpu());
  lanes::copy(host_side, device_side);
  REQUIRE(device_side.to_host() == std::vector<float>{1, 2, 3});
}

#include "skip_without_gpu.hpp"
