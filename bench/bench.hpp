// SPDX-License-Identifier: Apache-2.0
// lanes-bench: what every benchmark case shares.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "lanes/array.hpp"
#include "lanes/executor.hpp"

namespace lanes_bench {

// The devices asked for, by name: "seq", "cpu", "cuda", ...
using devices_t = std::vector<std::string>;

// The STREAM-style loop a memory-bound kernel is compared with, measured in the same run:
// the one with the kernel's streams. read: s += x; read2: s += x y; copy: y = s x;
// update: x = s x (in place); axpy: y = s x + y; triad: z = x + s y; write: y = s.
enum class limit { none, read, read2, copy, update, axpy, triad, write };
inline constexpr limit memory_limits[] = {limit::read,  limit::read2, limit::copy, limit::update,
                                          limit::axpy, limit::triad, limit::write};
const char* name_of(limit l);

// The bytes a kernel's source reads and writes per item.
struct traffic {
  double read = 0, written = 0;
};
// What the memory moves per item for traffic t under limit l's pattern: a store to a line the
// loop has not read (copy, triad; the other loops write what they read) is first read into
// the cache (write-allocate) where the memory works that way (the CPU's; not a GPU's).
double hardware_bytes(const traffic& t, limit l, bool write_allocate);

// One implementation of a kernel on one device: run() is one timed repetition.
struct job {
  std::string impl;    // "lanes", or the peer's name: "tbb", "openmp", "std_par", ...
  std::string device;  // "seq", "cpu", "cuda"
  std::function<void()> run;
  std::string note = {};              // what the reader should know (e.g. which kernel a peer ran)
  std::function<void()> prepare = {};  // untimed, before each run (e.g. unsort the keys)
};

struct kernel {
  std::string name;
  std::string what;
  std::size_t default_n;
  limit compare_with;
  traffic moves;          // per item (none: not memory-bound)
  double flops_per_item;  // floating-point operations per item (0: none)
  bool report_items;      // report Mitems/s (keys for sorts, indices for loops)
  // The jobs for n items on the given devices (peers added when asked); inputs are made
  // here, once, and shared by the jobs.
  std::function<std::vector<job>(std::size_t n, const devices_t& devices, bool peers)> make;
  std::size_t calls_per_run = 1;  // tiny kernels repeat their call inside one timed run
  // Items of one run for size n (default n): n * n cells, n^3 multiply-adds, ...
  double (*items_of)(std::size_t n) = nullptr;
};

// The bytes per item of the limit loop beside kernel k: its pattern's, but the copy loop writes
// 1, 2 or 4 bytes a float as near the kernel's share of writes as it can (threshold: a byte a
// float). Loops that mostly read move fewer bytes a second (this VM: read 25-33 GB/s, float
// copy 41-45), so float copy measured the kernel against a faster mix than its own.
traffic loop_traffic(const kernel& k);
// The floats a limit loop with bytes `loop` per item takes to move the bytes kernel k's source
// moves in one run at size n: the loop beside a kernel moves as much, so both run from the
// same level of memory (at --size 64, a 64-row spmv_csr beside a read loop of 64 floats
// passed its limit 10 times).
std::size_t limit_items(const kernel& k, std::size_t n, const traffic& loop);

// Items of one run of k at size n (all its calls).
inline double items_per_run(const kernel& k, std::size_t n) {
  return (k.items_of ? k.items_of(n) : double(n)) * double(k.calls_per_run);
}

// GB/s of each limit's loop, in the bytes the memory moves (0: not measured).
struct limits {
  double gbps[8] = {};
  double of(limit l) const { return gbps[int(l)]; }
  double& of(limit l) { return gbps[int(l)]; }
};

struct result {
  std::string kernel, impl, device, note;
  std::size_t n = 0, repeats = 0;
  double median_s = 0, min_s = 0, max_s = 0;
  std::optional<double> gbps, gflops, mitems_per_s;
  std::optional<double> ratio_to_limit, limit_gbps;  // GB/s over the limit's, and the limit
  std::optional<double> vs_best_peer;                // the best peer's median / this one's
};

// The partitions' predicate, Lanes' and the peers': odd keys first.
struct is_odd_u32 {
  bool operator()(std::uint32_t x) const { return x & 1; }
};

// n random sort keys, the same for every device: floats uniform in [-1e6, 1e6), integers
// uniform over all their bits.
template <class K>
std::vector<K> random_keys(std::size_t n) {
  std::mt19937_64 gen(n);
  std::uniform_real_distribution<float> real(-1e6f, 1e6f);
  std::vector<K> keys(n);
  for (auto& k : keys) k = std::is_floating_point_v<K> ? K(real(gen)) : K(gen());
  return keys;
}

// Kernels that time tiny calls repeat them this many times in one timed run.
inline constexpr std::size_t small_calls = 10000;

// Adds more jobs (a peer family's) to jobs.
inline void append(std::vector<job>& jobs, std::vector<job> more) {
  for (auto& j : more) jobs.push_back(std::move(j));
}

std::vector<kernel> lanes_kernels();
std::vector<kernel> numeric_kernels();
std::vector<kernel> grid_kernels();
std::vector<kernel> sequence_kernels();

// The machine's memory limits on n floats: its loops are jobs, so a limit can be timed
// beside a kernel (this machine's bandwidth moves by 2x within a day; a ratio to a limit
// measured minutes earlier moves with it).
class limit_meter {
 public:
  explicit limit_meter(std::size_t n);
  // One run of l's loop (not limit::none) over items <= n floats; a copy writes copy_writes
  // bytes an item (1, 2 or 4: loop_traffic).
  job job_of(limit l, std::size_t items, double copy_writes = 4);
  static traffic traffic_of(limit l);  // l's loop's bytes per item
  // The bandwidth of a run of l's loop, bytes `loop` per item, over `items` floats that took `seconds`.
  static double gbps(limit l, const traffic& loop, double seconds, std::size_t items);
  limits measure(std::size_t repeats);  // medians of each loop over all n floats, one after another

 private:
  std::size_t n_;
  lanes::array<float> a_, b_, c_;
  float scale_;  // 1, unknown to the compiler: copy stays a loop of plain stores, not memcpy
};

// The GPU side (bench/cuda_jobs.cu, in builds with CUDA): GPU `gpu`'s memory limits, and
// the jobs of the kernels it runs (none for the others).
limits measure_cuda_limits(std::size_t n, std::size_t repeats, int gpu);
std::vector<job> cuda_jobs(const std::string& kernel, std::size_t n, bool peers, int gpu);

struct timing {
  std::size_t repeats = 0;
  double median_s = 0, min_s = 0, max_s = 0;
  double beside_min_s = 0;  // the fastest of the `beside` job's calls, where one was given
};
// Median and minimum of `repeats` timed calls of j.run, after one untimed warm-up call;
// j.prepare, if any, runs untimed before each call. With `beside`, one call of it is timed
// before each call of j, so the two share the machine's moods.
timing time_job(const job& j, std::size_t repeats, const job* beside = nullptr);

// lanes-bench --mpi (bench/dist.cpp, in builds with MPI): lanes::dist's kernels on 1, 2,
// 4, ... ranks beside one process; returns the exit status.
struct mpi_options {
  bool list;
  std::vector<std::string> kernels;
  std::size_t size, repeat;  // size 0: each kernel's default
  int rank_threads;          // 0: this node's cores / its ranks
  std::string json;
};
int run_mpi(int argc, char** argv, const mpi_options& o);

// True if `name` is one of the devices asked for.
bool wants(const devices_t& devices, const char* name);

// add(executor, device name) for each CPU device asked for.
template <class Add>
void on_cpu_devices(const devices_t& devices, Add add) {
  if (wants(devices, "seq")) add(lanes::seq{}, "seq");
  if (wants(devices, "cpu")) add(lanes::cpu{}, "cpu");
}

}  // namespace lanes_bench
