// SPDX-License-Identifier: Apache-2.0
// The C ABI's appended entry points: exclusive_scan, gather, scatter, the kernels and the
// random fills, on seq and cpu:2 (the sequence algorithms: test_c_api_sequences.cpp). Results are checked against
// naive loops and std:: algorithms where they are short, else bit for bit against the
// kernel's own header run on lanes::seq (the reference semantics, itself checked against
// naive loops in test_kernels*.cpp and Random123's answers in test_random.cpp); then each
// call's statuses, with the arrays left unchanged.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "c_api_support.hpp"
#include "lanes/kernels/blas.hpp"
#include "lanes/kernels/grids.hpp"
#include "lanes/kernels/pairs.hpp"
#include "lanes/kernels/random.hpp"
#include "lanes/kernels/simulations.hpp"
#include "lanes/kernels/sparse.hpp"
#include "lanes/scan.hpp"
#include "support.hpp"

using namespace lanes_test;
using namespace lanes_c_test;
namespace k = lanes::kernels;

TEMPLATE_LIST_TEST_CASE("C ABI: exclusive_scan on every dtype", "[c_api]", c_dtypes) {
  using T = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {0, 1, 2, 4099, 70001}) {
      INFO(spec << ", n = " << n);
      auto values = random_values<T>(n, 5);
      std::vector<T> expected(n);
      if constexpr (std::is_integral_v<T>)
        std::exclusive_scan(values.begin(), values.end(), expected.begin(), T(0));  // wraps as the library does
      else
        lanes::exclusive_scan(lanes::seq{}, cs(values), ms(expected), T(0));
      auto in = make(d.get(), values), out = make(d.get(), std::vector<T>(n, T(1)));
      REQUIRE(lanes_exclusive_scan(in.get(), out.get()) == LANES_OK);
      require_equal(read<T>(out.get()), expected);
      REQUIRE(lanes_exclusive_scan(in.get(), in.get()) == LANES_OK);  // in place
      require_equal(read<T>(in.get()), expected);
    }
  }
}

TEMPLATE_LIST_TEST_CASE("C ABI: gather and scatter match naive loops", "[c_api]", c_dtypes) {
  using T = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {0, 1, 17, 5003}) {
      INFO(spec << ", n = " << n);
      auto values = random_values<T>(n, 6);
      std::vector<std::int64_t> order(n);
      std::iota(order.begin(), order.end(), 0);
      std::reverse(order.begin(), order.end());
      for (std::size_t i = 0; i + 7 < n; i += 7) std::swap(order[i], order[i + 3]);
      std::vector<T> gathered(n), scattered(n);
      for (std::size_t i = 0; i < n; ++i) gathered[i] = values[order[i]], scattered[order[i]] = values[i];
      auto in = make(d.get(), values), idx = make(d.get(), order);
      auto out = make(d.get(), std::vector<T>(n));
      REQUIRE(lanes_gather(in.get(), idx.get(), out.get()) == LANES_OK);
      require_equal(read<T>(out.get()), gathered);
      REQUIRE(lanes_scatter(in.get(), idx.get(), out.get()) == LANES_OK);
      require_equal(read<T>(out.get()), scattered);
    }
  }
}

TEST_CASE("C ABI: gather and scatter reject bad indices before writing", "[c_api]") {
  auto d = open("cpu:2");
  auto in = make(d.get(), std::vector<double>{1, 2, 3});
  auto out = make(d.get(), std::vector<double>{7, 7, 7});
  auto outside = make(d.get(), std::vector<std::int64_t>{0, 3, 1});
  auto negative = make(d.get(), std::vector<std::int64_t>{0, -1, 1});
  auto repeated = make(d.get(), std::vector<std::int64_t>{2, 0, 2});
  auto not_i64 = make(d.get(), std::vector<std::uint64_t>{0, 1, 2});
  auto two = make(d.get(), std::vector<std::int64_t>{0, 1});
  require_failure(lanes_gather(in.get(), outside.get(), out.get()), LANES_EINVAL, "indices[1] = 3 is outside in");
  require_failure(lanes_gather(in.get(), negative.get(), out.get()), LANES_EINVAL, "indices[1] = -1");
  require_failure(lanes_scatter(in.get(), repeated.get(), out.get()), LANES_EINVAL, "index 2 appears more than once");
  require_failure(lanes_gather(in.get(), not_i64.get(), out.get()), LANES_EDTYPE, "indices_i64 has dtype U64, not I64");
  require_failure(lanes_scatter(in.get(), two.get(), out.get()), LANES_ESIZE, "elements");
  // out holds as many elements as indices, no more (found by fuzz_c_abi: it was accepted)
  require_failure(lanes_gather(in.get(), two.get(), out.get()), LANES_ESIZE, "elements");
  require_failure(lanes_gather(in.get(), nullptr, out.get()), LANES_EINVAL, "indices_i64 is NULL");
  auto floats = make(d.get(), std::vector<float>{0, 0, 0});
  require_failure(lanes_gather(in.get(), two.get(), floats.get()), LANES_EDTYPE, "in has dtype F64 but out has F32");
  require_equal(read<double>(out.get()), std::vector<double>{7, 7, 7});
}

TEMPLATE_LIST_TEST_CASE("C ABI: scal, nrm2 and gemv match naive loops", "[c_api]", floating_types) {
  using T = TestType;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {0, 1, 17, 70001}) {
      INFO(spec << ", n = " << n);
      auto values = random_values<T>(n, 7);
      std::vector<T> scaled(n);
      long double squares = 0;
      for (std::size_t i = 0; i < n; ++i) scaled[i] = T(-2.5) * values[i], squares += (long double)values[i] * values[i];
      auto x = make(d.get(), values);
      double norm = -1;
      REQUIRE(lanes_nrm2(x.get(), &norm) == LANES_OK);
      REQUIRE(std::fabs(norm - double(std::sqrt(squares))) <= 4 * n * std::numeric_limits<T>::epsilon() * norm + 1e-300);
      REQUIRE(lanes_scal(-2.5, x.get()) == LANES_OK);
      require_equal(read<T>(x.get()), scaled);
    }
    for (auto [m, n] : {std::pair<std::size_t, std::size_t>{1, 1}, {7, 13}, {300, 261}, {0, 4}, {5, 0}}) {
      INFO(spec << ", " << m << " x " << n);
      auto as = random_values<T>(m * n, 1), xs = random_values<T>(n, 2), ys = random_values<T>(m, 3);
      auto a = make(d.get(), as), x = make(d.get(), xs), y = make(d.get(), ys);
      REQUIRE(lanes_gemv(m, n, 0.5, a.get(), x.get(), -1.0, y.get()) == LANES_OK);
      auto got = read<T>(y.get());
      for (std::size_t r = 0; r < m; ++r) {
        long double s = 0, size = 0;
        for (std::size_t c = 0; c < n; ++c) s += (long double)as[r * n + c] * xs[c], size += std::fabs(as[r * n + c] * xs[c]);
        long double expected = 0.5L * s - ys[r];
        REQUIRE(std::fabs(got[r] - expected) <= 4 * (n + 2) * std::numeric_limits<T>::epsilon() * (size + std::fabs(ys[r])));
      }
    }
  }
}

TEMPLATE_LIST_TEST_CASE("C ABI: the grid and image kernels give seq's bits", "[c_api]", floating_types) {
  using T = TestType;
  const std::size_t rows = 67, cols = 131, n = rows * cols;
  for (const char* spec : specs) {
    INFO(spec);
    auto d = open(spec);
    auto image = random_values<T>(n, 11), filter = random_values<T>(25, 12);

    std::vector<T> grid = image, scratch(n);
    auto g = make(d.get(), grid), sc = make(d.get(), scratch);
    k::stencil2d(lanes::seq{}, rows, cols, 5, ms(grid), ms(scratch));
    REQUIRE(lanes_stencil2d(rows, cols, 5, g.get(), sc.get()) == LANES_OK);
    require_equal(read<T>(g.get()), grid);

    std::vector<T> filtered(n);
    k::conv2d(lanes::seq{}, rows, cols, cs(image), 5, cs(filter), ms(filtered));
    auto im = make(d.get(), image), f = make(d.get(), filter), out = make(d.get(), std::vector<T>(n));
    REQUIRE(lanes_conv2d(rows, cols, im.get(), 5, f.get(), out.get()) == LANES_OK);
    require_equal(read<T>(out.get()), filtered);

    std::vector<std::uint8_t> mask(n), expected_mask(n);
    for (std::size_t i = 0; i < n; ++i) expected_mask[i] = image[i] > T(0.25) ? 255 : 0;
    auto m = make(d.get(), mask);
    REQUIRE(lanes_threshold(im.get(), 0.25, m.get()) == LANES_OK);
    require_equal(read<std::uint8_t>(m.get()), expected_mask);

    k::adaptive_threshold(lanes::seq{}, rows, cols, cs(image), 11, T(0.01), ms(expected_mask));
    REQUIRE(lanes_adaptive_threshold(rows, cols, im.get(), 11, 0.01, m.get()) == LANES_OK);
    require_equal(read<std::uint8_t>(m.get()), expected_mask);

    std::vector<std::uint8_t> rgb(3 * n);
    for (std::size_t i = 0; i < rgb.size(); ++i) rgb[i] = std::uint8_t(i * 7919 % 256);
    std::vector<T> gray(n);
    for (std::size_t i = 0; i < n; ++i)
      gray[i] = T(0.299) * T(rgb[3 * i]) + T(0.587) * T(rgb[3 * i + 1]) + T(0.114) * T(rgb[3 * i + 2]);
    auto colour = make(d.get(), rgb), grey = make(d.get(), std::vector<T>(n));
    REQUIRE(lanes_grayscale(colour.get(), grey.get()) == LANES_OK);
    require_equal(read<T>(grey.get()), gray);

    // Shapes and dtypes that do not fit: a status, and nothing written.
    auto small = make(d.get(), std::vector<T>(n - 1, T(3)));
    require_failure(lanes_conv2d(rows, cols, im.get(), 5, f.get(), small.get()), LANES_ESIZE, "out has");
    require_failure(lanes_conv2d(rows, cols, im.get(), 4, f.get(), out.get()), LANES_EINVAL, "3 or 5");
    require_failure(lanes_threshold(im.get(), 0.5, grey.get()), LANES_EDTYPE, "not U8");
    require_failure(lanes_grayscale(grey.get(), out.get()), LANES_EDTYPE, "not U8");
    require_failure(lanes_stencil2d(rows, cols, -1, g.get(), sc.get()), LANES_EINVAL, "negative");
    require_failure(lanes_threshold(colour.get(), 0.5, m.get()), LANES_EDTYPE, "F32 or F64");
    require_equal(read<T>(small.get()), std::vector<T>(n - 1, T(3)));
  }
}

TEMPLATE_LIST_TEST_CASE("C ABI: mandelbrot, distance_matrix, nbody_step and spmv_csr give seq's bits", "[c_api]",
                        floating_types) {
  using T = TestType;
  for (const char* spec : specs) {
    INFO(spec);
    auto d = open(spec);
    const std::size_t width = 101, height = 37;
    std::vector<std::uint32_t> counts(width * height);
    k::mandelbrot(lanes::seq{}, width, height, -2.0, 1.0, -1.0, 1.0, 200, ms(counts));
    auto c = make(d.get(), std::vector<std::uint32_t>(width * height));
    REQUIRE(lanes_mandelbrot(width, height, -2.0, 1.0, -1.0, 1.0, 200, c.get()) == LANES_OK);
    require_equal(read<std::uint32_t>(c.get()), counts);
    require_failure(lanes_mandelbrot(width, height + 1, -2.0, 1.0, -1.0, 1.0, 200, c.get()), LANES_ESIZE, "counts has");

    const std::size_t n = 97;
    auto points = random_values<T>(n * 3, 13);
    std::vector<T> distances(n * n);
    k::distance_matrix(lanes::seq{}, n, 3, cs(points), ms(distances));
    auto p = make(d.get(), points), out = make(d.get(), std::vector<T>(n * n));
    REQUIRE(lanes_distance_matrix(n, 3, p.get(), out.get()) == LANES_OK);
    require_equal(read<T>(out.get()), distances);

    auto pos = random_values<T>(3 * n, 14), vel = random_values<T>(3 * n, 15), mass = random_values<T>(n, 16);
    for (T& w : mass) w = std::fabs(w) + T(0.5);
    auto ps = make(d.get(), pos), vs = make(d.get(), vel), ms_ = make(d.get(), mass);
    k::nbody_step(lanes::seq{}, T(0.01), T(0.1), ms(pos), ms(vel), cs(mass));
    REQUIRE(lanes_nbody_step(0.01, 0.1, ps.get(), vs.get(), ms_.get()) == LANES_OK);
    require_equal(read<T>(ps.get()), pos);
    require_equal(read<T>(vs.get()), vel);

    // A 5 x 7 matrix with an empty row and a full one.
    std::vector<std::uint64_t> offsets{0, 2, 2, 9, 10, 12};
    std::vector<std::uint32_t> columns{0, 6, 0, 1, 2, 3, 4, 5, 6, 3, 1, 5};
    auto values = random_values<T>(columns.size(), 17), x = random_values<T>(7, 18);
    std::vector<T> y(5);
    k::spmv_csr(lanes::seq{}, k::csr_matrix<T>::checked(lanes::seq{}, 5, 7, cs(offsets), cs(columns), cs(values)), cs(x), ms(y));
    auto o = make(d.get(), offsets), col = make(d.get(), columns), v = make(d.get(), values), xs = make(d.get(), x);
    auto ys = make(d.get(), std::vector<T>(5));
    REQUIRE(lanes_spmv_csr(5, 7, o.get(), col.get(), v.get(), xs.get(), ys.get()) == LANES_OK);
    require_equal(read<T>(ys.get()), y);
    auto bad_columns = make(d.get(), std::vector<std::uint32_t>{0, 7, 0, 1, 2, 3, 4, 5, 6, 3, 1, 5});
    require_failure(lanes_spmv_csr(5, 7, o.get(), bad_columns.get(), v.get(), xs.get(), ys.get()), LANES_EINVAL,
                    "outside the 7 columns");
    require_failure(lanes_spmv_csr(4, 7, o.get(), col.get(), v.get(), xs.get(), ys.get()), LANES_ESIZE, "offsets has");
    require_equal(read<T>(ys.get()), y);
  }
}

TEMPLATE_LIST_TEST_CASE("C ABI: the random fills give the header's bits on seq, in pieces too", "[c_api][random]",
                        floating_types) {
  using T = TestType;
  namespace rnd = lanes::random;
  for (const char* spec : specs) {
    auto d = open(spec);
    for (std::size_t n : {0, 1, 5, 70001}) {
      INFO(spec << ", n = " << n);
      const rnd::philox gen{0x5EED, 3, 9};  // seed, offset, stream
      std::vector<T> uniform(n), normal(n), bernoulli(n);
      rnd::uniform(lanes::seq{}, ms(uniform), gen, T(-2), T(3));
      rnd::normal(lanes::seq{}, ms(normal), gen, T(1), T(0.5));
      rnd::bernoulli(lanes::seq{}, ms(bernoulli), gen, 0.25);
      auto out = make(d.get(), std::vector<T>(n));
      REQUIRE(lanes_random_uniform(out.get(), 0x5EED, 9, 3, -2, 3) == LANES_OK);
      require_same_bits(read<T>(out.get()), uniform);
      REQUIRE(lanes_random_normal(out.get(), 0x5EED, 9, 3, 1, 0.5) == LANES_OK);
      require_same_bits(read<T>(out.get()), normal);
      REQUIRE(lanes_random_bernoulli(out.get(), 0x5EED, 9, 3, 0.25) == LANES_OK);
      require_same_bits(read<T>(out.get()), bernoulli);
      if (n > 2) {  // items 3 .. n + 2 as two fills, the second from offset 3 + n / 2
        std::vector<T> head(n / 2), tail(n - n / 2);
        auto h = make(d.get(), head), t = make(d.get(), tail);
        REQUIRE(lanes_random_normal(h.get(), 0x5EED, 9, 3, 1, 0.5) == LANES_OK);
        REQUIRE(lanes_random_normal(t.get(), 0x5EED, 9, 3 + n / 2, 1, 0.5) == LANES_OK);
        auto joined = read<T>(h.get());
        for (T x : read<T>(t.get())) joined.push_back(x);
        require_same_bits(joined, normal);
      }
    }
  }
  auto d = open("cpu:2");
  auto out = make(d.get(), std::vector<T>{7, 7});
  require_failure(lanes_random_uniform(out.get(), 1, 0, 0, 1, 1), LANES_EINVAL, "is not a finite range");
  require_failure(lanes_random_normal(out.get(), 1, 0, 0, 0, -1), LANES_EINVAL, "stddev >= 0");
  require_failure(lanes_random_bernoulli(out.get(), 1, 0, 0, 1.5), LANES_EINVAL, "is not in [0, 1]");
  require_failure(lanes_random_uniform(nullptr, 1, 0, 0, 0, 1), LANES_EINVAL, "out is NULL");
  auto ints = make(d.get(), std::vector<std::int32_t>{7, 7});
  require_failure(lanes_random_uniform(ints.get(), 1, 0, 0, 0, 1), LANES_EDTYPE, "takes F32 or F64");
  require_equal(read<T>(out.get()), std::vector<T>{7, 7});
}
