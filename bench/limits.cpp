// SPDX-License-Identifier: Apache-2.0
// The machine's memory limits, STREAM-style, on every core: one loop per pattern of streams
// (bench.hpp: limit), each counted in the bytes the memory moves.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <type_traits>

#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include "bench.hpp"
#include "lanes/config.hpp"

namespace lanes_bench {

namespace {

// f(begin, end) over [0, n) in pieces of 64 Ki items that idle cores take: a piece per core
// (static) waited for the core the VM ran least, and Lanes' reduce, balanced, passed the
// read limit by 1.1-1.2.
template <class F>
void on_every_core(std::size_t n, F f) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1 << 16),
                    [&](const tbb::blocked_range<std::size_t>& r) { f(r.begin(), r.end()); },
                    tbb::simple_partitioner{});
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
    case limit::write: return "write";
  }
  return "?";
}

traffic loop_traffic(const kernel& k) {
  traffic t = limit_meter::traffic_of(k.compare_with);
  if (k.compare_with == limit::copy) {
    const double per_float = k.moves.written * t.read / k.moves.read;  // bytes written per float read
    t.written = per_float <= 1.5 ? 1 : per_float <= 3 ? 2 : 4;
  }
  return t;
}

std::size_t limit_items(const kernel& k, std::size_t n, const traffic& loop) {
  return std::max<std::size_t>(
      1, std::size_t(std::ceil(items_per_run(k, n) * (k.moves.read + k.moves.written) / (loop.read + loop.written))));
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
    case limit::write: return {0, 4};
    case limit::none: break;
  }
  throw std::logic_error("limit_meter: no loop for limit::none");
}

namespace {
inline std::uint32_t bits_of(float x) {
  std::uint32_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

// One limit loop over [begin, end), in the same clones as Lanes' kernels (AVX-512, AVX2 or
// baseline, picked at run time): built for the baseline alone, the copy and triad loops'
// 16-byte stores each read their line first where Lanes' 64-byte stores of a whole line
// did not, and Lanes' transform passed the triad limit by 1.14.
template <limit L, class Out = float>
struct limit_loop {
  float* a;
  const float* b;
  const float* c;
  float s;
  LANES_SIMD_CLONES void operator()(std::size_t begin, std::size_t end) const {
    if constexpr (L == limit::read || L == limit::read2) {
      constexpr std::size_t lanes = 32;  // independent sums: the loop runs at load speed
      float acc[lanes] = {};
      std::size_t i = begin;
      for (; i + lanes <= end; i += lanes)
        for (std::size_t j = 0; j < lanes; ++j) acc[j] += L == limit::read ? b[i + j] : b[i + j] * c[i + j];
      for (; i < end; ++i) acc[0] += L == limit::read ? b[i] : b[i] * c[i];
      float total = 0;
      for (float x : acc) total += x;
      sink = total;
    } else if constexpr (L == limit::copy && !std::is_same_v<Out, float>) {
      // The low bytes of each float into a's bytes; restrict, or a byte store could alias b.
      Out* __restrict out = reinterpret_cast<Out*>(a);
      const float* __restrict in = b;
      for (std::size_t i = begin; i < end; ++i) out[i] = Out(bits_of(in[i]));
    } else {
      for (std::size_t i = begin; i < end; ++i) {
        if constexpr (L == limit::write) a[i] = s;
        else if constexpr (L == limit::copy) a[i] = s * b[i];
        else if constexpr (L == limit::update) a[i] = s * a[i];
        else if constexpr (L == limit::axpy) a[i] = s * b[i] + a[i];
        else a[i] = b[i] + 3.0f * c[i];  // triad
      }
    }
  }
};

template <limit L, class Out = float>
job loop_job(float* a, const float* b, const float* c, float s, std::size_t n) {
  const limit_loop<L, Out> body{a, b, c, s};
  return {"", "", [=] { on_every_core(n, [&](std::size_t begin, std::size_t end) { body(begin, end); }); }};
}
}  // namespace

job limit_meter::job_of(limit l, std::size_t items, double copy_writes) {
  float* a = a_.data();
  const float *b = b_.data(), *c = c_.data();
  const std::size_t m = std::min(items, n_);
  switch (l) {
    case limit::read: return loop_job<limit::read>(a, b, c, scale_, m);
    case limit::read2: return loop_job<limit::read2>(a, b, c, scale_, m);
    case limit::copy:
      if (copy_writes == 1) return loop_job<limit::copy, std::uint8_t>(a, b, c, scale_, m);
      if (copy_writes == 2) return loop_job<limit::copy, std::uint16_t>(a, b, c, scale_, m);
      return loop_job<limit::copy>(a, b, c, scale_, m);
    case limit::update: return loop_job<limit::update>(a, b, c, scale_, m);
    case limit::axpy: return loop_job<limit::axpy>(a, b, c, scale_, m);
    case limit::triad: return loop_job<limit::triad>(a, b, c, scale_, m);
    case limit::write: return loop_job<limit::write>(a, b, c, scale_, m);
    case limit::none: break;
  }
  throw std::logic_error("limit_meter: no loop for limit::none");
}

double limit_meter::gbps(limit l, const traffic& loop, double seconds, std::size_t items) {
  return hardware_bytes(loop, l, true) * double(items) / seconds / 1e9;
}

limits limit_meter::measure(std::size_t repeats) {
  limits out;
  for (limit l : memory_limits) out.of(l) = gbps(l, traffic_of(l), time_job(job_of(l, n_), repeats).median_s, n_);
  return out;
}

}  // namespace lanes_bench
