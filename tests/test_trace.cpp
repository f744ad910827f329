// SPDX-License-Identifier: Apache-2.0
// lanes::trace and its C ABI twin: the events a traced run writes (one per call, nested,
// a row per thread, failures with their message), and the errors around start and stop.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "lanes/compiled.hpp"
#include "lanes/lanes.h"
#include "lanes/trace.hpp"
#include "support.hpp"

namespace {

// One event of the file: the fields the tests look at. The writer puts one event per line.
struct traced_event {
  std::string name, status, device, message;
  double ts = 0, dur = 0;
  int tid = 0;
  long long n = -1, bytes = -1;
};

// The value of "key" in one event's line: a string (escapes kept as written) or a number.
std::string field(const std::string& line, const std::string& key) {
  const std::string tag = "\"" + key + "\":";
  const std::size_t at = line.find(tag);
  if (at == std::string::npos) return "";
  std::size_t i = at + tag.size();
  std::string value;
  if (i < line.size() && line[i] == '"') {
    for (++i; i < line.size() && line[i] != '"'; ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) value += line[i++];
      value += line[i];
    }
    return value;
  }
  while (i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == '-' || line[i] == '.'))
    value += line[i++];
  return value;
}

std::vector<traced_event> read_trace(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(text.rfind("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[", 0) == 0);
  REQUIRE(text.find("\n]}\n") != std::string::npos);  // written to its end
  std::vector<traced_event> events;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("{\"name\":", 0) != 0) continue;
    traced_event e;
    e.name = field(line, "name");
    e.status = field(line, "status");
    e.device = field(line, "device");
    e.message = field(line, "message");
    e.ts = std::stod(field(line, "ts"));
    e.dur = std::stod(field(line, "dur"));
    e.tid = std::stoi(field(line, "tid"));
    if (!field(line, "n").empty()) e.n = std::stoll(field(line, "n"));
    if (!field(line, "bytes").empty()) e.bytes = std::stoll(field(line, "bytes"));
    REQUIRE(e.dur >= 0);
    events.push_back(e);
  }
  return events;
}

std::string temp_path(const char* name) { return (std::string(P_tmpdir) + "/lanes_test_") + name + ".json"; }

}  // namespace

TEST_CASE("a trace holds one event per compiled call, a row per thread, failures with their message", "[trace]") {
  const std::string path = temp_path("compiled");
  lanes::device seq("seq"), cpu("cpu:2");
  std::vector<float> data(1000, 1.5f);
  lanes::trace::start(path);
  REQUIRE(lanes::trace::active());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int call = 0; call < 3; ++call)
        REQUIRE(lanes::compiled::sum(t % 2 ? cpu : seq, lanes::span<const float>(data)) == 1500.0);
    });
  for (auto& t : threads) t.join();
  std::vector<std::uint32_t> keys(7, 3);
  std::vector<std::uint64_t> short_values(6);
  REQUIRE_THROWS_AS(lanes::compiled::sort_by_key(seq, lanes::span<std::uint32_t>(keys),
                                                 lanes::span<std::uint64_t>(short_values)),
                    lanes::error);
  lanes::trace::stop();
  REQUIRE_FALSE(lanes::trace::active());

  auto events = read_trace(path);
  std::set<int> sum_threads;
  int sums = 0;
  for (const auto& e : events)
    if (e.name == "sum") {
      ++sums;
      sum_threads.insert(e.tid);
      CHECK(e.status == "ok");
      CHECK(e.n == 1000);
      CHECK(e.bytes == 4000);
      CHECK((e.device == seq.name() || e.device == cpu.name()));
    }
  CHECK(sums == 12);
  CHECK(sum_threads.size() == 4);
  int failures = 0;
  for (const auto& e : events)
    if (e.name == "sort_by_key") {
      ++failures;
      CHECK(e.status == "error");
      CHECK(e.message.find("values") != std::string::npos);
      CHECK(e.n == 7);
    }
  CHECK(failures == 1);
  std::remove(path.c_str());
}

TEST_CASE("a C ABI call's event holds its entry point's, with its status and message", "[trace][c_api]") {
  const std::string path = temp_path("c_abi");
  lanes_device* dev = nullptr;
  REQUIRE(lanes_device_open("cpu", &dev) == LANES_OK);
  std::vector<float> host = {3, 1, 2};
  lanes_array* a = nullptr;
  REQUIRE(lanes_array_from_host(dev, LANES_F32, host.data(), host.size(), &a) == LANES_OK);
  REQUIRE(lanes_trace_start(path.c_str()) == LANES_OK);
  REQUIRE(lanes_sort(a) == LANES_OK);
  REQUIRE(lanes_sort(nullptr) == LANES_EINVAL);
  REQUIRE(lanes_trace_stop() == LANES_OK);
  lanes_array_free(a);
  lanes_device_close(dev);

  auto events = read_trace(path);
  const traced_event *outer = nullptr, *inner = nullptr, *failed = nullptr;
  for (const auto& e : events) {
    if (e.name == "lanes_sort" && e.status == "LANES_OK") outer = &e;
    if (e.name == "lanes_sort" && e.status == "LANES_EINVAL") failed = &e;
    if (e.name == "sort") inner = &e;
  }
  REQUIRE(outer);
  REQUIRE(inner);
  REQUIRE(failed);
  CHECK(inner->tid == outer->tid);  // nested: inside the C call, on its thread
  CHECK(inner->ts >= outer->ts);
  CHECK(inner->ts + inner->dur <= outer->ts + outer->dur + 0.002);  // microseconds, 3 decimals
  CHECK(inner->n == 3);
  CHECK(inner->device.rfind("cpu", 0) == 0);
  CHECK(failed->message.find("NULL") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("trace start and stop refuse a second start, a stop without start and an unwritable path", "[trace][errors]") {
  const std::string path = temp_path("errors");
  REQUIRE_THROWS_WITH(lanes::trace::stop(), Catch::Contains("not tracing"));
  REQUIRE_THROWS_WITH(lanes::trace::start("/nonexistent-dir/trace.json"), Catch::Contains("cannot be written"));
  REQUIRE_FALSE(lanes::trace::active());
  lanes::trace::start(path);
  REQUIRE_THROWS_WITH(lanes::trace::start(path), Catch::Contains("already tracing"));
  REQUIRE(lanes_trace_start(path.c_str()) == LANES_EINVAL);
  REQUIRE(std::string(lanes_last_error()).find("already tracing") != std::string::npos);
  lanes::trace::stop();
  REQUIRE(lanes_trace_stop() == LANES_EINVAL);
  REQUIRE(std::string(lanes_last_error()).find("not tracing") != std::string::npos);
  REQUIRE(lanes_trace_start(nullptr) == LANES_EINVAL);
  REQUIRE(lanes_trace_start("/nonexistent-dir/trace.json") == LANES_EINVAL);
  REQUIRE(std::string(lanes_last_error()).find("cannot be written") != std::string::npos);
  REQUIRE_FALSE(lanes::trace::active());
  std::remove(path.c_str());
}

// Run by ctest with LANES_TRACE set (tests/CMakeLists.txt): [.env_trace] calls, and the
// file is written at exit; [.env_trace_check] reads it; [.env_trace_unwritable] sees the
// error at its first call.
TEST_CASE("LANES_TRACE: calls traced from the start", "[.env_trace]") {
  std::vector<double> data(10, 2.0);
  REQUIRE(lanes::trace::active());
  for (int call = 0; call < 3; ++call) REQUIRE(lanes::compiled::sum(lanes::device("seq"), lanes::span<const double>(data)) == 20.0);
}

TEST_CASE("LANES_TRACE: the file written at exit", "[.env_trace_check]") {
  const char* path = std::getenv("LANES_TRACE_CHECK");
  REQUIRE(path);
  auto events = read_trace(path);
  int sums = 0;
  for (const auto& e : events) sums += e.name == "sum" && e.n == 10 && e.bytes == 80;
  CHECK(sums == 3);
}

TEST_CASE("LANES_TRACE: an unwritable file is an error at the first call", "[.env_trace_unwritable]") {
  std::vector<double> data(10, 2.0);
  REQUIRE_THROWS_WITH(lanes::compiled::sum(lanes::device("seq"), lanes::span<const double>(data)),
                      Catch::Contains("LANES_TRACE") && Catch::Contains("cannot be written"));
  REQUIRE_FALSE(lanes::trace::active());
  REQUIRE(lanes::compiled::sum(lanes::device("seq"), lanes::span<const double>(data)) == 20.0);  // then untraced
}
