// SPDX-License-Identifier: Apache-2.0
// lanes::dist under mpirun (1, 2 and 3 ranks): every distributed result against the
// single-process one on the whole data, which every rank makes alike: bit for bit for
// reduce, exact for integer scans, min_max and histogram. Sizes: 0, fewer elements than
// ranks, blocks of the reduce that cross ranks, uneven partitions.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <limits>
#include <vector>

#include "lanes/dist.hpp"

namespace {

const std::size_t sizes[] = {0, 1, 2, 3, 4096, 2 * 4096 + 5, 3 * 4096 + 17, 100003};

template <class T>
std::vector<T> data(std::size_t n, unsigned seed) {
  std::vector<T> v(n);
  std::uint64_t s = seed * 0x9E3779B97F4A7C15ull + 7;
  for (auto& x : v) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    if constexpr (std::is_floating_point_v<T>)
      x = T(double(s >> 11) / double(1ull << 53) * 2000.0 - 1000.0) * (s % 7 == 0 ? T(1e-6) : T(1));
    else
      x = T(s >> 17);  // large: integer sums wrap
  }
  return v;
}

template <class T>
lanes::dist::array<T> spread(const lanes::dist::comm& c, const std::vector<T>& all) {
  lanes::dist::array<T> a(c, all.size());
  a.scatter_from(0, lanes::span<const T>(all));
  return a;
}

}  // namespace

TEST_CASE("dist::array partitions in even blocks, scatters and gathers", "[dist]") {
  lanes::dist::comm c;
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto all = data<double>(n, 1);
    auto a = spread(c, all);
    REQUIRE(a.global_size() == n);
    REQUIRE(a.offset() == lanes::dist::block_offset(n, c.size(), c.rank()));
    REQUIRE(a.local_size() + 1 >= n / std::size_t(c.size()));
    REQUIRE(a.local_size() <= n / std::size_t(c.size()) + 1);
    for (std::size_t i = 0; i < a.local_size(); ++i) REQUIRE(a.local()[i] == all[a.offset() + i]);
    auto back = a.gather_to(0);
    if (c.rank() == 0) REQUIRE(back == all);
    else REQUIRE(back.empty());
  }
}

TEST_CASE("dist::reduce has the single-process bits for any ranks and threads", "[dist]") {
  lanes::dist::comm c;
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto all = data<float>(n, 2);
    auto a = spread(c, all);
    const double expected = lanes::reduce(lanes::seq{}, lanes::span<const float>(all), 0.5);
    for (double got : {lanes::dist::reduce(lanes::seq{}, a, 0.5), lanes::dist::reduce(lanes::cpu{}, a, 0.5),
                       lanes::dist::reduce(lanes::cpu{2}, a, 0.5, std::plus<>{}, lanes::deterministic)})
      REQUIRE(std::memcmp(&got, &expected, sizeof got) == 0);
    auto ints = data<std::int32_t>(n, 3);
    auto b = spread(c, ints);
    REQUIRE(lanes::dist::reduce(lanes::cpu{}, b, std::int32_t(3)) ==
            lanes::reduce(lanes::seq{}, lanes::span<const std::int32_t>(ints), std::int32_t(3)));  // wraps alike
    const double squares = lanes::dist::transform_reduce(lanes::cpu{}, a, 0.0, std::plus<>{},
                                                         [](float x) { return double(x) * x; });
    const double squares_one = lanes::transform_reduce(lanes::seq{}, n, 0.0, std::plus<>{},
                                                       [&](std::size_t i) { return double(all[i]) * all[i]; });
    REQUIRE(std::memcmp(&squares, &squares_one, sizeof squares) == 0);
  }
}

TEST_CASE("dist scans: integers exact (wrapping), floats within rounding", "[dist]") {
  lanes::dist::comm c;
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto ints = data<std::int32_t>(n, 4);
    auto in = spread(c, ints);
    lanes::dist::array<std::int32_t> out(c, n);
    std::vector<std::int32_t> expected(n);
    lanes::inclusive_scan(lanes::seq{}, lanes::span<const std::int32_t>(ints), lanes::span<std::int32_t>(expected));
    lanes::dist::inclusive_scan(lanes::cpu{}, in, out);
    REQUIRE(out.gather_to(0) == (c.rank() == 0 ? expected : std::vector<std::int32_t>{}));
    lanes::exclusive_scan(lanes::seq{}, lanes::span<const std::int32_t>(ints), lanes::span<std::int32_t>(expected),
                          std::int32_t(-5));
    lanes::dist::exclusive_scan(lanes::seq{}, in, in, std::int32_t(-5));  // in place
    REQUIRE(in.gather_to(0) == (c.rank() == 0 ? expected : std::vector<std::int32_t>{}));

    auto reals = data<double>(n, 5);
    auto x = spread(c, reals);
    std::vector<double> want(n);
    lanes::inclusive_scan(lanes::seq{}, lanes::span<const double>(reals), lanes::span<double>(want));
    lanes::dist::inclusive_scan(lanes::cpu{}, x, x);
    auto got = x.gather_to(0);
    for (std::size_t i = 0; i < got.size(); ++i) REQUIRE(std::abs(got[i] - want[i]) <= 1e-9 * (1 + std::abs(want[i])) + 1e-6);
  }
}

TEST_CASE("dist::min_max and dist::histogram match one process", "[dist]") {
  lanes::dist::comm c;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto all = data<double>(n, 6);
    if (n > 2) {
      all[1] = nan;
      all[n - 1] = -0.0;
    }
    auto a = spread(c, all);
    auto got = lanes::dist::min_max(lanes::cpu{}, a);
    auto want = lanes::min_max(lanes::seq{}, lanes::span<const double>(all));
    REQUIRE(std::memcmp(&got.min, &want.min, sizeof got.min) == 0);
    REQUIRE(std::memcmp(&got.max, &want.max, sizeof got.max) == 0);
    std::vector<std::uint64_t> bins(37, 9), bins_one(37);
    auto dropped = lanes::dist::histogram(lanes::cpu{}, a, -500.0, 700.0, lanes::span<std::uint64_t>(bins));
    auto dropped_one = lanes::histogram(lanes::seq{}, lanes::span<const double>(all), -500.0, 700.0,
                                        lanes::span<std::uint64_t>(bins_one));
    REQUIRE(bins == bins_one);
    REQUIRE(dropped == dropped_one);
  }
}

TEST_CASE("dist::sort and sort_by_key: globally ordered, stable, block-partitioned", "[dist]") {
  lanes::dist::comm c;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto all = data<double>(n, 8);
    for (std::size_t i = 0; i < n; i += 5) all[i] = double(i % 3);  // duplicate keys
    if (n > 3) {
      all[0] = nan;
      all[2] = -0.0;
      all[3] = 0.0;
    }
    auto keys = spread(c, all);
    std::vector<std::uint32_t> where(n);
    for (std::size_t i = 0; i < n; ++i) where[i] = std::uint32_t(i);
    auto values = spread(c, where);
    lanes::dist::sort_by_key(lanes::cpu{}, keys, values);
    REQUIRE(keys.local_size() == lanes::dist::block_offset(n, c.size(), c.rank() + 1) - keys.offset());
    std::vector<double> want = all;
    lanes::sort_by_key(lanes::seq{}, lanes::span<double>(want), lanes::span<std::uint32_t>(where));
    auto got = keys.gather_to(0);
    auto got_where = values.gather_to(0);
    if (c.rank() == 0) {
      REQUIRE(std::memcmp(got.data(), want.data(), n * sizeof(double)) == 0);
      REQUIRE(got_where == where);  // stable: the same permutation as one process
    }
    auto u = spread(c, data<std::uint32_t>(n, 9));
    auto u_all = data<std::uint32_t>(n, 9);
    lanes::dist::sort(lanes::seq{}, u);
    std::sort(u_all.begin(), u_all.end());
    REQUIRE(u.gather_to(0) == (c.rank() == 0 ? u_all : std::vector<std::uint32_t>{}));
  }
}

TEST_CASE("dist kernels match one process: dot and nrm2 to the bit, the rest exactly", "[dist]") {
  lanes::dist::comm c;
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto xs = data<float>(n, 10), ys = data<float>(n, 11);
    auto x = spread(c, xs), y = spread(c, ys);
    const double dot = lanes::dist::dot(lanes::cpu{}, x, y);
    const double dot_one = lanes::kernels::dot(lanes::seq{}, lanes::span<const float>(xs), lanes::span<const float>(ys));
    REQUIRE(std::memcmp(&dot, &dot_one, sizeof dot) == 0);
    const double norm = lanes::dist::nrm2(lanes::cpu{}, x);
    const double norm_one = lanes::kernels::nrm2(lanes::seq{}, lanes::span<const float>(xs));
    REQUIRE(std::memcmp(&norm, &norm_one, sizeof norm) == 0);
    const std::vector<double> huge(n, 1e300);
    auto big = spread(c, huge);  // the scaled path
    REQUIRE(lanes::dist::nrm2(lanes::seq{}, big) == lanes::kernels::nrm2(lanes::seq{}, lanes::span<const double>(huge)));
    lanes::dist::axpy(lanes::cpu{}, 2.0f, x, y);
    lanes::kernels::axpy(lanes::seq{}, 2.0f, lanes::span<const float>(xs), lanes::span<float>(ys));
    REQUIRE(y.gather_to(0) == (c.rank() == 0 ? ys : std::vector<float>{}));
  }
  // gemv and spmv: rows in y's blocks.
  for (std::size_t m : {std::size_t(1), std::size_t(2), std::size_t(7), std::size_t(301)}) {
    const std::size_t n = 13;
    auto a = data<double>(m * n, 12), xv = data<double>(n, 13), yv = data<double>(m, 14);
    auto y = spread(c, yv);
    std::vector<double> want = yv;
    lanes::kernels::gemv(lanes::seq{}, m, n, 1.5, lanes::span<const double>(a), lanes::span<const double>(xv), -0.5,
                         lanes::span<double>(want));
    lanes::dist::gemv(lanes::cpu{}, n, 1.5, lanes::span<const double>(a.data() + y.offset() * n, y.local_size() * n),
                      lanes::span<const double>(xv), -0.5, y);
    REQUIRE(y.gather_to(0) == (c.rank() == 0 ? want : std::vector<double>{}));
    // CSR matrices m x m: banded, entries (r, r - 1), (r, r), (r, r + 1) (a halo of one
    // entry per neighbour), and scattered, entries (r, r), (r, 7919 r + 3 mod m),
    // (r, m - 1 - r), repeats included (a halo from every rank).
    for (bool banded : {true, false}) {
    INFO("banded " << banded);
    std::vector<std::uint64_t> offsets{0};
    std::vector<std::uint32_t> columns;
    std::vector<double> values;
    for (std::size_t r = 0; r < m; ++r) {
      std::vector<std::size_t> row_columns;
      if (banded)
        for (std::size_t col = r ? r - 1 : 0; col <= std::min(m - 1, r + 1); ++col) row_columns.push_back(col);
      else
        row_columns = {r, (7919 * r + 3) % m, m - 1 - r};
      for (std::size_t col : row_columns) {
        columns.push_back(std::uint32_t(col));
        values.push_back(double(r * 3 + col) - 4.5);
      }
      offsets.push_back(columns.size());
    }
    auto xd = spread(c, data<double>(m, 15));
    auto x_all = data<double>(m, 15);
    lanes::dist::array<double> yd(c, m);
    std::vector<double> want_spmv(m);
    lanes::kernels::spmv_csr(lanes::seq{},
                             lanes::kernels::csr_matrix<double>::checked(lanes::seq{}, m, m, lanes::span<const std::uint64_t>(offsets),
                                                                         lanes::span<const std::uint32_t>(columns),
                                                                         lanes::span<const double>(values)),
                             lanes::span<const double>(x_all), lanes::span<double>(want_spmv));
    const std::size_t r0 = yd.offset(), r1 = r0 + yd.local_size();
    std::vector<std::uint64_t> local_offsets;
    for (std::size_t r = r0; r <= r1; ++r) local_offsets.push_back(offsets[r] - offsets[r0]);
    auto a_rows = lanes::dist::csr_matrix<double>::checked(
        lanes::cpu{}, c, m, m, lanes::span<const std::uint64_t>(local_offsets),
        lanes::span<const std::uint32_t>(columns.data() + offsets[r0], offsets[r1] - offsets[r0]),
        lanes::span<const double>(values.data() + offsets[r0], offsets[r1] - offsets[r0]));
    if (banded) REQUIRE(a_rows.halo_size() <= 2);  // a row from each neighbour, no more
    for (int product = 0; product < 2; ++product) {  // the matrix is reused
      lanes::dist::spmv_csr(lanes::cpu{}, a_rows, xd, yd);
      REQUIRE(yd.gather_to(0) == (c.rank() == 0 ? want_spmv : std::vector<double>{}));
    }
    }
  }
  // distance_matrix: row blocks of the matrix, the single-process bits (the 2-D and 3-D
  // tiles, and the general loop).
  for (std::size_t dim : {std::size_t(2), std::size_t(3), std::size_t(5)})
    for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(2), std::size_t(37), std::size_t(130)}) {
      INFO("dim " << dim << ", n " << n);
      auto points_all = data<float>(n * dim, 17);
      lanes::dist::array<float> points(c, n * dim, dim);
      points.scatter_from(0, lanes::span<const float>(points_all));
      lanes::dist::array<float> out(c, n * n, std::max<std::size_t>(n, 1));
      lanes::dist::distance_matrix(lanes::cpu{}, points, out);
      std::vector<float> want(n * n);
      lanes::kernels::distance_matrix(lanes::cpu{}, n, dim, lanes::span<const float>(points_all), lanes::span<float>(want));
      auto got = out.gather_to(0);
      if (c.rank() == 0) REQUIRE((want.empty() || std::memcmp(got.data(), want.data(), want.size() * sizeof(float)) == 0));
    }
  // stencil2d: row blocks with halos, against one process's steps.
  for (std::size_t rows : {std::size_t(1), std::size_t(2), std::size_t(5), std::size_t(33)}) {
    const std::size_t cols = 17;
    auto cells = data<double>(rows * cols, 16);
    lanes::dist::array<double> grid(c, rows * cols, cols);
    grid.scatter_from(0, lanes::span<const double>(cells));
    REQUIRE(grid.local_size() % cols == 0);
    std::vector<double> scratch(cells.size());
    lanes::kernels::stencil2d(lanes::seq{}, rows, cols, 9, lanes::span<double>(cells), lanes::span<double>(scratch));
    lanes::dist::array<double> grid_scratch(c, rows * cols, cols);
    lanes::dist::stencil2d(lanes::cpu{}, 9, grid, grid_scratch);
    REQUIRE(grid.gather_to(0) == (c.rank() == 0 ? cells : std::vector<double>{}));
  }
  REQUIRE(lanes::dist::monte_carlo_pi(lanes::cpu{}, c, 1000001, 7) == lanes::kernels::monte_carlo_pi(lanes::seq{}, 1000001, 7));
  REQUIRE(lanes::dist::count_primes(lanes::cpu{}, c, 10, 200000) == lanes::kernels::count_primes(lanes::seq{}, 10, 200000));
  REQUIRE(lanes::dist::count_primes(lanes::seq{}, c, 5, 5) == 0);
}

TEST_CASE("dist: bad input is an error on every rank, none left waiting", "[dist][errors]") {
  lanes::dist::comm c;
  // Rank 0 asks for one element more than the others.
  if (c.size() > 1)
    REQUIRE_THROWS_WITH(lanes::dist::array<double>(c, 10 + (c.rank() == 0 ? 1 : 0)),
                        Catch::Contains("the ranks passed different global sizes"));
  lanes::dist::array<double> a(c, 10), b(c, 11);
  REQUIRE_THROWS_AS(lanes::dist::transform(lanes::seq{}, a, b, [](double x) { return x; }), lanes::size_error);
  std::vector<std::uint64_t> bins(4, 5);
  REQUIRE_THROWS_WITH(lanes::dist::histogram(lanes::seq{}, a, 1.0, 1.0, lanes::span<std::uint64_t>(bins)),
                      Catch::Contains("empty or NaN"));
  REQUIRE(bins == std::vector<std::uint64_t>(4, 5));
  // A kernel that throws on one rank: that rank raises its own error, the others a
  // lanes::error naming it, and none hangs in the next collective.
  auto all = data<double>(10, 18);
  auto in = spread(c, all);
  lanes::dist::array<double> out(c, 10);
  const int thrower = c.size() - 1;
  auto body = [&](double x) {
    if (c.rank() == thrower) throw std::runtime_error("this rank's kernel failed");
    return x;
  };
  if (c.rank() == thrower)
    REQUIRE_THROWS_WITH(lanes::dist::transform(lanes::cpu{}, in, out, body), "this rank's kernel failed");
  else
    REQUIRE_THROWS_WITH(lanes::dist::transform(lanes::cpu{}, in, out, body),
                        Catch::Contains("dist::transform: rank " + std::to_string(thrower) + " failed"));
  // The reduce folds each block where it starts: rank 0 holds the first (of 10 elements).
  auto first_rank_throws = [&](double x) {
    if (c.rank() == 0) throw std::runtime_error("rank 0's kernel failed");
    return x;
  };
  REQUIRE_THROWS(lanes::dist::transform_reduce(lanes::cpu{}, in, 0.0, std::plus<>{}, first_rank_throws));
  REQUIRE(lanes::dist::reduce(lanes::cpu{}, in, 0.0) == lanes::reduce(lanes::seq{}, lanes::span<const double>(all), 0.0));
  // A CSR row that names a column past x: an error on every rank.
  std::vector<std::uint64_t> offsets(in.local_size() + 1, 0);
  std::vector<std::uint32_t> columns;
  std::vector<double> values;
  if (c.rank() == 0 && in.local_size()) {
    offsets.assign(in.local_size() + 1, 1);
    offsets[0] = 0;
    columns = {99};
    values = {1.0};
  }
  REQUIRE_THROWS(lanes::dist::csr_matrix<double>::checked(lanes::cpu{}, c, 10, 10, lanes::span<const std::uint64_t>(offsets),
                                                          lanes::span<const std::uint32_t>(columns),
                                                          lanes::span<const double>(values)));
  // x or y of the wrong size for the matrix: a size_error on every rank.
  std::fill(offsets.begin(), offsets.end(), 0);
  auto empty_rows = lanes::dist::csr_matrix<double>::checked(lanes::cpu{}, c, 10, 10, lanes::span<const std::uint64_t>(offsets),
                                                             lanes::span<const std::uint32_t>(), lanes::span<const double>());
  lanes::dist::array<double> x11(c, 11);
  REQUIRE_THROWS_AS(lanes::dist::spmv_csr(lanes::cpu{}, empty_rows, x11, out), lanes::size_error);
  lanes::dist::array<float> points(c, 6, 2), wrong(c, 10, 5);
  REQUIRE_THROWS_AS(lanes::dist::distance_matrix(lanes::seq{}, points, wrong), lanes::size_error);
  std::vector<double> short_data(3);
  REQUIRE_THROWS_AS(a.scatter_from(0, lanes::span<const double>(short_data)), lanes::size_error);
}

int main(int argc, char** argv) {
  lanes::dist::environment mpi(&argc, &argv);
  int failed = Catch::Session().run(argc, argv);
  int any = 0;
  MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return any;
}
