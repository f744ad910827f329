#include <algorithm>
#include <chrono>

#include "bench.hpp"

namespace lanes_bench {

std::pair<double, double> time_median_min(const job& j, std::size_t repeats) {
  if (j.prepare) j.prepare();
  j.run();  // warm-up: first touch, caches, thread pool
  std::vector<double> seconds;
  for (std::size_t r = 0; r < repeats; ++r) {
    if (j.prepare) j.prepare();
    auto start = std::chrono::steady_clock::now();
    j.run();
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  std::size_t m = seconds.size();
  double median = m % 2 ? seconds[m / 2] : (seconds[m / 2 - 1] + seconds[m / 2]) / 2;
  return {median, seconds.front()};
}

bool wants(const std::vector<std::string>& devices, const char* name) {
  return std::find(devices.begin(), devices.end(), name) != devices.end();
}

}  // namespace lanes_bench
