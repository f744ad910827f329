// The lanes side of each benchmark kernel; peers.cpp adds what a user would pick instead.
#include <memory>

#include "bench.hpp"
#include "lanes/lanes.hpp"

namespace lanes_bench {

namespace {

// add(executor, device name) for each CPU device asked for.
template <class Add>
void on_cpu_devices(const std::vector<std::string>& devices, Add add) {
  if (wants(devices, "seq")) add(lanes::seq{}, "seq");
  if (wants(devices, "cpu")) add(lanes::cpu{}, "cpu");
}

// Inputs shared by every job of one kernel: three float arrays of n.
struct floats3 {
  explicit floats3(std::size_t n) : a(n), b(n), c(n) {
    lanes::iota(lanes::cpu{}, b.view(), 1.0f);
    lanes::fill(lanes::cpu{}, c.view(), 0.5f);
  }
  lanes::array<float> a, b, c;
};

volatile double sink;

}  // namespace

std::vector<kernel> lanes_kernels() {
  std::vector<kernel> k;
  k.push_back({"transform", "triad a = b + s*c over floats", std::size_t(1) << 26, limit::triad, 12, 2, false,
               [](std::size_t n, const std::vector<std::string>& devices, bool) {
                 auto d = std::make_shared<floats3>(n);
                 std::vector<job> jobs;
                 on_cpu_devices(devices, [&](auto ex, const char* name) {
                   jobs.push_back({"lanes", name, [=] {
                                     lanes::transform(ex, d->b.view(), d->c.view(), d->a.view(),
                                                      [](float x, float y) { return x + 3.0f * y; });
                                   }});
                 });
                 return jobs;
               }});
  k.push_back({"reduce", "sum of floats, accumulated in double", std::size_t(1) << 26, limit::read, 4, 1, false,
               [](std::size_t n, const std::vector<std::string>& devices, bool) {
                 auto d = std::make_shared<floats3>(n);
                 std::vector<job> jobs;
                 on_cpu_devices(devices, [&](auto ex, const char* name) {
                   jobs.push_back({"lanes", name, [=] { sink = lanes::reduce(ex, d->b.view(), 0.0); }});
                 });
                 return jobs;
               }});
  k.push_back({"inclusive_scan", "running sum of floats", std::size_t(1) << 26, limit::copy, 8, 1, false,
               [](std::size_t n, const std::vector<std::string>& devices, bool) {
                 auto d = std::make_shared<floats3>(n);
                 std::vector<job> jobs;
                 on_cpu_devices(devices, [&](auto ex, const char* name) {
                   jobs.push_back({"lanes", name, [=] { lanes::inclusive_scan(ex, d->c.view(), d->a.view()); }});
                 });
                 return jobs;
               }});
  k.push_back({"exclusive_scan", "running sum of floats, from 0", std::size_t(1) << 26, limit::copy, 8, 1, false,
               [](std::size_t n, const std::vector<std::string>& devices, bool) {
                 auto d = std::make_shared<floats3>(n);
                 std::vector<job> jobs;
                 on_cpu_devices(devices, [&](auto ex, const char* name) {
                   jobs.push_back(
                       {"lanes", name, [=] { lanes::exclusive_scan(ex, d->c.view(), d->a.view(), 0.0f); }});
                 });
                 return jobs;
               }});
  k.push_back({"for_each_small", "10000 calls of for_each_index with n = 1000 and an empty body", 1000,
               limit::none, 0, 0, true, [](std::size_t n, const std::vector<std::string>& devices, bool) {
                 std::vector<job> jobs;
                 on_cpu_devices(devices, [&](auto ex, const char* name) {
                   jobs.push_back({"lanes", name, [=] {
                                     for (int call = 0; call < 10000; ++call) lanes::for_each_index(ex, n, [](std::size_t) {});
                                   }});
                 });
                 return jobs;
               },
               10000});
  return k;
}

}  // namespace lanes_bench
