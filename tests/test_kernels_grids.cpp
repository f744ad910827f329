// SPDX-License-Identifier: Apache-2.0
// stencil2d, conv2d, grayscale, threshold, adaptive_threshold, distance_matrix,
// nbody_step and spmv_csr against naive loops, on every executor, over odd shapes.
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

#include "lanes/compiled.hpp"
#include "lanes/kernels/grids.hpp"
#include "lanes/kernels/pairs.hpp"
#include "lanes/kernels/sparse.hpp"
#include "support.hpp"

using namespace lanes_test;
namespace k = lanes::kernels;

namespace {

using shape = std::pair<std::size_t, std::size_t>;
// 5 x 777: rows of several 256-pixel pieces, the middle one away from both edges.
const std::vector<shape> shapes = {{0, 0}, {1, 1}, {1, 9}, {9, 1}, {2, 2}, {3, 3}, {7, 13}, {64, 67}, {301, 257}, {5, 777}};

// |got - expected| <= tol * (1 + |expected|) element by element, reporting the first miss.
template <class T>
void require_close(const std::vector<T>& got, const std::vector<T>& expected, double tol) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (!(std::fabs(double(got[i]) - double(expected[i])) <= tol * (1 + std::fabs(double(expected[i]))))) {
      INFO("index " << i);
      REQUIRE(got[i] == expected[i]);
    }
  }
}

template <class T>
double eps() {
  return 8 * std::numeric_limits<T>::epsilon();
}

std::size_t clamp(std::ptrdiff_t i, std::size_t n) { return i < 0 ? 0 : std::min<std::size_t>(std::size_t(i), n - 1); }

// The bodies below run on every executor (tests/support.hpp): each is a named function
// template, its data in the executor's memory.

// `steps` Jacobi steps, a cell at a time.
template <class T>
std::vector<T> naive_stencil2d(std::size_t rows, std::size_t cols, long steps, std::vector<T> grid) {
  std::vector<T> next = grid;
  for (long s = 0; s < steps; ++s) {
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j)
        next[i * cols + j] = (i == 0 || j == 0 || i == rows - 1 || j == cols - 1)
                                 ? grid[i * cols + j]
                                 : T(0.25) * ((grid[(i - 1) * cols + j] + grid[(i + 1) * cols + j]) +
                                              (grid[i * cols + j - 1] + grid[i * cols + j + 1]));
    std::swap(grid, next);
  }
  return grid;
}

template <class T, class Ex>
void stencil2d_matches_naive_loop(Ex ex) {
  // On the CPU, steps are fused into sweeps over bands of rows: these shapes give a step at
  // a time (4 x 9: too few rows for a sweep), one band of one step per sweep (5 x 9), rows
  // too wide for two steps in a sweep's cache but too few to split them in strips (10 x
  // 22000), several bands with a short last one (300 x 7, 1000 x 3: up to 8 steps per
  // sweep, so 17 steps make sweeps of 8, 8 and 1), and a single column. Strips of columns:
  // the next test.
  auto stencil_shapes = shapes;
  stencil_shapes.insert(stencil_shapes.end(), {{4, 9}, {5, 9}, {10, 22000}, {300, 7}, {1000, 3}, {640, 1}});
  for (auto [rows, cols] : stencil_shapes) {
    for (long steps : {0L, 1L, 2L, 3L, 5L, 9L, 17L}) {
      INFO(rows << "x" << cols << ", " << steps << " steps");
      auto start = random_values<T>(rows * cols, rows + cols);
      auto grid = on(ex, start), scratch = on(ex, std::vector<T>(rows * cols));
      k::stencil2d(ex, rows, cols, steps, grid.view(), scratch.view());
      // The same arithmetic per cell: the same bits.
      require_equal(grid.to_host(), naive_stencil2d(rows, cols, steps, start));
    }
  }
}

template <class T, class Ex>
void conv2d_matches_naive_loop(Ex ex) {
  for (auto [rows, cols] : shapes) {
    for (std::size_t size : {3, 5}) {
      INFO(rows << "x" << cols << ", filter " << size);
      auto image = random_values<T>(rows * cols, 3), filter = random_values<T>(size * size, 4);
      std::vector<T> expected(rows * cols);
      auto r = std::ptrdiff_t(size / 2);
      for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < cols; ++j) {
          long double sum = 0;
          for (std::ptrdiff_t a = -r; a <= r; ++a)
            for (std::ptrdiff_t b = -r; b <= r; ++b)
              sum += (long double)filter[(a + r) * std::ptrdiff_t(size) + b + r] *
                     image[clamp(std::ptrdiff_t(i) + a, rows) * cols + clamp(std::ptrdiff_t(j) + b, cols)];
          expected[i * cols + j] = T(sum);
        }
      const auto on_image = on(ex, image), on_filter = on(ex, filter);
      auto out = on(ex, std::vector<T>(rows * cols, T(-7)));
      k::conv2d(ex, rows, cols, on_image.view(), size, on_filter.view(), out.view());
      require_close(out.to_host(), expected, 4 * eps<T>());
    }
  }
}

// adaptive_threshold against the naive loop over each window, in the documented order:
// the sum, left to right, of the column sums, each top to bottom.
template <class T, class Ex>
void adaptive_threshold_matches_naive_loop(Ex ex, std::size_t rows, std::size_t cols, const std::vector<T>& image, T c) {
  const std::size_t n = rows * cols;
  const auto on_image = on(ex, image);
  auto mask = on(ex, std::vector<std::uint8_t>(n, 1));
  std::vector<std::uint8_t> expected(n);
  for (std::size_t block : {3, 7, 255}) {
    if (block == 255 && n > 1000) continue;  // the naive loop's block^2 per pixel
    INFO("block " << block);
    auto r = std::ptrdiff_t(block / 2);
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j) {
        T sum = 0;
        for (std::ptrdiff_t b = -r; b <= r; ++b) {
          T column = 0;
          for (std::ptrdiff_t a = -r; a <= r; ++a)
            column += image[clamp(std::ptrdiff_t(i) + a, rows) * cols + clamp(std::ptrdiff_t(j) + b, cols)];
          sum += column;
        }
        expected[i * cols + j] = image[i * cols + j] > sum / T(block * block) - c ? 255 : 0;
      }
    k::adaptive_threshold(ex, rows, cols, on_image.view(), block, c, mask.view());
    require_equal(mask.to_host(), expected);
  }
}

template <class T, class Ex>
void grayscale_and_thresholds_match_naive_loops(Ex ex) {
  for (auto [rows, cols] : shapes) {
    INFO(rows << "x" << cols);
    std::size_t n = rows * cols;
    std::vector<std::uint8_t> rgb(3 * n);
    for (std::size_t i = 0; i < rgb.size(); ++i) rgb[i] = std::uint8_t((i * 131 + 7) % 256);
    std::vector<T> expected(n);
    for (std::size_t i = 0; i < n; ++i)
      expected[i] = T(0.299) * T(rgb[3 * i]) + T(0.587) * T(rgb[3 * i + 1]) + T(0.114) * T(rgb[3 * i + 2]);
    const auto on_rgb = on(ex, rgb);
    auto on_gray = on(ex, std::vector<T>(n));
    k::grayscale(ex, on_rgb.view(), on_gray.view());
    auto gray = on_gray.to_host();
    require_equal(gray, expected);  // the same operations in the same order: the same bits

    auto mask = on(ex, std::vector<std::uint8_t>(n, 1));
    std::vector<std::uint8_t> expected_mask(n);
    for (std::size_t i = 0; i < n; ++i) expected_mask[i] = gray[i] > T(100) ? 255 : 0;
    k::threshold(ex, std::as_const(on_gray).view(), T(100), mask.view());
    require_equal(mask.to_host(), expected_mask);

    adaptive_threshold_matches_naive_loop(ex, rows, cols, gray, T(5));
    // Constant images tell the order of summation apart: whether a pixel of 0.7 exceeds
    // the rounded mean of its 3 x 3 window differs between row-by-row and column sums.
    for (T level : {T(0.1), T(0.7), T(1.3)}) adaptive_threshold_matches_naive_loop(ex, rows, cols, std::vector<T>(n, level), T(0));
  }
  // NaN exceeds no level, -0 does not exceed 0, infinities and the values either side of the
  // level; 301 pixels: a group and a tail.
  const T inf = std::numeric_limits<T>::infinity(), level = T(100);
  const std::vector<T> special = {std::numeric_limits<T>::quiet_NaN(), -inf, inf, T(-0.0), T(0), -level,
                                  std::nextafter(level, -inf), level, std::nextafter(level, inf)};
  std::vector<T> image(301);
  for (std::size_t i = 0; i < image.size(); ++i) image[i] = special[(i * 7) % special.size()];
  for (T at : {level, T(0), T(-0.0)}) {
    std::vector<std::uint8_t> expected(image.size());
    for (std::size_t i = 0; i < image.size(); ++i) expected[i] = image[i] > at ? 255 : 0;
    auto mask = on(ex, std::vector<std::uint8_t>(image.size(), 1));
    k::threshold(ex, on(ex, image).view(), at, mask.view());
    require_equal(mask.to_host(), expected);
  }
}

template <class T, class Ex>
void distance_matrix_matches_naive_loop(Ex ex) {
  for (auto [n, dim] : std::vector<shape>{{0, 3}, {1, 1}, {2, 3}, {7, 13}, {130, 5}, {3, 0}, {17, 2}, {67, 3}, {1, 2}}) {
    INFO(n << " points in " << dim << " dimensions");
    auto points = random_values<T>(n * dim, 11);
    std::vector<T> expected(n * n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        long double sum = 0;
        for (std::size_t d = 0; d < dim; ++d) {
          long double diff = (long double)points[i * dim + d] - points[j * dim + d];
          sum += diff * diff;
        }
        expected[i * n + j] = T(std::sqrt(sum));
      }
    const auto on_points = on(ex, points);
    auto on_out = on(ex, std::vector<T>(n * n, T(-1)));
    k::distance_matrix(ex, n, dim, on_points.view(), on_out.view());
    auto out = on_out.to_host();
    require_close(out, expected, 4 * eps<T>());
    for (std::size_t i = 0; i < n; ++i) {
      REQUIRE(out[i * n + i] == T(0));
      for (std::size_t j = 0; j < i; ++j) REQUIRE(out[i * n + j] == out[j * n + i]);
    }
    // Blocks of rows (a worker's share): the matrix's rows, bit for bit, the rest untouched.
    for (auto [first, rows] : std::vector<shape>{{0, n}, {n / 3, n / 2}, {n, 0}, {n ? n - 1 : 0, n ? 1 : 0}}) {
      INFO("rows [" << first << ", " << first + rows << ")");
      auto on_rows = on(ex, std::vector<T>(rows * n, T(-1)));
      k::distance_matrix_rows(ex, n, dim, on_points.view(), first, rows, on_rows.view());
      auto block = on_rows.to_host();
      REQUIRE((block.empty() || std::memcmp(block.data(), out.data() + first * n, block.size() * sizeof(T)) == 0));
    }
  }
  auto points = on(ex, std::vector<T>(6));
  auto rows = on(ex, std::vector<T>(6));
  REQUIRE_THROWS_AS(k::distance_matrix_rows(ex, 3, 2, lanes::span<const T>(points.view()), 2, 2, rows.view()), lanes::size_error);
  REQUIRE_THROWS_AS(k::distance_matrix_rows(ex, 3, 2, lanes::span<const T>(points.view()), 1, 1, rows.view()), lanes::size_error);
}

// One naive n-body step, its arithmetic in R and in the kernel's order (each body's sum over
// j in order): velocities, then positions, stored back in T.
template <class R, class T>
void naive_nbody_step(T dt, T soft, std::vector<T>& pos, std::vector<T>& vel, const std::vector<T>& mass) {
  const std::size_t n = mass.size();
  std::vector<T> next = vel;
  for (std::size_t i = 0; i < n; ++i) {
    R a[3] = {0, 0, 0};
    for (std::size_t j = 0; j < n; ++j) {
      R d[3];
      for (int c = 0; c < 3; ++c) d[c] = R(pos[3 * j + c]) - R(pos[3 * i + c]);
      const R r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] + R(soft) * R(soft);
      const R s = R(mass[j]) / (r2 * std::sqrt(r2));
      for (int c = 0; c < 3; ++c) a[c] += s * d[c];
    }
    for (int c = 0; c < 3; ++c) next[3 * i + c] = T(R(vel[3 * i + c]) + a[c] * R(dt));
  }
  vel = next;
  for (std::size_t c = 0; c < 3 * n; ++c) pos[c] += vel[c] * dt;
}

template <class T, class Ex>
void nbody_step_matches_naive_loop(Ex ex) {
  for (std::size_t n : {0, 1, 2, 7, 17, 300}) {
    INFO(n << " bodies");
    auto pos = random_values<T>(3 * n, 5), vel = random_values<T>(3 * n, 6), mass = random_values<T>(n, 7);
    for (auto& m : mass) m = std::fabs(m) + T(0.1);
    const T dt = T(0.01), soft = T(0.05);
    auto on_pos = on(ex, pos), on_vel = on(ex, vel);
    const auto on_mass = on(ex, mass);
    k::nbody_step(ex, dt, soft, on_pos.view(), on_vel.view(), on_mass.view());
    // Near the truth: the naive step in long double. Forces between close bodies are large:
    // compare relative to the acceleration sum.
    std::vector<T> ep = pos, ev = vel;
    naive_nbody_step<long double>(dt, soft, ep, ev, mass);
    double tol = std::is_same_v<T, float> ? 2e-4 : 1e-10;
    require_close(on_vel.to_host(), ev, tol);
    require_close(on_pos.to_host(), ep, tol);
    // And bit for bit with the naive step in T (the documented order).
    std::vector<T> bp = pos, bv = vel;
    naive_nbody_step<T>(dt, soft, bp, bv, mass);
    require_equal(on_vel.to_host(), bv);
    require_equal(on_pos.to_host(), bp);
  }
}

template <class T, class Ex>
void spmv_csr_matches_naive_loop(Ex ex) {
  for (auto [rows, cols] : shapes) {
    INFO(rows << "x" << cols);
    std::mt19937 gen(unsigned(rows * 31 + cols));
    std::vector<std::uint64_t> offsets = {0};
    std::vector<std::uint32_t> indices;
    for (std::size_t r = 0; r < rows; ++r) {
      std::size_t count = cols ? gen() % (std::min<std::size_t>(cols, 9) + 1) : 0;  // empty rows too
      for (std::size_t c = 0; c < count; ++c) indices.push_back(std::uint32_t(gen() % cols));  // duplicates too
      offsets.push_back(indices.size());
    }
    auto values = random_values<T>(indices.size(), 8), x = random_values<T>(cols, 9);
    std::vector<T> expected(rows);
    for (std::size_t r = 0; r < rows; ++r) {
      long double sum = 0;
      for (auto e = offsets[r]; e < offsets[r + 1]; ++e) sum += (long double)values[e] * x[indices[e]];
      expected[r] = T(sum);
    }
    const auto on_offsets = on(ex, offsets);
    const auto on_indices = on(ex, indices);
    const auto on_values = on(ex, values), on_x = on(ex, x);
    auto y = on(ex, std::vector<T>(rows, T(-3)));
    auto a = k::csr_matrix<T>::checked(ex, rows, cols, on_offsets.view(), on_indices.view(), on_values.view());
    k::spmv_csr(ex, a, on_x.view(), y.view());
    require_close(y.to_host(), expected, 4 * eps<T>());
    // And bit for bit with the documented order in T: entry k of a row goes to running sum
    // k % 4, and the sums meet as (s0 + s1) + (s2 + s3).
    std::vector<T> in_order(rows);
    for (std::size_t r = 0; r < rows; ++r) {
      T sums[4] = {};
      for (auto e = offsets[r]; e < offsets[r + 1]; ++e) sums[(e - offsets[r]) % 4] += values[e] * x[indices[e]];
      in_order[r] = (sums[0] + sums[1]) + (sums[2] + sums[3]);
    }
    require_equal(y.to_host(), in_order);
  }
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("stencil2d: Jacobi steps with a fixed boundary", "[kernels][grids]", floating_types) {
  for_each_executor([](auto ex) { stencil2d_matches_naive_loop<TestType>(ex); });
}

#if !LANES_TEST_ON_GPU
TEMPLATE_LIST_TEST_CASE("stencil2d: rows too wide for the cache sweep in strips of columns", "[kernels][grids]",
                        floating_types) {
  // Rows wider than a sweep's rings can hold in cache run in tiles, bands of rows times
  // strips of columns. A cache of a few rows' bytes here makes strips of 2 * n + extra
  // columns at the first sweep of n steps (checked: the plan must have several; steps after
  // 8 run in a second sweep, whose fewer steps may fit wider strips): strips with a short
  // last one, one row band or several, and strips as narrow as scratch can hold (each band
  // row saves 2 * n columns per strip, so a strip is wider than that).
  using T = TestType;
  struct wide_case {
    std::size_t rows, cols, extra;
  };
  for (auto [rows, cols, extra] : {wide_case{150, 250, 32}, wide_case{400, 90, 14}, wide_case{1400, 57, 3},
                                   wide_case{60, 300, 134}}) {
    for (long steps : {1L, 2L, 3L, 5L, 8L, 13L}) {
      const std::size_t n = std::min<std::size_t>({8, std::size_t(steps), rows / 5}), strip = 2 * n + extra;
      const std::size_t cache_bytes = 3 * sizeof(T) * n * (strip + 2 * n);
      INFO(rows << "x" << cols << ", " << steps << " steps, strips of " << strip);
      for (std::size_t workers : {1, 2, 8}) {
        const auto plan = k::impl::plan_sweep<T>(rows, cols, n, workers, cache_bytes, nullptr, nullptr);
        REQUIRE(plan.strip_cols == strip);
        REQUIRE(plan.strips > 1);
      }
      const auto start = random_values<T>(rows * cols, rows * cols + 1);
      const auto expected = naive_stencil2d(rows, cols, steps, start);
      for_each_cpu_executor([&](auto ex) {
        std::vector<T> grid = start, scratch(rows * cols);
        REQUIRE(k::impl::stencil2d_sweeps(ex, rows, cols, steps, grid.data(), scratch.data(), cache_bytes));
        require_equal(grid, expected);
      });
    }
  }
}
#endif

TEMPLATE_LIST_TEST_CASE("conv2d: 3x3 and 5x5 filters with clamped edges", "[kernels][grids]", floating_types) {
  for_each_executor([](auto ex) { conv2d_matches_naive_loop<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("grayscale, threshold and adaptive_threshold", "[kernels][grids]", floating_types) {
  for_each_executor([](auto ex) { grayscale_and_thresholds_match_naive_loops<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("distance_matrix: all pairwise distances", "[kernels][pairs]", floating_types) {
  for_each_executor([](auto ex) { distance_matrix_matches_naive_loop<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("nbody_step: all-pairs gravity with softening", "[kernels][pairs]", floating_types) {
  for_each_executor([](auto ex) { nbody_step_matches_naive_loop<TestType>(ex); });
}

TEMPLATE_LIST_TEST_CASE("spmv_csr: y = A x for random sparse matrices", "[kernels][sparse]", floating_types) {
  for_each_executor([](auto ex) { spmv_csr_matches_naive_loop<TestType>(ex); });
}

TEST_CASE("grid, pair and sparse kernels reject bad input", "[kernels][errors]") {
  lanes::cpu ex;
  std::vector<double> g(6), s(6), five(5), f9(9), f4(4);
  using cs = lanes::span<const double>;
  using ms = lanes::span<double>;
  REQUIRE_THROWS_WITH(k::stencil2d(ex, 2, 3, 1, ms(five), ms(s)), Catch::Contains("grid has 5 elements but rows * cols = 2 * 3"));
  REQUIRE_THROWS_WITH(k::stencil2d(ex, 2, 3, -1, ms(g), ms(s)), Catch::Contains("steps = -1 is negative"));
  REQUIRE_THROWS_WITH(k::stencil2d(ex, 2, 3, 1, ms(g), ms(g)), Catch::Contains("must be disjoint"));
  REQUIRE_THROWS_WITH(k::conv2d(ex, 2, 3, cs(g), 4, cs(f9), ms(s)), Catch::Contains("must be 3 or 5"));
  REQUIRE_THROWS_WITH(k::conv2d(ex, 2, 3, cs(g), 3, cs(f4), ms(s)), Catch::Contains("filter has 4 elements but size * size = 3 * 3"));
  REQUIRE_THROWS_WITH(k::conv2d(ex, 2, 3, cs(nullptr, 6), 3, cs(f9), ms(s)), Catch::Contains("image has null data"));
  std::vector<std::uint8_t> rgb(10), mask(6);
  REQUIRE_THROWS_WITH(k::grayscale(ex, lanes::span<const std::uint8_t>(rgb), ms(g)), Catch::Contains("rgb has 10 elements but 3 * pixels"));
  REQUIRE_THROWS_WITH(k::threshold(ex, cs(five), 1.0, lanes::span<std::uint8_t>(mask)), Catch::Contains("image has 5 elements but mask has 6"));
  REQUIRE_THROWS_WITH(k::adaptive_threshold(ex, 2, 3, cs(g), 4, 0.0, lanes::span<std::uint8_t>(mask)), Catch::Contains("must be odd"));
  REQUIRE_THROWS_WITH(k::adaptive_threshold(ex, 2, 3, cs(g), 257, 0.0, lanes::span<std::uint8_t>(mask)), Catch::Contains("block = 257; it must be odd, from 3 to 255"));
  REQUIRE_THROWS_WITH(k::adaptive_threshold(ex, 2, 3, cs(nullptr, 6), 3, 0.0, lanes::span<std::uint8_t>(mask)), Catch::Contains("image has null data"));
  REQUIRE_THROWS_WITH(k::distance_matrix(ex, 3, 2, cs(g), ms(s)), Catch::Contains("out has 6 elements but n * n = 3 * 3"));
  REQUIRE_THROWS_WITH(k::distance_matrix(ex, SIZE_MAX, 2, cs(g), ms(s)), Catch::Contains("overflows"));
  REQUIRE_THROWS_WITH(k::nbody_step(ex, 0.1, 0.1, ms(g), ms(five), cs(f4.data(), 2)), Catch::Contains("vel has 5 elements but 3 * n = 2 * 3"));
  REQUIRE_THROWS_WITH(k::nbody_step(ex, 0.1, 0.0, ms(g), ms(s), cs(f4.data(), 2)), Catch::Contains("softening"));

  std::vector<std::uint64_t> offsets = {0, 2, 1, 3};
  std::vector<std::uint32_t> indices = {0, 1, 2};
  std::vector<double> values = {1, 2, 3}, x(3), y(3);
  using offs = lanes::span<const std::uint64_t>;
  using idx = lanes::span<const std::uint32_t>;
  REQUIRE_THROWS_WITH(k::csr_matrix<double>::checked(ex, 3, 3, offs(offsets), idx(indices), cs(values)),
                      Catch::Contains("offsets decrease at row 1 (2 then 1)"));
  offsets = {1, 2, 2, 3};
  REQUIRE_THROWS_WITH(k::csr_matrix<double>::checked(ex, 3, 3, offs(offsets), idx(indices), cs(values)),
                      Catch::Contains("offsets[0] = 1"));
  offsets = {0, 1, 2, 4};
  REQUIRE_THROWS_WITH(k::csr_matrix<double>::checked(ex, 3, 3, offs(offsets), idx(indices), cs(values)),
                      Catch::Contains("offsets[rows] = 4 but there are 3 entries"));
  offsets = {0, 1, 2, 3};
  indices = {0, 3, 1};
  REQUIRE_THROWS_WITH(k::csr_matrix<double>::checked(ex, 3, 3, offs(offsets), idx(indices), cs(values)),
                      Catch::Contains("entry 1 has column index 3, outside the 3 columns"));
  REQUIRE_THROWS_WITH(k::csr_matrix<double>::checked(ex, 2, 3, offs(offsets), idx(indices), cs(values)),
                      Catch::Contains("offsets has 4 elements but rows + 1 = 2 + 1"));
  indices = {0, 2, 1};
  auto a = k::csr_matrix<double>::checked(ex, 3, 3, offs(offsets), idx(indices), cs(values));
  REQUIRE_THROWS_WITH(k::spmv_csr(ex, a, cs(x.data(), 2), ms(y)), Catch::Contains("x has 2 elements but cols * 1 = 3 * 1"));
}

TEMPLATE_LIST_TEST_CASE("the compiled entry points give the kernels' results", "[kernels][compiled]", floating_types) {
  using T = TestType;
  for (const char* spec : {"seq", "cpu", "cpu:2"}) {
    INFO(spec);
    lanes::device d(spec);
    const std::size_t rows = 37, cols = 53, n = rows * cols;
    auto image = random_values<T>(n, 1), filter = random_values<T>(25, 2);

    std::vector<T> grid = image, scratch(n), expected = image, expected_scratch(n);
    lanes::compiled::stencil2d(d, rows, cols, 3, lanes::span<T>(grid), lanes::span<T>(scratch));
    k::stencil2d(lanes::seq{}, rows, cols, 3, lanes::span<T>(expected), lanes::span<T>(expected_scratch));
    require_equal(grid, expected);

    std::vector<T> out(n), reference(n);
    lanes::compiled::conv2d(d, rows, cols, lanes::span<const T>(image), 5, lanes::span<const T>(filter), lanes::span<T>(out));
    k::conv2d(lanes::seq{}, rows, cols, lanes::span<const T>(image), 5, lanes::span<const T>(filter), lanes::span<T>(reference));
    require_equal(out, reference);

    std::vector<std::uint8_t> mask(n), reference_mask(n);
    lanes::compiled::adaptive_threshold(d, rows, cols, lanes::span<const T>(image), 5, T(0.1), lanes::span<std::uint8_t>(mask));
    k::adaptive_threshold(lanes::seq{}, rows, cols, lanes::span<const T>(image), 5, T(0.1), lanes::span<std::uint8_t>(reference_mask));
    require_equal(mask, reference_mask);

    std::vector<T> distances(rows * rows), reference_distances(rows * rows);
    lanes::compiled::distance_matrix(d, rows, cols, lanes::span<const T>(image), lanes::span<T>(distances));
    k::distance_matrix(lanes::seq{}, rows, cols, lanes::span<const T>(image), lanes::span<T>(reference_distances));
    require_equal(distances, reference_distances);

    std::vector<std::uint64_t> offsets(rows + 1);
    std::vector<std::uint32_t> indices(rows * 3);
    for (std::size_t r = 0; r <= rows; ++r) offsets[r] = 3 * r;
    for (std::size_t e = 0; e < indices.size(); ++e) indices[e] = std::uint32_t((e * 17) % cols);
    std::vector<T> values(indices.begin(), indices.end()), x(image.begin(), image.begin() + cols), y(rows), ry(rows);
    lanes::compiled::spmv_csr(d, rows, cols, lanes::span<const std::uint64_t>(offsets), lanes::span<const std::uint32_t>(indices),
                              lanes::span<const T>(values), lanes::span<const T>(x), lanes::span<T>(y));
    auto a = k::csr_matrix<T>::checked(lanes::seq{}, rows, cols, lanes::span<const std::uint64_t>(offsets),
                                       lanes::span<const std::uint32_t>(indices), lanes::span<const T>(values));
    k::spmv_csr(lanes::seq{}, a, lanes::span<const T>(x), lanes::span<T>(ry));
    require_equal(y, ry);
    indices[4] = std::uint32_t(cols);
    REQUIRE_THROWS_WITH(lanes::compiled::spmv_csr(d, rows, cols, lanes::span<const std::uint64_t>(offsets),
                                                  lanes::span<const std::uint32_t>(indices), lanes::span<const T>(values),
                                                  lanes::span<const T>(x), lanes::span<T>(y)),
                        Catch::Contains("entry 4 has column index 53"));
    require_equal(y, ry);  // rejected before anything was written
  }
}
