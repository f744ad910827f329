// SPDX-License-Identifier: Apache-2.0
// lanes::device: where compiled code and host apps run, chosen at run time from a spec:
//   "auto"   CUDA if a GPU answers, else cpu (name() says which and why)
//   "seq"    one thread
//   "cpu"    every core (oneTBB);  "cpu:N"  N threads in the device's own arena
//   "cuda"   GPU 0;                "cuda:K" GPU K
// A spec that is malformed, or names a device that is not there, is lanes::error.
#pragma once

#include <string>
#include <utility>

#include "lanes/error.hpp"
#include "lanes/executor.hpp"

namespace lanes {

class device {
 public:
  enum class kind { seq, cpu, cuda };

  explicit device(const std::string& spec = "auto");

  kind type() const { return kind_; }
  // "seq", "cpu" or "cuda": the executor that runs this device's calls.
  const char* kind_name() const;
  // The same device to a user: the same kind and index (cpu's threads, cuda's GPU),
  // whichever spec or handle made it.
  bool same_as(const device& other) const { return kind_ == other.kind_ && index_ == other.index_; }
  // cpu: threads asked for (0 = all cores); cuda: the device index.
  int index() const { return index_; }
  // A readable description, e.g. "cpu:2 (2 threads)" or "cpu (auto: built without CUDA)".
  const std::string& name() const { return name_; }
  // The executor of a seq or cpu device; copies share the device's thread arena.
  const lanes::cpu& cpu_executor() const { return cpu_; }

 private:
  kind kind_ = kind::cpu;
  int index_ = 0;
  std::string name_;
  lanes::cpu cpu_;
};

// Calls f with the device's executor (lanes::seq or lanes::cpu) and returns its result.
// CUDA devices are reached through the compiled entry points, not through host templates.
template <class F>
decltype(auto) visit(const device& d, F&& f) {
  switch (d.type()) {
    case device::kind::seq:
      return std::forward<F>(f)(seq{});
    case device::kind::cpu:
      return std::forward<F>(f)(d.cpu_executor());
    default:
      detail::fail("visit: ", d.name(), " runs compiled entry points only, not host templates");
  }
}

}  // namespace lanes
