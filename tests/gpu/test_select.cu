// SPDX-License-Identifier: Apache-2.0
// The CPU suite's copy_if and sequence tests (unique, partitions, reduce_by_key, merge,
// searches, finds, reverse, ...) compiled by nvcc: with LANES_TEST_ON_GPU their shared
// bodies run on lanes::cuda (tests/support.hpp).
#include "../test_select.cpp"
#include "../test_sequences.cpp"
