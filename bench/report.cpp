// SPDX-License-Identifier: Apache-2.0
#include "report.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "lanes/config.hpp"
#include "revision.hpp"

extern "C" char* openblas_get_corename(void);

namespace lanes_bench {

namespace {
std::string model_name() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);)
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown";
}
}  // namespace

context this_run(unsigned cpus, std::size_t threads, const std::string& gpu) {
  context c;
  c.cpus = cpus, c.threads = threads, c.gpu = gpu, c.cpu_model = model_name();
  __builtin_cpu_init();
  c.isa = __builtin_cpu_supports("avx512f") ? "avx512f" : __builtin_cpu_supports("avx2") ? "avx2" : "baseline";
  c.compiler = std::string(LANES_BENCH_COMPILER) + " " + LANES_BENCH_FLAGS;
  c.git_revision = LANES_BENCH_REVISION;
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  c.date = date;
  c.openblas = openblas_get_corename();
  return c;
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

result make_result(const kernel& k, const job& j, std::size_t n, const timing& t,
                   const std::optional<double>& limit_gbps) {
  result r;
  r.kernel = k.name, r.impl = j.impl, r.device = j.device, r.note = j.note;
  r.n = n, r.repeats = t.repeats, r.median_s = t.median_s, r.min_s = t.min_s, r.max_s = t.max_s;
  const double items = items_per_run(k, n);
  const double bytes = hardware_bytes(k.moves, k.compare_with, j.device != "cuda");
  if (bytes > 0) r.gbps = items * bytes / t.median_s / 1e9;
  if (k.flops_per_item > 0) r.gflops = items * k.flops_per_item / t.median_s / 1e9;
  if (k.report_items) r.mitems_per_s = items / t.median_s / 1e6;
  if (limit_gbps && *limit_gbps > 0 && r.gbps) {
    r.limit_gbps = limit_gbps;
    r.ratio_to_limit = *r.gbps / *limit_gbps;
  }
  auto add_note = [&](const std::string& more) { r.note += (r.note.empty() ? "" : "; ") + more; };
  if (bytes > 0) {
    char note[160];
    std::snprintf(note, sizeof note, "moves %g B/item (reads %g, writes %g, %s pattern)", bytes, k.moves.read,
                  k.moves.written, name_of(k.compare_with));
    add_note(note);
    const double loop_writes = loop_traffic(k).written;
    if (k.compare_with == limit::copy && loop_writes < 4) {
      std::snprintf(note, sizeof note, "its limit loop writes %g B a float read", loop_writes);
      add_note(note);
    }
  }
  if (k.calls_per_run > 1) add_note(human_time(t.median_s / double(k.calls_per_run)) + " per call");
  return r;
}

void mark_vs_best_peer(std::vector<result>& rows) {
  for (auto& r : rows) {
    if (r.impl != "lanes") continue;
    double best_peer = 0;
    for (const auto& p : rows)
      if (p.kernel == r.kernel && p.device == r.device && p.impl != "lanes" && p.impl != "serial")
        best_peer = best_peer == 0 ? p.median_s : std::min(best_peer, p.median_s);
    if (best_peer > 0) r.vs_best_peer = best_peer / r.median_s;
  }
}

void print_header(std::ostream& out, const context& c, const limits& lim, const std::optional<limits>& gpu_lim) {
  out << "lanes " << lanes::version() << " (" << c.git_revision << ") | " << c.cpu_model << " (" << c.isa << "), "
      << c.cpus << " cpus, " << c.threads << " threads | gpu: " << c.gpu << " | " << c.date << "\n";
  auto line = [&](const char* what, const limits& l) {
    out << what;
    for (limit k : memory_limits)
      if (l.of(k) > 0) out << " " << name_of(k) << " " << fixed(l.of(k), 1);
    out << " GB/s\n";
  };
  line("limits (bytes the memory moves):", lim);
  if (gpu_lim) line("gpu limits:", *gpu_lim);
  char text[256];
  std::snprintf(text, sizeof text, "%-18s %-11s %-6s %10s %9s %9s %8s %8s %9s %8s %7s  %s\n", "kernel", "impl",
                "device", "n", "median", "spread", "GB/s", "GFLOP/s", "Mitems/s", "vs_limit", "vs_peer", "note");
  out << text << std::flush;
}

void print_rows(std::ostream& out, const std::vector<result>& rows) {
  for (const auto& r : rows) {
    char text[512];
    const double spread = r.median_s > 0 ? (r.max_s - r.min_s) / r.median_s * 100 : 0;
    std::snprintf(text, sizeof text, "%-18s %-11s %-6s %10zu %9s %8.0f%% %8s %8s %9s %8s %7s  %s\n", r.kernel.c_str(),
                  r.impl.c_str(), r.device.c_str(), r.n, human_time(r.median_s).c_str(), spread,
                  fixed(r.gbps, 1).c_str(), fixed(r.gflops, 1).c_str(), fixed(r.mitems_per_s, 1).c_str(),
                  fixed(r.ratio_to_limit, 3).c_str(), fixed(r.vs_best_peer, 2).c_str(), r.note.c_str());
    out << text;
  }
  out << std::flush;
}

void print_footer(std::ostream& out) {
  out << "spread: (max - min) / median of the repeats. vs_limit: GB/s over the limit loop with the kernel's\n"
         "streams and bytes a call, its fastest call of those timed beside the kernel's (on the GPU, the\n"
         "GPU's). vs_peer: the best peer's median over Lanes' on the same device (above 1: Lanes is faster).\n";
}

void write_json(std::ostream& out, const context& c, const limits& lim, const std::optional<limits>& gpu_lim,
                const std::vector<result>& results) {
  auto limits_object = [](const limits& l) {
    std::string o = "{";
    for (limit k : memory_limits)
      o += std::string(o.size() > 1 ? ", " : "") + "\"" + name_of(k) + "_gbps\": " +
           json_number(l.of(k) > 0 ? std::optional<double>(l.of(k)) : std::nullopt);
    return o + "}";
  };
  out << "{\"lanes_version\": " << json_string(lanes::version()) << ",\n \"machine\": {\"cpus\": " << c.cpus
      << ", \"threads\": " << c.threads << ", \"gpu\": " << json_string(c.gpu) << "},\n \"context\": {\"cpu_model\": "
      << json_string(c.cpu_model) << ", \"isa\": " << json_string(c.isa) << ", \"compiler\": "
      << json_string(c.compiler) << ", \"git_revision\": " << json_string(c.git_revision)
      << ", \"date\": " << json_string(c.date) << ", \"openblas_core\": " << json_string(c.openblas)
      << "},\n \"limits\": " << limits_object(lim) << ",\n \"gpu_limits\": "
      << (gpu_lim ? limits_object(*gpu_lim) : "null") << ",\n \"results\": [";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    out << (i ? ",\n  " : "\n  ") << "{\"kernel\": " << json_string(r.kernel) << ", \"impl\": " << json_string(r.impl)
        << ", \"device\": " << json_string(r.device) << ", \"n\": " << r.n << ", \"repeats\": " << r.repeats
        << ", \"median_s\": " << json_number(r.median_s) << ", \"min_s\": " << json_number(r.min_s)
        << ", \"max_s\": " << json_number(r.max_s) << ", \"gbps\": " << json_number(r.gbps)
        << ", \"gflops\": " << json_number(r.gflops) << ", \"mitems_per_s\": " << json_number(r.mitems_per_s)
        << ", \"ratio_to_limit\": " << json_number(r.ratio_to_limit)
        << ", \"limit_gbps\": " << json_number(r.limit_gbps) << ", \"vs_best_peer\": " << json_number(r.vs_best_peer)
        << ", \"note\": " << json_string(r.note) << "}";
  }
  out << "\n ]}\n";
}

void write_csv(std::ostream& out, const std::vector<result>& results) {
  out << "kernel,impl,device,n,repeats,median_s,min_s,max_s,gbps,gflops,mitems_per_s,ratio_to_limit,limit_gbps,"
         "vs_best_peer,note\n";
  auto cell = [](const std::optional<double>& v) { return v ? json_number(v) : std::string(); };
  for (const auto& r : results) {
    std::string note = r.note;
    std::replace(note.begin(), note.end(), '"', '\'');
    out << r.kernel << "," << r.impl << "," << r.device << "," << r.n << "," << r.repeats << ","
        << json_number(r.median_s) << "," << json_number(r.min_s) << "," << json_number(r.max_s) << ","
        << cell(r.gbps) << "," << cell(r.gflops) << "," << cell(r.mitems_per_s) << "," << cell(r.ratio_to_limit)
        << "," << cell(r.limit_gbps) << "," << cell(r.vs_best_peer) << ",\"" << note << "\"\n";
  }
}

std::vector<saved_row> read_saved(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  // lanes-bench writes one result object per line: "key": "text" or "key": number.
  auto field = [](const std::string& line, const std::string& key) -> std::optional<std::string> {
    const std::string tag = "\"" + key + "\": ";
    const std::size_t at = line.find(tag);
    if (at == std::string::npos) return std::nullopt;
    std::size_t begin = at + tag.size(), end;
    if (line[begin] == '"') end = line.find('"', ++begin);
    else end = line.find_first_of(",}", begin);
    if (end == std::string::npos) return std::nullopt;
    return line.substr(begin, end - begin);
  };
  std::vector<saved_row> rows;
  for (std::string line; std::getline(in, line);) {
    auto kernel = field(line, "kernel"), impl = field(line, "impl"), device = field(line, "device"),
         median = field(line, "median_s");
    if (kernel && impl && device && median) rows.push_back({*kernel, *impl, *device, std::stod(*median)});
  }
  if (rows.empty()) throw std::runtime_error(path + " holds no lanes-bench results");
  return rows;
}

void print_comparison(std::ostream& out, const std::vector<saved_row>& old, const std::vector<result>& now) {
  out << "against the saved run (old median / new median: above 1 is faster now):\n";
  for (const auto& r : now) {
    auto o = std::find_if(old.begin(), old.end(), [&](const saved_row& s) {
      return s.kernel == r.kernel && s.impl == r.impl && s.device == r.device;
    });
    char text[256];
    if (o == old.end())
      std::snprintf(text, sizeof text, "  %-18s %-11s %-6s %9s  (not in the saved run)\n", r.kernel.c_str(),
                    r.impl.c_str(), r.device.c_str(), human_time(r.median_s).c_str());
    else
      std::snprintf(text, sizeof text, "  %-18s %-11s %-6s %9s -> %9s  %.2fx\n", r.kernel.c_str(), r.impl.c_str(),
                    r.device.c_str(), human_time(o->median_s).c_str(), human_time(r.median_s).c_str(),
                    o->median_s / r.median_s);
    out << text;
  }
}

}  // namespace lanes_bench
