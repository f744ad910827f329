// SPDX-License-Identifier: Apache-2.0
// Out of memory in the middle of a call: this program's operator new makes the Nth
// allocation fail, for every N a call makes, and each entry point of the C ABI must then
// return LANES_ENOMEM with every array it was given byte-for-byte as it was, or (where a
// failed request has a fallback, like std::stable_sort's buffer) succeed with the result it
// gives without the failure. Every allocation Lanes makes on the host goes through operator
// new (lanes::array's storage included), so every one is reached.
#include <catch2/catch.hpp>

// The replacements below pair malloc and free themselves; GCC cannot see that.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <new>
#include <string>
#include <vector>

#include "lanes/lanes.h"
#include "lanes/reduce.hpp"
#include "lanes/sort.hpp"

namespace {
// Allocations still to let through before one fails; -1: none fails.
std::atomic<long> allowed{-1};

bool fail_this_one() {
  if (allowed.load(std::memory_order_relaxed) < 0) return false;
  return allowed.fetch_sub(1) == 0;  // exactly one fails: after it the count is negative
}

std::atomic<std::size_t> largest{0};  // the largest request seen

void* allocate(std::size_t bytes, std::size_t alignment) {
  bytes = bytes == 0 ? 1 : bytes;
  for (std::size_t seen = largest.load(); bytes > seen && !largest.compare_exchange_weak(seen, bytes);) {
  }
  if (alignment <= alignof(std::max_align_t)) return std::malloc(bytes);
  return std::aligned_alloc(alignment, (bytes + alignment - 1) / alignment * alignment);
}
}  // namespace

void* operator new(std::size_t bytes) {
  void* p = fail_this_one() ? nullptr : allocate(bytes, 0);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new(std::size_t bytes, std::align_val_t alignment) {
  void* p = fail_this_one() ? nullptr : allocate(bytes, std::size_t(alignment));
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new(std::size_t bytes, const std::nothrow_t&) noexcept {
  return fail_this_one() ? nullptr : allocate(bytes, 0);
}
void* operator new(std::size_t bytes, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return fail_this_one() ? nullptr : allocate(bytes, std::size_t(alignment));
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

namespace {

// One call of the C ABI and every buffer it sees (its arrays wrap them: no copies).
struct call_case {
  std::string name;
  std::vector<std::vector<unsigned char>> memory;
  std::vector<lanes_array*> arrays;
  std::function<lanes_status()> call;

  call_case() = default;
  call_case(const call_case&) = delete;
  ~call_case() {
    for (auto* a : arrays) lanes_array_free(a);
  }
  template <class T>
  lanes_array* add(lanes_device* device, lanes_dtype dtype, const std::vector<T>& values) {
    memory.emplace_back(values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(memory.back().data(), values.data(), memory.back().size());
    lanes_array* a = nullptr;
    REQUIRE(lanes_array_wrap(device, dtype, values.empty() ? nullptr : memory.back().data(), values.size(), &a) ==
            LANES_OK);
    arrays.push_back(a);
    return a;
  }
  double* scalars() {  // two doubles a call writes its results to
    memory.emplace_back(2 * sizeof(double), 0);
    return reinterpret_cast<double*>(memory.back().data());
  }
};

template <class T>
std::vector<T> values(std::size_t n, std::uint64_t seed, double scale = 1.0) {
  std::vector<T> v(n);
  std::uint64_t s = seed * 0x9E3779B97F4A7C15ull + 1;
  for (auto& x : v) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    x = T(double(s >> 40) / double(1 << 24) * scale);
  }
  return v;
}

// Whether two sets of buffers hold the same bytes (Catch would print every byte).
bool same(const std::vector<std::vector<unsigned char>>& a, const std::vector<std::vector<unsigned char>>& b) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) {
      std::size_t at = 0;
      while (at < a[i].size() && a[i][at] == b[i][at]) ++at;
      UNSCOPED_INFO("buffer " << i << " differs first at byte " << at);
      return false;
    }
  return a.size() == b.size();
}

// Runs the case with the Nth allocation failing for N = 1, 2, ... until the call makes
// fewer than N; returns how many allocations it made.
long fail_each_allocation(call_case& c) {
  const auto initial = c.memory;
  REQUIRE(c.call() == LANES_OK);  // the result without a failure
  const auto expected = c.memory;
  for (long n = 0;; ++n) {
    c.memory = initial;  // same sizes: the arrays' pointers stay valid
    allowed.store(n);
    lanes_status status = c.call();
    long left = allowed.exchange(-1);
    if (left >= 0) {  // fewer than n + 1 allocations: none failed
      REQUIRE(status == LANES_OK);
      CHECK(same(c.memory, expected));
      return n;
    }
    INFO(c.name << ": allocation " << n + 1 << " failed: " << lanes_last_error());
    if (status == LANES_OK) {
      CHECK(same(c.memory, expected));  // a nothrow request with a fallback
    } else {
      CHECK(status == LANES_ENOMEM);
      CHECK(same(c.memory, initial));
    }
    REQUIRE(n < 100000);
  }
}

std::vector<std::uint32_t> skewed_keys(std::size_t n) {
  // Most keys share their top byte: the sort's first bucket is larger than a cache-sized
  // one, so it is split again (the MSD level recurses), on every executor.
  auto v = values<std::uint32_t>(n, 7, 4294967295.0);
  for (std::size_t i = 0; i < n; ++i)
    if (i % 5 != 0) v[i] = 0x5A000000u | (v[i] & 0xFFFFFFu);
  return v;
}

void each_case(lanes_device* d, const std::function<void(call_case&)>& check) {
  auto run = [&](const char* name, auto&& setup) {
    call_case c;
    c.name = name;
    setup(c);
    check(c);
  };
  run("sort u32 (MSD)", [&](call_case& c) {
    auto* k = c.add(d, LANES_U32, skewed_keys(400000));
    c.call = [=] { return lanes_sort(k); };
  });
  run("sort f64 (LSD)", [&](call_case& c) {
    auto* k = c.add(d, LANES_F64, values<double>(3001, 1, -10));
    c.call = [=] { return lanes_sort(k); };
  });
  run("sort i8", [&](call_case& c) {
    auto* k = c.add(d, LANES_I8, values<std::int8_t>(999, 2, 255));
    c.call = [=] { return lanes_sort(k); };
  });
  run("sort_by_key u64 / f32", [&](call_case& c) {
    auto* k = c.add(d, LANES_U64, values<std::uint64_t>(300000, 3, 1e12));
    auto* v = c.add(d, LANES_F32, values<float>(300000, 4));
    c.call = [=] { return lanes_sort_by_key(k, v); };
  });
  run("gemm f64, two slices of k", [&](call_case& c) {
    const std::size_t m = 211, n = 97, k = 700;
    auto* a = c.add(d, LANES_F64, values<double>(m * k, 5));
    auto* b = c.add(d, LANES_F64, values<double>(k * n, 6));
    auto* out = c.add(d, LANES_F64, values<double>(m * n, 7));
    c.call = [=] { return lanes_gemm(m, n, k, 1.5, a, b, 0.5, out); };
  });
  run("gemm f32", [&](call_case& c) {
    auto* a = c.add(d, LANES_F32, values<float>(64 * 33, 8));
    auto* b = c.add(d, LANES_F32, values<float>(33 * 70, 9));
    auto* out = c.add(d, LANES_F32, values<float>(64 * 70, 10));
    c.call = [=] { return lanes_gemm(64, 70, 33, 1.0, a, b, 1.0, out); };
  });
  run("histogram", [&](call_case& c) {
    auto* x = c.add(d, LANES_F32, values<float>(200000, 11));
    auto* bins = c.add(d, LANES_U64, std::vector<std::uint64_t>(1000, 77));
    c.call = [=] { return lanes_histogram(x, 0.1, 0.9, bins); };
  });
  run("inclusive_scan i32", [&](call_case& c) {
    auto* x = c.add(d, LANES_I32, values<std::int32_t>(300000, 12, 1000));
    auto* out = c.add(d, LANES_I32, std::vector<std::int32_t>(300000, -1));
    c.call = [=] { return lanes_inclusive_scan(x, out); };
  });
  run("exclusive_scan f64 in place", [&](call_case& c) {
    auto* x = c.add(d, LANES_F64, values<double>(300000, 13));
    c.call = [=] { return lanes_exclusive_scan(x, x); };
  });
  run("sum", [&](call_case& c) {
    auto* x = c.add(d, LANES_F64, values<double>(300000, 14));
    double* out = c.scalars();
    c.call = [=] { return lanes_sum(x, out); };
  });
  run("min_max", [&](call_case& c) {
    auto* x = c.add(d, LANES_I64, values<std::int64_t>(300000, 14, -1e15));
    double* out = c.scalars();
    c.call = [=] { return lanes_min_max(x, out, out + 1); };
  });
  run("dot", [&](call_case& c) {
    auto* x = c.add(d, LANES_F32, values<float>(300000, 14));
    auto* y = c.add(d, LANES_F32, values<float>(300000, 15));
    double* out = c.scalars();
    c.call = [=] { return lanes_dot(x, y, out); };
  });
  run("nrm2", [&](call_case& c) {
    auto* x = c.add(d, LANES_F64, values<double>(300000, 16));
    double* out = c.scalars();
    c.call = [=] { return lanes_nrm2(x, out); };
  });
  run("axpy", [&](call_case& c) {
    auto* x = c.add(d, LANES_F32, values<float>(100000, 16));
    auto* y = c.add(d, LANES_F32, values<float>(100000, 17));
    c.call = [=] { return lanes_axpy(2.0, x, y); };
  });
  run("scal", [&](call_case& c) {
    auto* y = c.add(d, LANES_F64, values<double>(100000, 17));
    c.call = [=] { return lanes_scal(0.5, y); };
  });
  const std::size_t n = 100000;
  std::vector<std::int64_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = std::int64_t((i * 7919) % n);  // a permutation
  run("gather", [&](call_case& c) {
    auto* x = c.add(d, LANES_F64, values<double>(n, 18));
    auto* where = c.add(d, LANES_I64, order);
    auto* out = c.add(d, LANES_F64, std::vector<double>(n, -1));
    c.call = [=] { return lanes_gather(x, where, out); };
  });
  run("scatter", [&](call_case& c) {
    auto* x = c.add(d, LANES_F64, values<double>(n, 18));
    auto* where = c.add(d, LANES_I64, order);
    auto* out = c.add(d, LANES_F64, std::vector<double>(n, -1));
    c.call = [=] { return lanes_scatter(x, where, out); };
  });
  run("gemv", [&](call_case& c) {
    auto* a = c.add(d, LANES_F64, values<double>(300 * 200, 19));
    auto* x = c.add(d, LANES_F64, values<double>(200, 20));
    auto* y = c.add(d, LANES_F64, values<double>(300, 21));
    c.call = [=] { return lanes_gemv(300, 200, 1.0, a, x, 0.5, y); };
  });
  run("stencil2d", [&](call_case& c) {
    auto* g = c.add(d, LANES_F64, values<double>(300 * 301, 22));
    auto* s = c.add(d, LANES_F64, std::vector<double>(300 * 301, 0));
    c.call = [=] { return lanes_stencil2d(300, 301, 10, g, s); };
  });
  const std::size_t image_rows = 200, cols = 157;
  run("conv2d", [&](call_case& c) {
    auto* image = c.add(d, LANES_F32, values<float>(image_rows * cols, 23));
    auto* filter = c.add(d, LANES_F32, values<float>(25, 24));
    auto* out = c.add(d, LANES_F32, std::vector<float>(image_rows * cols, 0));
    c.call = [=] { return lanes_conv2d(image_rows, cols, image, 5, filter, out); };
  });
  run("threshold", [&](call_case& c) {
    auto* image = c.add(d, LANES_F32, values<float>(image_rows * cols, 23));
    auto* mask = c.add(d, LANES_U8, std::vector<std::uint8_t>(image_rows * cols, 1));
    c.call = [=] { return lanes_threshold(image, 0.5, mask); };
  });
  run("adaptive_threshold", [&](call_case& c) {
    auto* image = c.add(d, LANES_F64, values<double>(image_rows * cols, 23));
    auto* mask = c.add(d, LANES_U8, std::vector<std::uint8_t>(image_rows * cols, 2));
    c.call = [=] { return lanes_adaptive_threshold(image_rows, cols, image, 7, 0.01, mask); };
  });
  run("grayscale", [&](call_case& c) {
    auto* rgb = c.add(d, LANES_U8, values<std::uint8_t>(3 * 50000, 25, 255));
    auto* out = c.add(d, LANES_F64, std::vector<double>(50000, -1));
    c.call = [=] { return lanes_grayscale(rgb, out); };
  });
  run("mandelbrot", [&](call_case& c) {
    auto* counts = c.add(d, LANES_U32, std::vector<std::uint32_t>(120 * 90, 5));
    c.call = [=] { return lanes_mandelbrot(120, 90, -2, 1, -1, 1, 50, counts); };
  });
  run("distance_matrix", [&](call_case& c) {
    auto* p = c.add(d, LANES_F32, values<float>(300 * 3, 26));
    auto* out = c.add(d, LANES_F32, std::vector<float>(300 * 300, -1));
    c.call = [=] { return lanes_distance_matrix(300, 3, p, out); };
  });
  run("nbody_step", [&](call_case& c) {
    auto* pos = c.add(d, LANES_F64, values<double>(3 * 500, 27));
    auto* vel = c.add(d, LANES_F64, values<double>(3 * 500, 28));
    auto* mass = c.add(d, LANES_F64, values<double>(500, 29));
    c.call = [=] { return lanes_nbody_step(0.01, 0.1, pos, vel, mass); };
  });
  run("spmv_csr", [&](call_case& c) {
    const std::size_t rows = 3000, per_row = 5;
    std::vector<std::uint64_t> offsets(rows + 1);
    std::vector<std::uint32_t> columns(rows * per_row);
    for (std::size_t r = 0; r <= rows; ++r) offsets[r] = r * per_row;
    for (std::size_t e = 0; e < columns.size(); ++e) columns[e] = std::uint32_t((e * 37) % rows);
    auto* o = c.add(d, LANES_U64, offsets);
    auto* ci = c.add(d, LANES_U32, columns);
    auto* v = c.add(d, LANES_F64, values<double>(rows * per_row, 30));
    auto* x = c.add(d, LANES_F64, values<double>(rows, 31));
    auto* y = c.add(d, LANES_F64, std::vector<double>(rows, -1));
    c.call = [=] { return lanes_spmv_csr(rows, rows, o, ci, v, x, y); };
  });
  run("particles_evolve", [&](call_case& c) {
    auto* x = c.add(d, LANES_F64, values<double>(1000, 32));
    auto* y = c.add(d, LANES_F64, values<double>(1000, 33));
    auto* w = c.add(d, LANES_F64, values<double>(1000, 34));
    c.call = [=] { return lanes_particles_evolve(x, y, w, 0.001); };
  });
  run("unique", [&](call_case& c) {
    auto* x = c.add(d, LANES_I32, values<std::int32_t>(n, 35, 50));
    auto* out = c.add(d, LANES_I32, std::vector<std::int32_t>(n, -1));
    double* count = c.scalars();
    c.call = [=] { return lanes_unique(x, out, reinterpret_cast<std::size_t*>(count)); };
  });
  std::vector<double> ascending = values<double>(n, 36);
  std::sort(ascending.begin(), ascending.end());
  run("merge", [&](call_case& c) {
    auto* a = c.add(d, LANES_F64, ascending);
    auto* b = c.add(d, LANES_F64, std::vector<double>(ascending.begin(), ascending.begin() + n / 3));
    auto* out = c.add(d, LANES_F64, std::vector<double>(n + n / 3, -1));
    c.call = [=] { return lanes_merge(a, b, out); };
  });
  run("merge_by_key", [&](call_case& c) {
    auto* a = c.add(d, LANES_F64, ascending);
    auto* a_values = c.add(d, LANES_I32, values<std::int32_t>(n, 45, 1000));
    auto* b = c.add(d, LANES_F64, std::vector<double>(ascending.begin(), ascending.begin() + n / 3));
    auto* b_values = c.add(d, LANES_I32, values<std::int32_t>(n / 3, 46, 1000));
    auto* keys_out = c.add(d, LANES_F64, std::vector<double>(n + n / 3, -1));
    auto* values_out = c.add(d, LANES_I32, std::vector<std::int32_t>(n + n / 3, -1));
    c.call = [=] { return lanes_merge_by_key(a, a_values, b, b_values, keys_out, values_out); };
  });
  run("lower_bound", [&](call_case& c) {
    auto* sorted = c.add(d, LANES_F64, ascending);
    auto* needles = c.add(d, LANES_F64, values<double>(n / 2, 37));
    auto* out = c.add(d, LANES_I64, std::vector<std::int64_t>(n / 2, -1));
    c.call = [=] { return lanes_lower_bound(sorted, needles, out); };
  });
  run("upper_bound", [&](call_case& c) {
    auto* sorted = c.add(d, LANES_F64, ascending);
    auto* needles = c.add(d, LANES_F64, values<double>(n / 2, 37));
    auto* out = c.add(d, LANES_I64, std::vector<std::int64_t>(n / 2, -1));
    c.call = [=] { return lanes_upper_bound(sorted, needles, out); };
  });
  run("array_copy", [&](call_case& c) {
    auto* from = c.add(d, LANES_F32, values<float>(n, 42));
    auto* to = c.add(d, LANES_F32, std::vector<float>(n, -1));
    c.call = [=] { return lanes_array_copy(from, to); };
  });
  run("reverse", [&](call_case& c) {
    auto* x = c.add(d, LANES_U8, values<std::uint8_t>(n, 38, 255));
    c.call = [=] { return lanes_reverse(x); };
  });
  run("adjacent_difference", [&](call_case& c) {
    auto* x = c.add(d, LANES_I64, values<std::int64_t>(n, 39, 1e12));
    auto* out = c.add(d, LANES_I64, std::vector<std::int64_t>(n, -1));
    c.call = [=] { return lanes_adjacent_difference(x, out); };
  });
  run("reduce_by_key", [&](call_case& c) {
    auto* keys = c.add(d, LANES_I64, values<std::int64_t>(n, 40, 1000));
    auto* v = c.add(d, LANES_F64, values<double>(n, 41));
    auto* keys_out = c.add(d, LANES_I64, std::vector<std::int64_t>(n, -1));
    auto* sums = c.add(d, LANES_F64, std::vector<double>(n, -1));
    double* runs = c.scalars();
    c.call = [=] { return lanes_reduce_by_key(keys, v, keys_out, sums, reinterpret_cast<std::size_t*>(runs)); };
  });
  run("unique_by_key", [&](call_case& c) {
    auto* keys = c.add(d, LANES_I64, values<std::int64_t>(n, 43, 1000));
    auto* v = c.add(d, LANES_U8, values<std::uint8_t>(n, 44, 255));
    auto* keys_out = c.add(d, LANES_I64, std::vector<std::int64_t>(n, -1));
    auto* values_out = c.add(d, LANES_U8, std::vector<std::uint8_t>(n, 7));
    double* count = c.scalars();
    c.call = [=] { return lanes_unique_by_key(keys, v, keys_out, values_out, reinterpret_cast<std::size_t*>(count)); };
  });
  run("random_uniform", [&](call_case& c) {
    auto* out = c.add(d, LANES_F32, std::vector<float>(n, -1));
    c.call = [=] { return lanes_random_uniform(out, 1, 2, 3, -1, 1); };
  });
  run("random_normal", [&](call_case& c) {
    auto* out = c.add(d, LANES_F64, std::vector<double>(n, -1));
    c.call = [=] { return lanes_random_normal(out, 1, 2, 3, 0, 1); };
  });
  run("random_bernoulli", [&](call_case& c) {
    auto* out = c.add(d, LANES_F64, std::vector<double>(n, -1));
    c.call = [=] { return lanes_random_bernoulli(out, 1, 2, 3, 0.5); };
  });
  run("monte_carlo_pi", [&](call_case& c) {
    double* out = c.scalars();
    c.call = [=] { return lanes_monte_carlo_pi(d, 1000000, 3, out); };
  });
  run("monte_carlo_inside", [&](call_case& c) {
    double* out = c.scalars();
    c.call = [=] { return lanes_monte_carlo_inside(d, 1000000, 3, 1000, 400000, reinterpret_cast<std::uint64_t*>(out)); };
  });
  run("count_primes", [&](call_case& c) {
    double* out = c.scalars();
    c.call = [=] { return lanes_count_primes(d, 0, 1000000, reinterpret_cast<std::uint64_t*>(out)); };
  });
}

}  // namespace

TEST_CASE("a call that runs out of memory returns LANES_ENOMEM and changes nothing", "[out_of_memory]") {
  for (const char* spec : {"seq", "cpu"}) {
    lanes_device* d = nullptr;
    REQUIRE(lanes_device_open(spec, &d) == LANES_OK);
    each_case(d, [&](call_case& c) {
      INFO(spec << ": " << c.name);
      fail_each_allocation(c);
    });
    lanes_device_close(d);
  }
}

TEST_CASE("lanes_array_slice out of memory: LANES_ENOMEM, no array made", "[out_of_memory]") {
  lanes_device* d = nullptr;
  REQUIRE(lanes_device_open("cpu", &d) == LANES_OK);
  lanes_array* whole = nullptr;
  REQUIRE(lanes_array_create(d, LANES_I64, 1000, &whole) == LANES_OK);
  lanes_array* part = nullptr;
  allowed.store(0);  // the slice's own handle is its one allocation
  const lanes_status status = lanes_array_slice(whole, 10, 20, &part);
  allowed.store(-1);
  CHECK(status == LANES_ENOMEM);
  CHECK(part == nullptr);
  REQUIRE(lanes_array_slice(whole, 10, 20, &part) == LANES_OK);
  CHECK(lanes_array_size(part) == 20);
  lanes_array_free(part);
  lanes_array_free(whole);
  lanes_device_close(d);
}

TEST_CASE("the sorts make their allocations: the hook reaches them", "[out_of_memory]") {
  // A check of the check: a sort of many keys allocates its scratch (through lanes::array),
  // its digit counts, and the C ABI's own objects; the loop above must have failed each.
  lanes_device* d = nullptr;
  REQUIRE(lanes_device_open("cpu", &d) == LANES_OK);
  call_case c;
  auto* k = c.add(d, LANES_U64, values<std::uint64_t>(300000, 3, 1e12));
  auto* v = c.add(d, LANES_F32, values<float>(300000, 4));
  c.call = [=] { return lanes_sort_by_key(k, v); };
  CHECK(fail_each_allocation(c) >= 3);
  lanes_device_close(d);
}

TEST_CASE("the comparison sort runs out of memory before it writes", "[out_of_memory]") {
  auto initial = values<double>(100000, 40);
  auto warm = initial;  // oneTBB starts its workers on first use, not under the hook
  lanes::sort(lanes::cpu{}, lanes::span<double>(warm), [](double a, double b) { return a > b; });
  for (long n = 0;; ++n) {
    auto keys = initial;
    allowed.store(n);
    bool threw = false;
    try {
      lanes::sort(lanes::cpu{}, lanes::span<double>(keys), [](double a, double b) { return a > b; });
    } catch (const std::bad_alloc&) {
      threw = true;
    } catch (const lanes::out_of_memory&) {
      threw = true;
    }
    long left = allowed.exchange(-1);
    INFO("allocation " << n + 1);
    if (threw) {
      CHECK(bool(keys == initial));  // (Catch would print every key)
    } else {
      auto expected = initial;
      std::stable_sort(expected.begin(), expected.end(), [](double a, double b) { return a > b; });
      CHECK(bool(keys == expected));
      if (left >= 0) break;
    }
    REQUIRE(n < 10000);
  }
}

TEST_CASE("a reduce over a huge range takes bounded scratch", "[out_of_memory]") {
  // 2^28 items in 2^16 blocks and one more: the partial sums it holds at once stay at 2^16
  // (512 KiB) whatever the range (count_primes over [0, 2^40) asked for 2 GiB up front).
  const std::size_t n = (std::size_t(1) << 28) + 4096;
  largest.store(0);
  const std::uint64_t got = lanes::transform_reduce(lanes::cpu{}, n, std::uint64_t{0}, std::plus<>{},
                                                    [](std::size_t i) { return std::uint64_t(i & 1); });
  CHECK(got == n / 2);
  CHECK(largest.load() <= (std::size_t(1) << 16) * sizeof(std::uint64_t));
}
