// SPDX-License-Identifier: Apache-2.0
// The machine's memory limits, STREAM-style, on every core: one loop per pattern of streams
// (bench.hpp: limit), each counted in the bytes the memory moves.
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

const char* name_of(limit l) {
  switch (l) {
    case limit::none: return "none";
    case limit::read: return "read";
    case limit::read2: return "read2";
    case limit::copy: return "copy";
    case limit::update: return "update";
    case limit::axpy: return "axpy";
    case limit::triad: return "triad";
  }
  return "?";
}

double hardware_bytes(const traffic& t, limit l, bool write_allocate) {
  const bool in_place = l == limit::update || l == limit::axpy;
  return t.read + t.written * (write_allocate && !in_place ? 2 : 1);
}

namespace {
volatile float one = 1.0f;
}  // namespace

limit_meter::limit_meter(std::size_t n) : n_(n), a_(n), b_(n), c_(n), scale_(one) {}

traffic limit_meter::traffic_of(limit l) {
  switch (l) {
    case limit::read: return {4, 0};
    case limit::read2: return {8, 0};
    case limit::copy: case limit::update: return {4, 4};
    case limit::axpy: case limit::triad: return {8, 4};
    case limit::none: break;
  }
  throw std::logic_error("limit_meter: no loop for limit::none");
}

job limit_meter::job_of(limit l) {
  float* pa = a_.data();
  const float* pb = b_.data();
  const float* pc = c_.data();
  const std::size_t n = n_;
  const float s = scale_;
  auto loop = [n](auto body) {
    return job{"", "", [=] { on_every_core(n, [&](std::size_t begin, std::size_t end) { body(begin, end); }); }};
  };
  // A sum with independent accumulators: the loop runs at load speed.
  auto sum = [](std::size_t begin, std::size_t end, auto item) {
    constexpr std::size_t lanes = 32;
    float acc[lanes] = {};
    std::size_t i = begin;
    for (; i + lanes <= end; i += lanes)
      for (std::size_t j = 0; j < lanes; ++j) acc[j] += item(i + j);
    for (; i < end; ++i) acc[0] += item(i);
    float total = 0;
    for (float x : acc) total += x;
    sink = total;
  };
  switch (l) {
    case limit::read:
      return loop([=](std::size_t b, std::size_t e) { sum(b, e, [=](std::size_t i) { return pb[i]; }); });
    case limit::read2:
      return loop([=](std::size_t b, std::size_t e) { sum(b, e, [=](std::size_t i) { return pb[i] * pc[i]; }); });
    case limit::copy:
      return loop([=](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) pa[i] = s * pb[i];
      });
    case limit::update:
      return loop([=](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) pa[i] = s * pa[i];
      });
    case limit::axpy:
      return loop([=](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) pa[i] = s * pb[i] + pa[i];
      });
    case limit::triad:
      return loop([=](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) pa[i] = pb[i] + 3.0f * pc[i];
      });
    case limit::none: break;
  }
  throw std::logic_error("limit_meter: no loop for limit::none");
}

double limit_meter::gbps(limit l, double seconds) const {
  return hardware_bytes(traffic_of(l), l, true) * double(n_) / seconds / 1e9;
}

limits limit_meter::measure(std::size_t repeats) {
  limits out;
  for (limit l : memory_limits) out.of(l) = gbps(l, time_job(job_of(l), repeats).median_s);
  return out;
}

}  // namespace lanes_bench
