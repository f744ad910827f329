// SPDX-License-Identifier: Apache-2.0
// The CPU suite's sort tests, and lanes::array taken as a range, compiled by nvcc: with
// LANES_TEST_ON_GPU their shared bodies run on lanes::cuda (tests/support.hpp).
#include "../test_sort.cpp"
#include "../test_ranges.cpp"
