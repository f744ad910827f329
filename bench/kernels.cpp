// SPDX-License-Identifier: Apache-2.0
// The lanes side of each benchmark kernel; with --peers, peers.cpp adds what a user would
// pick instead, on the same data.
#include <memory>

#include "bench.hpp"
#include "lanes/lanes.hpp"
#include "peers.hpp"

namespace lanes_bench {

namespace {

// Inputs shared by every job of one kernel: three float arrays of n.
struct floats3 {
  explicit floats3(std::size_t n) : a(n), b(n), c(n) {
    lanes::iota(lanes::cpu{}, b.view(), 1.0f);
    lanes::fill(lanes::cpu{}, c.view(), 0.5f);
  }
  lanes::array<float> a, b, c;
};

// Random keys (and values) kept unsorted in `original`, copied into `work` before each run.
template <class K>
struct sort_data {
  explicit sort_data(std::size_t n) : work(n), values_original(n), values(n) {
    const std::vector<K> keys = random_keys<K>(n);
    original = lanes::array<K>(keys.data(), n);
    lanes::iota(lanes::cpu{}, values_original.view(), 0u);
  }
  void refill() {
    lanes::copy(original.view(), work.view());
    lanes::copy(values_original.view(), values.view());
  }
  lanes::array<K> original, work;
  lanes::array<std::uint32_t> values_original, values;
};

volatile double sink;

std::vector<job> transform_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<floats3>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      lanes::transform(ex, d->b.view(), d->c.view(), d->a.view(),
                                       [](float x, float y) { return x + 3.0f * y; });
                    }});
  });
  if (peers) append(jobs, peers::triad(d->a.data(), d->b.data(), d->c.data(), n));
  return jobs;
}

std::vector<job> reduce_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<floats3>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { sink = lanes::reduce(ex, d->b.view(), 0.0); }});
  });
  if (peers) append(jobs, peers::reduce(d->b.data(), n));
  return jobs;
}

template <bool Exclusive>
std::vector<job> scan_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<floats3>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      if (Exclusive)
                        lanes::exclusive_scan(ex, d->c.view(), d->a.view(), 0.0f);
                      else
                        lanes::inclusive_scan(ex, d->c.view(), d->a.view());
                    }});
  });
  if (peers) append(jobs, (Exclusive ? peers::exclusive_scan : peers::inclusive_scan)(d->c.data(), d->a.data(), n));
  return jobs;
}

template <class K>
std::vector<job> sort_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<sort_data<K>>(n);
  auto refill = [d] { d->refill(); };
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { lanes::sort(ex, d->work.view()); }, "", refill});
  });
  if (peers) {
    if constexpr (std::is_same_v<K, float>)
      append(jobs, peers::sort_f32(d->work.data(), n, refill));
    else
      append(jobs, peers::sort_u32(d->work.data(), n, refill));
  }
  return jobs;
}

std::vector<job> sort_by_key_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<sort_data<std::uint32_t>>(n);
  auto refill = [d] { d->refill(); };
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { lanes::sort_by_key(ex, d->work.view(), d->values.view()); }, "", refill});
  });
  if (peers) append(jobs, peers::sort_by_key_u32(d->work.data(), d->values.data(), n, refill));
  return jobs;
}

std::vector<job> histogram_jobs(std::size_t n, const devices_t& devices, bool peers) {
  constexpr std::size_t bins = 256;
  auto d = std::make_shared<floats3>(n);
  auto counts = std::make_shared<lanes::array<std::uint64_t>>(bins);
  // Values spread over [0, 1): a uniform-ish pattern that touches every bin.
  lanes::for_each_index(lanes::cpu{}, n, [a = d->a.view()](std::size_t i) {
    a[i] = float((i * 2654435761u) % 1000003) / 1000003.0f;
  });
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { sink = double(lanes::histogram(ex, d->a.view(), 0.0, 1.0, counts->view())); }});
  });
  if (peers) append(jobs, peers::histogram(d->a.data(), n, counts->data(), bins, 0.0f, 1.0f));
  return jobs;
}

// An image's levels: n bytes in 256 bins over [0, 256), each byte value its own bin.
std::vector<job> histogram_u8_jobs(std::size_t n, const devices_t& devices, bool peers) {
  constexpr std::size_t bins = 256;
  auto bytes = std::make_shared<lanes::array<std::uint8_t>>(n);
  auto counts = std::make_shared<lanes::array<std::uint64_t>>(bins);
  lanes::for_each_index(lanes::cpu{}, n,
                        [b = bytes->view()](std::size_t i) { b[i] = std::uint8_t(i * 2654435761u >> 24); });
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back(
        {"lanes", name, [=] { sink = double(lanes::histogram(ex, bytes->view(), 0.0, 256.0, counts->view())); }});
  });
  if (peers) append(jobs, peers::histogram_u8(bytes->data(), n, counts->data()));
  return jobs;
}

// y = 2 x over n floats, called small_calls times: the cost of a call that has little to do
// (Lanes runs n <= 4096 inline; the peers are given the same cut-off where they have one).
std::vector<job> for_each_small_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<floats3>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      float* y = d->a.data();
                      const float* x = d->b.data();
                      for (std::size_t call = 0; call < small_calls; ++call)
                        lanes::for_each_index(ex, n, [=](std::size_t i) { y[i] = 2 * x[i]; });
                    }});
  });
  if (peers) append(jobs, peers::for_each_small(d->a.data(), d->b.data(), n, small_calls));
  return jobs;
}

// A small reduce whose result returns to the caller: the latency of one call.
std::vector<job> reduce_small_jobs(std::size_t n, const devices_t& devices, bool) {
  auto d = std::make_shared<floats3>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      for (std::size_t call = 0; call < small_calls; ++call) sink = lanes::reduce(ex, d->b.view(), 0.0);
                    }});
  });
  return jobs;
}

}  // namespace

std::vector<kernel> lanes_kernels() {
  constexpr std::size_t floats = std::size_t(1) << 26, keys = std::size_t(1) << 24;
  return {
      {"transform", "triad a = b + s*c over floats", floats, limit::triad, {8, 4}, 2, false, transform_jobs},
      {"reduce", "sum of floats, accumulated in double", floats, limit::read, {4, 0}, 1, false, reduce_jobs},
      {"inclusive_scan", "running sum of floats", floats, limit::copy, {4, 4}, 1, false, scan_jobs<false>},
      {"exclusive_scan", "running sum of floats, from 0", floats, limit::copy, {4, 4}, 1, false, scan_jobs<true>},
      {"sort", "stable sort of uint32 keys", keys, limit::none, {}, 0, true, sort_jobs<std::uint32_t>},
      {"sort_f32", "stable sort of float keys", keys, limit::none, {}, 0, true, sort_jobs<float>},
      {"sort_by_key", "stable sort of uint32 keys with uint32 values", keys, limit::none, {}, 0, true,
       sort_by_key_jobs},
      {"histogram", "256 even bins over [0, 1) of floats", floats, limit::read, {4, 0}, 0, false, histogram_jobs},
      {"histogram_u8", "256 bins over [0, 256) of bytes (an image's levels)", floats, limit::read, {1, 0}, 0, false,
       histogram_u8_jobs},
      {"for_each_small", "10000 calls of for_each_index, y[i] = 2 x[i] over n = 1000 floats", 1000, limit::none, {}, 0,
       true, for_each_small_jobs, small_calls},
      {"reduce_small", "10000 calls of reduce over n = 1024 floats, each result back to the caller", 1024,
       limit::none, {}, 0, true, reduce_small_jobs, small_calls},
  };
}

}  // namespace lanes_bench
