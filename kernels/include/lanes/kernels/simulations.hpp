// SPDX-License-Identifier: Apache-2.0
// Kernels of Python's high-performance practice, free of the GIL: Monte Carlo pi, prime
// counting, the circular-motion particle simulator, and Mandelbrot escape counts.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <type_traits>

#include "lanes/detail/blocking.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/detail/ranges.hpp"
#include "lanes/for_each.hpp"
#include "lanes/kernels/impl/group.hpp"
#include "lanes/kernels/philox.hpp"
#include "lanes/kernels/random.hpp"
#include "lanes/reduce.hpp"
#include "lanes/span.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__CUDACC__)
#define LANES_PRIMES_X86 1
#include <immintrin.h>
#endif

namespace lanes::kernels {

// pi from `samples` points of the unit square: draw j (of ceil(samples / 2)) is
// Philox-4x32-10 of counter (j, j >> 32, 0, 0) and key (seed, seed >> 32); it gives the
// points (v0, v1) and (v2, v3), each coordinate v / 2^32. A point is inside the quarter
// circle when x^2 + y^2 < 1, that is v0^2 + v1^2 < 2^64: tested exactly in 64-bit integers
// (no rounding, nothing a compiler could contract into an FMA), and the count is an
// integer, so the estimate is the same bits on every backend.
LANES_HD inline bool inside_quarter_circle(std::uint32_t vx, std::uint32_t vy) {
  std::uint64_t x2 = std::uint64_t(vx) * vx, y2 = std::uint64_t(vy) * vy;
  return y2 <= ~x2;  // x2 + y2 <= 2^64 - 1, without overflow
}

namespace impl {
// The points inside of monte_carlo_pi's draws first_draw + g Blocks ... (those of the Blocks
// below first_draw + draws): their Philox blocks made together (on x86, in vectors:
// random::impl::philox_words), then counted in a loop over them, which vectorises. One draw
// at a time, 32M draws took 271 ms on 2 Zen 3 cores, behind OpenMP's 'parallel for simd'.
template <std::size_t Blocks>
struct inside_draws {
  random::philox gen;
  std::uint64_t samples, first_draw, draws;
  LANES_HD LANES_SIMD_CLONES std::uint64_t operator()(std::size_t g) const {
    const std::uint64_t first = first_draw + g * Blocks, left = first_draw + draws - first;
    const std::size_t count = left < Blocks ? std::size_t(left) : Blocks;
    std::uint32_t words[4 * Blocks];
    random::impl::philox_words<Blocks>(gen, first, words);
    std::uint64_t inside = 0;
    for (std::size_t b = 0; b < count; ++b) {
      const bool second = 2 * (first + b) + 1 < samples;  // the last draw of an odd count has one point
      inside += std::uint64_t(inside_quarter_circle(words[4 * b], words[4 * b + 1])) +
                std::uint64_t(second & inside_quarter_circle(words[4 * b + 2], words[4 * b + 3]));
    }
    return inside;
  }
};
}  // namespace impl

// How many of monte_carlo_pi's points of draws [first_draw, first_draw + draws) fall inside
// the quarter circle: a slice of its count, so that workers (lanes::dist's ranks, a host
// app's processes) split the draws and add their counts into the same estimate.
template <class Ex>
std::uint64_t monte_carlo_inside(const Ex& ex, std::uint64_t samples, std::uint64_t seed, std::uint64_t first_draw,
                                 std::uint64_t draws) {
  if (samples == 0) detail::fail("monte_carlo_pi: samples must be at least 1");
  const std::uint64_t all_draws = samples / 2 + samples % 2;
  if (first_draw > all_draws || draws > all_draws - first_draw)
    detail::fail("monte_carlo_inside: draws [", first_draw, ", ", first_draw + draws, ") are past the ", all_draws,
                 " draws of ", samples, " samples");
  constexpr std::size_t group = impl::items_per_index<Ex>::of(impl::philox_x86_blocks);
  return detail::reduce_indices(ex, detail::ceil_div(draws, group), std::uint64_t{0}, std::plus<>{},
                                impl::inside_draws<group>{random::philox{seed}, samples, first_draw, draws});
}

template <class Ex>
double monte_carlo_pi(const Ex& ex, std::uint64_t samples, std::uint64_t seed) {
  if (samples == 0) detail::fail("monte_carlo_pi: samples must be at least 1");
  return 4.0 * double(monte_carlo_inside(ex, samples, seed, 0, samples / 2 + samples % 2)) / double(samples);
}

namespace impl {
#ifdef LANES_PRIMES_X86
LANES_INTRINSICS_BEGIN
// Whether an odd d in [3, last] divides n = x (n < 2^52), 8 divisors at a time in AVX2
// doubles: d divides n exactly when trunc(n / d) d == n. Every value is exact below 2^53 (the
// quotient is correctly rounded, so an integer one stays exact, and a product of integers is
// exact), so the answer is the integer division's. 64-bit divisions, one at a time, counted
// the primes below 2^22 in 307 ms on 2 Zen 3 cores; this in 71.
__attribute__((target("avx2"))) inline bool has_odd_divisor_avx2(double x, double last) {
  const __m256d n = _mm256_set1_pd(x), most = _mm256_set1_pd(last), step = _mm256_set1_pd(16);
  __m256d d0 = _mm256_setr_pd(3, 5, 7, 9), d1 = _mm256_setr_pd(11, 13, 15, 17);
  for (double first = 3; first <= last; first += 16) {
    const __m256d q0 = _mm256_round_pd(_mm256_div_pd(n, d0), _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m256d q1 = _mm256_round_pd(_mm256_div_pd(n, d1), _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m256d hit0 =
        _mm256_and_pd(_mm256_cmp_pd(_mm256_mul_pd(q0, d0), n, _CMP_EQ_OQ), _mm256_cmp_pd(d0, most, _CMP_LE_OQ));
    const __m256d hit1 =
        _mm256_and_pd(_mm256_cmp_pd(_mm256_mul_pd(q1, d1), n, _CMP_EQ_OQ), _mm256_cmp_pd(d1, most, _CMP_LE_OQ));
    if (_mm256_movemask_pd(_mm256_or_pd(hit0, hit1)) != 0) return true;
    d0 = _mm256_add_pd(d0, step);
    d1 = _mm256_add_pd(d1, step);
  }
  return false;
}
LANES_INTRINSICS_END
#endif
}  // namespace impl

// Whether n is prime, by trial division by 2 and the odd numbers up to sqrt(n) (below 2^52
// on x86 with AVX2, in doubles: impl::has_odd_divisor_avx2).
LANES_HD inline bool is_prime(std::uint64_t n) {
  if (n < 4) return n >= 2;
  if (n % 2 == 0) return false;
#ifdef LANES_PRIMES_X86
  // floor(sqrt(n)) in doubles is at least the integer square root (sqrt is correctly rounded).
  if (n < (std::uint64_t(1) << 52) && detail::cpu_has_avx2())
    return !impl::has_odd_divisor_avx2(double(n), std::floor(std::sqrt(double(n))));
#endif
  for (std::uint64_t d = 3; d <= n / d; d += 2)
    if (n % d == 0) return false;
  return true;
}

// The primes in [lo, hi). Work per number grows with it: the reduction's small blocks
// and work stealing even it out.
template <class Ex>
std::uint64_t count_primes(const Ex& ex, std::uint64_t lo, std::uint64_t hi) {
  if (hi < lo) detail::fail("count_primes: hi = ", hi, " is below lo = ", lo);
  return detail::reduce_indices(ex, std::size_t(hi - lo), std::uint64_t{0}, std::plus<>{},
                                       [=] LANES_HD(std::size_t i) -> std::uint64_t { return is_prime(lo + i); });
}

namespace impl {
// Each particle's steps form one long dependency chain (a square root and two divisions
// per step), so a CPU core keeps G particles in flight per index (items_per_index): 32
// doubles or 64 floats, four AVX-512 registers each (the counts measured best: docs/design.md).
template <class T, std::size_t G>
struct particle_group {
  std::size_t n;
  long nsteps;
  T* x;
  T* y;
  const T* w;
  LANES_HD LANES_SIMD_CLONES void operator()(std::size_t g) const {
    const std::size_t first = g * G, count = n - first < G ? n - first : G;
    T px[G], py[G], pw[G];
    for (std::size_t p = 0; p < G; ++p) {  // a short last group runs idle particles at (1, 0)
      px[p] = p < count ? x[first + p] : T(1);
      py[p] = p < count ? y[first + p] : T(0);
      pw[p] = p < count ? w[first + p] : T(0);
    }
    const T step = T(1e-5);
    for (long s = 0; s < nsteps; ++s) {
      for (std::size_t p = 0; p < G; ++p) {
        T norm = std::sqrt(px[p] * px[p] + py[p] * py[p]);
        T vx = -py[p] / norm, vy = px[p] / norm;
        px[p] += step * pw[p] * vx;
        py[p] += step * pw[p] * vy;
      }
    }
    for (std::size_t p = 0; p < count; ++p) {
      x[first + p] = px[p];
      y[first + p] = py[p];
    }
  }
};
}  // namespace impl

// The particle simulator: nsteps = (int)(dt / 1e-5) steps of 1e-5 each; per step and
// particle: norm = sqrt(x^2 + y^2), vx = -y / norm, vy = x / norm, x += 1e-5 w vx,
// y += 1e-5 w vy. Particles are independent: the particle loop is the parallel one and
// each runs its own time loop.
template <class Ex, class T>
void particles_evolve(const Ex& ex, span<T> x, span<T> y, detail::input_span<T> w, double dt) {
  detail::check_data(x, "particles_evolve", "x");
  detail::check_data(y, "particles_evolve", "y");
  detail::check_data(w, "particles_evolve", "w");
  detail::check_same_size(x, y, "particles_evolve", "x", "y");
  detail::check_same_size(x, w, "particles_evolve", "x", "w");
  detail::check_disjoint(x, y, "particles_evolve", "x", "y");
  if (!(dt >= 0) || dt / 1e-5 > 2e9) detail::fail("particles_evolve: dt = ", dt, " is negative, NaN or too large");
  constexpr std::size_t group = impl::items_per_index<Ex>::of(sizeof(T) == 4 ? 64 : 32);
  for_each_heavy_index(ex, detail::ceil_div(x.size(), group),
                       impl::particle_group<T, group>{x.size(), long(dt / 1e-5), x.data(), y.data(), w.data()});
}

namespace impl {
// Escape counts of G cells of a row (items_per_index), side by side in vector registers:
// all iterate in step until every one has escaped or max_iter is reached, each counting the
// steps it stayed inside. An escaped cell's z runs on uncounted (it may overflow; no count
// reads it), so each count is the scalar loop's, on every executor (G = 1 on cuda).
template <class T, std::size_t G>
struct mandelbrot_piece {
  using flag = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;  // T's width: one vector type
  std::size_t width;
  T x0, y0, dx, dy;
  std::uint32_t max_iter;
  std::uint32_t* counts;
  LANES_HD LANES_SIMD_CLONES void operator()(std::size_t row, std::size_t piece) const {
    const std::size_t c0 = piece * G, cells = width - c0 < G ? width - c0 : G;
    const T ci = y0 + T(row) * dy;
    T cr[G], zr[G] = {}, zi[G] = {};
    flag inside[G], n[G] = {};
    for (std::size_t p = 0; p < G; ++p) {
      cr[p] = x0 + T(c0 + p) * dx;  // past the row's end: run, never stored
      inside[p] = 1;
    }
    for (std::uint32_t it = 0; it < max_iter; ++it) {
      flag any = 0;
      for (std::size_t p = 0; p < G; ++p) {
        inside[p] &= flag(zr[p] * zr[p] + zi[p] * zi[p] <= T(4));
        n[p] += inside[p];
        any |= inside[p];
        const T t = zr[p] * zr[p] - zi[p] * zi[p] + cr[p];
        zi[p] = T(2) * zr[p] * zi[p] + ci;
        zr[p] = t;
      }
      if (!any) break;
    }
    for (std::size_t p = 0; p < cells; ++p) counts[row * width + c0 + p] = std::uint32_t(n[p]);
  }
};
}  // namespace impl

// Escape counts (at most max_iter) of z -> z^2 + c on a width x height grid over
// [x0, x1) x [y0, y1), row-major.
template <class Ex, class T>
void mandelbrot(const Ex& ex, std::size_t width, std::size_t height, T x0, T x1, T y0, T y1, std::uint32_t max_iter,
                span<std::uint32_t> counts) {
  detail::check_data(counts, "mandelbrot", "counts");
  std::size_t cells = detail::checked_mul(width, height, "mandelbrot: width * height");
  if (counts.size() != cells)
    detail::fail_as<size_error>("mandelbrot: counts has ", counts.size(), " elements but width * height = ", cells);
  T dx = (x1 - x0) / T(width ? width : 1), dy = (y1 - y0) / T(height ? height : 1);
  constexpr std::size_t group = impl::items_per_index<Ex>::of(16);
  for_each_index(ex, height, detail::ceil_div(width, group),
                 impl::mandelbrot_piece<T, group>{width, x0, y0, dx, dy, max_iter, counts.data()});
}

LANES_ACCEPT_RANGES(particles_evolve)
LANES_ACCEPT_RANGES(mandelbrot)

}  // namespace lanes::kernels
