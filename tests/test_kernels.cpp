// SPDX-License-Identifier: Apache-2.0
#include <cblas.h>

#include <cstring>
#include <utility>

#include "lanes/kernels/blas.hpp"
#include "lanes/kernels/gemm.hpp"
#include "lanes/kernels/simulations.hpp"
#include "support.hpp"

using namespace lanes_test;
namespace k = lanes::kernels;

namespace {

// The bodies below run on every executor (tests/support.hpp): each is a named function
// template, its data in the executor's memory.

template <class T, class Ex>
void blas1_matches_naive_loops(Ex ex) {
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto x = random_values<T>(n, 20), y = random_values<T>(n, 21), expected = y;
    const auto on_x = on(ex, x);
    auto on_y = on(ex, y);
    for (std::size_t i = 0; i < n; ++i) expected[i] = T(0.5) * x[i] + y[i];
    k::axpy(ex, T(0.5), on_x.view(), on_y.view());
    require_equal(on_y.to_host(), expected);
    for (std::size_t i = 0; i < n; ++i) expected[i] = T(-3) * expected[i];
    k::scal(ex, T(-3), on_y.view());
    y = on_y.to_host();
    require_equal(y, expected);
    long double exact = 0, abs_sum = 0, squares = 0;
    for (std::size_t i = 0; i < n; ++i) {
      exact += (long double)x[i] * y[i];
      abs_sum += std::fabs((long double)x[i] * y[i]);
      squares += (long double)x[i] * x[i];
    }
    auto dot = k::dot(ex, on_x.view(), std::as_const(on_y).view());
    REQUIRE(std::fabs(dot - exact) <= sum_tolerance<decltype(dot)>(n, abs_sum));
    auto norm = k::nrm2(ex, on_x.view());
    REQUIRE(std::fabs(norm - std::sqrt(squares)) <= 4 * std::numeric_limits<decltype(norm)>::epsilon() * (std::sqrt(squares) + 1e-300) * std::sqrt(double(n) + 1));
  }
}

struct matrix_shape { std::size_t m, n, k; };

template <class T, class Ex>
void gemv_matches_naive_loop(Ex ex) {
  for (auto [m, n] : std::vector<std::pair<std::size_t, std::size_t>>{{0, 5}, {5, 0}, {1, 1}, {7, 13}, {129, 67}, {3, 4099}}) {
    INFO("m = " << m << ", n = " << n);
    auto a = random_values<T>(m * n, 22), x = random_values<T>(n, 23), y = random_values<T>(m, 24);
    const auto on_a = on(ex, a), on_x = on(ex, x);
    for (T beta : {T(0), T(1), T(-0.5)}) {
      auto start = y;
      if (beta == 0 && m > 0) start[0] = NAN;  // beta = 0 ignores y, NaN included
      auto on_out = on(ex, start);
      k::gemv(ex, m, n, T(2), on_a.view(), on_x.view(), beta, on_out.view());
      auto out = on_out.to_host();
      for (std::size_t i = 0; i < m; ++i) {
        long double dot = 0, mag = 0;
        for (std::size_t j = 0; j < n; ++j) dot += (long double)a[i * n + j] * x[j], mag += std::fabs((long double)a[i * n + j] * x[j]);
        long double expected = 2 * dot + (beta == 0 ? 0 : beta * (long double)y[i]);
        REQUIRE(std::fabs(out[i] - expected) <= sum_tolerance<T>(n + 1, 2 * mag + std::fabs((long double)y[i])));
      }
    }
  }
}

template <class T, class Ex>
void gemm_matches_openblas(Ex ex) {
  for (matrix_shape s : {matrix_shape{1, 1, 1}, {7, 13, 5}, {65, 257, 300}, {0, 4, 3}, {3, 0, 2}, {4, 5, 0},
                         {130, 3, 513}, {100, 1030, 260}}) {
    for (T alpha : {T(0), T(1), T(-1.5)}) {
      for (T beta : {T(0), T(1)}) {
        INFO("m, n, k = " << s.m << ", " << s.n << ", " << s.k << "; alpha " << alpha << ", beta " << beta);
        auto a = random_values<T>(s.m * s.k, 25), b = random_values<T>(s.k * s.n, 26), c = random_values<T>(s.m * s.n, 27);
        auto expected = c;
        if constexpr (std::is_same_v<T, float>)
          cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(s.m), int(s.n), int(s.k), alpha, a.data(),
                      int(std::max<std::size_t>(1, s.k)), b.data(), int(std::max<std::size_t>(1, s.n)), beta,
                      expected.data(), int(std::max<std::size_t>(1, s.n)));
        else
          cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(s.m), int(s.n), int(s.k), alpha, a.data(),
                      int(std::max<std::size_t>(1, s.k)), b.data(), int(std::max<std::size_t>(1, s.n)), beta,
                      expected.data(), int(std::max<std::size_t>(1, s.n)));
        const auto on_a = on(ex, a), on_b = on(ex, b);
        auto on_c = on(ex, c);
        k::gemm(ex, s.m, s.n, s.k, alpha, on_a.view(), on_b.view(), beta, on_c.view());
        c = on_c.to_host();
        // Each entry is a k-term dot product of values in [-1, 1]: both sides err by at most k eps.
        T tolerance = T(2 * (s.k + 1)) * std::numeric_limits<T>::epsilon();
        for (std::size_t i = 0; i < c.size(); ++i) REQUIRE(std::fabs(c[i] - expected[i]) <= tolerance);
      }
    }
  }
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("axpy, scal, dot and nrm2 match naive loops", "[kernels][blas]", floating_types) {
  for_each_executor([](auto ex) { blas1_matches_naive_loops<TestType>(ex); });
}

TEST_CASE("nrm2 neither overflows nor underflows, and passes inf and NaN on", "[kernels][blas]") {
  std::vector<double> big = {3e200, 4e200}, tiny = {3e-200, 4e-200}, with_inf = {1.0, INFINITY}, zeros(5, 0.0);
  REQUIRE(k::nrm2(lanes::cpu{}, lanes::span<const double>(big)) == Approx(5e200).epsilon(1e-15));
  REQUIRE(k::nrm2(lanes::cpu{}, lanes::span<const double>(tiny)) == Approx(5e-200).epsilon(1e-15));
  REQUIRE(std::isinf(k::nrm2(lanes::seq{}, lanes::span<const double>(with_inf))));
  REQUIRE(k::nrm2(lanes::seq{}, lanes::span<const double>(zeros)) == 0.0);
  std::vector<float> nan = {1.0f, NAN, 2.0f};
  REQUIRE(std::isnan(k::nrm2(lanes::seq{}, lanes::span<const float>(nan))));
}

TEST_CASE("nrm2 keeps its one-pass sum only where no square was lost", "[kernels][blas]") {
  for_each_cpu_executor([](auto ex) {
    using d = lanes::span<const double>;
    // Squares of 1e-160 are subnormal (1e-320, about 12 significant bits): the one-pass sum
    // is off by ~1e-4 here, so the scaled second try must give this.
    std::vector<double> subnormal_squares(1001, 1e-160);
    REQUIRE(k::nrm2(ex, d(subnormal_squares)) == Approx(1e-160 * std::sqrt(1001.0)).epsilon(1e-14));
    // A large element makes the lost tiny squares irrelevant: one pass, the exact 1.
    std::vector<double> tiny_and_one(777, 1e-200);
    tiny_and_one[500] = -1.0;
    REQUIRE(k::nrm2(ex, d(tiny_and_one)) == 1.0);
    std::vector<double> subnormals = {3 * 4.9406564584124654e-324, -4 * 4.9406564584124654e-324};
    REQUIRE(k::nrm2(ex, d(subnormals)) == 5 * 4.9406564584124654e-324);
    std::vector<double> big_and_small = {1e300, 1e-300, -1e300, 0.5};
    REQUIRE(k::nrm2(ex, d(big_and_small)) == Approx(std::sqrt(2.0) * 1e300).epsilon(1e-15));
    std::vector<double> negative_zeros = {-0.0, -0.0, 0.0}, minus_inf = {2.0, -INFINITY}, inf_and_nan = {INFINITY, NAN};
    REQUIRE(k::nrm2(ex, d(negative_zeros)) == 0.0);
    REQUIRE(k::nrm2(ex, d(minus_inf)) == INFINITY);
    REQUIRE(std::isnan(k::nrm2(ex, d(inf_and_nan))));
    REQUIRE(k::nrm2(ex, d(nullptr, 0)) == 0.0);
    // float data: every square fits a double, from the largest float to the smallest subnormal.
    using f = lanes::span<const float>;
    const float most = std::numeric_limits<float>::max(), least = std::numeric_limits<float>::denorm_min();
    std::vector<float> extremes = {most, -most, 3 * least, 4 * least};
    REQUIRE(k::nrm2(ex, f(extremes)) == Approx(std::sqrt(2.0) * double(most)).epsilon(1e-15));
    std::vector<float> float_subnormals = {3 * least, -4 * least};
    REQUIRE(k::nrm2(ex, f(float_subnormals)) == 5 * double(least));
  });
}

TEMPLATE_LIST_TEST_CASE("gemv matches a naive loop on odd shapes", "[kernels][blas]", floating_types) {
  for_each_executor([](auto ex) { gemv_matches_naive_loop<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("gemm matches OpenBLAS on non-square shapes and alpha, beta in {0, 1}", "[kernels][gemm]",
                        floating_types) {
  for_each_executor([](auto ex) { gemm_matches_openblas<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("the tiled gemm (for processors without AVX2 and FMA) matches a naive loop", "[kernels][gemm]",
                        floating_types) {
  using T = TestType;
  for_each_cpu_executor([](auto ex) {
    const std::size_t m = 70, n = 300, kk = 261;
    auto a = random_values<T>(m * kk, 31), b = random_values<T>(kk * n, 32), c = random_values<T>(m * n, 33);
    auto expected = c;
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        long double sum = 0;
        for (std::size_t p = 0; p < kk; ++p) sum += (long double)a[i * kk + p] * b[p * n + j];
        expected[i * n + j] = T(-1.5L * sum + expected[i * n + j]);
      }
    k::impl::gemm_driver<decltype(ex)>::tiled(ex, m, n, kk, T(-1.5), a.data(), b.data(), T(1), c.data());
    for (std::size_t i = 0; i < c.size(); ++i) REQUIRE(std::fabs(c[i] - expected[i]) <= T(4 * kk) * std::numeric_limits<T>::epsilon());
  });
}

#if LANES_GEMM_PACKED
// Each packed micro-kernel the processor has, not only the widest one gemm picks: shapes past
// every block (nc = 1024 columns, kc = 256 or 512 deep, mc = 96 rows) and off every strip
// (6 rows, 8 to 32 columns). Each gives the same bits on every CPU executor and thread count.
TEMPLATE_LIST_TEST_CASE("the packed gemm matches OpenBLAS in AVX2 and in AVX-512", "[kernels][gemm]",
                        floating_types) {
  using T = TestType;
  namespace d = k::impl;
  for (matrix_shape s : {matrix_shape{1, 1, 1}, {13, 1063, 1025}, {97, 33, 256}, {200, 17, 1}, {6, 32, 513}}) {
    for (T beta : {T(0), T(1)}) {
      INFO("m, n, k = " << s.m << ", " << s.n << ", " << s.k << "; beta " << beta);
      auto a = random_values<T>(s.m * s.k, 41), b = random_values<T>(s.k * s.n, 42), c = random_values<T>(s.m * s.n, 43);
      auto expected = c;
      if constexpr (std::is_same_v<T, float>)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(s.m), int(s.n), int(s.k), -1.5f, a.data(),
                    int(s.k), b.data(), int(s.n), beta, expected.data(), int(s.n));
      else
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(s.m), int(s.n), int(s.k), -1.5, a.data(),
                    int(s.k), b.data(), int(s.n), beta, expected.data(), int(s.n));
      const T tolerance = T(2 * (s.k + 1)) * std::numeric_limits<T>::epsilon();
      auto check = [&](auto run) {
        std::vector<std::vector<T>> results;
        for_each_cpu_executor([&](auto ex) {
          auto out = c;
          run(ex, out.data());
          for (std::size_t i = 0; i < out.size(); ++i) REQUIRE(std::fabs(out[i] - expected[i]) <= tolerance);
          results.push_back(out);
        });
        for (const auto& r : results) require_equal(r, results.front());
      };
      if (lanes::detail::cpu_has_avx2_fma())
        check([&](auto ex, T* out) { d::packed_gemm<d::avx2<T>>(ex, s.m, s.n, s.k, T(-1.5), a.data(), b.data(), beta, out); });
      else
        WARN("this processor has no AVX2 + FMA: that micro-kernel is not run");
      if (lanes::detail::cpu_has_avx512f())
        check([&](auto ex, T* out) { d::packed_gemm<d::avx512<T>>(ex, s.m, s.n, s.k, T(-1.5), a.data(), b.data(), beta, out); });
      else
        WARN("this processor has no AVX-512: that micro-kernel is not run");
    }
  }
}
#endif

TEST_CASE("BLAS kernels reject mismatched shapes and null data", "[kernels][errors]") {
  std::vector<double> a(6), x(3), y(2), c(4);
  lanes::span<const double> sa(a), sx(x);
  REQUIRE_THROWS_WITH(k::gemv(lanes::cpu{}, 2, 2, 1.0, sa, sx, 0.0, lanes::span<double>(y)),
                      Catch::Contains("a has 6 elements but m * n = 2 * 2"));
  REQUIRE_THROWS_WITH(k::gemv(lanes::cpu{}, 2, 3, 1.0, sa, sx.subspan(0, 2), 0.0, lanes::span<double>(y)),
                      Catch::Contains("x has 2 elements but n * 1 = 3 * 1"));
  REQUIRE_THROWS_WITH(k::gemm(lanes::cpu{}, 2, 2, 3, 1.0, sa, sx, 0.0, lanes::span<double>(c)),
                      Catch::Contains("b has 3 elements but k * n = 3 * 2"));
  REQUIRE_THROWS_WITH(k::axpy(lanes::cpu{}, 1.0, sx, lanes::span<double>(y)), Catch::Contains("x has 3 elements but y has 2"));
  REQUIRE_THROWS_AS(k::scal(lanes::seq{}, 2.0, lanes::span<double>(nullptr, 3)), lanes::error);
}

TEST_CASE("Philox-4x32-10 matches the Random123 known-answer vectors", "[kernels][philox]") {
  auto r = k::philox4x32_10({{0, 0, 0, 0}}, 0, 0);
  REQUIRE(r.v[0] == 0x6627e8d5u);
  REQUIRE(r.v[1] == 0xe169c58du);
  REQUIRE(r.v[2] == 0xbc57ac4cu);
  REQUIRE(r.v[3] == 0x9b00dbd8u);
  r = k::philox4x32_10({{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}}, 0xffffffffu, 0xffffffffu);
  REQUIRE(r.v[0] == 0x408f276du);
  REQUIRE(r.v[1] == 0x41c83b0eu);
  REQUIRE(r.v[2] == 0xa20bc7c6u);
  REQUIRE(r.v[3] == 0x6d5451fdu);
  r = k::philox4x32_10({{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}}, 0xa4093822u, 0x299f31d0u);
  REQUIRE(r.v[0] == 0xd16cfe09u);
  REQUIRE(r.v[1] == 0x94fdccebu);
  REQUIRE(r.v[2] == 0x5001e420u);
  REQUIRE(r.v[3] == 0x24126ea1u);
}

TEST_CASE("monte_carlo_pi is the same bits everywhere and close to pi", "[kernels][monte_carlo]") {
  for (std::uint64_t samples : {std::uint64_t(1), std::uint64_t(7), std::uint64_t(1000001)}) {
    double first = k::monte_carlo_pi(lanes::seq{}, samples, 12345);
    for_each_executor([&](auto ex) {
      double got = k::monte_carlo_pi(ex, samples, 12345);
      REQUIRE(std::memcmp(&got, &first, sizeof got) == 0);
    });
  }
  // A naive loop over the documented draws: (x, y) = (v0, v1) / 2^32 is inside when
  // x^2 + y^2 < 1, exactly: v0^2 + v1^2 < 2^64 in 128-bit integers.
  auto inside_exactly = [](std::uint32_t vx, std::uint32_t vy) {
    __extension__ typedef unsigned __int128 u128;  // GCC and Clang: exact up to 2^128
    return u128(vx) * vx + u128(vy) * vy < (u128(1) << 64);
  };
  for (std::uint64_t samples : {std::uint64_t(1), std::uint64_t(2), std::uint64_t(1001), std::uint64_t(100000)}) {
    std::uint64_t inside = 0;
    for (std::uint64_t j = 0; 2 * j < samples; ++j) {
      auto r = k::philox4x32_10({{std::uint32_t(j), 0, 0, 0}}, 7, 0);
      inside += inside_exactly(r.v[0], r.v[1]);
      if (2 * j + 1 < samples) inside += inside_exactly(r.v[2], r.v[3]);
    }
    REQUIRE(k::monte_carlo_pi(lanes::cpu{}, samples, 7) == 4.0 * double(inside) / double(samples));
    // The count of a slice of draws, against the same naive loop over that slice.
    const std::uint64_t draws = samples / 2 + samples % 2, a = draws / 3, b = draws - draws / 5;
    std::uint64_t slice = 0;
    for (std::uint64_t j = a; j < b; ++j) {
      auto r = k::philox4x32_10({{std::uint32_t(j), 0, 0, 0}}, 7, 0);
      slice += inside_exactly(r.v[0], r.v[1]) + (2 * j + 1 < samples && inside_exactly(r.v[2], r.v[3]));
    }
    for_each_executor([&](auto ex) { REQUIRE(k::monte_carlo_inside(ex, samples, 7, a, b - a) == slice); });
    REQUIRE(k::monte_carlo_inside(lanes::seq{}, samples, 7, draws, 0) == 0);
    REQUIRE_THROWS_WITH(k::monte_carlo_inside(lanes::seq{}, samples, 7, draws, 1), Catch::Contains("past the"));
  }
  // Draws whose counter's low word wraps (j = 2^32 - 37 ...): the draws are made 64 at a time,
  // and a group across the wrap takes the portable rounds.
  {
    const std::uint64_t samples = std::uint64_t(1) << 34, a = (std::uint64_t(1) << 32) - 37;
    std::uint64_t slice = 0;
    for (std::uint64_t j = a; j < a + 200; ++j) {
      auto r = k::philox4x32_10({{std::uint32_t(j), std::uint32_t(j >> 32), 0, 0}}, 7, 0);
      slice += inside_exactly(r.v[0], r.v[1]) + inside_exactly(r.v[2], r.v[3]);
    }
    for_each_executor([&](auto ex) { REQUIRE(k::monte_carlo_inside(ex, samples, 7, a, 200) == slice); });
  }
  // Near the circle the test must be exact: this point is 691 / 2^64 inside, where
  // x * x + y * y in doubles rounds to 1.0 and would call it outside.
  REQUIRE(inside_exactly(0xb4da4b0au, 0xb52f9153u));
  REQUIRE(k::inside_quarter_circle(0xb4da4b0au, 0xb52f9153u));
  REQUIRE(!k::inside_quarter_circle(0xb4da4b0au, 0xb52f9154u));
  REQUIRE(k::inside_quarter_circle(0xffffffffu, 0));
  REQUIRE(!k::inside_quarter_circle(0xffffffffu, 0xffffffffu));
  double pi = k::monte_carlo_pi(lanes::cpu{}, 4000000, 99);
  REQUIRE(std::fabs(pi - M_PI) < 5 * 4 * std::sqrt(M_PI / 4 * (1 - M_PI / 4) / 4000000));  // 5 sigma
  REQUIRE(k::monte_carlo_pi(lanes::cpu{}, 4000000, 98) != pi);  // the seed matters
  REQUIRE_THROWS_WITH(k::monte_carlo_pi(lanes::cpu{}, 0, 1), Catch::Contains("samples must be at least 1"));
}

TEST_CASE("count_primes matches a sieve", "[kernels][primes]") {
  constexpr std::uint64_t limit = 200000;
  std::vector<bool> composite(limit, false);
  composite[0] = composite[1] = true;
  for (std::uint64_t p = 2; p * p < limit; ++p)
    if (!composite[p])
      for (std::uint64_t q = p * p; q < limit; q += p) composite[q] = true;
  auto sieve_count = [&](std::uint64_t lo, std::uint64_t hi) {
    std::uint64_t c = 0;
    for (std::uint64_t i = lo; i < hi; ++i) c += !composite[i];
    return c;
  };
  for_each_executor([&](auto ex) {
    for (auto [lo, hi] : {std::pair<std::uint64_t, std::uint64_t>{0, 0}, {0, 1}, {0, 3}, {2, 3}, {0, limit},
                          {99991, 100003}, {12345, 199999}}) {
      INFO("[" << lo << ", " << hi << ")");
      REQUIRE(k::count_primes(ex, lo, hi) == sieve_count(lo, hi));
    }
  });
  REQUIRE(k::count_primes(lanes::cpu{}, 18446744073709551557ull, 18446744073709551558ull) == 1);  // largest 64-bit prime
  // Near 2^52, where the x86 path's doubles stop (it tests below 2^52), against Miller-Rabin
  // with the first twelve primes as bases (deterministic below 3.3e24): primes, and products
  // of two primes just below 2^26, whose smallest factor is the last one tried.
  auto miller_rabin = [](std::uint64_t n) {
    __extension__ typedef unsigned __int128 u128;
    auto mul = [n](std::uint64_t a, std::uint64_t b) { return std::uint64_t(u128(a) * b % n); };
    auto pow = [&](std::uint64_t a, std::uint64_t e) {
      std::uint64_t r = 1;
      for (; e; e >>= 1, a = mul(a, a))
        if (e & 1) r = mul(r, a);
      return r;
    };
    const std::uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    if (n < 2) return false;
    for (std::uint64_t p : bases)
      if (n % p == 0) return n == p;
    std::uint64_t d = n - 1;
    int s = 0;
    for (; d % 2 == 0; d /= 2) ++s;
    for (std::uint64_t a : bases) {
      std::uint64_t x = pow(a, d);
      bool probably = x == 1 || x == n - 1;
      for (int r = 1; r < s && !probably; ++r) probably = (x = mul(x, x)) == n - 1;
      if (!probably) return false;
    }
    return true;
  };
  const std::uint64_t two52 = std::uint64_t(1) << 52, p = 67108859, q = 67108837;  // the two largest primes below 2^26
  std::uint64_t near = 0;
  for (std::uint64_t n = two52 - 200; n <= two52; ++n) near += miller_rabin(n);
  REQUIRE(near == 5);
  for_each_executor([&](auto ex) {
    REQUIRE(k::count_primes(ex, two52 - 200, two52 + 1) == near);
    for (std::uint64_t n : {p, q, p * p, p * q, q * q, p * q + 2})
      REQUIRE(k::count_primes(ex, n, n + 1) == std::uint64_t(miller_rabin(n)));
  });
  REQUIRE_THROWS_WITH(k::count_primes(lanes::cpu{}, 10, 5), Catch::Contains("hi = 5 is below lo = 10"));
}

TEMPLATE_LIST_TEST_CASE("particles_evolve follows the naive loop step for step", "[kernels][particles]", floating_types) {
  using T = TestType;
  std::size_t n = 1001;
  auto x0 = random_values<T>(n, 30), y0 = random_values<T>(n, 31), w = random_values<T>(n, 32);
  for (double dt : {0.0, 0.00001, 0.1, 1.0}) {
    INFO("dt = " << dt);
    auto ex_ = x0, ey = y0;  // the naive loop: (int)(dt / 1e-5) steps, 99999 for dt = 1.0
    long steps = long(dt / 1e-5);
    if (dt == 1.0) REQUIRE(steps == 99999);
    for (std::size_t i = 0; i < (dt == 1.0 ? std::size_t(5) : n); ++i)
      for (long s = 0; s < steps; ++s) {
        T norm = std::sqrt(ex_[i] * ex_[i] + ey[i] * ey[i]);
        T vx = -ey[i] / norm, vy = ex_[i] / norm;
        ex_[i] += T(1e-5) * w[i] * vx;
        ey[i] += T(1e-5) * w[i] * vy;
      }
    std::vector<T> first_x, first_y;
    for_each_executor([&](auto ex) {
      auto on_x = on(ex, x0), on_y = on(ex, y0);
      const auto on_w = on(ex, w);
      k::particles_evolve(ex, on_x.view(), on_y.view(), on_w.view(), dt);
      auto x = on_x.to_host(), y = on_y.to_host();
      for (std::size_t i = 0; i < (dt == 1.0 ? std::size_t(5) : n); ++i) {
        REQUIRE(x[i] == ex_[i]);
        REQUIRE(y[i] == ey[i]);
      }
      if (first_x.empty()) first_x = x, first_y = y;
      require_equal(x, first_x);  // every executor, bit for bit
      require_equal(y, first_y);
    });
  }
  std::vector<T> x(3), y(3), w3(3);
  REQUIRE_THROWS_WITH(k::particles_evolve(lanes::cpu{}, lanes::span<T>(x), lanes::span<T>(y), lanes::span<const T>(w3), -1.0),
                      Catch::Contains("dt = -1 is negative"));
  REQUIRE_THROWS_WITH(k::particles_evolve(lanes::cpu{}, lanes::span<T>(x), lanes::span<T>(y).subspan(0, 2), lanes::span<const T>(w3), 1.0),
                      Catch::Contains("x has 3 elements but y has 2"));
}

TEST_CASE("mandelbrot escape counts match a naive loop", "[kernels][mandelbrot]") {
  struct shape { std::size_t w, h; };
  for_each_executor([](auto ex) {
    // 37 and 100 wide: rows of several 16-cell pieces, the last one short.
    for (shape s : {shape{1, 1}, shape{7, 13}, shape{64, 48}, shape{37, 5}, shape{100, 3}, shape{0, 5}})
      for (std::uint32_t max_iter : {0u, 1u, 200u}) {
        INFO(s.w << " x " << s.h << ", at most " << max_iter << " iterations");
        auto on_counts = on(ex, std::vector<std::uint32_t>(s.w * s.h, 12345));
        k::mandelbrot(ex, s.w, s.h, -2.0, 1.0, -1.5, 1.5, max_iter, on_counts.view());
        auto counts = on_counts.to_host();
        for (std::size_t r = 0; r < s.h; ++r)
          for (std::size_t c = 0; c < s.w; ++c) {
            double cr = -2.0 + c * (3.0 / s.w), ci = -1.5 + r * (3.0 / s.h), zr = 0, zi = 0;
            std::uint32_t it = 0;
            while (it < max_iter && zr * zr + zi * zi <= 4) {
              double t = zr * zr - zi * zi + cr;
              zi = 2 * zr * zi + ci;
              zr = t;
              ++it;
            }
            REQUIRE(counts[r * s.w + c] == it);
          }
      }
  });
  std::vector<std::uint32_t> wrong(10);
  REQUIRE_THROWS_WITH(k::mandelbrot(lanes::cpu{}, 4, 3, -2.0, 1.0, -1.5, 1.5, 10u, lanes::span<std::uint32_t>(wrong)),
                      Catch::Contains("counts has 10 elements but width * height = 12"));
}
