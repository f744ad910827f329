// The machine's memory limits, STREAM-style, on every core: triad, read and copy.
#include <cstring>

#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include "bench.hpp"
#include "lanes/array.hpp"

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

limits measure_limits(std::size_t n, std::size_t repeats) {
  lanes::array<float> a(n), b(n), c(n);
  float* pa = a.data();
  const float* pb = b.data();
  const float* pc = c.data();
  limits out;
  double bytes = double(n) * sizeof(float);

  auto triad = [&] {
    on_every_core(n, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) pa[i] = pb[i] + 3.0f * pc[i];
    });
  };
  out.triad_gbps = 3 * bytes / time_median_min({"", "", triad}, repeats).first / 1e9;

  auto read = [&] {
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
  };
  out.read_gbps = bytes / time_median_min({"", "", read}, repeats).first / 1e9;

  auto copy = [&] {
    on_every_core(n, [&](std::size_t begin, std::size_t end) {
      std::memcpy(pa + begin, pb + begin, (end - begin) * sizeof(float));
    });
  };
  out.copy_gbps = 2 * bytes / time_median_min({"", "", copy}, repeats).first / 1e9;
  return out;
}

}  // namespace lanes_bench
