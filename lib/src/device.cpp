// SPDX-License-Identifier: Apache-2.0
#include "lanes/device.hpp"

#include "lanes/detail/cuda_runtime.hpp"

#include <climits>
#include <string>

namespace lanes {

namespace {

constexpr int max_threads = 4096;
constexpr const char* valid_specs = "auto, seq, cpu, cpu:N (N >= 1), cuda, cuda:K (K >= 0)";

[[noreturn]] void bad_spec(const std::string& spec, const char* why) {
  detail::fail("device \"", spec, "\": ", why, "; valid specs are ", valid_specs);
}

// The number after "name:", digits only (up to 18 of them).
long long parse_number(const std::string& spec, std::size_t at) {
  std::string digits = spec.substr(at);
  if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos)
    bad_spec(spec, "the part after ':' is not a non-negative integer");
  return std::stoll(digits);
}

// That number, within [min, max].
int parse_number(const std::string& spec, std::size_t at, int min, int max) {
  long long value = parse_number(spec, at);
  if (value < min || value > max)
    detail::fail("device \"", spec, "\": ", value, " is out of range [", min, ", ", max, "]");
  return int(value);
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

device::device(const std::string& spec) {
  if (spec == "seq") {
    kind_ = kind::seq;
    name_ = "seq";
  } else if (spec == "cpu") {
    name_ = "cpu (" + std::to_string(detail::backend<cpu>::concurrency(cpu_)) + " threads)";
  } else if (starts_with(spec, "cpu:")) {
    index_ = parse_number(spec, 4, 1, max_threads);
    cpu_ = lanes::cpu{index_};
    name_ = spec + " (" + std::to_string(index_) + " threads)";
  } else if (spec == "cuda" || starts_with(spec, "cuda:")) {
    long long index = spec == "cuda" ? 0 : parse_number(spec, 5);
    if (index > INT_MAX)  // a GPU that is not there is no_device, whatever its index
      detail::fail_as<no_device>("device \"", spec, "\": GPU index ", index, " is out of range");
    index_ = int(index);
    std::string reason = detail::cuda_unusable_reason(index_);
    if (!reason.empty()) detail::fail_as<no_device>("device \"", spec, "\": ", reason);
    kind_ = kind::cuda;
    name_ = "cuda:" + std::to_string(index_) + " (" + detail::cuda_device_description(index_) + ")";
  } else if (spec == "auto") {
    std::string reason = detail::cuda_unusable_reason(0);
    if (reason.empty()) {
      kind_ = kind::cuda;
      name_ = "cuda:0 (" + detail::cuda_device_description(0) + "; auto: a GPU answered)";
    } else {
      name_ = "cpu (" + std::to_string(detail::backend<cpu>::concurrency(cpu_)) + " threads; auto: " + reason + ")";
    }
  } else {
    bad_spec(spec, spec.empty() ? "the spec is empty" : "unknown device");
  }
}

const char* device::kind_name() const {
  switch (kind_) {
    case kind::seq: return "seq";
    case kind::cpu: return "cpu";
    case kind::cuda: return "cuda";
  }
  return "";
}

}  // namespace lanes
