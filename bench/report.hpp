// SPDX-License-Identifier: Apache-2.0
// lanes-bench's output: the results table (printed a kernel at a time, as it finishes), the
// JSON document (schema in docs/design.md), CSV, and the comparison with a saved run.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "bench.hpp"

namespace lanes_bench {

// What the figures of a run depend on.
struct context {
  unsigned cpus = 0;
  std::size_t threads = 0;
  std::string gpu, cpu_model, isa, compiler, git_revision, date, openblas;
};
context this_run(unsigned cpus, std::size_t threads, const std::string& gpu);

// Text for the table and the JSON: a number with `digits` decimals ("-" where none), a time
// in the unit that fits ("12.3 ms"), a JSON number (null where none), a quoted JSON string.
std::string fixed(const std::optional<double>& v, int digits);
std::string human_time(double seconds);
std::string json_number(const std::optional<double>& v);
std::string json_string(const std::string& s);

// limit_gbps: the memory limit of the kernel's pattern, for kernels compared with one.
result make_result(const kernel& k, const job& j, std::size_t n, const timing& t,
                   const std::optional<double>& limit_gbps);
// vs_best_peer of each lanes row of one kernel: the best peer's median / this median, on the
// same device.
void mark_vs_best_peer(std::vector<result>& rows);

void print_header(std::ostream& out, const context& c, const limits& lim, const std::optional<limits>& gpu_lim);
void print_rows(std::ostream& out, const std::vector<result>& rows);
void print_footer(std::ostream& out);
void write_json(std::ostream& out, const context& c, const limits& lim, const std::optional<limits>& gpu_lim,
                const std::vector<result>& results);
void write_csv(std::ostream& out, const std::vector<result>& results);

// The median_s of each (kernel, impl, device) row of a saved lanes-bench JSON report; a
// one-line error (std::runtime_error) if the file cannot be read as one.
struct saved_row {
  std::string kernel, impl, device;
  double median_s;
};
std::vector<saved_row> read_saved(const std::string& path);
// Each row's change against the saved run: old median / new median.
void print_comparison(std::ostream& out, const std::vector<saved_row>& old, const std::vector<result>& now);

}  // namespace lanes_bench
