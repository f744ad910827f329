// SPDX-License-Identifier: Apache-2.0
// lanes::random: the Philox stream against Random123's known answers, every fill against
// items computed by hand from the generator (normal's in long double, to within a few ulps), the same items on every executor and for any
// split into offsets, and the distributions' mean, variance and a chi-square with a fixed seed.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "lanes/kernels/random.hpp"
#include "support.hpp"

using namespace lanes_test;
namespace rnd = lanes::random;

namespace {

template <class T, class Ex>
std::vector<T> uniform_on(Ex ex, std::size_t n, rnd::philox gen, T lo, T hi) {
  auto out = on(ex, std::vector<T>(n));
  rnd::uniform(ex, out, gen, lo, hi);
  return out.to_host();
}

template <class T, class Ex>
std::vector<T> normal_on(Ex ex, std::size_t n, rnd::philox gen) {
  auto out = on(ex, std::vector<T>(n));
  rnd::normal(ex, out, gen, T(0), T(1));
  return out.to_host();
}

template <class Ex>
std::vector<std::uint8_t> bernoulli_on(Ex ex, std::size_t n, rnd::philox gen, double p) {
  auto out = on(ex, std::vector<std::uint8_t>(n));
  rnd::bernoulli(ex, out, gen, p);
  return out.to_host();
}

// Item i of a fill from `gen`, by hand: block (offset + i) / per, word (offset + i) % per.
std::uint32_t word(rnd::philox gen, std::uint64_t at, unsigned per, unsigned k) {
  const std::uint64_t c = at / per, s = gen.stream;
  auto b = lanes::kernels::philox4x32_10({{std::uint32_t(c), std::uint32_t(c >> 32), std::uint32_t(s),
                                           std::uint32_t(s >> 32)}},
                                         std::uint32_t(gen.seed), std::uint32_t(gen.seed >> 32));
  return b.v[k];
}

#ifdef LANES_PHILOX_X86
// The vector Philox of every instruction set this processor has: 64 blocks' words in the
// stream's order, against philox4x32_10 block by block; nothing written where the counter's
// low word would wrap inside the 64.
TEST_CASE("philox_words_x86 gives Philox's words in the stream's order", "[random]") {
  namespace impl = lanes::kernels::impl;
  const std::uint64_t last = 0xFFFFFFFFu - 63;  // the last c0 whose 64 blocks keep the high word
  for (auto isa : vector_isas_here())
    for (std::uint64_t c0 : {std::uint64_t(0), std::uint64_t(5), last, last + 1, std::uint64_t(0x123400000007), std::uint64_t(0x1234FFFFFFC3), ~std::uint64_t(0) - 200}) {
      INFO("isa " << int(isa) << ", c0 = " << c0);
      const rnd::philox gen{0x0123456789ABCDEFull, 0, 0xFEDCBA9876543210ull};
      std::vector<std::uint32_t> words(4 * impl::philox_x86_blocks, 0xDEADBEEFu);
      const bool done = impl::philox_words_x86(isa, c0, gen.stream, gen.seed, words.data());
      REQUIRE(done == (std::uint32_t(c0) <= std::uint32_t(last)));
      for (std::size_t b = 0; b < impl::philox_x86_blocks; ++b)
        for (unsigned k = 0; k < 4; ++k) REQUIRE(words[4 * b + k] == (done ? gen.block(c0 + b).v[k] : 0xDEADBEEFu));
    }
}
#endif

#if !LANES_TEST_ON_GPU  // host code: the CPU suite runs it
// The Box-Muller pair's log, sin and cos (kernels/impl/box_muller.hpp) against long double,
// on a stride of their inputs with both ends: log within 1 ulp, sin and cos within 2^-(digits-1).
template <class T>
void box_muller_math_is_accurate(std::uint64_t stride) {
  namespace impl = lanes::kernels::impl;
  constexpr int digits = std::numeric_limits<T>::digits;  // 24 or 53: u = k 2^-digits
  const long double two_pi = 6.283185307179586476925286766559L, unit = std::ldexp(1.0L, -digits);
  const std::uint64_t last = std::uint64_t(1) << digits;
  const auto check = [&](std::uint64_t k) {
    const T u = T(k) * T(unit);  // (0, 1]
    const long double log_u = std::log((long double)u);
    int e = 0;
    std::frexp(log_u, &e);
    INFO("k = " << k);
    REQUIRE(std::fabs(impl::log_unit(u) - log_u) <= (log_u == 0 ? 0 : std::ldexp(1.0L, e - digits)));
    const T v = T(k - 1) * T(unit);  // [0, 1)
    T s, c;
    impl::sincos_turns(v, s, c);
    REQUIRE(std::fabs(s - std::sin(two_pi * v)) <= 2 * unit);
    REQUIRE(std::fabs(c - std::cos(two_pi * v)) <= 2 * unit);
  };
  for (std::uint64_t k = 1; k <= 1000; ++k) check(k);
  for (std::uint64_t k = 1001; k < last - 1000; k += stride) check(k);
  for (std::uint64_t k = last - 1000; k <= last; ++k) check(k);
}

TEST_CASE("normal's log, sin and cos are within 1 ulp and 2^-(digits-1) of long double's", "[random]") {
  box_muller_math_is_accurate<float>(7);
  box_muller_math_is_accurate<double>((std::uint64_t(1) << 53) / 1000003);
}
#endif

// The 53-bit uniform in [0, 1) of words (k, k + 1) of the block of item `at` (2 items a block).
long double unit53(rnd::philox gen, std::uint64_t at, unsigned k) {
  return ((std::uint64_t(word(gen, at, 2, k)) << 32 | word(gen, at, 2, k + 1)) >> 11) / 9007199254740992.0L;
}

template <class Ex>
void fills_are_the_documented_items(Ex ex) {
  for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(3), std::size_t(1001), std::size_t(70001)}) {
    // The last offset's blocks cross 2^32, where the counter's low word wraps.
    for (std::uint64_t offset : {std::uint64_t(0), std::uint64_t(5), std::uint64_t(1) << 40, (std::uint64_t(1) << 34) - 41}) {
      INFO("n = " << n << ", offset = " << offset);
      const rnd::philox gen{12345, offset, 3};
      const auto f = uniform_on<float>(ex, n, gen, -2.0f, 6.0f);
      const auto d = uniform_on<double>(ex, n, gen, 0.0, 1.0);
      const auto b = bernoulli_on(ex, n, gen, 0.25);
      const auto zf = normal_on<float>(ex, n, gen);
      const auto zd = normal_on<double>(ex, n, gen);
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t at = offset + i;
        // Box-Muller by hand in long double: item 2p, 2p + 1 are r cos t, r sin t
        const unsigned pair_f = 2 * (at / 2 % 2);
        const long double u1f = (word(gen, at, 4, pair_f) >> 8) / 16777216.0L + 1 / 16777216.0L;
        const long double u2f = (word(gen, at, 4, pair_f + 1) >> 8) / 16777216.0L;
        const long double rf = std::sqrt(-2 * std::log(u1f)), tf = 6.283185307179586476925286766559L * u2f;
        REQUIRE(std::fabs(zf[i] - rf * (at % 2 ? std::sin(tf) : std::cos(tf))) <= 4 * (1 + rf) / 16777216.0L);
        const long double rd = std::sqrt(-2 * std::log(unit53(gen, at, 0) + 1 / 9007199254740992.0L));
        const long double td = 6.283185307179586476925286766559L * unit53(gen, at, 2);
        REQUIRE(std::fabs(zd[i] - rd * (at % 2 ? std::sin(td) : std::cos(td))) <= 4 * (1 + rd) / 9007199254740992.0L);
        const float uf = float(word(gen, at, 4, at % 4) >> 8) / 16777216.0f;
        REQUIRE(f[i] == -2.0f + 8.0f * uf);
        REQUIRE(d[i] == unit53(gen, at, 2 * (at % 2)));
        REQUIRE(b[i] == (word(gen, at, 4, at % 4) < (1u << 30) ? 1 : 0));
      }
    }
  }
}

template <class Ex>
void fills_split_into_offsets(Ex ex) {
  const std::size_t n = 10007, k = 4099;
  const rnd::philox whole{99, 17}, rest{99, 17 + k};
  auto all = normal_on<double>(ex, n, whole), tail = normal_on<double>(ex, n - k, rest);
  REQUIRE(std::memcmp(all.data() + k, tail.data(), (n - k) * sizeof(double)) == 0);
  auto all_f = uniform_on<float>(ex, n, whole, 0.0f, 1.0f), tail_f = uniform_on<float>(ex, n - k, rest, 0.0f, 1.0f);
  REQUIRE(std::memcmp(all_f.data() + k, tail_f.data(), (n - k) * sizeof(float)) == 0);
}

// The same items as seq's, bit for bit, everywhere (normal's log, sin and cos are Lanes'
// own plain arithmetic, and the GPU's sqrt and division are IEEE's).
template <class Ex>
void fills_match_seq(Ex ex) {
  const std::size_t n = 100003;
  const rnd::philox gen{2024, 11};
  REQUIRE(uniform_on<float>(ex, n, gen, 0.0f, 1.0f) == uniform_on<float>(lanes::seq{}, n, gen, 0.0f, 1.0f));
  REQUIRE(bernoulli_on(ex, n, gen, 0.7) == bernoulli_on(lanes::seq{}, n, gen, 0.7));
  const auto z = normal_on<float>(ex, n, gen), z_seq = normal_on<float>(lanes::seq{}, n, gen);
  REQUIRE(std::memcmp(z.data(), z_seq.data(), n * sizeof(float)) == 0);
  const auto zd = normal_on<double>(ex, n, gen), zd_seq = normal_on<double>(lanes::seq{}, n, gen);
  REQUIRE(std::memcmp(zd.data(), zd_seq.data(), n * sizeof(double)) == 0);
}

}  // namespace

TEST_CASE("lanes::random::philox is Philox-4x32-10: Random123's known answers", "[random]") {
  auto b = rnd::philox{0, 0, 0}.block(0);
  REQUIRE((b.v[0] == 0x6627e8d5u && b.v[1] == 0xe169c58du && b.v[2] == 0xbc57ac4cu && b.v[3] == 0x9b00dbd8u));
  b = rnd::philox{~std::uint64_t(0), 0, ~std::uint64_t(0)}.block(~std::uint64_t(0));
  REQUIRE((b.v[0] == 0x408f276du && b.v[1] == 0x41c83b0eu && b.v[2] == 0xa20bc7c6u && b.v[3] == 0x6d5451fdu));
  b = rnd::philox{0x299f31d0a4093822u, 0, 0x0370734413198a2eu}.block(0x85a308d3243f6a88u);
  REQUIRE((b.v[0] == 0xd16cfe09u && b.v[1] == 0x94fdccebu && b.v[2] == 0x5001e420u && b.v[3] == 0x24126ea1u));
}

TEST_CASE("random fills are the documented items of the Philox stream", "[random]") {
  for_each_executor([](auto ex) { fills_are_the_documented_items(ex); });
}

TEST_CASE("a random fill split at an offset gives the items of one fill", "[random]") {
  for_each_executor([](auto ex) { fills_split_into_offsets(ex); });
}

TEST_CASE("random fills give seq's items on every executor and thread count", "[random]") {
  for_each_executor([](auto ex) { fills_match_seq(ex); });
}

#if !LANES_TEST_ON_GPU

// Pearson's chi-square of counts against equal expected counts.
double chi_square(const std::vector<double>& counts, double expected) {
  double sum = 0;
  for (double c : counts) sum += (c - expected) * (c - expected) / expected;
  return sum;
}

TEST_CASE("random fills have their distributions' mean, variance and shape", "[random]") {
  const std::size_t n = 1 << 20;
  const rnd::philox gen{7};
  const double se = 1 / std::sqrt(double(n));  // standard error of a mean, per unit of deviation
  // Chi-square thresholds: df + 6 sqrt(2 df), far in the tail (the seed is fixed: a failure
  // is a bug, not bad luck).
  SECTION("uniform") {
    for (int precision = 0; precision < 2; ++precision) {
      std::vector<double> x(n);
      if (precision == 0) {
        auto f = uniform_on<float>(lanes::cpu{}, n, gen, -1.0f, 3.0f);
        x.assign(f.begin(), f.end());
      } else {
        x = uniform_on<double>(lanes::cpu{}, n, gen, -1.0, 3.0);
      }
      double mean = 0, var = 0;
      std::vector<double> bins(64);
      for (double v : x) {
        REQUIRE((v >= -1.0 && v < 3.0));
        mean += v;
        bins[std::size_t((v + 1.0) / 4.0 * 64)] += 1;
      }
      mean /= double(n);
      for (double v : x) var += (v - mean) * (v - mean);
      var /= double(n - 1);
      REQUIRE(std::fabs(mean - 1.0) < 5 * se * std::sqrt(16.0 / 12));
      REQUIRE(std::fabs(var - 16.0 / 12) < 0.01);
      REQUIRE(chi_square(bins, double(n) / 64) < 63 + 6 * std::sqrt(126.0));
    }
  }
  SECTION("normal") {
    auto z = normal_on<double>(lanes::cpu{}, n, gen);
    double mean = 0, var = 0;
    std::vector<double> bins(40);  // of equal probability: the bin of x is floor(40 Phi(x))
    for (double v : z) {
      mean += v;
      const double phi = 0.5 * std::erfc(-v / std::sqrt(2.0));
      bins[std::min<std::size_t>(39, std::size_t(phi * 40))] += 1;
    }
    mean /= double(n);
    for (double v : z) var += (v - mean) * (v - mean);
    var /= double(n - 1);
    REQUIRE(std::fabs(mean) < 5 * se);
    REQUIRE(std::fabs(var - 1) < 5 * std::sqrt(2.0 / double(n)));
    REQUIRE(chi_square(bins, double(n) / 40) < 39 + 6 * std::sqrt(78.0));
    auto zf = normal_on<float>(lanes::cpu{}, n, gen);
    double mean_f = 0;
    for (float v : zf) mean_f += v;
    REQUIRE(std::fabs(mean_f / double(n)) < 5 * se);
  }
  SECTION("bernoulli") {
    for (double p : {0.0, 0.3, 1.0}) {
      auto b = bernoulli_on(lanes::cpu{}, n, gen, p);
      double ones = 0;
      for (auto v : b) ones += v;
      REQUIRE(std::fabs(ones / double(n) - p) <= 5 * se * std::sqrt(p * (1 - p)));
    }
  }
}

TEST_CASE("random fills reject bad parameters and null data", "[random][errors]") {
  std::vector<float> out(4);
  const rnd::philox gen{1};
  REQUIRE_THROWS_WITH(rnd::uniform(lanes::seq{}, out, gen, 1.0f, 1.0f), Catch::Contains("is not a finite range"));
  REQUIRE_THROWS_WITH(rnd::uniform(lanes::seq{}, out, gen, 0.0f, std::numeric_limits<float>::infinity()),
                      Catch::Contains("is not a finite range"));
  REQUIRE_THROWS_WITH(rnd::normal(lanes::seq{}, out, gen, 0.0f, -1.0f), Catch::Contains("stddev >= 0"));
  REQUIRE_THROWS_WITH(rnd::normal(lanes::seq{}, out, gen, std::nanf(""), 1.0f), Catch::Contains("must be finite"));
  REQUIRE_THROWS_WITH(rnd::bernoulli(lanes::seq{}, out, gen, 1.5), Catch::Contains("p = 1.5 is not in [0, 1]"));
  REQUIRE_THROWS_WITH(rnd::bernoulli(lanes::seq{}, out, gen, std::nan("")), Catch::Contains("is not in [0, 1]"));
  REQUIRE_THROWS_WITH(rnd::uniform(lanes::seq{}, lanes::span<float>(nullptr, 2), gen),
                      Catch::Contains("uniform: out has null data"));
}

#endif
