// SPDX-License-Identifier: Apache-2.0
// The C ABI: every entry point's results against naive loops, and every status it can
// return, with the message left in lanes_last_error() and the arrays left unchanged.
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "lanes/config.hpp"
#include "lanes/lanes.h"
#include "c_api_support.hpp"
#include "support.hpp"

using namespace lanes_test;
using namespace lanes_c_test;

TEST_CASE("C ABI: version, devices and their statuses", "[c_api]") {
  REQUIRE(std::string(lanes_version()) == LANES_VERSION_STRING);
  lanes_device* d = nullptr;
  require_failure(lanes_device_open(nullptr, &d), LANES_EINVAL, "spec is NULL");
  require_failure(lanes_device_open("cpu", nullptr), LANES_EINVAL, "out is NULL");
  require_failure(lanes_device_open("gpu", &d), LANES_EINVAL, "unknown device");
  require_failure(lanes_device_open("cpu:0", &d), LANES_EINVAL, "out of range");
  REQUIRE(d == nullptr);
#if !LANES_TEST_HAS_CUDA
  require_failure(lanes_device_open("cuda", &d), LANES_ENODEV, "has no CUDA backend");
#else
  lanes_status cuda = lanes_device_open("cuda:4096", &d);
  if (cuda == LANES_OK) lanes_device_close(d);  // a machine with 4097 GPUs
  else require_failure(cuda, LANES_ENODEV, "cuda:4096");
#endif
  auto cpu = open("cpu:3");
  REQUIRE(std::string(lanes_device_name(cpu.get())).find("3 threads") != std::string::npos);
  auto chosen = open("auto");
  REQUIRE(std::string(lanes_device_name(chosen.get())).find("auto") != std::string::npos);
  REQUIRE(std::string(lanes_device_name(nullptr)).empty());
  lanes_device_close(nullptr);
}

TEST_CASE("C ABI: arrays round-trip every dtype, and reject bad arguments", "[c_api]") {
  auto d = open("cpu");
  auto round_trip = [&](auto zero) {
    using T = decltype(zero);
    for (std::size_t n : {0, 1, 17, 4099}) {
      auto values = random_values<T>(n);
      auto a = make(d.get(), values);
      REQUIRE(lanes_array_size(a.get()) == n);
      REQUIRE(lanes_array_dtype(a.get()) == dtype_of<T>());
      require_equal(read<T>(a.get()), values);
      lanes_array* zeros = nullptr;
      REQUIRE(lanes_array_create(d.get(), dtype_of<T>(), n, &zeros) == LANES_OK);
      require_equal(read<T>(zeros), std::vector<T>(n));
      lanes_array_free(zeros);
    }
  };
  round_trip(0.0f), round_trip(0.0), round_trip(std::int32_t{}), round_trip(std::int64_t{}),
      round_trip(std::uint32_t{}), round_trip(std::uint64_t{}), round_trip(std::int8_t{}), round_trip(std::uint8_t{});

  lanes_array* a = nullptr;
  require_failure(lanes_array_create(nullptr, LANES_F32, 4, &a), LANES_EINVAL, "device is NULL");
  require_failure(lanes_array_create(d.get(), LANES_F32, 4, nullptr), LANES_EINVAL, "out is NULL");
  require_failure(lanes_array_create(d.get(), lanes_dtype(42), 4, &a), LANES_EDTYPE, "dtype 42");
  require_failure(lanes_array_create(d.get(), LANES_F64, SIZE_MAX / 4, &a), LANES_ESIZE, "overflow");
  require_failure(lanes_array_create(d.get(), LANES_F64, SIZE_MAX / 16, &a), LANES_ENOMEM, "out of memory");
  require_failure(lanes_array_from_host(d.get(), LANES_F32, nullptr, 3, &a), LANES_EINVAL, "src is NULL");
  REQUIRE(a == nullptr);
  REQUIRE(lanes_array_from_host(d.get(), LANES_U64, nullptr, 0, &a) == LANES_OK);  // n = 0 needs no data
  REQUIRE(lanes_array_size(a) == 0);
  REQUIRE(lanes_array_to_host(a, nullptr, 0) == LANES_OK);
  lanes_array_free(a);

  auto b = make(d.get(), std::vector<double>{1, 2, 3});
  double two[2];
  require_failure(lanes_array_to_host(b.get(), two, 2), LANES_ESIZE, "dst holds 2 elements but the array has 3");
  require_failure(lanes_array_to_host(b.get(), nullptr, 3), LANES_EINVAL, "dst is NULL");
  require_failure(lanes_array_to_host(nullptr, two, 2), LANES_EINVAL, "array is NULL");
  REQUIRE(lanes_array_size(nullptr) == 0);
  lanes_array_free(nullptr);
}

TEST_CASE("C ABI: a failure's message stays with its thread", "[c_api]") {
  lanes_device* d = nullptr;
  REQUIRE(lanes_device_open("nonsense", &d) == LANES_EINVAL);
  std::string other;
  std::thread([&] { other = lanes_last_error(); }).join();
  REQUIRE(other.empty());
  REQUIRE(std::string(lanes_last_error()).find("nonsense") != std::string::npos);
}

TEMPLATE_LIST_TEST_CASE("C ABI: axpy, dot and particles_evolve match naive loops", "[c_api]", floating_types) {
  using T = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {0, 1, 3, 4099}) {
      INFO(spec << ", n = " << n);
      auto xs = random_values<T>(n, 1), ys = random_values<T>(n, 2), ws = random_values<T>(n, 3);
      auto x = make(d.get(), xs), y = make(d.get(), ys), w = make(d.get(), ws);
      std::vector<T> expected = ys;
      for (std::size_t i = 0; i < n; ++i) expected[i] = T(0.5) * xs[i] + ys[i];
      REQUIRE(lanes_axpy(0.5, x.get(), y.get()) == LANES_OK);
      require_equal(read<T>(y.get()), expected);

      long double exact = 0, abs_sum = 0;
      for (std::size_t i = 0; i < n; ++i) exact += (long double)xs[i] * expected[i], abs_sum += std::fabs(exact);
      double dot = -1;
      REQUIRE(lanes_dot(x.get(), y.get(), &dot) == LANES_OK);
      REQUIRE(std::fabs(dot - exact) <= sum_tolerance<double>(n, abs_sum));

      std::vector<T> px = xs, py = expected;
      for (std::size_t i = 0; i < n; ++i)
        for (int s = 0; s < 100; ++s) {  // dt = 0.001: 100 steps
          T norm = std::sqrt(px[i] * px[i] + py[i] * py[i]);
          T vx = -py[i] / norm, vy = px[i] / norm;
          px[i] += T(1e-5) * ws[i] * vx;
          py[i] += T(1e-5) * ws[i] * vy;
        }
      REQUIRE(lanes_particles_evolve(x.get(), y.get(), w.get(), 0.001) == LANES_OK);
      require_equal(read<T>(x.get()), px);
      require_equal(read<T>(y.get()), py);
    }
  }
}

TEST_CASE("C ABI: numeric calls reject bad arrays and leave them unchanged", "[c_api]") {
  auto d = open("cpu"), other = open("seq");
  std::vector<double> values = {1, 2, 3};
  auto x = make(d.get(), values), y = make(d.get(), values), y4 = make(d.get(), std::vector<double>{1, 2, 3, 4});
  auto f = make(d.get(), std::vector<float>{1, 2, 3}), i = make(d.get(), std::vector<std::int32_t>{1, 2, 3});
  auto i2 = make(d.get(), std::vector<std::int32_t>{1, 2, 3});
  auto elsewhere = make(other.get(), values);
  double out = 0;

  require_failure(lanes_axpy(1, nullptr, y.get()), LANES_EINVAL, "x is NULL");
  require_failure(lanes_axpy(1, x.get(), nullptr), LANES_EINVAL, "y is NULL");
  require_failure(lanes_axpy(1, x.get(), y4.get()), LANES_ESIZE, "x has 3 elements but y has 4");
  require_failure(lanes_axpy(1, f.get(), y.get()), LANES_EDTYPE, "x has dtype F32 but y has F64");
  require_failure(lanes_axpy(1, i.get(), i2.get()), LANES_EDTYPE, "takes F32 or F64");
  require_failure(lanes_axpy(1, x.get(), elsewhere.get()), LANES_EINVAL, "different devices");
  require_equal(read<double>(y.get()), values);
  require_equal(read<double>(elsewhere.get()), values);

  require_failure(lanes_dot(x.get(), y.get(), nullptr), LANES_EINVAL, "out is NULL");
  require_failure(lanes_dot(x.get(), y4.get(), &out), LANES_ESIZE, "elements");
  require_failure(lanes_dot(i.get(), i2.get(), &out), LANES_EDTYPE, "F32 or F64");
  require_failure(lanes_dot(nullptr, y.get(), &out), LANES_EINVAL, "x is NULL");

  require_failure(lanes_particles_evolve(x.get(), y.get(), y4.get(), 1.0), LANES_ESIZE, "x has 3 elements but w has 4");
  require_failure(lanes_particles_evolve(x.get(), x.get(), y.get(), 1.0), LANES_EINVAL, "same array");
  require_failure(lanes_particles_evolve(x.get(), y.get(), f.get(), 1.0), LANES_EDTYPE, "dtype");
  require_failure(lanes_particles_evolve(i.get(), i2.get(), i2.get(), 1.0), LANES_EDTYPE, "F32 or F64");
  require_failure(lanes_particles_evolve(x.get(), y.get(), x.get(), -1.0), LANES_EINVAL, "negative");
  require_failure(lanes_particles_evolve(x.get(), y.get(), nullptr, 1.0), LANES_EINVAL, "w is NULL");
  require_equal(read<double>(x.get()), values);
  require_equal(read<double>(y.get()), values);
}

TEMPLATE_LIST_TEST_CASE("C ABI: sum, min_max, inclusive_scan and sort on every dtype", "[c_api]", c_dtypes) {
  using T = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {0, 1, 2, 17, 4099, 70000}) {
      INFO(spec << ", n = " << n);
      auto values = random_values<T>(n, 7);
      auto x = make(d.get(), values);

      long double exact = 0, abs_sum = 0;
      for (T v : values) exact += v, abs_sum += std::fabs((long double)v);
      double sum = -1;
      REQUIRE(lanes_sum(x.get(), &sum) == LANES_OK);
      REQUIRE(std::fabs(sum - exact) <= sum_tolerance<double>(n, abs_sum));

      double lo = 0, hi = 0;
      REQUIRE(lanes_min_max(x.get(), &lo, &hi) == LANES_OK);
      if (n == 0) {
        REQUIRE(lo == INFINITY);
        REQUIRE(hi == -INFINITY);
      } else {
        REQUIRE(lo == double(*std::min_element(values.begin(), values.end())));
        REQUIRE(hi == double(*std::max_element(values.begin(), values.end())));
      }

      lanes_array* scanned = nullptr;
      REQUIRE(lanes_array_create(d.get(), dtype_of<T>(), n, &scanned) == LANES_OK);
      array_ptr scanned_owner(scanned);
      REQUIRE(lanes_inclusive_scan(x.get(), scanned) == LANES_OK);
      auto got = read<T>(scanned);
      if constexpr (std::is_integral_v<T>) {
        std::vector<T> expected(n);
        std::partial_sum(values.begin(), values.end(), expected.begin());
        require_equal(got, expected);
      } else {
        long double running = 0, running_abs = 0;
        for (std::size_t j = 0; j < n; ++j) {
          running += values[j], running_abs += std::fabs(values[j]);
          INFO("j = " << j);
          REQUIRE(std::fabs(got[j] - running) <= sum_tolerance<T>(j + 1, running_abs));
        }
      }

      REQUIRE(lanes_sort(x.get()) == LANES_OK);
      std::vector<T> sorted = values;
      std::sort(sorted.begin(), sorted.end());
      require_equal(read<T>(x.get()), sorted);
    }
  }
}

TEST_CASE("C ABI: sort orders -0.0, infinities and NaN; sort_by_key is stable", "[c_api]") {
  auto d = open("cpu");
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = INFINITY;
  auto keys = make(d.get(), std::vector<double>{nan, 1.0, -0.0, inf, 0.0, -inf, -nan, 1.0, -0.0});
  auto values = make(d.get(), std::vector<std::int32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8});
  REQUIRE(lanes_sort_by_key(keys.get(), values.get()) == LANES_OK);
  auto k = read<double>(keys.get());
  require_equal(read<std::int32_t>(values.get()), std::vector<std::int32_t>{5, 2, 8, 4, 1, 7, 3, 0, 6});
  REQUIRE((std::signbit(k[1]) && std::signbit(k[2]) && !std::signbit(k[3])));
  REQUIRE((std::isnan(k[7]) && std::isnan(k[8])));

  // Duplicate integer keys, 8-byte values of another dtype, sizes past every block.
  for (std::size_t n : {0, 1, 5, 4099, 300001}) {
    INFO("n = " << n);
    std::vector<std::uint32_t> key_values(n);
    std::vector<double> payload(n);
    for (std::size_t j = 0; j < n; ++j) key_values[j] = std::uint32_t((j * 2654435761u) % 97), payload[j] = double(j);
    auto ks = make(d.get(), key_values);
    auto vs = make(d.get(), payload);
    REQUIRE(lanes_sort_by_key(ks.get(), vs.get()) == LANES_OK);
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return key_values[a] < key_values[b]; });
    std::vector<double> expected(n);
    for (std::size_t j = 0; j < n; ++j) expected[j] = double(order[j]);
    require_equal(read<double>(vs.get()), expected);
  }

  auto short_values = make(d.get(), std::vector<float>{1, 2});
  auto other = open("cpu:1");
  auto elsewhere = make(other.get(), std::vector<std::int32_t>(9));
  require_failure(lanes_sort(nullptr), LANES_EINVAL, "keys is NULL");
  require_failure(lanes_sort_by_key(keys.get(), short_values.get()), LANES_ESIZE, "keys has 9 elements but values has 2");
  require_failure(lanes_sort_by_key(keys.get(), keys.get()), LANES_EINVAL, "same array");
  require_failure(lanes_sort_by_key(keys.get(), elsewhere.get()), LANES_EINVAL, "different devices");
  require_failure(lanes_sort_by_key(keys.get(), nullptr), LANES_EINVAL, "values is NULL");
  require_failure(lanes_inclusive_scan(keys.get(), short_values.get()), LANES_EDTYPE, "dtype F64");
  require_failure(lanes_inclusive_scan(keys.get(), nullptr), LANES_EINVAL, "out is NULL");
  auto short_doubles = make(d.get(), std::vector<double>{1, 2});
  require_failure(lanes_inclusive_scan(keys.get(), short_doubles.get()), LANES_ESIZE, "elements");
  require_equal(read<double>(short_doubles.get()), std::vector<double>{1, 2});
  double m = 0;
  require_failure(lanes_sum(nullptr, &m), LANES_EINVAL, "x is NULL");
  require_failure(lanes_sum(keys.get(), nullptr), LANES_EINVAL, "out is NULL");
  require_failure(lanes_min_max(keys.get(), &m, nullptr), LANES_EINVAL, "max is NULL");
  require_failure(lanes_min_max(nullptr, &m, &m), LANES_EINVAL, "x is NULL");
}

TEMPLATE_LIST_TEST_CASE("C ABI: histogram counts like a naive loop", "[c_api]", c_dtypes) {
  using T = TestType;
  auto d = open("cpu:2");
  for (std::size_t n : {0, 1, 1000, 70001}) {
    INFO("n = " << n);
    auto values = random_values<T>(n, 9);
    const double lo = std::is_floating_point_v<T> ? -0.5 : 10, hi = std::is_floating_point_v<T> ? 0.75 : 400;
    const std::size_t nbins = 37;
    std::vector<std::uint64_t> expected(nbins);
    for (T v : values) {
      double x = double(v);
      if (x >= lo && x < hi) ++expected[std::min<std::size_t>(std::size_t((x - lo) * nbins / (hi - lo)), nbins - 1)];
    }
    auto x = make(d.get(), values);
    auto bins = make(d.get(), std::vector<std::uint64_t>(nbins, 99));
    REQUIRE(lanes_histogram(x.get(), lo, hi, bins.get()) == LANES_OK);
    require_equal(read<std::uint64_t>(bins.get()), expected);
  }
}

TEST_CASE("C ABI: histogram's bad arguments", "[c_api]") {
  auto d = open("cpu");
  auto x = make(d.get(), std::vector<double>{1, 2, 3});
  auto bins = make(d.get(), std::vector<std::uint64_t>(4, 7));
  auto not_u64 = make(d.get(), std::vector<std::int64_t>(4));
  auto no_bins = make(d.get(), std::vector<std::uint64_t>{});
  require_failure(lanes_histogram(x.get(), 0, 4, not_u64.get()), LANES_EDTYPE, "not U64");
  require_failure(lanes_histogram(x.get(), 4, 0, bins.get()), LANES_EINVAL, "histogram");
  require_failure(lanes_histogram(x.get(), NAN, 4, bins.get()), LANES_EINVAL, "histogram");
  require_failure(lanes_histogram(x.get(), 0, 4, no_bins.get()), LANES_EINVAL, "bins");
  require_failure(lanes_histogram(nullptr, 0, 4, bins.get()), LANES_EINVAL, "x is NULL");
  require_failure(lanes_histogram(x.get(), 0, 4, nullptr), LANES_EINVAL, "bins_u64 is NULL");
  require_equal(read<std::uint64_t>(bins.get()), std::vector<std::uint64_t>(4, 7));
}

TEMPLATE_LIST_TEST_CASE("C ABI: gemm matches a naive loop", "[c_api]", floating_types) {
  using T = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (auto [m, n, k] : {std::tuple<std::size_t, std::size_t, std::size_t>{1, 1, 1}, {7, 13, 5}, {70, 300, 261}, {3, 0, 2}, {4, 5, 0}}) {
      for (double alpha : {1.0, 0.5}) {
        for (double beta : {0.0, 1.0, -2.0}) {
          INFO(spec << " " << m << "x" << n << "x" << k << " alpha " << alpha << " beta " << beta);
          auto as = random_values<T>(m * k, 1), bs = random_values<T>(k * n, 2), cs = random_values<T>(m * n, 3);
          std::vector<T> expected(m * n);
          for (std::size_t r = 0; r < m; ++r)
            for (std::size_t c = 0; c < n; ++c) {
              long double s = 0;
              for (std::size_t p = 0; p < k; ++p) s += (long double)as[r * k + p] * bs[p * n + c];
              expected[r * n + c] = T(alpha * s + (beta == 0 ? 0 : beta * cs[r * n + c]));
            }
          auto a = make(d.get(), as), b = make(d.get(), bs), c = make(d.get(), cs);
          REQUIRE(lanes_gemm(m, n, k, alpha, a.get(), b.get(), beta, c.get()) == LANES_OK);
          auto got = read<T>(c.get());
          for (std::size_t j = 0; j < got.size(); ++j) {
            INFO("j = " << j);
            REQUIRE(std::fabs(got[j] - expected[j]) <= 8 * std::numeric_limits<T>::epsilon() * (k + 2));
          }
        }
      }
    }
  }
}

TEST_CASE("C ABI: gemm's bad arguments", "[c_api]") {
  auto d = open("cpu");
  auto a = make(d.get(), std::vector<double>(6)), b = make(d.get(), std::vector<double>(12));
  auto c = make(d.get(), std::vector<double>(8, 5.0)), cf = make(d.get(), std::vector<float>(8));
  auto ci = make(d.get(), std::vector<std::int64_t>(8));
  require_failure(lanes_gemm(2, 5, 3, 1, a.get(), b.get(), 0, c.get()), LANES_ESIZE,
                  "b has 12 elements but k * n = 3 * 5");
  require_failure(lanes_gemm(2, 4, 3, 1, a.get(), b.get(), 0, make(d.get(), std::vector<double>(9)).get()), LANES_ESIZE,
                  "c has 9 elements but m * n = 2 * 4");
  require_failure(lanes_gemm(SIZE_MAX, 2, 2, 1, a.get(), b.get(), 0, c.get()), LANES_ESIZE, "overflows");
  require_failure(lanes_gemm(2, 4, 3, 1, a.get(), b.get(), 0, cf.get()), LANES_EDTYPE, "a has dtype F64 but c has F32");
  require_failure(lanes_gemm(2, 2, 3, 1, a.get(), a.get(), 0, a.get()), LANES_ESIZE, "c has 6");
  require_failure(lanes_gemm(2, 3, 1, 1, a.get(), a.get(), 0, a.get()), LANES_ESIZE, "a has 6 elements but m * k");
  require_failure(lanes_gemm(1, 6, 1, 1, make(d.get(), std::vector<double>(1)).get(), a.get(), 0, a.get()),
                  LANES_EINVAL, "c is also an input");
  auto ai = make(d.get(), std::vector<std::int64_t>(6)), bi = make(d.get(), std::vector<std::int64_t>(12));
  require_failure(lanes_gemm(2, 4, 3, 1, ai.get(), bi.get(), 0, ci.get()), LANES_EDTYPE, "F32 or F64");
  require_failure(lanes_gemm(2, 4, 3, 1, nullptr, b.get(), 0, c.get()), LANES_EINVAL, "a is NULL");
  require_equal(read<double>(c.get()), std::vector<double>(8, 5.0));
}

TEST_CASE("C ABI: monte_carlo_pi and count_primes", "[c_api]") {
  auto seq = open("seq"), cpu = open("cpu:2");
  double pi_seq = 0, pi_cpu = 0;
  REQUIRE(lanes_monte_carlo_pi(seq.get(), 1000001, 7, &pi_seq) == LANES_OK);
  REQUIRE(lanes_monte_carlo_pi(cpu.get(), 1000001, 7, &pi_cpu) == LANES_OK);
  REQUIRE(std::memcmp(&pi_seq, &pi_cpu, sizeof(double)) == 0);
  REQUIRE(std::fabs(pi_seq - 3.14159265358979) < 0.01);
  double pi = 0;
  require_failure(lanes_monte_carlo_pi(cpu.get(), 0, 7, &pi), LANES_EINVAL, "samples");
  require_failure(lanes_monte_carlo_pi(nullptr, 10, 7, &pi), LANES_EINVAL, "device is NULL");
  require_failure(lanes_monte_carlo_pi(cpu.get(), 10, 7, nullptr), LANES_EINVAL, "out is NULL");
  // Workers splitting the draws: their counts add up to the estimate's, bit for bit.
  std::uint64_t head = 0, tail = 0, whole = 0;
  REQUIRE(lanes_monte_carlo_inside(cpu.get(), 1000001, 7, 0, 123457, &head) == LANES_OK);
  REQUIRE(lanes_monte_carlo_inside(seq.get(), 1000001, 7, 123457, 500001 - 123457, &tail) == LANES_OK);
  REQUIRE(lanes_monte_carlo_inside(cpu.get(), 1000001, 7, 0, 500001, &whole) == LANES_OK);
  REQUIRE(head + tail == whole);
  REQUIRE(4.0 * double(whole) / 1000001.0 == pi_seq);
  require_failure(lanes_monte_carlo_inside(cpu.get(), 1000001, 7, 500000, 2, &head), LANES_EINVAL, "past the");
  require_failure(lanes_monte_carlo_inside(cpu.get(), 0, 7, 0, 0, &head), LANES_EINVAL, "samples");
  require_failure(lanes_monte_carlo_inside(cpu.get(), 10, 7, 0, 1, nullptr), LANES_EINVAL, "out is NULL");

  // A sieve, independently.
  const std::uint64_t limit = 100000;
  std::vector<bool> composite(limit, false);
  std::uint64_t expected = 0;
  for (std::uint64_t p = 2; p < limit; ++p) {
    if (composite[p]) continue;
    if (p >= 1000) ++expected;
    for (std::uint64_t q = p * p; q < limit; q += p) composite[q] = true;
  }
  std::uint64_t count = 0;
  REQUIRE(lanes_count_primes(cpu.get(), 1000, limit, &count) == LANES_OK);
  REQUIRE(count == expected);
  REQUIRE(lanes_count_primes(seq.get(), 5, 5, &count) == LANES_OK);
  REQUIRE(count == 0);
  require_failure(lanes_count_primes(cpu.get(), 10, 9, &count), LANES_EINVAL, "below");
  require_failure(lanes_count_primes(nullptr, 0, 9, &count), LANES_EINVAL, "device is NULL");
  require_failure(lanes_count_primes(cpu.get(), 0, 9, nullptr), LANES_EINVAL, "out is NULL");
}

TEST_CASE("C ABI: handles of one device mix; other devices do not", "[c_api]") {
  auto a = open("cpu"), b = open("cpu"), two = open("cpu:2"), also_two = open("cpu:2"), seq = open("seq");
  std::vector<double> ones(5, 1.0);
  auto x = make(a.get(), ones), y = make(b.get(), ones);
  REQUIRE(lanes_axpy(2.0, x.get(), y.get()) == LANES_OK);  // "cpu" twice is one device to a user
  require_equal(read<double>(y.get()), std::vector<double>(5, 3.0));
  auto u = make(two.get(), ones), v = make(also_two.get(), ones);
  REQUIRE(lanes_axpy(1.0, u.get(), v.get()) == LANES_OK);
  require_equal(read<double>(v.get()), std::vector<double>(5, 2.0));
  auto on_seq = make(seq.get(), ones);
  require_failure(lanes_axpy(1.0, x.get(), on_seq.get()), LANES_EINVAL, "different devices (cpu");
  require_failure(lanes_axpy(1.0, x.get(), u.get()), LANES_EINVAL, "different devices");  // cpu and cpu:2
  require_equal(read<double>(u.get()), ones);
}

TEST_CASE("C ABI: an array outlives its closed device", "[c_api]") {
  lanes_device* d = nullptr;
  REQUIRE(lanes_device_open("cpu:2", &d) == LANES_OK);
  std::vector<float> values = random_values<float>(5000);
  array_ptr x = make(d, values);
  lanes_device_close(d);
  REQUIRE(lanes_sort(x.get()) == LANES_OK);
  std::sort(values.begin(), values.end());
  require_equal(read<float>(x.get()), values);
}
