// SPDX-License-Identifier: Apache-2.0
// lanes::validate: every compiled entry point checked on cpu against seq passes, and a
// backend that gets one element wrong (detail::corrupt_next_validated_call, test only) is
// caught on every one of them; scopes, threads, the C ABI, and LANES_VALIDATE.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "lanes/compiled.hpp"
#include "lanes/detail/cuda_runtime.hpp"
#include "lanes/lanes.h"
#include "lanes/trace.hpp"
#include "lanes/validate.hpp"
#include "support.hpp"

namespace {

namespace compiled = lanes::compiled;
using lanes_test::random_values;
using lanes::span;

// Inputs of an odd size, past a scan's 64 Ki-item block, with the floats' special values.
constexpr std::size_t n = 70001;

template <class T>
std::vector<T> inputs(std::uint64_t seed) {
  auto v = random_values<T>(n, seed);
  if constexpr (std::is_floating_point_v<T>) {
    v[10] = -0.0f;
    v[11] = std::numeric_limits<T>::infinity();
    v[12] = std::numeric_limits<T>::quiet_NaN();
  }
  return v;
}

template <class T>
span<const T> in(const std::vector<T>& v) {
  return span<const T>(v.data(), v.size());
}
template <class T>
span<T> out(std::vector<T>& v) {
  return span<T>(v.data(), v.size());
}

struct entry_point {
  const char* name;
  std::function<void(const lanes::device&)> run;  // makes fresh inputs, calls it on the device
};

// Every compiled entry point, with inputs it accepts (in-place ones are overwritten).
std::vector<entry_point> entry_points() {
  using f = float;
  using d = double;
  return {
      {"sum", [](auto& dev) { auto x = inputs<f>(1); compiled::sum(dev, in(x)); }},
      {"min_max", [](auto& dev) { auto x = inputs<std::int32_t>(2); compiled::min_max(dev, in(x)); }},
      {"inclusive_scan", [](auto& dev) { auto x = inputs<f>(3); std::vector<f> y(n); compiled::inclusive_scan(dev, in(x), out(y)); }},
      {"exclusive_scan", [](auto& dev) { auto x = inputs<std::int64_t>(4); std::vector<std::int64_t> y(n); compiled::exclusive_scan(dev, in(x), out(y)); }},
      {"sort", [](auto& dev) { auto x = inputs<f>(5); compiled::sort(dev, out(x)); }},
      {"sort_by_key", [](auto& dev) {
         auto k = inputs<std::uint32_t>(6);
         auto v = inputs<std::uint64_t>(7);
         compiled::sort_by_key(dev, out(k), out(v));
       }},
      {"histogram", [](auto& dev) { auto x = inputs<d>(8); std::vector<std::uint64_t> b(100); compiled::histogram(dev, in(x), -1.0, 1.0, out(b)); }},
      {"gather", [](auto& dev) {
         auto x = inputs<f>(9);
         std::vector<std::int64_t> idx(n);
         for (std::size_t i = 0; i < n; ++i) idx[i] = std::int64_t(i * 7919 % n);
         std::vector<f> y(n);
         compiled::gather(dev, in(x), in(idx), out(y));
       }},
      {"scatter", [](auto& dev) {
         auto x = inputs<std::uint8_t>(10);
         std::vector<std::int64_t> idx(n);
         for (std::size_t i = 0; i < n; ++i) idx[i] = std::int64_t(i * 7919 % n);
         std::vector<std::uint8_t> y(n);
         compiled::scatter(dev, in(x), in(idx), out(y));
       }},
      {"unique", [](auto& dev) {
         auto x = inputs<std::int8_t>(38);
         std::vector<std::int8_t> y(n);
         compiled::unique(dev, in(x), out(y));
       }},
      {"merge", [](auto& dev) {
         auto a = inputs<d>(39), b = inputs<d>(40);
         std::sort(a.begin(), a.end(), lanes_test::documented_less<d>);
         std::sort(b.begin(), b.end(), lanes_test::documented_less<d>);
         std::vector<d> y(2 * n);
         compiled::merge(dev, in(a), in(b), out(y));
       }},
      {"merge_by_key", [](auto& dev) {
         auto a = inputs<std::uint32_t>(51), b = inputs<std::uint32_t>(52);
         std::sort(a.begin(), a.end());
         std::sort(b.begin(), b.end());
         auto a_values = inputs<std::uint8_t>(53), b_values = inputs<std::uint8_t>(54);
         std::vector<std::uint32_t> keys(2 * n);
         std::vector<std::uint8_t> values(2 * n);
         compiled::merge_by_key(dev, in(a), in(a_values), in(b), in(b_values), out(keys), out(values));
       }},
      {"lower_bound", [](auto& dev) {
         auto a = inputs<std::uint32_t>(41), needles = inputs<std::uint32_t>(42);
         std::sort(a.begin(), a.end());
         std::vector<std::int64_t> at(n);
         compiled::lower_bound(dev, in(a), in(needles), out(at));
       }},
      {"upper_bound", [](auto& dev) {
         auto a = inputs<f>(43), needles = inputs<f>(44);
         std::sort(a.begin(), a.end(), lanes_test::documented_less<f>);
         std::vector<std::int64_t> at(n);
         compiled::upper_bound(dev, in(a), in(needles), out(at));
       }},
      {"reverse", [](auto& dev) { auto x = inputs<std::uint64_t>(45); compiled::reverse(dev, out(x)); }},
      {"adjacent_difference", [](auto& dev) {
         auto x = inputs<std::int32_t>(46);
         std::vector<std::int32_t> y(n);
         compiled::adjacent_difference(dev, in(x), out(y));
       }},
      {"reduce_by_key", [](auto& dev) {
         auto k = inputs<std::uint8_t>(47);
         auto v = inputs<d>(48);
         std::vector<std::uint8_t> heads(n);
         std::vector<d> sums(n);
         compiled::reduce_by_key(dev, in(k), in(v), out(heads), out(sums));
       }},
      {"unique_by_key", [](auto& dev) {
         auto k = inputs<std::uint8_t>(49);
         auto v = inputs<std::uint64_t>(50);
         std::vector<std::uint8_t> heads(n);
         std::vector<std::uint64_t> kept(n);
         compiled::unique_by_key(dev, in(k), in(v), out(heads), out(kept));
       }},
      {"random_uniform", [](auto& dev) {
         std::vector<f> y(n);
         compiled::random_uniform(dev, out(y), 1, 2, 3, -1.f, 1.f);
       }},
      {"random_normal", [](auto& dev) {
         std::vector<d> y(n);
         compiled::random_normal(dev, out(y), 1, 2, 3, 0.0, 2.0);
       }},
      {"random_bernoulli", [](auto& dev) {
         std::vector<f> y(n);
         compiled::random_bernoulli(dev, out(y), 1, 2, 3, 0.5);
       }},
      {"axpy", [](auto& dev) { auto x = inputs<f>(11), y = inputs<f>(12); compiled::axpy(dev, 2.5f, in(x), out(y)); }},
      {"scal", [](auto& dev) { auto x = inputs<d>(13); compiled::scal(dev, -3.0, out(x)); }},
      {"dot", [](auto& dev) { auto x = inputs<f>(14), y = inputs<f>(15); compiled::dot(dev, in(x), in(y)); }},
      {"nrm2", [](auto& dev) { auto x = random_values<d>(n, 16); compiled::nrm2(dev, in(x)); }},
      {"gemv", [](auto& dev) {
         auto a = random_values<f>(301 * 233, 17), x = random_values<f>(233, 18), y = random_values<f>(301, 19);
         compiled::gemv(dev, 301, 233, 1.5f, in(a), in(x), 0.5f, out(y));
       }},
      {"gemm", [](auto& dev) {
         auto a = random_values<d>(67 * 45, 20), b = random_values<d>(45 * 83, 21), c = random_values<d>(67 * 83, 22);
         compiled::gemm(dev, 67, 83, 45, 1.0, in(a), in(b), 2.0, out(c));
       }},
      {"particles_evolve", [](auto& dev) {
         auto x = random_values<f>(1001, 23), y = random_values<f>(1001, 24), w = random_values<f>(1001, 25);
         compiled::particles_evolve(dev, out(x), out(y), in(w), 0.001);
       }},
      {"mandelbrot", [](auto& dev) {
         std::vector<std::uint32_t> counts(97 * 61);
         compiled::mandelbrot(dev, 97, 61, -2.0, 1.0, -1.2, 1.2, 200u, out(counts));
       }},
      {"stencil2d", [](auto& dev) {
         auto g = random_values<f>(131 * 77, 26);
         std::vector<f> scratch(g.size());
         compiled::stencil2d(dev, 131, 77, 5, out(g), out(scratch));
       }},
      {"conv2d", [](auto& dev) {
         auto image = random_values<d>(129 * 67, 27), filter = random_values<d>(25, 28);
         std::vector<d> o(image.size());
         compiled::conv2d(dev, 129, 67, in(image), 5, in(filter), out(o));
       }},
      {"grayscale", [](auto& dev) {
         auto rgb = random_values<std::uint8_t>(3 * 1001, 29);
         std::vector<f> o(1001);
         compiled::grayscale(dev, in(rgb), out(o));
       }},
      {"threshold", [](auto& dev) { auto x = inputs<f>(30); std::vector<std::uint8_t> m(n); compiled::threshold(dev, in(x), 0.25f, out(m)); }},
      {"adaptive_threshold", [](auto& dev) {
         auto image = random_values<f>(131 * 77, 31);
         std::vector<std::uint8_t> m(image.size());
         compiled::adaptive_threshold(dev, 131, 77, in(image), 7, 0.01f, out(m));
       }},
      {"distance_matrix", [](auto& dev) {
         auto p = random_values<f>(101 * 3, 32);
         std::vector<f> o(101 * 101);
         compiled::distance_matrix(dev, 101, 3, in(p), out(o));
       }},
      {"nbody_step", [](auto& dev) {
         auto pos = random_values<d>(3 * 65, 33), vel = random_values<d>(3 * 65, 34), mass = random_values<d>(65, 35);
         for (auto& m : mass) m = std::fabs(m);
         compiled::nbody_step(dev, 0.01, 0.1, out(pos), out(vel), in(mass));
       }},
      {"spmv_csr", [](auto& dev) {
         const std::size_t rows = 203, cols = 157;
         std::vector<std::uint64_t> offsets(rows + 1);
         std::vector<std::uint32_t> indices;
         for (std::size_t r = 0; r < rows; ++r) {
           for (std::size_t c = r % 5; c < cols; c += 1 + r % 7) indices.push_back(std::uint32_t(c));
           offsets[r + 1] = indices.size();
         }
         auto values = random_values<f>(indices.size(), 36), x = random_values<f>(cols, 37);
         std::vector<f> y(rows);
         compiled::spmv_csr(dev, rows, cols, in(offsets), in(indices), in(values), in(x), out(y));
       }},
      {"monte_carlo_pi", [](auto& dev) { compiled::monte_carlo_pi(dev, 100001, 7); }},
      {"monte_carlo_inside", [](auto& dev) { compiled::monte_carlo_inside(dev, 100001, 7, 1000, 20001); }},
      {"count_primes", [](auto& dev) { compiled::count_primes(dev, 1, 20001); }},
  };
}

bool gpu_answers() { return lanes::detail::cuda_unusable_reason(0).empty(); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("every compiled entry point on cpu agrees with seq under validation", "[validate]") {
  const lanes::device cpu("cpu:2"), seq("seq");
  lanes::validate::with check(seq);
  for (const auto& e : entry_points()) {
    INFO(e.name);
    REQUIRE_NOTHROW(e.run(cpu));  // in-place calls reach seq as they were: scal, sort, stencil2d ...
  }
}

TEST_CASE("a backend that gets one element wrong is caught on every compiled entry point", "[validate]") {
  const lanes::device cpu("cpu:2"), seq("seq");
  lanes::validate::with check(seq);
  for (const auto& e : entry_points()) {
    INFO(e.name);
    lanes::detail::corrupt_next_validated_call(3);
    try {
      e.run(cpu);
      FAIL("no lanes::validation_error");
    } catch (const lanes::validation_error& error) {
      const std::string message = error.what();
      INFO(message);
      CHECK(contains(message, std::string("validating ") + e.name + " on " + cpu.name() + " against seq"));
      CHECK((contains(message, "[3] is ") || contains(message, "[0] is ")));  // an output's item 3, or the result
    }
  }
}

TEST_CASE("a mismatch names the call, the first differing element, both values and both devices", "[validate]") {
  const lanes::device cpu("cpu:2");
  lanes::validate::with check(lanes::device("seq"));
  std::vector<float> keys = {5.0f, 3.0f, 1.0f, 4.0f, 2.0f, 0.5f};
  lanes::detail::corrupt_next_validated_call(2);
  try {
    compiled::sort(cpu, out(keys));
    FAIL("no lanes::validation_error");
  } catch (const lanes::validation_error& error) {
    // sorted: 0.5 1 2 3 4 5; item 2's top exponent bit flipped: 2 (0x40000000) becomes 0
    CHECK(std::string(error.what()) == "lanes: validating sort on " + cpu.name() +
                                           " against seq: keys[2] is 0 there but 2 on seq");
  }
  // The call's own results stand (the mismatch was in what the check saw).
  CHECK(keys == std::vector<float>({0.5f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f}));
}

TEST_CASE("validation compares bits, and gemm within its bound in k", "[validate]") {
  using lanes::detail::agree;
  const float one_ulp_more = std::nextafter(1.0f, 2.0f);
  CHECK(agree(1.0f, 1.0f, 0));
  CHECK_FALSE(agree(1.0f, one_ulp_more, 0));
  CHECK(agree(1.0f, one_ulp_more, 1e-6));
  CHECK_FALSE(agree(1.0f, 1.001f, 1e-6));
  CHECK_FALSE(agree(0.0, -0.0, 0));  // the sign of zero is part of the bits
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(agree(nan, nan, 0));  // the same NaN
  CHECK(agree(nan, -nan, 1e-9));
  CHECK_FALSE(agree(nan, 1.0, 1e-9));
  CHECK_FALSE(agree(std::int8_t(-1), std::int8_t(1), 0));

  // 2 (k + 2) eps (|alpha| k max|a| max|b| + |beta| max|c|), from the inputs as they were.
  const lanes::device seq("seq");
  std::vector<float> a = {1, -4, 2, 0.5f}, b = {3, 1, -2, 1}, c = {0, 10, -20, 5};
  const double eps = std::numeric_limits<float>::epsilon();
  CHECK(lanes::detail::gemm_tolerance<float>(seq, 2, 0.5f, in(a), in(b), 2.0f, in(c)) ==
        2.0 * 4 * eps * (0.5 * 2 * 4 * 3 + 2 * 20));
  CHECK(lanes::detail::gemm_tolerance<float>(seq, 2, 1.0f, in(a), in(b), 0.0f, in(c)) == 2.0 * 4 * eps * (2 * 4 * 3));
  // A floating scan's, used only where a GPU is one side: 2 (n + 2) eps sum |x|; integers exact.
  CHECK(lanes::detail::scan_tolerance<float>(seq, in(a)) == 2.0 * 6 * eps * 7.5);
  std::vector<std::int32_t> ints = {1, -2, 3};
  CHECK(lanes::detail::scan_tolerance<std::int32_t>(seq, in(ints)) == 0);
}

TEST_CASE("validation scopes nest, hold on their own thread only, and skip the reference itself", "[validate]") {
  const lanes::device cpu("cpu:2"), seq("seq");
  std::vector<double> x = random_values<double>(1001, 5);
  lanes::validate::with outer(seq);
  {
    lanes::validate::with inner(lanes::device("cpu:1"));
    lanes::detail::corrupt_next_validated_call(0);
    CHECK_THROWS_WITH(compiled::sum(cpu, in(x)), Catch::Contains("against cpu:1"));
  }
  // A call on the reference device itself is not run twice: the flip waits for a checked call.
  lanes::detail::corrupt_next_validated_call(0);
  CHECK_NOTHROW(compiled::sum(seq, in(x)));
  CHECK_THROWS_WITH(compiled::sum(cpu, in(x)), Catch::Contains("against seq"));

  std::thread other([&] {
    lanes::detail::corrupt_next_validated_call(0);
    CHECK_NOTHROW(compiled::sum(cpu, in(x)));  // this thread has no scope
    lanes::validate::with check(seq);
    CHECK_THROWS_AS(compiled::sum(cpu, in(x)), lanes::validation_error);
  });
  other.join();
}

TEST_CASE("the C ABI's validation scopes and LANES_EVALIDATE", "[validate][c_api]") {
  lanes_device* cpu = nullptr;
  REQUIRE(lanes_device_open("cpu:2", &cpu) == LANES_OK);
  std::vector<float> host = random_values<float>(4099, 9);
  lanes_array* x = nullptr;
  REQUIRE(lanes_array_from_host(cpu, LANES_F32, host.data(), host.size(), &x) == LANES_OK);

  CHECK(lanes_validate_end() == LANES_EINVAL);
  CHECK(contains(lanes_last_error(), "no lanes_validate_begin on this thread"));
  CHECK(lanes_validate_begin(nullptr) == LANES_EINVAL);
  CHECK(lanes_validate_begin("cpu:") == LANES_EINVAL);
  if (!gpu_answers()) CHECK(lanes_validate_begin("cuda") == LANES_ENODEV);

  REQUIRE(lanes_validate_begin("seq") == LANES_OK);
  double total = 0;
  CHECK(lanes_sum(x, &total) == LANES_OK);
  lanes::detail::corrupt_next_validated_call(0);
  CHECK(lanes_sum(x, &total) == LANES_EVALIDATE);
  CHECK(contains(lanes_last_error(), "lanes_sum: lanes: validating sum on cpu:2"));
  lanes::detail::corrupt_next_validated_call(7);
  CHECK(lanes_sort(x) == LANES_EVALIDATE);
  CHECK(contains(lanes_last_error(), "keys[7]"));
  CHECK(lanes_validate_end() == LANES_OK);

  lanes_array_free(x);
  lanes_device_close(cpu);
}

// Run by ctest with LANES_VALIDATE=cuda: on a machine without a GPU the first call says so.
TEST_CASE("LANES_VALIDATE naming no device here is an error at the first call", "[.env_validate_nodevice]") {
  const lanes::device cpu("cpu:2");
  std::vector<float> x = random_values<float>(1001, 3);
  if (gpu_answers()) {
    CHECK_NOTHROW(compiled::sum(cpu, in(x)));  // validated against the GPU
    return;
  }
  CHECK_THROWS_WITH(compiled::sum(cpu, in(x)), Catch::Contains("LANES_VALIDATE=cuda: "));
  CHECK_NOTHROW(compiled::sum(cpu, in(x)));  // said once; the run goes on unchecked
}

// Run by ctest with LANES_VALIDATE=seq LANES_VALIDATE_WARN=1 and LANES_VALIDATE_TRACE=FILE.
TEST_CASE("LANES_VALIDATE_WARN writes a mismatch to stderr and the trace and goes on", "[.env_validate_warn]") {
  const char* path = std::getenv("LANES_VALIDATE_TRACE");
  REQUIRE(path != nullptr);
  const lanes::device cpu("cpu:2");
  std::vector<std::int32_t> keys = random_values<std::int32_t>(5000, 4), expected = keys;
  std::sort(expected.begin(), expected.end());
  lanes::trace::start(path);
  lanes::detail::corrupt_next_validated_call(17);
  CHECK_NOTHROW(compiled::sort(cpu, out(keys)));
  lanes::trace::stop();
  CHECK(keys == expected);
  std::ifstream file(path);
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  CHECK(contains(text, "\"status\":\"validation mismatch\""));
  CHECK(contains(text, "validating sort on cpu:2"));
  CHECK(contains(text, "keys[17]"));
}
