// SPDX-License-Identifier: Apache-2.0
// lanes-bench on the GPU: the device's memory limits, measured the STREAM way with plain
// kernels, and the core algorithms on lanes::cuda, with CUB called directly as the peer.
// Every job waits for the GPU before it returns, so the host clock times the work.
#include <cub/device/device_radix_sort.cuh>
#include <cub/device/device_reduce.cuh>
#include <cub/device/device_scan.cuh>

#include <map>
#include <memory>
#include <vector>

#include "bench.hpp"
#include "lanes/array.hpp"
#include "lanes/cuda.cuh"
#include "lanes/device.hpp"

namespace lanes_bench {

namespace {

volatile double sink;

unsigned blocks_for(std::size_t n) { return lanes::detail::cuda_blocks_for(n); }

__global__ void triad_kernel(float* a, const float* b, const float* c, std::size_t n) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < n; i += std::size_t(gridDim.x) * blockDim.x)
    a[i] = b[i] + 3.0f * c[i];
}

// Reads every element; the store that can never happen (the data are not NaN) keeps the
// loads from being optimised away.
__global__ void read_kernel(const float* b, std::size_t n, float* out) {
  float sum = 0;
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < n; i += std::size_t(gridDim.x) * blockDim.x)
    sum += b[i];
  if (sum != sum) *out = sum;
}

lanes::device device_of(int gpu) { return lanes::device("cuda:" + std::to_string(gpu)); }

// Scratch memory for a CUB call, sized by CUB's own query.
struct cub_scratch {
  cub_scratch(std::size_t bytes, const lanes::device& d) : memory(bytes ? bytes : 1, d) {}
  void* data() { return memory.data(); }
  std::size_t bytes() const { return memory.size(); }
  lanes::array<unsigned char> memory;
};

struct gpu_floats {
  gpu_floats(std::size_t n, const lanes::cuda& ex, const lanes::device& d) : a(n, d), b(n, d), c(n, d), total(1, d) {
    lanes::iota(ex, b.view(), 1.0f);
    lanes::fill(ex, c.view(), 0.5f);
    ex.wait();
  }
  lanes::array<float> a, b, c, total;
};

// Random keys kept unsorted in `original` and copied into `work` (untimed) before each run.
template <class K>
struct gpu_sort_data {
  gpu_sort_data(std::size_t n, const lanes::cuda& ex, const lanes::device& d)
      : work(n, d), spare(n, d), values_original(n, d), values(n, d), spare_values(n, d) {
    const std::vector<K> keys = random_keys<K>(n);
    original = lanes::array<K>(keys.data(), n, d);
    lanes::iota(ex, values_original.view(), 0u);
    ex.wait();
  }
  void refill() {
    lanes::copy(original, work);
    lanes::copy(values_original, values);
  }
  lanes::array<K> original, work, spare;
  lanes::array<std::uint32_t> values_original, values, spare_values;
};

template <class F>
job gpu_job(const char* impl, const lanes::cuda& ex, F run, std::string note = {}, std::function<void()> prepare = {}) {
  return {impl, "cuda", [ex, run] {
            lanes::detail::cuda_scope scope(ex.device());
            run();
            ex.wait();
          }, std::move(note), std::move(prepare)};
}

// CUB's peer job: `call(scratch, bytes)` is CUB's two-phase API; it sizes the scratch once
// (scratch = nullptr, untimed), then runs in the timed job, followed by `after` if given.
template <class Call>
job cub_job(const lanes::cuda& ex, const lanes::device& d, Call call, std::string note,
            std::function<void()> prepare = {}, std::function<void()> after = {}) {
  std::size_t bytes = 0;
  LANES_CUDA_CHECK(call(nullptr, bytes));
  auto scratch = std::make_shared<cub_scratch>(bytes, d);
  return gpu_job("cub", ex, [=] {
    std::size_t size = scratch->bytes();
    LANES_CUDA_CHECK(call(scratch->data(), size));
    if (after) after();
  }, std::move(note), std::move(prepare));
}

std::vector<job> transform_jobs(std::size_t n, bool, const lanes::cuda& ex, const lanes::device& d) {
  auto g = std::make_shared<gpu_floats>(n, ex, d);
  return {gpu_job("lanes", ex, [=] {
    lanes::transform(ex, g->b.view(), g->c.view(), g->a.view(), [] LANES_HD(float x, float y) { return x + 3.0f * y; });
  })};
}

std::vector<job> reduce_jobs(std::size_t n, bool peers, const lanes::cuda& ex, const lanes::device& d) {
  auto g = std::make_shared<gpu_floats>(n, ex, d);
  std::vector<job> jobs = {gpu_job("lanes", ex, [=] { sink = lanes::reduce(ex, g->b.view(), 0.0); })};
  if (peers)
    jobs.push_back(cub_job(ex, d, [=](void* scratch, std::size_t& bytes) {
      return cub::DeviceReduce::Sum(scratch, bytes, g->b.data(), g->total.data(), n, ex.stream());
    }, "cub::DeviceReduce::Sum, float accumulation", {}, [=] { sink = g->total.to_host()[0]; }));
  return jobs;
}

template <bool Exclusive>
std::vector<job> scan_jobs(std::size_t n, bool peers, const lanes::cuda& ex, const lanes::device& d) {
  auto g = std::make_shared<gpu_floats>(n, ex, d);
  std::vector<job> jobs = {gpu_job("lanes", ex, [=] {
    if (Exclusive)
      lanes::exclusive_scan(ex, g->c.view(), g->a.view(), 0.0f);
    else
      lanes::inclusive_scan(ex, g->c.view(), g->a.view());
  })};
  if (peers) {
    auto scan = [=](void* scratch, std::size_t& bytes) {
      return Exclusive ? cub::DeviceScan::ExclusiveSum(scratch, bytes, g->c.data(), g->a.data(), n, ex.stream())
                       : cub::DeviceScan::InclusiveSum(scratch, bytes, g->c.data(), g->a.data(), n, ex.stream());
    };
    jobs.push_back(cub_job(ex, d, scan, Exclusive ? "cub::DeviceScan::ExclusiveSum" : "cub::DeviceScan::InclusiveSum"));
  }
  return jobs;
}

// The peer sorts with CUB's double buffer, its fastest form: the result may end in either
// buffer, so nothing is copied back.
template <class K, bool WithValues>
std::vector<job> sort_jobs(std::size_t n, bool peers, const lanes::cuda& ex, const lanes::device& d) {
  auto s = std::make_shared<gpu_sort_data<K>>(n, ex, d);
  auto refill = [s] { s->refill(); };
  std::vector<job> jobs;
  if (WithValues)
    jobs.push_back(gpu_job("lanes", ex, [=] { lanes::sort_by_key(ex, s->work.view(), s->values.view()); }, "", refill));
  else
    jobs.push_back(gpu_job("lanes", ex, [=] { lanes::sort(ex, s->work.view()); }, "", refill));
  if (peers) {
    auto sort = [=](void* scratch, std::size_t& bytes) {
      cub::DoubleBuffer<K> keys(s->work.data(), s->spare.data());
      cub::DoubleBuffer<std::uint32_t> values(s->values.data(), s->spare_values.data());
      if (WithValues) return cub::DeviceRadixSort::SortPairs(scratch, bytes, keys, values, n, 0, int(8 * sizeof(K)), ex.stream());
      return cub::DeviceRadixSort::SortKeys(scratch, bytes, keys, n, 0, int(8 * sizeof(K)), ex.stream());
    };
    jobs.push_back(cub_job(ex, d, sort, WithValues ? "cub::DeviceRadixSort::SortPairs" : "cub::DeviceRadixSort::SortKeys",
                           refill));
  }
  return jobs;
}

// A small reduce whose result returns to the host: the latency of one call.
std::vector<job> reduce_small_jobs(std::size_t n, bool, const lanes::cuda& ex, const lanes::device& d) {
  auto g = std::make_shared<gpu_floats>(n, ex, d);
  return {gpu_job("lanes", ex, [=] {
    for (std::size_t call = 0; call < small_calls; ++call) sink = lanes::reduce(ex, g->b.view(), 0.0);
  })};
}

}  // namespace

limits measure_cuda_limits(std::size_t n, std::size_t repeats, int gpu) {
  lanes::cuda ex(gpu);
  lanes::detail::cuda_scope scope(ex.device());
  gpu_floats g(n, ex, device_of(gpu));
  double bytes = double(n) * sizeof(float);
  limits out;
  out.of(limit::triad) = 3 * bytes / time_job(gpu_job("", ex, [&] {
    triad_kernel<<<blocks_for(n), lanes::detail::cuda_block_threads, 0, ex.stream()>>>(g.a.data(), g.b.data(), g.c.data(), n);
    LANES_CUDA_CHECK(cudaGetLastError());
  }), repeats).median_s / 1e9;
  out.of(limit::read) = bytes / time_job(gpu_job("", ex, [&] {
    read_kernel<<<blocks_for(n), lanes::detail::cuda_block_threads, 0, ex.stream()>>>(g.b.data(), n, g.total.data());
    LANES_CUDA_CHECK(cudaGetLastError());
  }), repeats).median_s / 1e9;
  out.of(limit::copy) = 2 * bytes / time_job(gpu_job("", ex, [&] {
    LANES_CUDA_CHECK(cudaMemcpyAsync(g.a.data(), g.b.data(), n * sizeof(float), cudaMemcpyDeviceToDevice, ex.stream()));
  }), repeats).median_s / 1e9;
  return out;
}

std::vector<job> cuda_jobs(const std::string& kernel, std::size_t n, bool peers, int gpu) {
  using make = std::vector<job> (*)(std::size_t, bool, const lanes::cuda&, const lanes::device&);
  static const std::map<std::string, make> jobs_of = {
      {"transform", transform_jobs},
      {"reduce", reduce_jobs},
      {"inclusive_scan", scan_jobs<false>},
      {"exclusive_scan", scan_jobs<true>},
      {"sort", sort_jobs<std::uint32_t, false>},
      {"sort_f32", sort_jobs<float, false>},
      {"sort_by_key", sort_jobs<std::uint32_t, true>},
      {"reduce_small", reduce_small_jobs},
  };
  auto found = jobs_of.find(kernel);
  if (found == jobs_of.end()) return {};
  lanes::cuda ex(gpu);
  lanes::detail::cuda_scope scope(ex.device());
  return found->second(n, peers, ex, device_of(gpu));
}

}  // namespace lanes_bench
