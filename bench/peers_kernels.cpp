// SPDX-License-Identifier: Apache-2.0
// The compute-bound kernels' OpenMP peers: the loop a user would write (same arithmetic, all
// threads), in a file of their own so that they are built as the other peers are
// (LANES_BENCH_PEERS_MARCH, native in scripts/bench.sh) while Lanes picks its code at run time.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "lanes/kernels/philox.hpp"
#include "lanes/kernels/simulations.hpp"
#include "peers.hpp"

namespace lanes_bench::peers {

namespace {
namespace k = lanes::kernels;
volatile double sink;

// Trial division as a user writes it: one 64-bit division per divisor (Lanes' is_prime tests
// 8 divisors at a time in doubles where it can).
bool is_prime(std::uint64_t n) {
  if (n < 4) return n >= 2;
  if (n % 2 == 0) return false;
  for (std::uint64_t d = 3; d <= n / d; d += 2)
    if (n % d == 0) return false;
  return true;
}
}  // namespace

std::vector<job> monte_carlo_pi(std::size_t n) {
  return {{"openmp", "cpu", [=] {
             const std::uint64_t draws = n / 2 + n % 2;
             std::uint64_t inside = 0;
#pragma omp parallel for simd reduction(+ : inside) schedule(static)
             for (std::uint64_t j = 0; j < draws; ++j) {
               k::philox4x32 r = k::philox4x32_10({{std::uint32_t(j), std::uint32_t(j >> 32), 0, 0}}, 42, 0);
               inside += k::inside_quarter_circle(r.v[0], r.v[1]) +
                         (2 * j + 1 < n && k::inside_quarter_circle(r.v[2], r.v[3]));
             }
             sink = 4.0 * double(inside) / double(n);
           }, "parallel for simd reduction, Lanes' Philox"}};
}

std::vector<job> count_primes(std::size_t n) {
  return {{"openmp", "cpu", [=] {
             std::uint64_t count = 0;
#pragma omp parallel for reduction(+ : count) schedule(dynamic, 1024)
             for (std::uint64_t i = 0; i < n; ++i) count += is_prime(i);
             sink = double(count);
           }, "parallel for reduction, schedule(dynamic, 1024); integer trial division, one divisor at a time"}};
}

// The time loop inside a chunk of particles, simd across the chunk: GCC 12 does not vectorise
// 'parallel for simd' over particles with the time loop inside them (it ran scalar).
std::vector<job> particles(double* x, double* y, const double* w, std::size_t n, std::function<void()> reset) {
  return {{"openmp", "cpu", [=] {
             const long steps = long(0.1 / 1e-5);
             constexpr std::size_t chunk = 64;
#pragma omp parallel for schedule(static)
             for (std::size_t first = 0; first < n; first += chunk) {
               const std::size_t end = std::min(n, first + chunk);
               for (long s = 0; s < steps; ++s) {
#pragma omp simd
                 for (std::size_t i = first; i < end; ++i) {
                   double norm = std::sqrt(x[i] * x[i] + y[i] * y[i]);
                   double vx = -y[i] / norm, vy = x[i] / norm;
                   x[i] += 1e-5 * w[i] * vx;
                   y[i] += 1e-5 * w[i] * vy;
                 }
               }
             }
           }, "parallel for over chunks of 64 particles, the time loop inside, simd across the chunk",
           std::move(reset)}};
}

std::vector<job> mandelbrot(std::uint32_t* out, std::size_t n) {
  return {{"openmp", "cpu", [=] {
             const double dx = 3.0 / double(n), dy = 3.0 / double(n);
#pragma omp parallel for schedule(dynamic)
             for (std::size_t row = 0; row < n; ++row)
               for (std::size_t col = 0; col < n; ++col) {
                 double cr = -2.0 + double(col) * dx, ci = -1.5 + double(row) * dy, zr = 0, zi = 0;
                 std::uint32_t it = 0;
                 while (it < 256 && zr * zr + zi * zi <= 4.0) {
                   double t = zr * zr - zi * zi + cr;
                   zi = 2.0 * zr * zi + ci;
                   zr = t;
                   ++it;
                 }
                 out[row * n + col] = it;
               }
           }, "parallel for over rows, schedule(dynamic); scalar: GCC 12 vectorises no escape loop, omp simd or not"}};
}

std::vector<job> distance_matrix(const float* p, float* out, std::size_t n) {
  return {{"openmp", "cpu", [=] {
#pragma omp parallel for schedule(static)
             for (std::size_t i = 0; i < n; ++i) {
#pragma omp simd
               for (std::size_t j = 0; j < n; ++j) {
                 float dx = p[3 * i] - p[3 * j], dy = p[3 * i + 1] - p[3 * j + 1], dz = p[3 * i + 2] - p[3 * j + 2];
                 out[i * n + j] = std::sqrt(dx * dx + dy * dy + dz * dz);
               }
             }
           }, "parallel for over rows, simd over columns"}};
}

std::vector<job> nbody(float* p, float* v, const float* m, std::size_t n, std::function<void()> reset) {
  return {{"openmp", "cpu", [=] {
             const float dt = 1e-3f, eps2 = 1e-2f * 1e-2f;
#pragma omp parallel for schedule(static)
             for (std::size_t i = 0; i < n; ++i) {
               float ax = 0, ay = 0, az = 0;
#pragma omp simd reduction(+ : ax, ay, az)
               for (std::size_t j = 0; j < n; ++j) {
                 float dx = p[3 * j] - p[3 * i], dy = p[3 * j + 1] - p[3 * i + 1], dz = p[3 * j + 2] - p[3 * i + 2];
                 float r2 = dx * dx + dy * dy + dz * dz + eps2;
                 float s = m[j] / (r2 * std::sqrt(r2));
                 ax += s * dx;
                 ay += s * dy;
                 az += s * dz;
               }
               v[3 * i] += ax * dt;
               v[3 * i + 1] += ay * dt;
               v[3 * i + 2] += az * dt;
             }
#pragma omp parallel for simd schedule(static)
             for (std::size_t c = 0; c < 3 * n; ++c) p[c] += v[c] * dt;
           }, "parallel for over bodies, simd reduction over pairs", std::move(reset)}};
}

}  // namespace lanes_bench::peers
