// SPDX-License-Identifier: Apache-2.0
#include "peers.hpp"

#include <algorithm>
#include <execution>
#include <numeric>
#include <utility>
#include <vector>

#include <omp.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/parallel_scan.h>
#include <tbb/parallel_sort.h>

#if LANES_BENCH_THRUST
#include <thrust/functional.h>
#include <thrust/reduce.h>
#include <thrust/scan.h>
#include <thrust/sort.h>
#include <thrust/system/tbb/execution_policy.h>
#include <thrust/transform.h>
#endif

namespace lanes_bench::peers {

namespace {

using range = tbb::blocked_range<std::size_t>;
constexpr auto par = std::execution::par_unseq;
volatile double sink;

struct triad_op {
  float operator()(float x, float y) const { return x + 3.0f * y; }
};

}  // namespace

std::vector<job> triad(float* a, const float* b, const float* c, std::size_t n) {
  std::vector<job> jobs;
  jobs.push_back({"tbb", "cpu", [=] {
                    tbb::parallel_for(range(0, n), [=](const range& r) {
                      for (std::size_t i = r.begin(); i < r.end(); ++i) a[i] = b[i] + 3.0f * c[i];
                    });
                  }});
  jobs.push_back({"openmp", "cpu", [=] {
#pragma omp parallel for simd schedule(static)
                    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + 3.0f * c[i];
                  }});
  jobs.push_back({"std_par", "cpu", [=] { std::transform(par, b, b + n, c, a, triad_op{}); }});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] { thrust::transform(thrust::tbb::par, b, b + n, c, a, triad_op{}); }});
#endif
  return jobs;
}

std::vector<job> reduce(const float* x, std::size_t n) {
  std::vector<job> jobs;
  jobs.push_back({"tbb", "cpu", [=] {
                    sink = tbb::parallel_reduce(
                        range(0, n), 0.0,
                        [=](const range& r, double sum) {
                          for (std::size_t i = r.begin(); i < r.end(); ++i) sum += x[i];
                          return sum;
                        },
                        std::plus<>{});
                  }});
  jobs.push_back({"openmp", "cpu", [=] {
                    double sum = 0;
#pragma omp parallel for simd reduction(+ : sum) schedule(static)
                    for (std::size_t i = 0; i < n; ++i) sum += x[i];
                    sink = sum;
                  }});
  jobs.push_back({"std_par", "cpu", [=] { sink = std::reduce(par, x, x + n, 0.0); }});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] { sink = thrust::reduce(thrust::tbb::par, x, x + n, 0.0, thrust::plus<double>()); }});
#endif
  jobs.push_back({"serial", "cpu", [=] { sink = std::accumulate(x, x + n, 0.0); }});
  return jobs;
}

namespace {
std::vector<job> scan(const float* in, float* out, std::size_t n, bool exclusive) {
  std::vector<job> jobs;
  jobs.push_back({"tbb", "cpu", [=] {
                    tbb::parallel_scan(
                        range(0, n), 0.0f,
                        [=](const range& r, float sum, bool final) {
                          for (std::size_t i = r.begin(); i < r.end(); ++i) {
                            if (final && exclusive) out[i] = sum;
                            sum += in[i];
                            if (final && !exclusive) out[i] = sum;
                          }
                          return sum;
                        },
                        std::plus<>{});
                  }});
  jobs.push_back({"openmp", "cpu", [=] {
                    float sum = 0;
                    if (exclusive) {
#pragma omp parallel for simd reduction(inscan, + : sum)
                      for (std::size_t i = 0; i < n; ++i) {
                        out[i] = sum;
#pragma omp scan exclusive(sum)
                        sum += in[i];
                      }
                    } else {
#pragma omp parallel for simd reduction(inscan, + : sum)
                      for (std::size_t i = 0; i < n; ++i) {
                        sum += in[i];
#pragma omp scan inclusive(sum)
                        out[i] = sum;
                      }
                    }
                  }});
  jobs.push_back({"std_par", "cpu", [=] {
                    if (exclusive)
                      std::exclusive_scan(par, in, in + n, out, 0.0f);
                    else
                      std::inclusive_scan(par, in, in + n, out);
                  }});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] {
                    if (exclusive)
                      thrust::exclusive_scan(thrust::tbb::par, in, in + n, out);
                    else
                      thrust::inclusive_scan(thrust::tbb::par, in, in + n, out);
                  }});
#endif
  jobs.push_back({"serial", "cpu", [=] {
                    if (exclusive)
                      std::exclusive_scan(in, in + n, out, 0.0f);
                    else
                      std::inclusive_scan(in, in + n, out);
                  }});
  return jobs;
}
}  // namespace

std::vector<job> inclusive_scan(const float* in, float* out, std::size_t n) { return scan(in, out, n, false); }
std::vector<job> exclusive_scan(const float* in, float* out, std::size_t n) { return scan(in, out, n, true); }

namespace {
template <class K>
std::vector<job> sort_keys(K* work, std::size_t n, const std::function<void()>& prepare) {
  std::vector<job> jobs;
  jobs.push_back({"tbb", "cpu", [=] { tbb::parallel_sort(work, work + n); }, "tbb::parallel_sort", prepare});
  jobs.push_back({"std_par", "cpu", [=] { std::sort(par, work, work + n); }, "std::sort(par_unseq)", prepare});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] { thrust::sort(thrust::tbb::par, work, work + n); }, "", prepare});
#endif
  jobs.push_back({"serial", "cpu", [=] { std::sort(work, work + n); }, "std::sort", prepare});
  return jobs;
}
}  // namespace

std::vector<job> sort_u32(std::uint32_t* work, std::size_t n, std::function<void()> prepare) {
  return sort_keys(work, n, prepare);
}
std::vector<job> sort_f32(float* work, std::size_t n, std::function<void()> prepare) {
  return sort_keys(work, n, prepare);
}

std::vector<job> sort_by_key_u32(std::uint32_t* keys, std::uint32_t* values, std::size_t n,
                                 std::function<void()> prepare) {
  std::vector<job> jobs;
  // tbb and std_par have no sort_by_key: users sort (key, value) pairs, made untimed here.
  auto pairs = std::make_shared<std::vector<std::pair<std::uint32_t, std::uint32_t>>>(n);
  auto make_pairs = [=] {
    prepare();
    for (std::size_t i = 0; i < n; ++i) (*pairs)[i] = {keys[i], values[i]};
  };
  auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  jobs.push_back({"tbb", "cpu", [=] { tbb::parallel_sort(pairs->begin(), pairs->end(), by_key); },
                  "tbb::parallel_sort of pairs (not stable)", make_pairs});
  jobs.push_back({"std_par", "cpu", [=] { std::stable_sort(par, pairs->begin(), pairs->end(), by_key); },
                  "std::stable_sort(par_unseq) of pairs", make_pairs});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] { thrust::sort_by_key(thrust::tbb::par, keys, keys + n, values); }, "",
                  prepare});
#endif
  return jobs;
}

std::vector<job> histogram(const float* x, std::size_t n, std::uint64_t* bins, std::size_t nbins, float lo,
                           float hi) {
  float scale = float(nbins) / (hi - lo);
  auto count = [=](std::uint64_t* local, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      if (x[i] >= lo && x[i] < hi) ++local[std::min(nbins - 1, std::size_t((x[i] - lo) * scale))];
  };
  std::vector<job> jobs;
  jobs.push_back({"tbb", "cpu", [=] {
                    tbb::combinable<std::vector<std::uint64_t>> local([=] { return std::vector<std::uint64_t>(nbins); });
                    tbb::parallel_for(range(0, n), [&](const range& r) { count(local.local().data(), r.begin(), r.end()); });
                    std::fill(bins, bins + nbins, 0);
                    local.combine_each([=](const std::vector<std::uint64_t>& h) {
                      for (std::size_t b = 0; b < nbins; ++b) bins[b] += h[b];
                    });
                  }});
  jobs.push_back({"openmp", "cpu", [=] {
                    std::fill(bins, bins + nbins, 0);
#pragma omp parallel
                    {
                      std::vector<std::uint64_t> local(nbins);
                      int t = omp_get_thread_num(), threads = omp_get_num_threads();
                      count(local.data(), n * t / threads, n * (t + 1) / threads);
#pragma omp critical
                      for (std::size_t b = 0; b < nbins; ++b) bins[b] += local[b];
                    }
                  }});
  jobs.push_back({"serial", "cpu", [=] {
                    std::fill(bins, bins + nbins, 0);
                    count(bins, 0, n);
                  }});
  return jobs;
}

std::vector<job> for_each_small(std::size_t n, std::size_t calls) {
  auto items = std::make_shared<std::vector<int>>(n);
  std::vector<job> jobs;
  jobs.push_back({"tbb", "cpu", [=] {
                    for (std::size_t c = 0; c < calls; ++c) tbb::parallel_for(std::size_t(0), n, [](std::size_t) {});
                  }});
  jobs.push_back({"openmp", "cpu", [=] {
                    for (std::size_t c = 0; c < calls; ++c) {
#pragma omp parallel for
                      for (std::size_t i = 0; i < n; ++i) {
                      }
                    }
                  }});
  jobs.push_back({"std_par", "cpu", [=] {
                    for (std::size_t c = 0; c < calls; ++c) std::for_each(par, items->begin(), items->end(), [](int&) {});
                  }});
  return jobs;
}

}  // namespace lanes_bench::peers
