// SPDX-License-Identifier: Apache-2.0
// The CPU suite's for_each_index and transform tests compiled by nvcc: with
// LANES_TEST_ON_GPU their shared bodies run on lanes::cuda (tests/support.hpp).
#include "../test_for_each.cpp"
