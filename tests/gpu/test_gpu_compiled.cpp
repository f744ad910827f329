// SPDX-License-Identifier: Apache-2.0
// The compiled entry points and the C ABI on a cuda device, from code built by plain g++,
// against seq on the same inputs. Runs where a GPU answers; elsewhere it prints why and
// exits 77 (ctest: skipped).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cuda_runtime_api.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <type_traits>
#include <vector>

#include "lanes/array.hpp"
#include "lanes/detail/cuda_runtime.hpp"
#include "lanes/compiled.hpp"
#include "lanes/lanes.h"
#include "lanes/validate.hpp"

namespace {

template <class T>
std::vector<T> randoms(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed + unsigned(n));
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  std::vector<T> v(n);
  for (T& x : v) x = T(dist(gen) * (std::is_integral_v<T> ? 1000 : 1));
  return v;
}

template <class T>
void require_close(const std::vector<T>& got, const std::vector<T>& expected, double tol) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("index " << i);
    REQUIRE(std::fabs(double(got[i]) - double(expected[i])) <= tol * (1 + std::fabs(double(expected[i]))));
  }
}

const std::vector<std::size_t> sizes = {0, 1, 17, 4099, (1u << 20) + 7};

}  // namespace

TEMPLATE_TEST_CASE("compiled entry points on cuda match seq", "[gpu]", float, double) {
  using T = TestType;
  lanes::device gpu("cuda"), seq("seq");
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto xs = randoms<T>(n, 1), ys = randoms<T>(n, 2);
    lanes::array<T> x(xs.data(), n, gpu), y(ys.data(), n, gpu);
    lanes::compiled::axpy(gpu, T(0.5), lanes::span<const T>(x.view()), y.view());
    lanes::compiled::axpy(seq, T(0.5), lanes::span<const T>(xs), lanes::span<T>(ys));
    require_close(y.to_host(), ys, 0);
    double gpu_sum = lanes::compiled::sum(gpu, lanes::span<const T>(y.view()));
    double seq_sum = lanes::compiled::sum(seq, lanes::span<const T>(ys));
    REQUIRE(std::memcmp(&gpu_sum, &seq_sum, sizeof(double)) == 0);  // the fixed reduction order
    lanes::compiled::sort(gpu, y.view());
    lanes::compiled::sort(seq, lanes::span<T>(ys));
    REQUIRE(y.to_host() == ys);
  }
  for (auto [m, n, k] : {std::tuple<std::size_t, std::size_t, std::size_t>{1, 1, 1}, {7, 13, 5}, {100, 70, 261}}) {
    INFO(m << "x" << n << "x" << k);
    auto as = randoms<T>(m * k, 3), bs = randoms<T>(k * n, 4), cs = randoms<T>(m * n, 5);
    lanes::array<T> a(as.data(), as.size(), gpu), b(bs.data(), bs.size(), gpu), c(cs.data(), cs.size(), gpu);
    lanes::compiled::gemm(gpu, m, n, k, T(0.5), lanes::span<const T>(a.view()), lanes::span<const T>(b.view()), T(1),
                          c.view());
    lanes::compiled::gemm(seq, m, n, k, T(0.5), lanes::span<const T>(as), lanes::span<const T>(bs), T(1),
                          lanes::span<T>(cs));
    require_close(c.to_host(), cs, 16 * std::numeric_limits<T>::epsilon() * double(k + 1));
  }
  const std::size_t rows = 67, cols = 131;
  auto image = randoms<T>(rows * cols, 6), filter = randoms<T>(25, 7);
  lanes::array<T> gi(image.data(), image.size(), gpu), gf(filter.data(), 25, gpu), gout(rows * cols, gpu);
  std::vector<T> out(rows * cols);
  lanes::compiled::conv2d(gpu, rows, cols, lanes::span<const T>(gi.view()), 5, lanes::span<const T>(gf.view()), gout.view());
  lanes::compiled::conv2d(seq, rows, cols, lanes::span<const T>(image), 5, lanes::span<const T>(filter), lanes::span<T>(out));
  require_close(gout.to_host(), out, 64 * std::numeric_limits<T>::epsilon());
  double pi_gpu = lanes::compiled::monte_carlo_pi(gpu, 1000001, 3), pi_seq = lanes::compiled::monte_carlo_pi(seq, 1000001, 3);
  REQUIRE(pi_gpu == pi_seq);
  REQUIRE(lanes::compiled::count_primes(gpu, 0, 100000) == 9592);
}

// Each call also runs on seq and is compared bit for bit (lanes/validate.hpp), the count
// of unique included.
TEMPLATE_TEST_CASE("the sequence algorithms and random fills on cuda give seq's bits", "[gpu][validate]", float,
                   std::int64_t) {
  using T = TestType;
  lanes::device gpu("cuda"), seq("seq");
  lanes::validate::with check(seq);
  for (std::size_t n : sizes) {
    INFO("n = " << n);
    auto values = randoms<T>(n, 3);
    for (std::size_t i = 1; i < n; i += 3) values[i] = values[i - 1];  // runs of equal items
    lanes::array<T> x(values.data(), n, gpu), out(n, gpu);
    const lanes::span<const T> xs(x.view());
    REQUIRE_NOTHROW(lanes::compiled::unique(gpu, xs, out.view()));
    REQUIRE_NOTHROW(lanes::compiled::adjacent_difference(gpu, xs, out.view()));
    REQUIRE_NOTHROW(lanes::compiled::reverse(gpu, x.view()));
    REQUIRE_NOTHROW(lanes::compiled::sort(gpu, x.view()));
    lanes::array<T> merged(2 * n, gpu);
    REQUIRE_NOTHROW(lanes::compiled::merge(gpu, xs, xs, merged.view()));
    lanes::array<std::uint64_t> pair_tags(n, gpu), merged_tags(2 * n, gpu);
    const lanes::span<const std::uint64_t> ts(pair_tags.view());
    REQUIRE_NOTHROW(lanes::compiled::merge_by_key(gpu, xs, ts, xs, ts, merged.view(), merged_tags.view()));
    lanes::array<std::int64_t> at(n, gpu);
    REQUIRE_NOTHROW(lanes::compiled::lower_bound(gpu, xs, lanes::span<const T>(out.view()), at.view()));
    REQUIRE_NOTHROW(lanes::compiled::upper_bound(gpu, xs, lanes::span<const T>(out.view()), at.view()));
    std::vector<float> amounts(n);  // small integers: exact sums in any order
    for (std::size_t i = 0; i < n; ++i) amounts[i] = float(int(i % 5) - 2);
    lanes::array<float> a(amounts.data(), n, gpu), sums(n, gpu);
    REQUIRE_NOTHROW(
        lanes::compiled::reduce_by_key(gpu, xs, lanes::span<const float>(a.view()), out.view(), sums.view()));
    lanes::array<std::uint32_t> tags(n, gpu), kept_tags(n, gpu);
    REQUIRE_NOTHROW(lanes::compiled::unique_by_key(gpu, xs, lanes::span<const std::uint32_t>(tags.view()),
                                                   out.view(), kept_tags.view()));
    if constexpr (std::is_floating_point_v<T>) {
      REQUIRE_NOTHROW(lanes::compiled::random_uniform(gpu, out.view(), 5, 1, 7, T(-1), T(2)));
      REQUIRE_NOTHROW(lanes::compiled::random_normal(gpu, out.view(), 5, 1, 7, T(0), T(3)));
      REQUIRE_NOTHROW(lanes::compiled::random_bernoulli(gpu, out.view(), 5, 1, 7, 0.3));
    }
  }
}

TEST_CASE("validation checks cuda calls against seq, and seq calls against cuda", "[gpu][validate]") {
  lanes::device gpu("cuda"), seq("seq");
  const std::size_t n = 100003;
  auto xs = randoms<float>(n, 11), ys = randoms<float>(n, 12);
  lanes::array<float> x(xs.data(), n, gpu), y(ys.data(), n, gpu);
  {
    lanes::validate::with check(seq);  // the GPU's device memory copied to the host for seq
    REQUIRE_NOTHROW(lanes::compiled::axpy(gpu, 0.5f, lanes::span<const float>(x.view()), y.view()));
    REQUIRE_NOTHROW(lanes::compiled::sum(gpu, lanes::span<const float>(y.view())));
    REQUIRE_NOTHROW(lanes::compiled::inclusive_scan(gpu, lanes::span<const float>(x.view()), y.view()));
    REQUIRE_NOTHROW(lanes::compiled::sort(gpu, y.view()));
    REQUIRE_NOTHROW(lanes::compiled::monte_carlo_pi(gpu, 1000001, 3));
    auto as = randoms<double>(100 * 261, 3), bs = randoms<double>(261 * 70, 4), cs = randoms<double>(100 * 70, 5);
    lanes::array<double> a(as.data(), as.size(), gpu), b(bs.data(), bs.size(), gpu), c(cs.data(), cs.size(), gpu);
    REQUIRE_NOTHROW(lanes::compiled::gemm(gpu, 100, 70, 261, 0.5, lanes::span<const double>(a.view()),
                                          lanes::span<const double>(b.view()), 1.0, c.view()));
    lanes::detail::corrupt_next_validated_call(5);
    REQUIRE_THROWS_AS(lanes::compiled::sort(gpu, x.view()), lanes::validation_error);
  }
  lanes::validate::with check(gpu);  // host inputs copied to the GPU for the reference
  REQUIRE_NOTHROW(lanes::compiled::sort(seq, lanes::span<float>(xs)));
  REQUIRE_NOTHROW(lanes::compiled::sum(seq, lanes::span<const float>(xs)));
  lanes::detail::corrupt_next_validated_call(5);
  REQUIRE_THROWS_AS(lanes::compiled::sort(seq, lanes::span<float>(ys)), lanes::validation_error);
}

TEST_CASE("the C ABI on cuda", "[gpu]") {
  lanes_device* d = nullptr;
  REQUIRE(lanes_device_open("cuda", &d) == LANES_OK);
  std::vector<double> values = randoms<double>(100003, 9), back(values.size());
  lanes_array* a = nullptr;
  REQUIRE(lanes_array_from_host(d, LANES_F64, values.data(), values.size(), &a) == LANES_OK);
  REQUIRE(lanes_sort(a) == LANES_OK);
  REQUIRE(lanes_array_to_host(a, back.data(), back.size()) == LANES_OK);
  std::sort(values.begin(), values.end());
  REQUIRE(back == values);
  lanes_array* huge = nullptr;
  REQUIRE(lanes_array_create(d, LANES_F64, std::size_t(1) << 50, &huge) == LANES_ENOMEM);  // 8 PiB
  REQUIRE(std::string(lanes_last_error()).find("out of device memory") != std::string::npos);
  // Host memory cannot be wrapped on a GPU; the array's data is device memory.
  lanes_array* wrapped = nullptr;
  REQUIRE(lanes_array_wrap(d, LANES_F64, values.data(), values.size(), &wrapped) == LANES_EINVAL);
  REQUIRE(std::string(lanes_last_error()).find("lanes_array_from_host") != std::string::npos);
  REQUIRE(wrapped == nullptr);
  void* where = nullptr;
  REQUIRE(lanes_array_data(a, &where) == LANES_OK);
  cudaPointerAttributes attributes{};
  REQUIRE(cudaPointerGetAttributes(&attributes, where) == cudaSuccess);
  REQUIRE(attributes.type == cudaMemoryTypeDevice);
  REQUIRE(std::string(lanes_device_kind(d)) == "cuda");

  // A slice is device memory inside a's; copies cross between the GPU and a host device.
  lanes_array* part = nullptr;
  REQUIRE(lanes_array_slice(a, 1001, 5003, &part) == LANES_OK);
  void* part_where = nullptr;
  REQUIRE(lanes_array_data(part, &part_where) == LANES_OK);
  REQUIRE(part_where == static_cast<double*>(where) + 1001);
  lanes_device* host = nullptr;
  REQUIRE(lanes_device_open("cpu", &host) == LANES_OK);
  lanes_array *on_host = nullptr, *back_on_gpu = nullptr;
  REQUIRE(lanes_array_create(host, LANES_F64, 5003, &on_host) == LANES_OK);
  REQUIRE(lanes_array_create(d, LANES_F64, 5003, &back_on_gpu) == LANES_OK);
  lanes_array_free(a);  // the slice keeps the GPU memory
  REQUIRE(lanes_array_copy(part, on_host) == LANES_OK);
  REQUIRE(lanes_array_copy(on_host, back_on_gpu) == LANES_OK);
  std::vector<double> got(5003);
  REQUIRE(lanes_array_to_host(back_on_gpu, got.data(), got.size()) == LANES_OK);
  REQUIRE(got == std::vector<double>(values.begin() + 1001, values.begin() + 6004));
  lanes_array_free(part);
  lanes_array_free(on_host);
  lanes_array_free(back_on_gpu);
  lanes_device_close(host);
  lanes_device_close(d);
}

#include "skip_without_gpu.hpp"
