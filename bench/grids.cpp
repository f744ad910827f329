// SPDX-License-Identifier: Apache-2.0
// The grid, image, all-pairs and sparse kernels in lanes-bench: memory-bound ones against
// the bandwidth limit, the all-pairs ones against the OpenMP loop a user would write
// (bench/peers_kernels.cpp).
#include <cmath>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "bench.hpp"
#include "lanes/kernels/grids.hpp"
#include "lanes/kernels/pairs.hpp"
#include "lanes/kernels/sparse.hpp"
#include "lanes/lanes.hpp"
#include "peers.hpp"

namespace lanes_bench {

namespace {

namespace k = lanes::kernels;

// An n x n grid of doubles and its scratch twin.
struct grid_pair {
  explicit grid_pair(std::size_t n) : grid(n * n), scratch(n * n) { lanes::iota(lanes::cpu{}, grid.view(), 0.0); }
  lanes::array<double> grid, scratch;
};

std::vector<job> stencil_jobs(std::size_t n, const devices_t& devices, bool) {
  auto d = std::make_shared<grid_pair>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { k::stencil2d(ex, n, n, 2, d->grid.view(), d->scratch.view()); },
                    "2 Jacobi steps per run on doubles share one in-place sweep; one step at a time would move twice the bytes"});
  });
  return jobs;
}

struct image {
  explicit image(std::size_t n) : pixels(n * n), out(n * n), filter(9), mask(n * n) {
    lanes::iota(lanes::cpu{}, pixels.view(), 0.0f);
    lanes::fill(lanes::cpu{}, filter.view(), 1.0f / 9);
  }
  lanes::array<float> pixels, out, filter;
  lanes::array<std::uint8_t> mask;
};

std::vector<job> conv2d_jobs(std::size_t n, const devices_t& devices, bool) {
  auto d = std::make_shared<image>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      k::conv2d(ex, n, n, lanes::span<const float>(d->pixels.view()), 3,
                                lanes::span<const float>(d->filter.view()), d->out.view());
                    }, "3x3 filter, floats"});
  });
  return jobs;
}

std::vector<job> adaptive_threshold_jobs(std::size_t n, const devices_t& devices, bool) {
  auto d = std::make_shared<image>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      k::adaptive_threshold(ex, n, n, lanes::span<const float>(d->pixels.view()), 11, 2.0f, d->mask.view());
                    }, "11 x 11 mean, floats"});
  });
  return jobs;
}

struct rgb_image {
  explicit rgb_image(std::size_t n) : rgb(3 * n), gray(n), mask(n) {
    lanes::for_each_index(lanes::cpu{}, 3 * n, [p = rgb.view()](std::size_t i) { p[i] = std::uint8_t(i * 7); });
  }
  lanes::array<std::uint8_t> rgb;
  lanes::array<float> gray;
  lanes::array<std::uint8_t> mask;
};

std::vector<job> grayscale_jobs(std::size_t n, const devices_t& devices, bool) {
  auto d = std::make_shared<rgb_image>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { k::grayscale(ex, lanes::span<const std::uint8_t>(d->rgb.view()), d->gray.view()); },
                    "RGB bytes to float luminance"});
  });
  return jobs;
}

std::vector<job> threshold_jobs(std::size_t n, const devices_t& devices, bool) {
  auto d = std::make_shared<rgb_image>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { k::threshold(ex, lanes::span<const float>(d->gray.view()), 100.0f, d->mask.view()); },
                    "float image to a byte mask"});
  });
  return jobs;
}

std::vector<job> distance_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto points = std::make_shared<lanes::array<float>>(3 * n), out = std::make_shared<lanes::array<float>>(n * n);
  lanes::iota(lanes::cpu{}, points->view(), 0.0f);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] { k::distance_matrix(ex, n, 3, lanes::span<const float>(points->view()), out->view()); },
                    "n points in 3 dimensions, floats"});
  });
  if (peers) append(jobs, peers::distance_matrix(points->data(), out->data(), n));
  return jobs;
}

std::vector<job> nbody_jobs(std::size_t n, const devices_t& devices, bool peers) {
  auto pos = std::make_shared<lanes::array<float>>(3 * n), vel = std::make_shared<lanes::array<float>>(3 * n),
       mass = std::make_shared<lanes::array<float>>(n);
  auto reset = [=] {
    lanes::for_each_index(lanes::cpu{}, 3 * n, [p = pos->view()](std::size_t i) { p[i] = float(i % 1000) * 1e-3f; });
    lanes::fill(lanes::cpu{}, vel->view(), 0.0f);
    lanes::fill(lanes::cpu{}, mass->view(), 1.0f / float(n));
  };
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    jobs.push_back({"lanes", name, [=] {
                      k::nbody_step(ex, 1e-3f, 1e-2f, pos->view(), vel->view(), lanes::span<const float>(mass->view()));
                    }, "one step, floats (items: pair interactions)", reset});
  });
  if (peers) append(jobs, peers::nbody(pos->data(), vel->data(), mass->data(), n, reset));
  return jobs;
}

// A random sparse matrix of n rows, 16 entries per row within a band of 4096 columns
// (x stays in cache, as for a mesh ordered by locality), doubles.
struct sparse {
  explicit sparse(std::size_t n) : offsets(n + 1), indices(16 * n), values(16 * n), x(n), y(n) {
    lanes::for_each_index(lanes::cpu{}, n + 1, [o = offsets.view()](std::size_t r) { o[r] = 16 * r; });
    lanes::for_each_index(lanes::cpu{}, 16 * n, [ix = indices.view(), n](std::size_t e) {
      std::size_t row = e / 16, spread = (e * 2654435761u) % 4096;
      ix[e] = std::uint32_t((row + spread + n - 2048) % n);
    });
    lanes::fill(lanes::cpu{}, values.view(), 0.5);
    lanes::fill(lanes::cpu{}, x.view(), 2.0);
  }
  lanes::array<std::uint64_t> offsets;
  lanes::array<std::uint32_t> indices;
  lanes::array<double> values, x, y;
};

std::vector<job> spmv_jobs(std::size_t n, const devices_t& devices, bool) {
  auto d = std::make_shared<sparse>(n);
  std::vector<job> jobs;
  on_cpu_devices(devices, [&](auto ex, const char* name) {
    auto a = k::csr_matrix<double>::checked(ex, n, n, lanes::span<const std::uint64_t>(d->offsets.view()),
                                            lanes::span<const std::uint32_t>(d->indices.view()),
                                            lanes::span<const double>(d->values.view()));
    jobs.push_back({"lanes", name, [=] { k::spmv_csr(ex, a, lanes::span<const double>(d->x.view()), d->y.view()); },
                    "16 entries per row (items: rows), doubles"});
  });
  return jobs;
}

double squared(std::size_t n) { return double(n) * double(n); }
double two_grids(std::size_t n) { return 2 * double(n) * double(n); }

}  // namespace

std::vector<kernel> grid_kernels() {
  // Bytes per item, as the source moves them. stencil2d: its 2 steps share one sweep over
  // the grid of doubles, in place: 8 bytes read and 8 written per cell, 4 + 4 per update (a
  // step at a time would move 16 + 16). spmv: per row 16 entries of value and index and the
  // offset read, y written.
  return {
      {"stencil2d", "Jacobi heat steps on an n x n grid (items: cell updates)", 4096, limit::update, {4, 4}, 4, false,
       stencil_jobs, 1, two_grids},
      {"conv2d", "3x3 filter over an n x n float image (items: pixels)", 4096, limit::copy, {4, 4}, 18, false, conv2d_jobs, 1,
       squared},
      {"grayscale", "RGB bytes to luminance, n pixels", std::size_t(1) << 26, limit::copy, {3, 4}, 5, false, grayscale_jobs},
      {"threshold", "global threshold of n floats", std::size_t(1) << 26, limit::copy, {4, 1}, 0, false, threshold_jobs},
      {"adaptive_threshold", "11 x 11 adaptive mean threshold, n x n floats", 2048, limit::none, {}, 0, true,
       adaptive_threshold_jobs, 1, squared},
      {"distance_matrix", "all distances of n points in 3D (items: pairs)", 8192, limit::none, {}, 9, true,
       distance_jobs, 1, squared},
      {"nbody", "one all-pairs gravity step of n bodies", 16384, limit::none, {}, 20, true, nbody_jobs, 1, squared},
      {"spmv_csr", "y = A x, n rows of 16 entries", std::size_t(1) << 21, limit::read, {16 * 12 + 8, 8}, 32, false,
       spmv_jobs},
  };
}

}  // namespace lanes_bench
