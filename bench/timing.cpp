// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <chrono>
#include <thread>

#include "bench.hpp"

namespace lanes_bench {

namespace {

double seconds_of(const job& j) {
  if (j.prepare) j.prepare();
  auto start = std::chrono::steady_clock::now();
  j.run();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::size_t m = v.size();
  return m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
}

// The limit loop timed beside a job: first a pause in which the threads of the job just run
// stop spinning (libgomp's and OpenBLAS's wait busily for tens of ms after their work: a
// limit loop timed under them measured 0.6 to 0.75 of itself, and their peers passed the
// limit), then an untimed call that wakes the cores from the pause (timed at once, the
// loop ran slow and Lanes' rows passed the limit instead).
double limit_seconds(const job& limit_loop) {
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  seconds_of(limit_loop);
  return seconds_of(limit_loop);
}

}  // namespace

timing time_job(const job& j, std::size_t repeats, const job* beside) {
  seconds_of(j);  // warm-up: first touch, caches, thread pool
  if (beside) limit_seconds(*beside);
  std::vector<double> seconds, beside_seconds;
  for (std::size_t r = 0; r < repeats; ++r) {
    if (beside) beside_seconds.push_back(limit_seconds(*beside));
    seconds.push_back(seconds_of(j));
  }
  timing t;
  t.repeats = repeats;
  t.median_s = median_of(seconds);
  t.min_s = *std::min_element(seconds.begin(), seconds.end());
  t.max_s = *std::max_element(seconds.begin(), seconds.end());
  if (beside) t.beside_min_s = *std::min_element(beside_seconds.begin(), beside_seconds.end());
  return t;
}

bool wants(const devices_t& devices, const char* name) {
  return std::find(devices.begin(), devices.end(), name) != devices.end();
}

}  // namespace lanes_bench
