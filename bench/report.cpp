// SPDX-License-Identifier: Apache-2.0
#include "report.hpp"

#include <algorithm>
#include <cstdio>
#include <iomanip>

#include "lanes/config.hpp"

namespace lanes_bench {

result make_result(const kernel& k, const job& j, std::size_t n, const timing& t,
                   const std::optional<double>& limit_gbps) {
  result r;
  r.kernel = k.name, r.impl = j.impl, r.device = j.device, r.note = j.note;
  r.n = n, r.repeats = t.repeats, r.median_s = t.median_s, r.min_s = t.min_s;
  double items = (k.items_of ? k.items_of(n) : double(n)) * double(k.calls_per_run);
  if (k.bytes_per_item > 0) r.gbps = items * k.bytes_per_item / t.median_s / 1e9;
  if (k.flops_per_item > 0) r.gflops = items * k.flops_per_item / t.median_s / 1e9;
  if (k.report_items) r.mitems_per_s = items / t.median_s / 1e6;
  if (limit_gbps && r.gbps) {
    r.limit_gbps = limit_gbps;
    r.ratio_to_limit = *r.gbps / *limit_gbps;
  }
  if (k.calls_per_run > 1) {
    char note[64];
    std::snprintf(note, sizeof note, "%.3f us per call", t.median_s / double(k.calls_per_run) * 1e6);
    r.note = note;
  }
  return r;
}

void mark_ratio_to_best_peer(std::vector<result>& results, const std::vector<kernel>& kernels) {
  for (auto& r : results) {
    auto k = std::find_if(kernels.begin(), kernels.end(), [&](const kernel& x) { return x.name == r.kernel; });
    if (k == kernels.end() || k->compare_with != limit::none) continue;
    double best_peer = 0;
    for (const auto& p : results)
      if (p.kernel == r.kernel && p.device == r.device && p.impl != "lanes" && p.impl != "serial")
        best_peer = best_peer == 0 ? p.median_s : std::min(best_peer, p.median_s);
    if (best_peer > 0) r.ratio_to_limit = best_peer / r.median_s;
  }
}

std::string fixed(const std::optional<double>& v, int digits) {
  if (!v) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, *v);
  return text;
}
std::string human_time(double seconds) {
  const char* unit = "s";
  double v = seconds;
  if (seconds < 1e-6) v = seconds * 1e9, unit = "ns";
  else if (seconds < 1e-3) v = seconds * 1e6, unit = "us";
  else if (seconds < 1) v = seconds * 1e3, unit = "ms";
  char text[32];
  std::snprintf(text, sizeof text, "%.3g %s", v, unit);
  return text;
}
std::string json_number(const std::optional<double>& v) {
  if (!v) return "null";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", *v);
  return text;
}
std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void print_table(std::ostream& out, const machine& m, const limits& lim, const std::optional<limits>& gpu_lim,
                 const std::vector<result>& results) {
  char line[512];
  std::snprintf(line, sizeof line,
                "lanes %s | %u cpus, %zu threads, gpu: %s | limits: triad %.1f GB/s, read %.1f GB/s, copy %.1f GB/s\n",
                lanes::version(), m.cpus, m.threads, m.gpu.c_str(), lim.triad_gbps, lim.read_gbps, lim.copy_gbps);
  out << line;
  if (gpu_lim) {
    std::snprintf(line, sizeof line, "gpu limits: triad %.1f GB/s, read %.1f GB/s, copy %.1f GB/s\n",
                  gpu_lim->triad_gbps, gpu_lim->read_gbps, gpu_lim->copy_gbps);
    out << line;
  }
  std::snprintf(line, sizeof line, "%-16s %-11s %-6s %12s %12s %9s %9s %10s %7s %7s  %s\n", "kernel", "impl", "device",
                "n", "median_s", "GB/s", "GFLOP/s", "Mitems/s", "ratio", "limit", "note");
  out << line;
  for (const auto& r : results) {
    std::snprintf(line, sizeof line, "%-16s %-11s %-6s %12zu %12.6f %9s %9s %10s %7s %7s  %s\n", r.kernel.c_str(),
                  r.impl.c_str(), r.device.c_str(), r.n, r.median_s, fixed(r.gbps, 2).c_str(),
                  fixed(r.gflops, 2).c_str(), fixed(r.mitems_per_s, 1).c_str(), fixed(r.ratio_to_limit, 3).c_str(),
                  fixed(r.limit_gbps, 1).c_str(), r.note.c_str());
    out << line;
  }
  out << "ratio: to the memory limit of the kernel's kind (limit, GB/s: on the CPU timed beside the kernel, call\n"
         "for call), or (kernels with no such limit) best peer time / this time\n";
}

void write_json(std::ostream& out, const machine& m, const limits& lim, const std::optional<limits>& gpu_lim,
                const std::vector<result>& results) {
  auto limits_object = [](const limits& l) {
    return "{\"triad_gbps\": " + json_number(l.triad_gbps) + ", \"read_gbps\": " + json_number(l.read_gbps) +
           ", \"copy_gbps\": " + json_number(l.copy_gbps) + "}";
  };
  out << "{\"lanes_version\": " << json_string(lanes::version()) << ",\n \"machine\": {\"cpus\": " << m.cpus
      << ", \"threads\": " << m.threads << ", \"gpu\": " << json_string(m.gpu) << "},\n \"limits\": "
      << limits_object(lim) << ",\n \"gpu_limits\": " << (gpu_lim ? limits_object(*gpu_lim) : "null")
      << ",\n \"results\": [";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    out << (i ? ",\n  " : "\n  ") << "{\"kernel\": " << json_string(r.kernel) << ", \"impl\": " << json_string(r.impl)
        << ", \"device\": " << json_string(r.device) << ", \"n\": " << r.n << ", \"repeats\": " << r.repeats
        << ", \"median_s\": " << json_number(r.median_s) << ", \"min_s\": " << json_number(r.min_s)
        << ", \"gbps\": " << json_number(r.gbps) << ", \"gflops\": " << json_number(r.gflops)
        << ", \"mitems_per_s\": " << json_number(r.mitems_per_s)
        << ", \"ratio_to_limit\": " << json_number(r.ratio_to_limit)
        << ", \"limit_gbps\": " << json_number(r.limit_gbps) << "}";
  }
  out << "\n ]}\n";
}

}  // namespace lanes_bench
