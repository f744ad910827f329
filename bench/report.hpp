// SPDX-License-Identifier: Apache-2.0
// lanes-bench's output: the results table and the JSON document (schema in docs/design.md).
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "bench.hpp"

namespace lanes_bench {

struct machine {
  unsigned cpus;
  std::size_t threads;
  std::string gpu;
};

// Text for the table and the JSON: a number with `digits` decimals ("-" where none), a time
// in the unit that fits ("12.3 ms"), a JSON number (null where none), a quoted JSON string.
std::string fixed(const std::optional<double>& v, int digits);
std::string human_time(double seconds);
std::string json_number(const std::optional<double>& v);
std::string json_string(const std::string& s);

// limit_gbps: the memory limit of the kernel's kind, for kernels compared with one.
result make_result(const kernel& k, const job& j, std::size_t n, const timing& t,
                   const std::optional<double>& limit_gbps);
// For kernels with no memory limit: ratio = best peer's time / this time, on the same device.
void mark_ratio_to_best_peer(std::vector<result>& results, const std::vector<kernel>& kernels);
// gpu_lim: the GPU's memory limits, where the run used one.
void print_table(std::ostream& out, const machine& m, const limits& lim, const std::optional<limits>& gpu_lim,
                 const std::vector<result>& results);
void write_json(std::ostream& out, const machine& m, const limits& lim, const std::optional<limits>& gpu_lim,
                const std::vector<result>& results);

}  // namespace lanes_bench
