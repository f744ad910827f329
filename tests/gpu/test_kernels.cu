// SPDX-License-Identifier: Apache-2.0
// The CPU suite's BLAS, gemm, Monte Carlo, primes, particles, Mandelbrot and random-fill
// tests compiled by nvcc: with LANES_TEST_ON_GPU their shared bodies run on lanes::cuda
// (tests/support.hpp).
#include "../test_kernels.cpp"
#include "../test_random.cpp"
