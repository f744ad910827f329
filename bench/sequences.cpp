// SPDX-License-Identifier: Apache-2.0
// The sequence algorithms (unique, stable_partition, partition, merge, lower_bound) and the random
// fills: the lanes side; with --peers, peers.cpp adds std::execution, Thrust on TBB, OpenMP
// and a serial loop on the same data.
#include <functional>
#include <memory>
#include <vector>

#include "bench.hpp"
#include "lanes/lanes.hpp"
#include "lanes/kernels/random.hpp"
#include "peers.hpp"

namespace lanes_bench {

namespace {

// n uint32 keys in runs of two equal keys (unique keeps half), random otherwise.
struct paired_keys {
  explicit paired_keys(std::size_t n) : in(n), out(n), out_false(n) {
    const auto keys = random_keys<std::uint32_t>(n);
    for (std::size_t i = 0; i < n; ++i) in.data()[i] = keys[i & ~std::size_t(1)];
  }
  lanes::array<std::uint32_t> in, out, out_false;
};

// Two sorted halves of n random keys, merged into n.
struct sorted_halves {
  explicit sorted_halves(std::size_t n) : a(n / 2), b(n - n / 2), out(n) {
    auto keys = random_keys<std::uint32_t>(n);
    lanes::copy(lanes::span<const std::uint32_t>(keys.data(), n / 2), a.view());
    lanes::copy(lanes::span<const std::uint32_t>(keys.data() + n / 2, n - n / 2), b.view());
    lanes::sort(lanes::cpu{}, a.view());
    lanes::sort(lanes::cpu{}, b.view());
  }
  lanes::array<std::uint32_t> a, b, out;
};

// The sorted haystack is 4 n keys: n needles, each a random key.
struct haystack {
  explicit haystack(std::size_t n) : sorted(4 * n), needles(n), found(n) {
    auto keys = random_keys<std::uint32_t>(4 * n);
    lanes::copy(lanes::span<const std::uint32_t>(keys.data(), 4 * n), sorted.view());
    lanes::sort(lanes::cpu{}, sorted.view());
    for (std::size_t i = 0; i < n; ++i) needles.data()[i] = keys[(i * 2654435761u) % (4 * n)] + std::uint32_t(i & 1);
  }
  lanes::array<std::uint32_t> sorted, needles;
  lanes::array<std::uint64_t> found;
};

volatile std::size_t sink;

std::vector<job> unique_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<paired_keys>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { sink = lanes::unique(ex, d->in, d->out); }});
  });
  if (peers) append(jobs, peers::unique_u32(d->in.data(), n, d->out.data()));
  return jobs;
}

std::vector<job> partition_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<paired_keys>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { sink = lanes::stable_partition(ex, d->in, d->out, is_odd_u32{}); }});
  });
  if (peers) append(jobs, peers::partition_u32(d->in.data(), n, d->out.data(), d->out_false.data()));
  return jobs;
}

// In place: every call first gets the unpartitioned keys back (untimed).
std::vector<job> partition_in_place_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<paired_keys>(n);
  std::function<void()> prepare = [=] { lanes::copy(d->in.view(), d->out.view()); };
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { sink = lanes::partition(ex, d->out, is_odd_u32{}); }, "", prepare});
  });
  if (peers) append(jobs, peers::partition_in_place_u32(d->out.data(), n, prepare));
  return jobs;
}

std::vector<job> merge_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<sorted_halves>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { lanes::merge(ex, d->a, d->b, d->out); }});
  });
  if (peers) append(jobs, peers::merge_u32(d->a.data(), d->a.size(), d->b.data(), d->b.size(), d->out.data()));
  return jobs;
}

std::vector<job> lower_bound_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<haystack>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { lanes::lower_bound(ex, d->sorted, d->needles, d->found); }});
  });
  if (peers)
    append(jobs, peers::lower_bound_u32(d->sorted.data(), d->sorted.size(), d->needles.data(), n, d->found.data()));
  return jobs;
}

template <bool Normal>
std::vector<job> random_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto out = std::make_shared<lanes::array<float>>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      if (Normal)
                        lanes::random::normal(ex, *out, lanes::random::philox{42});
                      else
                        lanes::random::uniform(ex, *out, lanes::random::philox{42});
                    }});
  });
  if (peers) append(jobs, (Normal ? peers::normal_f32 : peers::uniform_f32)(out->data(), n));
  return jobs;
}

}  // namespace

std::vector<kernel> sequence_kernels() {
  constexpr std::size_t keys = std::size_t(1) << 24, floats = std::size_t(1) << 26;
  return {
      {"unique", "unique of uint32 keys in runs of two (half kept)", keys, limit::copy, {4, 2}, 0, true,
       unique_jobs},
      {"stable_partition", "stable_partition of uint32 keys, odd first (out of place)", keys, limit::copy, {4, 4}, 0,
       true, partition_jobs},
      {"partition", "partition of uint32 keys in place, odd first (not stable)", keys, limit::update, {4, 4}, 0,
       true, partition_in_place_jobs},
      {"merge", "merge of two sorted halves of uint32 keys", keys, limit::copy, {4, 4}, 0, true, merge_jobs},
      {"lower_bound", "lower_bound of n uint32 needles in 4 n sorted keys (items: needles)", std::size_t(1) << 22,
       limit::none, {}, 0, true, lower_bound_jobs},
      {"random_uniform", "uniform floats in [0, 1) from Philox-4x32-10", floats, limit::write, {0, 4}, 0, false,
       random_jobs<false>},
      {"random_normal", "normal floats (Box-Muller) from Philox-4x32-10", floats, limit::write, {0, 4}, 0, false,
       random_jobs<true>},
  };
}

}  // namespace lanes_bench
