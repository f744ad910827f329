// SPDX-License-Identifier: Apache-2.0
// A trace of the calls that reach liblanes at run time: every call through the compiled
// entry points (lanes/compiled.hpp) and the C ABI (lanes/lanes.h) becomes one event in the
// Chrome trace-event JSON format (open the file in Perfetto or chrome://tracing): its name,
// device (with auto's reason) and executor, n, dtype, the bytes of its arrays, its start
// and duration, the calling thread, and the message of a call that failed. A C ABI call's
// event holds the event of the entry point it reached, so one thread's events nest.
//
//   lanes::trace::start("calls.json");   // or LANES_TRACE=calls.json in the environment
//   ...
//   lanes::trace::stop();                // writes the file
//
// With tracing off, a call pays one relaxed atomic load. With it on, each thread appends
// to its own buffer (no lock shared between threads on a call's path); stop() gathers them.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <type_traits>

namespace lanes {
class device;

namespace trace {
// Starts tracing into `path` (created or truncated now). lanes::error if tracing already,
// or if the path cannot be written.
void start(const std::string& path);
// Writes every event since start() to the file and stops. lanes::error if not tracing, or
// if the file cannot be written.
void stop();
bool active() noexcept;
}  // namespace trace

namespace detail {

extern std::atomic<bool> tracing;

// What one call's event records besides its time and thread.
struct call_facts {
  const char* name;
  const device* where = nullptr;  // null for a C ABI call: the entry point's event inside says
  std::size_t n = 0;
  const char* dtype = "";
  std::size_t bytes = 0;
  const device* reference = nullptr;  // the device validation checked it against, if any
};

// Nanoseconds on the trace's clock, or -1 if not tracing after all (the first call reads
// LANES_TRACE); throws, once, the error of a LANES_TRACE that could not be started, so that
// it is seen at the first call, not lost.
std::int64_t trace_begin();
// error: null if the call succeeded; status: its C ABI status, or null for "ok" / "error".
void trace_end(const call_facts& facts, std::int64_t begin_ns, const char* error,
               const char* status = nullptr) noexcept;

// f(), recorded as one event when tracing.
template <class F>
decltype(auto) traced(const call_facts& facts, F&& f) {
  if (!tracing.load(std::memory_order_relaxed)) return f();
  const std::int64_t begin = trace_begin();
  if (begin < 0) return f();  // the first call found no LANES_TRACE
  try {
    if constexpr (std::is_void_v<decltype(f())>) {
      f();
      trace_end(facts, begin, nullptr);
    } else {
      decltype(auto) result = f();
      trace_end(facts, begin, nullptr);
      return result;
    }
  } catch (const std::exception& e) {
    trace_end(facts, begin, e.what());
    throw;
  } catch (...) {
    trace_end(facts, begin, "an unknown exception");
    throw;
  }
}

}  // namespace detail
}  // namespace lanes
