// SPDX-License-Identifier: Apache-2.0
// The machine's memory limits, STREAM-style, on every core: triad, read and copy.
#include <cstring>
#include <stdexcept>

#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include "bench.hpp"

namespace lanes_bench {

namespace {

// f(begin, end) over [0, n) in one contiguous piece per core: the plainest parallel loop.
template <class F>
void on_every_core(std::size_t n, F f) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1 << 16),
                    [&](const tbb::blocked_range<std::size_t>& r) { f(r.begin(), r.end()); },
                    tbb::static_partitioner{});
}

volatile float sink;

}  // namespace

limit_meter::limit_meter(std::size_t n) : n_(n), a_(n), b_(n), c_(n) {}

job limit_meter::job_of(limit l) {
  float* pa = a_.data();
  const float* pb = b_.data();
  const float* pc = c_.data();
  std::size_t n = n_;
  switch (l) {
    case limit::triad:
      return {"", "", [=] {
                on_every_core(n, [&](std::size_t begin, std::size_t end) {
                  for (std::size_t i = begin; i < end; ++i) pa[i] = pb[i] + 3.0f * pc[i];
                });
              }};
    case limit::read:
      return {"", "", [=] {
                on_every_core(n, [&](std::size_t begin, std::size_t end) {
                  constexpr std::size_t lanes = 32;  // independent sums: the loop runs at load speed
                  float acc[lanes] = {};
                  std::size_t i = begin;
                  for (; i + lanes <= end; i += lanes)
                    for (std::size_t j = 0; j < lanes; ++j) acc[j] += pb[i + j];
                  for (; i < end; ++i) acc[0] += pb[i];
                  float total = 0;
                  for (float x : acc) total += x;
                  sink = total;
                });
              }};
    case limit::copy:
      return {"", "", [=] {
                on_every_core(n, [&](std::size_t begin, std::size_t end) {
                  std::memcpy(pa + begin, pb + begin, (end - begin) * sizeof(float));
                });
              }};
    case limit::none: break;
  }
  throw std::logic_error("limit_meter: no loop for limit::none");
}

double limit_meter::gbps(limit l, double seconds) const {
  double arrays = l == limit::triad ? 3 : l == limit::copy ? 2 : 1;  // arrays each loop streams
  return arrays * double(n_) * sizeof(float) / seconds / 1e9;
}

limits limit_meter::measure(std::size_t repeats) {
  auto median_gbps = [&](limit l) { return gbps(l, time_job(job_of(l), repeats).median_s); };
  limits out;
  out.triad_gbps = median_gbps(limit::triad);
  out.read_gbps = median_gbps(limit::read);
  out.copy_gbps = median_gbps(limit::copy);
  return out;
}

}  // namespace lanes_bench
