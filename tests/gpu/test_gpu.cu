// SPDX-License-Identifier: Apache-2.0
// What only a GPU has: seq's bits across devices, device memory errors. (The algorithms
// themselves are checked by the CPU suite's bodies, compiled for cuda: tests/gpu/test_*.cu.)
// Runs where a GPU answers; elsewhere it prints why and exits 77 (ctest: skipped).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "../support.hpp"

using namespace lanes_test;

// Every reduce on cuda takes seq's order (not only the deterministic one, which the shared
// bodies check against the documented order): the same bits, up to 2^24 items.
TEST_CASE("cuda reductions give the same bits as seq", "[gpu]") {
  lanes::cuda ex;
  for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(17), std::size_t(4096), std::size_t(4099),
                        std::size_t((1u << 20) + 7), std::size_t((1u << 24) + 3)}) {
    INFO("n = " << n);
    auto v = order_sensitive_floats(n, 3);
    const auto d = on(ex, v);
    lanes::span<const float> host(v);
    float f_gpu = lanes::reduce(ex, d.view(), 0.0f), f_seq = lanes::reduce(lanes::seq{}, host, 0.0f);
    REQUIRE(std::memcmp(&f_gpu, &f_seq, sizeof f_gpu) == 0);
    auto square = [] LANES_HD(float x) { return double(x) * x; };
    double s_gpu = lanes::transform_reduce(ex, d.view(), 0.0, std::plus<>{}, square);
    double s_seq = lanes::transform_reduce(lanes::seq{}, host, 0.0, std::plus<>{}, square);
    REQUIRE(std::memcmp(&s_gpu, &s_seq, sizeof s_gpu) == 0);
  }
}

TEST_CASE("cuda errors: bad executors, out of device memory, mismatched spans", "[gpu]") {
  const lanes::device gpu = memory_of(lanes::cuda{});
  REQUIRE_THROWS_WITH(lanes::cuda(-1), Catch::Contains("device index must be >= 0"));
  REQUIRE_THROWS_WITH(lanes::array<char>(std::size_t(1) << 50, gpu), Catch::Contains("out of device memory"));
  lanes::array<float> ok(10, gpu);  // the process and the device go on
  lanes::array<float> a(4, gpu), b(5, gpu);
  REQUIRE_THROWS_WITH(lanes::copy(a, b), Catch::Contains("src has 4 elements but dst has 5"));
  REQUIRE_THROWS_WITH(lanes::transform(lanes::cuda{}, a.view(), b.view().subspan(0, 3), [] LANES_HD(float x) { return x; }),
                      Catch::Contains("out holds 3 elements but 4 are needed"));
  lanes::array<float> host_side(std::vector<float>{1, 2, 3}.data(), 3);
  lanes::array<float> device_side(3, gpu);
  lanes::copy(host_side, device_side);
  REQUIRE(device_side.to_host() == std::vector<float>{1, 2, 3});
}

#include "skip_without_gpu.hpp"
