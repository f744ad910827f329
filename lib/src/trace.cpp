// SPDX-License-Identifier: Apache-2.0
// lanes/trace.hpp: each thread's events in a buffer of its own (registered once per thread
// and trace), gathered and written as Chrome trace-event JSON by stop().
#include "lanes/trace.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "lanes/device.hpp"
#include "lanes/error.hpp"

namespace lanes {
namespace detail {
std::atomic<bool> tracing{true};  // until the first call has read LANES_TRACE
}  // namespace detail

namespace {

using detail::call_facts;

// One call. The strings that repeat (device names) or are rare (messages) lie beside the
// events in the thread's buffer, so that an event is small: tracing costs mostly the first
// touch of the memory its events fill (a page fault per 4 KiB on a VM is microseconds).
struct event {
  const char* name;
  const char* executor;  // "seq", "cpu", "cuda"; "" for a C ABI call
  const char* dtype;
  const char* status;  // the C ABI's status name, or null for "ok" / "error"
  std::size_t n, bytes;
  std::int64_t begin_ns, end_ns;
  std::int32_t device;     // index in thread_buffer::devices, -1 for a C ABI call
  std::int32_t reference;  // index in thread_buffer::devices, -1 if not validated
  std::int32_t error;      // index in thread_buffer::errors, -1 if the call succeeded
};

// One thread's events. Its mutex is taken by that thread per event and by stop() once, so
// it is not contended on a call's path.
struct thread_buffer {
  static constexpr std::size_t chunk = 1024;  // events; chunks never move as the trace grows
  std::mutex mutex;
  std::vector<std::vector<event>> chunks;
  std::vector<std::string> devices, errors;
  int thread = 0;  // the events' tid: 1, 2, ... in the order threads first called

  std::int32_t device_index(const std::string& name) {
    for (std::size_t back = 0; back < devices.size() && back < 8; ++back)  // the few in use
      if (devices[devices.size() - 1 - back] == name) return std::int32_t(devices.size() - 1 - back);
    devices.push_back(name);
    return std::int32_t(devices.size() - 1);
  }

  void add(const event& e) {
    if (chunks.empty() || chunks.back().size() == chunk) {
      chunks.emplace_back();
      chunks.back().reserve(chunk);
    }
    chunks.back().push_back(e);
  }
};

// What a trace shares: its file, its clock, and every thread's buffer.
struct trace_state {
  std::mutex mutex;  // start, stop, and each thread's first event of a trace
  std::string path;
  std::ofstream file;
  std::atomic<std::int64_t> origin_ns{0};  // the steady clock's time at start
  std::vector<std::shared_ptr<thread_buffer>> buffers;
  std::atomic<std::uint64_t> generation{0};  // one per start: a thread's buffer is of one trace
  std::string pending_error;                 // LANES_TRACE's failure, thrown at the first call
  std::atomic<bool> has_pending_error{false};
};

trace_state& state() {
  static trace_state* s = new trace_state;  // never destroyed: threads may trace during exit
  return *s;
}

thread_buffer& this_threads_buffer() {
  struct slot {
    std::shared_ptr<thread_buffer> buffer;
    std::uint64_t generation = 0;
  };
  thread_local slot mine;
  trace_state& s = state();
  if (!mine.buffer || mine.generation != s.generation.load(std::memory_order_acquire)) {
    std::lock_guard<std::mutex> lock(s.mutex);
    mine.buffer = std::make_shared<thread_buffer>();
    mine.buffer->thread = int(s.buffers.size()) + 1;
    mine.generation = s.generation.load(std::memory_order_relaxed);
    s.buffers.push_back(mine.buffer);
  }
  return *mine.buffer;
}

std::int64_t steady_nanoseconds() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::int64_t nanoseconds_since_start() {
  return steady_nanoseconds() - state().origin_ns.load(std::memory_order_relaxed);
}

void write_string(std::ostream& out, const std::string& s) {
  out << '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\')
      out << '\\' << c;
    else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out << escaped;
    } else
      out << c;
  }
  out << '"';
}

void write_event(std::ostream& out, const event& e, const thread_buffer& buffer, long pid) {
  char times[64];
  std::snprintf(times, sizeof times, "\"ts\":%.3f,\"dur\":%.3f", double(e.begin_ns) / 1e3,
                double(e.end_ns - e.begin_ns) / 1e3);
  out << "{\"name\":";
  write_string(out, e.name);
  out << ",\"cat\":\"lanes\",\"ph\":\"X\"," << times << ",\"pid\":" << pid << ",\"tid\":" << buffer.thread
      << ",\"args\":{";
  if (e.device >= 0) {
    out << "\"device\":";
    write_string(out, buffer.devices[std::size_t(e.device)]);
    out << ",\"executor\":\"" << e.executor << "\",\"n\":" << e.n << ",\"dtype\":\"" << e.dtype
        << "\",\"bytes\":" << e.bytes << ',';
  }
  if (e.reference >= 0) {
    out << "\"validated_on\":";
    write_string(out, buffer.devices[std::size_t(e.reference)]);
    out << ',';
  }
  out << "\"status\":\"" << (e.status ? e.status : e.error < 0 ? "ok" : "error") << '"';
  if (e.error >= 0) {
    out << ",\"message\":";
    write_string(out, buffer.errors[std::size_t(e.error)]);
  }
  out << "}}";
}

// LANES_TRACE=FILE: read once, at the first call (or trace function), not while liblanes
// loads (it runs no code then); a trace it starts is written out at exit.
void stop_at_exit() {
  try {
    if (trace::active()) trace::stop();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lanes: LANES_TRACE: %s\n", e.what());
  }
}

void start_tracing(const std::string& path);

void read_environment_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    trace_state& s = state();
    const char* path = std::getenv("LANES_TRACE");
    if (path == nullptr || *path == '\0') {
      std::lock_guard<std::mutex> lock(s.mutex);
      if (s.path.empty()) detail::tracing = false;  // the initial "look" (unless start() came first)
      return;
    }
    try {
      start_tracing(path);
      std::atexit(stop_at_exit);
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(s.mutex);
      s.pending_error = std::string("LANES_TRACE: ") + e.what();
      s.has_pending_error = true;  // tracing stays on, so that the first call sees it
    }
  });
}

void start_tracing(const std::string& path) {
  trace_state& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (!s.path.empty())
    detail::fail("trace::start(\"", path, "\"): already tracing into \"", s.path, "\"");
  std::ofstream file(path, std::ios::out | std::ios::trunc);
  if (!file) detail::fail("trace::start(\"", path, "\"): the file cannot be written");
  s.file = std::move(file);
  s.path = path;
  s.origin_ns = steady_nanoseconds();
  s.buffers.clear();
  s.pending_error.clear();
  s.has_pending_error = false;
  s.generation.fetch_add(1, std::memory_order_release);
  detail::tracing.store(true, std::memory_order_release);
}

}  // namespace

namespace trace {

void start(const std::string& path) {
  read_environment_once();
  start_tracing(path);
}

void stop() {
  read_environment_once();
  trace_state& s = state();
  std::vector<std::shared_ptr<thread_buffer>> buffers;
  std::ofstream file;
  std::string path;
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.path.empty()) detail::fail("trace::stop(): not tracing");
    detail::tracing.store(false);
    buffers.swap(s.buffers);
    file = std::move(s.file);
    path.swap(s.path);
  }
  const long pid = long(::getpid());
  file << "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n";
  bool first = true;
  for (auto& buffer : buffers) {
    std::lock_guard<std::mutex> lock(buffer->mutex);
    for (const auto& chunk : buffer->chunks)
      for (const event& e : chunk) {
        if (!first) file << ",\n";
        first = false;
        write_event(file, e, *buffer, pid);
      }
  }
  file << "\n]}\n";
  file.close();
  if (!file) detail::fail("trace::stop(): writing \"", path, "\" failed");
}

bool active() noexcept {
  read_environment_once();
  trace_state& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  return !s.path.empty();
}

}  // namespace trace

namespace detail {

std::int64_t trace_begin() {
  read_environment_once();
  trace_state& s = state();
  if (s.has_pending_error.load()) {
    std::string error;
    {
      std::lock_guard<std::mutex> lock(s.mutex);
      if (s.has_pending_error) {
        error.swap(s.pending_error);
        s.has_pending_error = false;
        if (s.path.empty()) tracing = false;
      }
    }
    if (!error.empty()) fail(error);
  }
  if (!tracing.load(std::memory_order_acquire)) return -1;
  return nanoseconds_since_start();
}

void trace_end(const call_facts& facts, std::int64_t begin_ns, const char* error, const char* status) noexcept {
  try {
    const std::int64_t end_ns = nanoseconds_since_start();
    thread_buffer& buffer = this_threads_buffer();
    std::lock_guard<std::mutex> lock(buffer.mutex);
    event e{facts.name, facts.where ? facts.where->kind_name() : "", facts.dtype, status, facts.n, facts.bytes,
            begin_ns,   end_ns,                                      -1,          -1, -1};
    if (facts.where) e.device = buffer.device_index(facts.where->name());
    if (facts.reference) e.reference = buffer.device_index(facts.reference->name());
    if (error) {
      buffer.errors.emplace_back(error);
      e.error = std::int32_t(buffer.errors.size() - 1);
    }
    buffer.add(e);
  } catch (...) {
    // Out of memory for the event: the call's own result stands; the trace lacks it.
  }
}

}  // namespace detail
}  // namespace lanes
