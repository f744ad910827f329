// SPDX-License-Identifier: Apache-2.0
// Kokkos as a peer, written as its documentation recommends (parallel_for, parallel_reduce,
// parallel_scan over a RangePolicy; Kokkos::sort on a View), on Lanes' data through
// unmanaged host Views; Kokkos_Random's generator pool for the random fills. Debian's Kokkos
// (libtrilinos-kokkos-dev, 3.4) is built with the Serial backend only, so its rows are on
// device "seq", beside Lanes on one thread.
#include <Kokkos_Core.hpp>
#include <Kokkos_Random.hpp>
#include <Kokkos_Sort.hpp>

#include <cstdlib>
#include <memory>

#include "peers.hpp"

namespace lanes_bench::peers {

namespace {

template <class T>
using host_view = Kokkos::View<T*, Kokkos::HostSpace, Kokkos::MemoryTraits<Kokkos::Unmanaged>>;

volatile double sink;

// Kokkos is initialised once, on first use, and finalised at exit.
void ensure_kokkos() {
  if (Kokkos::is_initialized()) return;
  Kokkos::initialize();
  std::atexit([] { Kokkos::finalize(); });
}

const char* kokkos_note = "Kokkos 3.4 (Debian), Serial backend: one thread";

job on_kokkos(std::function<void()> run, const char* more_note = "", std::function<void()> prepare = {}) {
  ensure_kokkos();
  return {"kokkos", "seq", std::move(run), std::string(kokkos_note) + more_note, std::move(prepare)};
}

template <class K>
std::vector<job> kokkos_sort(K* work, std::size_t n, std::function<void()> prepare) {
  return {on_kokkos([=] { Kokkos::sort(host_view<K>(work, n)); }, "; Kokkos::sort: a bin sort", std::move(prepare))};
}

}  // namespace

std::vector<job> kokkos_triad(float* a, const float* b, const float* c, std::size_t n) {
  return {on_kokkos([=] {
    Kokkos::parallel_for(Kokkos::RangePolicy<>(0, n), KOKKOS_LAMBDA(std::size_t i) { a[i] = b[i] + 3.0f * c[i]; });
  })};
}

// Kokkos' Serial reduce and scan keep the running value in memory, not a register (a store
// and a reload per item in the loop GCC 12 makes of them: 3.7 ns an item, a plain loop 0.7).
const char* kokkos_running_note = "; its running value is stored and reloaded per item";

std::vector<job> kokkos_reduce(const float* x, std::size_t n) {
  return {on_kokkos([=] {
    double sum = 0;
    Kokkos::parallel_reduce(Kokkos::RangePolicy<>(0, n), KOKKOS_LAMBDA(std::size_t i, double& acc) { acc += x[i]; },
                            sum);
    sink = sum;
  }, kokkos_running_note)};
}

std::vector<job> kokkos_scan(const float* in, float* out, std::size_t n, bool exclusive) {
  return {on_kokkos([=] {
    Kokkos::parallel_scan(Kokkos::RangePolicy<>(0, n), KOKKOS_LAMBDA(std::size_t i, float& sum, bool final) {
      if (final && exclusive) out[i] = sum;
      sum += in[i];
      if (final && !exclusive) out[i] = sum;
    });
  }, kokkos_running_note)};
}

std::vector<job> kokkos_sort_u32(std::uint32_t* work, std::size_t n, std::function<void()> prepare) {
  return kokkos_sort(work, n, std::move(prepare));
}
std::vector<job> kokkos_sort_f32(float* work, std::size_t n, std::function<void()> prepare) {
  return kokkos_sort(work, n, std::move(prepare));
}


// Kokkos_Random as its documentation uses it: a pool of XorShift64 generators, fill_random
// for uniform numbers; normal ones (no fill) from a generator a work item takes from the pool
// for its stretch of items. Its own numbers, not Lanes' (another generator).
using random_pool = Kokkos::Random_XorShift64_Pool<Kokkos::DefaultHostExecutionSpace>;

std::vector<job> kokkos_uniform_f32(float* out, std::size_t n) {
  ensure_kokkos();
  auto pool = std::make_shared<random_pool>(1234);
  return {on_kokkos([=] { Kokkos::fill_random(host_view<float>(out, n), *pool, 0.0f, 1.0f); },
                    "; Kokkos::fill_random with a Random_XorShift64_Pool")};
}

std::vector<job> kokkos_normal_f32(float* out, std::size_t n) {
  ensure_kokkos();
  auto pool = std::make_shared<random_pool>(1234);
  constexpr std::size_t stretch = 1024;  // items per generator taken from the pool
  return {on_kokkos([=] {
    const random_pool& p = *pool;
    Kokkos::parallel_for(Kokkos::RangePolicy<>(0, (n + stretch - 1) / stretch), KOKKOS_LAMBDA(std::size_t s) {
      auto gen = p.get_state();
      for (std::size_t i = s * stretch; i < n && i < (s + 1) * stretch; ++i) out[i] = float(gen.normal(0.0, 1.0));
      p.free_state(gen);
    });
  }, "; normal() of a Random_XorShift64_Pool's generator")};
}

}  // namespace lanes_bench::peers
