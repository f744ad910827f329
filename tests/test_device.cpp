// SPDX-License-Identifier: Apache-2.0
#include <dlfcn.h>

#include "lanes/array.hpp"
#include "lanes/detail/cuda_runtime.hpp"
#include "lanes/device.hpp"
#include "lanes/reduce.hpp"
#include "support.hpp"

TEST_CASE("device specs for the CPU", "[device]") {
  lanes::device s("seq");
  REQUIRE(s.type() == lanes::device::kind::seq);
  REQUIRE(s.name() == "seq");
  lanes::device c("cpu");
  REQUIRE(c.type() == lanes::device::kind::cpu);
  REQUIRE(c.index() == 0);
  REQUIRE_THAT(c.name(), Catch::StartsWith("cpu ("));
  lanes::device c3("cpu:3");
  REQUIRE(c3.type() == lanes::device::kind::cpu);
  REQUIRE(c3.index() == 3);
  REQUIRE(c3.cpu_executor().threads() == 3);
  REQUIRE(c3.name() == "cpu:3 (3 threads)");
}

namespace {
// Why cuda:0 cannot be used here, checked against what this build and machine can say.
std::string gpu_reason() {
  std::string reason = lanes::detail::cuda_unusable_reason(0);
#if LANES_TEST_HAS_CUDA
  if (!reason.empty())
    REQUIRE_THAT(reason, Catch::Contains("driver") || Catch::Contains("no CUDA device") ||
                             Catch::Contains("cannot run this build's kernels"));
  // No driver at all: said as such first (the runtime calls it an insufficient driver).
  if (void* driver = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL))
    dlclose(driver);
  else
    REQUIRE_THAT(reason, Catch::StartsWith("no NVIDIA driver (libcuda.so.1 is not installed): "));
#else
  REQUIRE(reason == "this build of Lanes has no CUDA backend (configure with LANES_ENABLE_CUDA=ON where nvcc is installed)");
#endif
  return reason;
}
}  // namespace

TEST_CASE("auto picks cuda:0 where a GPU answers, else cpu, and says why", "[device]") {
  std::string reason = gpu_reason();
  lanes::device a("auto");
  if (reason.empty()) {
    REQUIRE(a.type() == lanes::device::kind::cuda);
    REQUIRE_THAT(a.name(), Catch::StartsWith("cuda:0 (") && Catch::Contains("auto"));
  } else {
    REQUIRE(a.type() == lanes::device::kind::cpu);
    REQUIRE_THAT(a.name(), Catch::StartsWith("cpu (") && Catch::Contains("auto: " + reason));
  }
  REQUIRE(lanes::device().name() == a.name());
}

TEST_CASE("cuda devices open where a GPU answers and are errors naming the reason elsewhere", "[device]") {
  std::string reason = gpu_reason();
  if (reason.empty()) {
    lanes::device d("cuda");
    REQUIRE(d.type() == lanes::device::kind::cuda);
    REQUIRE(d.index() == 0);
    REQUIRE_THROWS_WITH(lanes::device("cuda:99"), Catch::Contains("device \"cuda:99\": GPU index 99 is out of range"));
  } else {
    REQUIRE_THROWS_WITH(lanes::device("cuda"), "device \"cuda\": " + reason);
    REQUIRE_THROWS_WITH(lanes::device("cuda:0"), "device \"cuda:0\": " + reason);
    REQUIRE_THROWS_WITH(lanes::device("cuda:99"), Catch::StartsWith("device \"cuda:99\": "));
    REQUIRE(lanes::array<float>(10, lanes::device("cpu")).cuda_device() == -1);  // host arrays are unaffected
  }
}

TEST_CASE("a GPU that is not there is no_device, whatever its index", "[device][errors]") {
  for (const char* spec : {"cuda:4096", "cuda:1048577", "cuda:999999999", "cuda:123456789012345678"}) {
    INFO(spec);
    REQUIRE_THROWS_AS(lanes::device(spec), lanes::no_device);
  }
  REQUIRE_THROWS_WITH(lanes::device("cuda:1234567890123456789"), Catch::Contains("not a non-negative integer"));
}

TEST_CASE("bad device specs are errors that name the spec", "[device][errors]") {
  REQUIRE_THROWS_WITH(lanes::device(""), Catch::Contains("device \"\": the spec is empty"));
  REQUIRE_THROWS_WITH(lanes::device("gpu"), Catch::Contains("device \"gpu\": unknown device") &&
                                                Catch::Contains("valid specs are"));
  REQUIRE_THROWS_WITH(lanes::device("cpu:0"), Catch::Contains("device \"cpu:0\": 0 is out of range"));
  REQUIRE_THROWS_WITH(lanes::device("cpu:-1"), Catch::Contains("device \"cpu:-1\": the part after ':'"));
  REQUIRE_THROWS_WITH(lanes::device("cpu:x"), Catch::Contains("device \"cpu:x\""));
  REQUIRE_THROWS_WITH(lanes::device("cpu:"), Catch::Contains("device \"cpu:\""));
  REQUIRE_THROWS_WITH(lanes::device("cpu:99999"), Catch::Contains("out of range"));
  REQUIRE_THROWS_WITH(lanes::device("cuda:x"), Catch::Contains("not a non-negative integer"));
  REQUIRE_THROWS_AS(lanes::device("CPU"), lanes::error);
  REQUIRE_THROWS_AS(lanes::device("cpu "), lanes::error);
}

TEST_CASE("cpu executors with a bad thread count are errors", "[executor][errors]") {
  REQUIRE_THROWS_WITH(lanes::cpu(0), Catch::Contains("threads must be at least 1, got 0"));
  REQUIRE_THROWS_WITH(lanes::cpu(-1), Catch::Contains("got -1"));
}

TEST_CASE("visit runs an algorithm on the device's executor", "[device]") {
  std::vector<int> v(10001, 2);
  for (const char* spec : {"seq", "cpu", "cpu:2"}) {
    lanes::device d(spec);
    long total = lanes::visit(d, [&](const auto& ex) { return lanes::reduce(ex, lanes::span<const int>(v), 0L); });
    REQUIRE(total == 20002);
  }
}
