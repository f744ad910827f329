// SPDX-License-Identifier: Apache-2.0
#include "peers.hpp"

#include <algorithm>
#include <execution>
#include <numeric>
#include <random>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <omp.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/parallel_scan.h>
#include <tbb/parallel_sort.h>

#if LANES_BENCH_BOOST_SORT
#include <boost/sort/sort.hpp>
#endif
#if LANES_BENCH_THRUST
#include <thrust/binary_search.h>
#include <thrust/functional.h>
#include <thrust/merge.h>
#include <thrust/partition.h>
#include <thrust/reduce.h>
#include <thrust/scan.h>
#include <thrust/sort.h>
#include <thrust/system/tbb/execution_policy.h>
#include <thrust/transform.h>
#include <thrust/unique.h>
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
#if LANES_BENCH_KOKKOS
  append(jobs, kokkos_triad(a, b, c, n));
#endif
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] { thrust::transform(thrust::tbb::par, b, b + n, c, a, triad_op{}); }});
#endif
  return jobs;
}

namespace {
// x[begin, end) summed in double in 8 independent accumulators (one running sum would wait an
// add's latency per item): the body the TBB and OpenMP peers share, each split its own way.
double sum_of(const float* x, std::size_t begin, std::size_t end) {
  constexpr std::size_t lanes = 8;
  double acc[lanes] = {};
  std::size_t i = begin;
  for (; i + lanes <= end; i += lanes)
    for (std::size_t j = 0; j < lanes; ++j) acc[j] += x[i + j];
  for (; i < end; ++i) acc[0] += x[i];
  double sum = 0;
  for (double a : acc) sum += a;
  return sum;
}
}  // namespace

std::vector<job> reduce(const float* x, std::size_t n) {
  std::vector<job> jobs;
  jobs.push_back({"tbb", "cpu", [=] {
                    sink = tbb::parallel_reduce(
                        range(0, n), 0.0,
                        [=](const range& r, double sum) { return sum + sum_of(x, r.begin(), r.end()); },
                        std::plus<>{});
                  },
                  "8 independent accumulators per range"});
  jobs.push_back({"openmp", "cpu", [=] {
                    constexpr std::size_t block = 4096;
                    const std::size_t blocks = (n + block - 1) / block;
                    double sum = 0;
#pragma omp parallel for reduction(+ : sum) schedule(static)
                    for (std::size_t b = 0; b < blocks; ++b) sum += sum_of(x, b * block, std::min(n, (b + 1) * block));
                    sink = sum;
                  },
                  "8 independent accumulators per block of 4096"});
  jobs.push_back({"std_par", "cpu", [=] { sink = std::reduce(par, x, x + n, 0.0); }});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] { sink = thrust::reduce(thrust::tbb::par, x, x + n, 0.0, thrust::plus<double>()); }});
#endif
#if LANES_BENCH_KOKKOS
  append(jobs, kokkos_reduce(x, n));
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
  // OpenMP's own `omp scan` (reduction(inscan)) took 0.6 s for 64M floats with GCC 12, 30x
  // the others: the peer is the two-pass scan OpenMP users write by hand instead.
  jobs.push_back({"openmp", "cpu", [=] {
                    std::vector<float> sums(omp_get_max_threads() + 1);
#pragma omp parallel
                    {
                      const std::size_t t = omp_get_thread_num(), threads = omp_get_num_threads();
                      const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
                      float sum = 0;
#pragma omp simd reduction(+ : sum)
                      for (std::size_t i = begin; i < end; ++i) sum += in[i];
                      sums[t + 1] = sum;
#pragma omp barrier
#pragma omp single
                      for (std::size_t k = 1; k <= threads; ++k) sums[k] += sums[k - 1];
                      sum = sums[t];
                      for (std::size_t i = begin; i < end; ++i) {
                        if (exclusive) out[i] = sum;
                        sum += in[i];
                        if (!exclusive) out[i] = sum;
                      }
                    }
                  },
                  "two passes by hand (omp scan: 30x slower with GCC 12)"});
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
#if LANES_BENCH_KOKKOS
  append(jobs, kokkos_scan(in, out, n, exclusive));
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
// Lanes' sort is a radix sort; each peer's row says what kind of sort it is.
template <class K>
std::vector<job> sort_keys(K* work, std::size_t n, const std::function<void()>& prepare) {
  std::vector<job> jobs;
  jobs.push_back({"tbb", "cpu", [=] { tbb::parallel_sort(work, work + n); }, "tbb::parallel_sort: comparison, quicksort", prepare});
  jobs.push_back({"std_par", "cpu", [=] { std::sort(par, work, work + n); }, "std::sort(par_unseq): comparison", prepare});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] { thrust::sort(thrust::tbb::par, work, work + n); },
                  "thrust::sort on TBB: a parallel merge of radix-sorted pieces (arithmetic keys)", prepare});
#endif
#if LANES_BENCH_BOOST_SORT
  const unsigned threads = std::thread::hardware_concurrency();
  jobs.push_back({"boost_bis", "cpu", [=] { boost::sort::block_indirect_sort(work, work + n, threads); },
                  "boost::sort::block_indirect_sort: comparison, parallel, not stable", prepare});
  jobs.push_back({"boost_pss", "cpu", [=] { boost::sort::parallel_stable_sort(work, work + n, threads); },
                  "boost::sort::parallel_stable_sort: comparison, parallel, stable", prepare});
  if constexpr (std::is_integral_v<K>)
    jobs.push_back({"boost_spread", "cpu", [=] { boost::sort::spreadsort::integer_sort(work, work + n); },
                    "boost::sort::spreadsort::integer_sort: radix hybrid, one thread", prepare});
  else
    jobs.push_back({"boost_spread", "cpu", [=] { boost::sort::spreadsort::float_sort(work, work + n); },
                    "boost::sort::spreadsort::float_sort: radix hybrid, one thread", prepare});
#endif
  jobs.push_back({"serial", "cpu", [=] { std::sort(work, work + n); }, "std::sort", prepare});
  return jobs;
}
}  // namespace

std::vector<job> sort_u32(std::uint32_t* work, std::size_t n, std::function<void()> prepare) {
  auto jobs = sort_keys(work, n, prepare);
#if LANES_BENCH_KOKKOS
  append(jobs, kokkos_sort_u32(work, n, prepare));
#endif
  return jobs;
}
std::vector<job> sort_f32(float* work, std::size_t n, std::function<void()> prepare) {
  auto jobs = sort_keys(work, n, prepare);
#if LANES_BENCH_KOKKOS
  append(jobs, kokkos_sort_f32(work, n, prepare));
#endif
  return jobs;
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
#if LANES_BENCH_BOOST_SORT
  const unsigned threads = std::thread::hardware_concurrency();
  jobs.push_back({"boost_pss", "cpu",
                  [=] { boost::sort::parallel_stable_sort(pairs->begin(), pairs->end(), by_key, threads); },
                  "boost::sort::parallel_stable_sort of pairs: comparison, stable", make_pairs});
#endif
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] { thrust::sort_by_key(thrust::tbb::par, keys, keys + n, values); },
                  "thrust::sort_by_key on TBB: a parallel merge of radix-sorted pieces", prepare});
#endif
  return jobs;
}

// The peers' histogram: count(local, begin, end) into counts of their own per TBB range (tbb::
// combinable) or per OpenMP thread, then summed; and count on one thread.
template <class Count>
std::vector<job> histogram_jobs(std::size_t n, std::uint64_t* bins, std::size_t nbins, Count count) {
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

std::vector<job> histogram(const float* x, std::size_t n, std::uint64_t* bins, std::size_t nbins, float lo,
                           float hi) {
  float scale = float(nbins) / (hi - lo);
  return histogram_jobs(n, bins, nbins, [=](std::uint64_t* local, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      if (x[i] >= lo && x[i] < hi) ++local[std::min(nbins - 1, std::size_t((x[i] - lo) * scale))];
  });
}

std::vector<job> histogram_u8(const std::uint8_t* x, std::size_t n, std::uint64_t* bins) {
  return histogram_jobs(n, bins, 256, [=](std::uint64_t* local, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) ++local[x[i]];  // a byte is its bin
  });
}

std::vector<job> for_each_small(float* y, const float* x, std::size_t n, std::size_t calls) {
  constexpr std::size_t inline_below = 4096;  // Lanes' elementwise block: one block runs inline
  std::vector<job> jobs;
  jobs.push_back({"tbb", "cpu", [=] {
                    for (std::size_t c = 0; c < calls; ++c)
                      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, inline_below),
                                        [=](const tbb::blocked_range<std::size_t>& r) {
                                          for (std::size_t i = r.begin(); i < r.end(); ++i) y[i] = 2 * x[i];
                                        });
                  },
                  "grainsize 4096"});
  jobs.push_back({"openmp", "cpu", [=] {
                    for (std::size_t c = 0; c < calls; ++c) {
#pragma omp parallel for simd if (n > inline_below)
                      for (std::size_t i = 0; i < n; ++i) y[i] = 2 * x[i];
                    }
                  },
                  "if (n > 4096)"});
  jobs.push_back({"std_par", "cpu", [=] {
                    for (std::size_t c = 0; c < calls; ++c)
                      std::transform(par, x, x + n, y, [](float v) { return 2 * v; });
                  },
                  "std::transform par_unseq (no cut-off to set)"});
  return jobs;
}

std::vector<job> unique_u32(const std::uint32_t* in, std::size_t n, std::uint32_t* out) {
  std::vector<job> jobs;
  jobs.push_back({"std_par", "cpu", [=] { sink = double(std::unique_copy(par, in, in + n, out) - out); },
                  "std::unique_copy(par_unseq)"});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] { sink = double(thrust::unique_copy(thrust::tbb::par, in, in + n, out) - out); },
                  "thrust::unique_copy on TBB"});
#endif
  jobs.push_back({"serial", "cpu", [=] { sink = double(std::unique_copy(in, in + n, out) - out); }, "std::unique_copy"});
  return jobs;
}

// Out of place and stable, as Lanes' stable_partition: std::partition_copy keeps both parts'
// order (into two outputs).
std::vector<job> partition_u32(const std::uint32_t* in, std::size_t n, std::uint32_t* out, std::uint32_t* out_false) {
  std::vector<job> jobs;
  jobs.push_back({"std_par", "cpu", [=] { std::partition_copy(par, in, in + n, out, out_false, is_odd_u32{}); },
                  "std::partition_copy(par_unseq): two outputs"});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu",
                  [=] { thrust::stable_partition_copy(thrust::tbb::par, in, in + n, out, out_false, is_odd_u32{}); },
                  "thrust::stable_partition_copy on TBB: two outputs"});
#endif
  jobs.push_back({"serial", "cpu", [=] { std::partition_copy(in, in + n, out, out_false, is_odd_u32{}); },
                  "std::partition_copy"});
  return jobs;
}

// In place and not stable, as Lanes' partition; prepare() refills work before each call.
std::vector<job> partition_in_place_u32(std::uint32_t* work, std::size_t n, const std::function<void()>& prepare) {
  std::vector<job> jobs;
  jobs.push_back({"std_par", "cpu", [=] { std::partition(par, work, work + n, is_odd_u32{}); },
                  "std::partition(par_unseq)", prepare});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] { thrust::partition(thrust::tbb::par, work, work + n, is_odd_u32{}); },
                  "thrust::partition on TBB", prepare});
#endif
  jobs.push_back({"serial", "cpu", [=] { std::partition(work, work + n, is_odd_u32{}); }, "std::partition", prepare});
  return jobs;
}

std::vector<job> merge_u32(const std::uint32_t* a, std::size_t na, const std::uint32_t* b, std::size_t nb,
                           std::uint32_t* out) {
  std::vector<job> jobs;
  jobs.push_back({"std_par", "cpu", [=] { std::merge(par, a, a + na, b, b + nb, out); }, "std::merge(par_unseq)"});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu", [=] { thrust::merge(thrust::tbb::par, a, a + na, b, b + nb, out); },
                  "thrust::merge on TBB"});
#endif
  jobs.push_back({"serial", "cpu", [=] { std::merge(a, a + na, b, b + nb, out); }, "std::merge"});
  return jobs;
}

std::vector<job> lower_bound_u32(const std::uint32_t* sorted, std::size_t n, const std::uint32_t* needles,
                                 std::size_t count, std::uint64_t* found) {
  std::vector<job> jobs;
  jobs.push_back({"openmp", "cpu", [=] {
#pragma omp parallel for schedule(static)
                    for (std::size_t i = 0; i < count; ++i)
                      found[i] = std::uint64_t(std::lower_bound(sorted, sorted + n, needles[i]) - sorted);
                  },
                  "std::lower_bound in an OpenMP loop"});
  jobs.push_back({"std_par", "cpu", [=] {
                    std::transform(par, needles, needles + count, found, [=](std::uint32_t x) {
                      return std::uint64_t(std::lower_bound(sorted, sorted + n, x) - sorted);
                    });
                  },
                  "std::lower_bound in std::transform(par_unseq)"});
#if LANES_BENCH_THRUST
  jobs.push_back({"thrust_tbb", "cpu",
                  [=] { thrust::lower_bound(thrust::tbb::par, sorted, sorted + n, needles, needles + count, found); },
                  "thrust::lower_bound (vectorised) on TBB"});
#endif
  jobs.push_back({"serial", "cpu", [=] {
                    for (std::size_t i = 0; i < count; ++i)
                      found[i] = std::uint64_t(std::lower_bound(sorted, sorted + n, needles[i]) - sorted);
                  },
                  "std::lower_bound in a loop"});
  return jobs;
}

namespace {
// What a user writes without a counter-based generator: an engine per OpenMP thread, seeded
// apart (a different stream per thread count: not Lanes' reproducibility, said in the note).
template <class Dist>
std::vector<job> random_fill(float* out, std::size_t n, Dist dist) {
  std::vector<job> jobs;
  jobs.push_back({"openmp", "cpu", [=] {
#pragma omp parallel
                    {
                      std::mt19937 gen(1234 + omp_get_thread_num());
                      Dist d = dist;
#pragma omp for schedule(static)
                      for (std::size_t i = 0; i < n; ++i) out[i] = d(gen);
                    }
                  },
                  "std::mt19937 per OpenMP thread: numbers depend on the thread count"});
  jobs.push_back({"serial", "cpu", [=] {
                    std::mt19937 gen(1234);
                    Dist d = dist;
                    for (std::size_t i = 0; i < n; ++i) out[i] = d(gen);
                  },
                  "std::mt19937"});
  return jobs;
}
}  // namespace

std::vector<job> uniform_f32(float* out, std::size_t n) {
  auto jobs = random_fill(out, n, std::uniform_real_distribution<float>(0.0f, 1.0f));
#if LANES_BENCH_KOKKOS
  append(jobs, kokkos_uniform_f32(out, n));
#endif
  return jobs;
}
std::vector<job> normal_f32(float* out, std::size_t n) {
  auto jobs = random_fill(out, n, std::normal_distribution<float>(0.0f, 1.0f));
#if LANES_BENCH_KOKKOS
  append(jobs, kokkos_normal_f32(out, n));
#endif
  return jobs;
}

}  // namespace lanes_bench::peers
