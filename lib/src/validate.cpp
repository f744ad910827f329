// SPDX-License-Identifier: Apache-2.0
// lanes/validate.hpp: which device a thread's calls are checked against, and what a
// mismatch does.
#include "lanes/validate.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "lanes/detail/cuda_runtime.hpp"
#include "lanes/trace.hpp"

namespace lanes {
namespace detail {

std::atomic<int> validating{1};  // until the first call has read LANES_VALIDATE

namespace {

thread_local const device* scope_reference = nullptr;  // the innermost validate::with

struct environment {
  std::unique_ptr<device> reference;  // LANES_VALIDATE's device, for threads outside a scope
  bool warn = false;                  // LANES_VALIDATE_WARN=1
  std::mutex mutex;
  std::string pending_error;  // a LANES_VALIDATE that names no device here: thrown at the first call
  std::atomic<bool> has_pending_error{false};
};

environment& settings() {
  static environment* e = new environment;  // never destroyed: threads may call during exit
  return *e;
}

void read_environment_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    environment& e = settings();
    const char* warn = std::getenv("LANES_VALIDATE_WARN");
    e.warn = warn != nullptr && std::string(warn) == "1";
    const char* spec = std::getenv("LANES_VALIDATE");
    if (spec == nullptr || *spec == '\0') {
      validating.fetch_sub(1);
      return;
    }
    try {
      e.reference = std::make_unique<device>(spec);
    } catch (const std::exception& error) {
      std::lock_guard<std::mutex> lock(e.mutex);
      e.pending_error = std::string("LANES_VALIDATE=") + spec + ": " + error.what();
      e.has_pending_error = true;
    }
  });
}

}  // namespace

const device* validation_reference(const device& d) {
  read_environment_once();
  environment& e = settings();
  if (e.has_pending_error.load()) {
    std::string error;
    {
      std::lock_guard<std::mutex> lock(e.mutex);
      if (e.has_pending_error.exchange(false)) {
        error.swap(e.pending_error);
        validating.fetch_sub(1);  // said once; later calls go on unchecked
      }
    }
    if (!error.empty()) fail_as<no_device>(error);
  }
  const device* reference = scope_reference ? scope_reference : e.reference.get();
  if (reference == nullptr || reference->same_as(d)) return nullptr;
  return reference;
}

namespace {
thread_local std::size_t corruption = 0;
thread_local bool corrupting = false;
}  // namespace

void corrupt_next_validated_call(std::size_t index) {
  corruption = index;
  corrupting = true;
}

bool take_corruption(std::size_t& index) noexcept {
  index = corruption;
  return std::exchange(corrupting, false);
}

void mismatch(const std::string& message, const char* call, const device& d) {
  if (!settings().warn) fail_as<validation_error>(message);
  std::fprintf(stderr, "%s\n", message.c_str());
  if (tracing.load(std::memory_order_relaxed)) {
    const std::int64_t now = trace_begin();
    if (now >= 0) trace_end({call, &d}, now, message.c_str(), "validation mismatch");
  }
}

void copy_between(void* dst, const void* src, std::size_t bytes, bool through_gpu) {
  if (bytes == 0) return;
  if (through_gpu)
    cuda_copy(dst, src, bytes);
  else
    copy_bytes(dst, src, bytes);
}

std::string nth_word(const char* words, std::size_t n) {
  std::string all(words);
  std::size_t begin = 0;
  for (std::size_t i = 0;; ++i) {
    std::size_t end = all.find(' ', begin);
    if (i == n) return all.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    if (end == std::string::npos) return "argument " + std::to_string(n + 1);
    begin = end + 1;
  }
}

}  // namespace detail

namespace validate {

with::with(const device& reference) : reference_(reference), outer_(detail::scope_reference) {
  detail::scope_reference = &reference_;
  detail::validating.fetch_add(1);
}

with::~with() {
  detail::scope_reference = outer_;
  detail::validating.fetch_sub(1);
}

}  // namespace validate
}  // namespace lanes
