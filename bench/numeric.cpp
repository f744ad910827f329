// SPDX-License-Identifier: Apache-2.0
// The numeric kernels (issue: kernels written once) in lanes-bench, with OpenBLAS as the
// peer of the BLAS ones and, for the compute-bound ones, the OpenMP loop a user would write
// (same arithmetic, all threads: bench/peers_kernels.cpp).
#include <cblas.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "bench.hpp"
#include "lanes/kernels/blas.hpp"
#include "lanes/kernels/gemm.hpp"
#include "lanes/kernels/simulations.hpp"
#include "lanes/lanes.hpp"
#include "peers.hpp"

extern "C" char* openblas_get_corename(void);
extern "C" int openblas_get_num_threads(void);

namespace lanes_bench {

namespace {

namespace k = lanes::kernels;
volatile double sink;

std::string openblas_note() {
  return std::string("OpenBLAS ") + openblas_get_corename() + " kernel, " + std::to_string(openblas_get_num_threads()) +
         " threads";
}

struct vectors {
  explicit vectors(std::size_t n) : x(n), y(n) {
    lanes::fill(lanes::cpu{}, x.view(), 0.5f);
    lanes::fill(lanes::cpu{}, y.view(), 0.25f);
  }
  lanes::array<float> x, y;
};

std::vector<job> axpy_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<vectors>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { k::axpy(ex, 1e-7f, lanes::span<const float>(d->x.view()), d->y.view()); }});
  });
  if (peers)
    jobs.push_back({"openblas", "cpu", [=] { cblas_saxpy(int(n), 1e-7f, d->x.data(), 1, d->y.data(), 1); }, openblas_note()});
  return jobs;
}

std::vector<job> scal_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<vectors>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { k::scal(ex, -1.0f, d->x.view()); }});
  });
  if (peers) jobs.push_back({"openblas", "cpu", [=] { cblas_sscal(int(n), -1.0f, d->x.data(), 1); }, openblas_note()});
  return jobs;
}

std::vector<job> nrm2_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<vectors>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { sink = k::nrm2(ex, lanes::span<const float>(d->x.view())); }});
  });
  if (peers) jobs.push_back({"openblas", "cpu", [=] { sink = cblas_snrm2(int(n), d->x.data(), 1); }, openblas_note()});
  return jobs;
}

std::vector<job> dot_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<vectors>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      sink = k::dot(ex, lanes::span<const float>(d->x.view()), lanes::span<const float>(d->y.view()));
                    }});
  });
  if (peers)
    jobs.push_back({"openblas", "cpu", [=] { sink = cblas_dsdot(int(n), d->x.data(), 1, d->y.data(), 1); },
                    openblas_note() + ", dsdot (double accumulation)"});
  return jobs;
}

// Square float matrices of side n.
struct matrices {
  explicit matrices(std::size_t n) : a(n * n), b(n * n), c(n * n), x(n), y(n) {
    lanes::fill(lanes::cpu{}, a.view(), 0.001f);
    lanes::fill(lanes::cpu{}, b.view(), 0.002f);
    lanes::fill(lanes::cpu{}, x.view(), 1.0f);
  }
  lanes::array<float> a, b, c, x, y;
};

std::vector<job> gemv_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<matrices>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      k::gemv(ex, n, n, 1.0f, lanes::span<const float>(d->a.view()), lanes::span<const float>(d->x.view()),
                              0.0f, d->y.view());
                    }});
  });
  if (peers)
    jobs.push_back({"openblas", "cpu", [=] {
                      cblas_sgemv(CblasRowMajor, CblasNoTrans, int(n), int(n), 1.0f, d->a.data(), int(n), d->x.data(), 1,
                                  0.0f, d->y.data(), 1);
                    }, openblas_note()});
  return jobs;
}

std::vector<job> gemm_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto d = std::make_shared<matrices>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      k::gemm(ex, n, n, n, 1.0f, lanes::span<const float>(d->a.view()),
                              lanes::span<const float>(d->b.view()), 0.0f, d->c.view());
                    }});
  });
  if (peers)
    jobs.push_back({"openblas", "cpu", [=] {
                      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(n), int(n), int(n), 1.0f, d->a.data(),
                                  int(n), d->b.data(), int(n), 0.0f, d->c.data(), int(n));
                    }, openblas_note()});
  return jobs;
}

std::vector<job> monte_carlo_jobs(std::size_t n, const devices_t& devices, bool peers) {
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { sink = k::monte_carlo_pi(ex, n, 42); }});
  });
  if (peers) append(jobs, peers::monte_carlo_pi(n));
  return jobs;
}

std::vector<job> primes_jobs(std::size_t n, const devices_t& devices, bool peers) {
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { sink = double(k::count_primes(ex, 0, n)); }});
  });
  if (peers) append(jobs, peers::count_primes(n));
  return jobs;
}

std::vector<job> particles_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto x = std::make_shared<lanes::array<double>>(n), y = std::make_shared<lanes::array<double>>(n),
       w = std::make_shared<lanes::array<double>>(n);
  auto reset = [=] {
    lanes::fill(lanes::cpu{}, x->view(), 0.3);
    lanes::fill(lanes::cpu{}, y->view(), 0.5);
    lanes::iota(lanes::cpu{}, w->view(), 1.0);
  };
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      k::particles_evolve(ex, x->view(), y->view(), lanes::span<const double>(w->view()), 0.1);
                    }, "dt = 0.1 (10000 steps), doubles", reset});
  });
  if (peers) append(jobs, peers::particles(x->data(), y->data(), w->data(), n, reset));
  return jobs;
}

std::vector<job> mandelbrot_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto counts = std::make_shared<lanes::array<std::uint32_t>>(n * n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      k::mandelbrot(ex, n, n, -2.0, 1.0, -1.5, 1.5, 256u, counts->view());
                    }, "n x n grid, at most 256 iterations"});
  });
  if (peers) append(jobs, peers::mandelbrot(counts->data(), n));
  return jobs;
}

}  // namespace

double squared(std::size_t n) { return double(n) * double(n); }
double cubed(std::size_t n) { return double(n) * double(n) * double(n); }
double particle_steps(std::size_t n) { return double(n) * 10000; }  // dt = 0.1: (int)(0.1 / 1e-5) steps

std::vector<kernel> numeric_kernels() {
  std::vector<kernel> all = {
      {"axpy", "y = a x + y over floats", std::size_t(1) << 26, limit::axpy, {8, 4}, 2, false, axpy_jobs},
      {"scal", "x = a x over floats, in place", std::size_t(1) << 26, limit::update, {4, 4}, 1, false, scal_jobs},
      {"dot", "sum of x y over floats, accumulated in double", std::size_t(1) << 26, limit::read2, {8, 0}, 2, false, dot_jobs},
      {"nrm2", "Euclidean norm of floats, accumulated in double", std::size_t(1) << 26, limit::read, {4, 0}, 2, false,
       nrm2_jobs},
      {"gemv", "y = A x, A n x n floats, row-major", 8192, limit::read, {4, 0}, 2, false, gemv_jobs, 1, squared},
      {"gemm", "C = A B, n x n floats, row-major", 2048, limit::none, {}, 2, false, gemm_jobs, 1, cubed},
      {"monte_carlo_pi", "pi from n Philox points", std::size_t(1) << 26, limit::none, {}, 0, true, monte_carlo_jobs},
      {"count_primes", "primes below n by trial division", std::size_t(1) << 22, limit::none, {}, 0, true, primes_jobs},
      {"particles", "n particles of the circular-motion simulator (items: particle steps)", 1000, limit::none, {}, 0,
       true, particles_jobs, 1, particle_steps},
      {"mandelbrot", "escape counts on an n x n grid", 2048, limit::none, {}, 0, true, mandelbrot_jobs, 1, squared},
  };
  return all;
}

}  // namespace lanes_bench
