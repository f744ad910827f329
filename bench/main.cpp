// SPDX-License-Identifier: Apache-2.0
// lanes-bench: runs Lanes' kernels (and, with --peers, what a user would pick instead),
// measures the machine's memory limits in the same run (the CPU's beside each memory-bound
// kernel), and prints ratios to them.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include <unistd.h>

#include <tbb/info.h>

#include "bench.hpp"
#include "lanes/build_config.hpp"
#include "lanes/config.hpp"
#include "lanes/detail/cuda_runtime.hpp"
#include "lanes/device.hpp"
#include "report.hpp"

using namespace lanes_bench;

namespace {

const char* usage =
    "usage: lanes-bench [--list] [--kernel a,b] [--device seq,cpu,cuda[:K]|auto] [--size N] [--repeat R]\n"
    "                   [--peers] [--json FILE] [--csv FILE] [--compare OLD.json]\n"
    "       mpirun -np P lanes-bench --mpi [--list] [--kernel a,b] [--size N] [--repeat R] [--rank-threads T]\n"
    "                   [--json FILE]   (lanes::dist across P ranks; each rank on cpu:T, T = cores / ranks by default)\n"
    "options take their value as the next argument or after '=' (--kernel=reduce)\n";

struct options {
  bool list = false, peers = false, mpi = false;
  int rank_threads = 0;  // --mpi: each rank's threads (0: this node's cores / its ranks)
  std::vector<std::string> kernels, devices = {"cpu"};
  std::size_t size = 0, repeat = 5;  // size 0: each kernel's default
  int gpu = -1;                        // the GPU asked for ("cuda:K" or auto), or -1
  std::string json, csv, compare;
};

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, ',');) parts.push_back(part);
  return parts;
}

[[noreturn]] void bad_usage(const std::string& message, const std::string& valid) {
  std::cerr << "lanes-bench: " << message << "; valid: " << valid << "\n" << usage;
  std::exit(2);
}

std::size_t parse_count(const char* flag, const std::string& text) {
  if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoull(text) == 0)
    bad_usage(std::string(flag) + " \"" + text + "\" is not a positive integer", "1, 2, 3, ...");
  return std::stoull(text);
}

options parse(int argc, char** argv, const std::vector<kernel>& all) {
  options o;
  std::string names;
  for (const auto& k : all) names += (names.empty() ? "" : ", ") + k.name;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::optional<std::string> inline_value;  // --option=value
    if (arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos) {
      inline_value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
    }
    auto value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= argc) bad_usage(arg + " needs a value", "see usage");
      return argv[++i];
    };
    if (arg == "--list") o.list = true;
    else if (arg == "--peers") o.peers = true;
    else if (arg == "--mpi") o.mpi = true;
    else if (arg == "--rank-threads") o.rank_threads = int(parse_count("--rank-threads", value()));
    else if (arg == "--kernel") o.kernels = split(value());
    else if (arg == "--device") o.devices = split(value());
    else if (arg == "--size") o.size = parse_count("--size", value());
    else if (arg == "--repeat") o.repeat = parse_count("--repeat", value());
    else if (arg == "--json") o.json = value();
    else if (arg == "--csv") o.csv = value();
    else if (arg == "--compare") o.compare = value();
    else if (arg == "--help" || arg == "-h") { std::cout << usage; std::exit(0); }
    else bad_usage("unknown option \"" + arg + "\"", "--list, --kernel, --device, --size, --repeat, --peers, --json, --csv, --compare, --mpi, --rank-threads");
  }
  if (o.mpi) return o;  // run_mpi knows its own kernels; its ranks' devices are cpu:T
  for (const auto& name : o.kernels) {
    bool known = false;
    for (const auto& k : all) known |= k.name == name;
    if (!known) bad_usage("unknown kernel \"" + name + "\"", names);
  }
  const std::string valid_devices = "seq, cpu, cuda, cuda:K, auto";
  for (auto& d : o.devices) {
    if (d == "auto") {  // cuda where a GPU answers, else cpu
      lanes::device chosen("auto");
      std::cerr << "device auto: " << chosen.name() << "\n";
      d = chosen.type() == lanes::device::kind::cuda ? "cuda:" + std::to_string(chosen.index()) : "cpu";
    }
    if (d == "cuda" || d.rfind("cuda:", 0) == 0) {
      try {
        lanes::device gpu(d);
        std::cerr << "device " << d << ": " << gpu.name() << "\n";
        if (o.gpu >= 0 && o.gpu != gpu.index()) bad_usage("one GPU per run, not two", valid_devices);
        o.gpu = gpu.index();
      } catch (const lanes::error& e) {
        bad_usage(std::string("device unavailable: ") + e.what(), valid_devices);
      }
      d = "cuda";
    } else if (d != "seq" && d != "cpu") {
      bad_usage("unknown device \"" + d + "\"", valid_devices);
    }
  }
  return o;
}

// A file the run will write, opened now so that a bad path fails before anything runs.
void check_writable(const std::string& path, const char* flag) {
  if (path.empty()) return;
  std::ofstream out(path);
  if (!out) bad_usage(std::string(flag) + " \"" + path + "\" cannot be written", "a writable path");
}

// Writes `path` whole (a report so far: an interrupted run keeps what it measured).
template <class Write>
void rewrite(const std::string& path, Write write) {
  if (path.empty()) return;
  std::ofstream out(path);
  write(out);
  if (!out) std::cerr << "lanes-bench: could not write " << path << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  auto all = lanes_kernels();
  for (auto& k : numeric_kernels()) all.push_back(std::move(k));
  for (auto& k : grid_kernels()) all.push_back(std::move(k));
  for (auto& k : sequence_kernels()) all.push_back(std::move(k));
  options o = parse(argc, argv, all);
  if (o.mpi) {
#if LANES_BENCH_MPI
    return run_mpi(argc, argv, mpi_options{o.list, o.kernels, o.size, o.repeat, o.rank_threads, o.json});
#else
    bad_usage("this lanes-bench was built without MPI",
              "install libopenmpi-dev and openmpi-bin, then configure again (LANES_ENABLE_MPI=AUTO or ON)");
#endif
  }
  if (o.list) {
    for (const auto& k : all) {
      std::printf("%-18s %s (default n = %zu)", k.name.c_str(), k.what.c_str(), k.default_n);
      if (k.compare_with != limit::none)
        std::printf("; traffic: reads %g, writes %g B/item, limit %s", k.moves.read, k.moves.written,
                    name_of(k.compare_with));
      std::printf("\n");
    }
    return 0;
  }
  // Everything that can be refused is refused before anything runs.
  check_writable(o.json, "--json");
  check_writable(o.csv, "--csv");
  std::vector<saved_row> saved;
  if (!o.compare.empty()) {
    try {
      saved = read_saved(o.compare);
    } catch (const std::exception& e) {
      bad_usage(std::string("--compare: ") + e.what(), "a JSON report that lanes-bench wrote");
    }
  }
  std::vector<const kernel*> chosen;
  for (const auto& k : all)
    if (o.kernels.empty() || std::find(o.kernels.begin(), o.kernels.end(), k.name) != o.kernels.end())
      chosen.push_back(&k);
  auto n_of = [&](const kernel& k) { return o.size && k.calls_per_run == 1 ? o.size : k.default_n; };
  // The limit loops' floats: --size (64M without it), raised, up to 64M, to the most a chosen
  // kernel's loop needs to move that kernel's bytes a call (limit_items; the read loop's need).
  constexpr std::size_t default_limit_n = std::size_t(1) << 26;
  std::size_t limit_n = o.size ? o.size : default_limit_n;
  const traffic read_loop = limit_meter::traffic_of(limit::read);
  for (const kernel* k : chosen)
    if (k->compare_with != limit::none)
      limit_n = std::max(limit_n, std::min(default_limit_n, limit_items(*k, n_of(*k), read_loop)));
  const double memory = double(sysconf(_SC_PHYS_PAGES)) * double(sysconf(_SC_PAGESIZE));
  if (3.0 * 4 * double(limit_n) > memory / 2)
    bad_usage("--size " + std::to_string(o.size) + " needs " + std::to_string(int(12.0 * double(limit_n) / 1e9)) +
                  " GB for the limit loops alone; this machine has " + std::to_string(int(memory / 1e9)) + " GB",
              "a size whose arrays fit in half the memory");

  std::string gpu = lanes::detail::cuda_unusable_reason(0).empty() ? lanes::detail::cuda_device_description(0) : "none";
  const context run = this_run(std::thread::hardware_concurrency(), std::size_t(tbb::info::default_concurrency()), gpu);
  auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

  std::vector<result> results;
  std::string current = "the memory limits";
  try {
    std::fprintf(stderr, "measuring memory limits on %zu floats ...\n", limit_n);
    limit_meter meter(limit_n);
    limits lim = meter.measure(o.repeat);
    std::optional<limits> gpu_lim;
#if LANES_WITH_CUDA
    if (o.gpu >= 0) {
      std::fprintf(stderr, "measuring GPU memory limits on %zu floats ...\n", limit_n);
      gpu_lim = measure_cuda_limits(limit_n, o.repeat, o.gpu);
    }
#endif
    print_header(std::cout, run, lim, gpu_lim);
    for (std::size_t ki = 0; ki < chosen.size(); ++ki) {
      const kernel& k = *chosen[ki];
      const std::size_t n = n_of(k);
      current = k.name + " at n = " + std::to_string(n);
      auto jobs = k.make(n, o.devices, o.peers);
#if LANES_WITH_CUDA
      if (o.gpu >= 0)
        for (auto& j : cuda_jobs(k.name, n, o.peers, o.gpu)) jobs.push_back(std::move(j));
#endif
      std::vector<result> rows;
      for (auto& j : jobs) {
        const double so_far = elapsed();
        std::fprintf(stderr, "[%zu/%zu] %s %s %s (%.0f s", ki + 1, chosen.size(), k.name.c_str(), j.impl.c_str(),
                     j.device.c_str(), so_far);
        if (ki > 0) std::fprintf(stderr, ", about %.0f s left", so_far / double(ki) * double(chosen.size() - ki));
        std::fprintf(stderr, ")\n");
        timing t;
        std::optional<double> limit_gbps;
        // Timed beside, call for call; the limit is the loop's fastest call: what the machine
        // can do (its median let rows pass it where this VM's bandwidth swung within seconds).
        if (k.compare_with != limit::none && j.device != "cuda") {
          const traffic loop = loop_traffic(k);
          const std::size_t items = std::min(limit_n, limit_items(k, n, loop));
          job limit_loop = meter.job_of(k.compare_with, items, loop.written);
          t = time_job(j, o.repeat, &limit_loop);
          limit_gbps = limit_meter::gbps(k.compare_with, loop, t.beside_min_s, items);
        } else {
          t = time_job(j, o.repeat);
          if (k.compare_with != limit::none) limit_gbps = gpu_lim->of(k.compare_with);
        }
        rows.push_back(make_result(k, j, n, t, limit_gbps));
      }
      mark_vs_best_peer(rows);
      print_rows(std::cout, rows);
      results.insert(results.end(), rows.begin(), rows.end());
      rewrite(o.json, [&](std::ostream& out) { write_json(out, run, lim, gpu_lim, results); });
      rewrite(o.csv, [&](std::ostream& out) { write_csv(out, results); });
    }
    print_footer(std::cout);
  } catch (const lanes::out_of_memory& e) {
    std::cerr << "lanes-bench: out of memory in " << current << " (" << e.what() << "): try a smaller --size\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "lanes-bench: out of memory in " << current << ": try a smaller --size\n";
    return 2;
  }
  if (!saved.empty()) print_comparison(std::cout, saved, results);
  return 0;
}
