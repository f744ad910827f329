// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the algorithms on cuda: the same definitions as the CPU's, on
// the GPU the device names, on its default stream.
#include "lanes/cuda.cuh"

#include "lib/src/entries/algorithms.hpp"

namespace lanes::detail {

LANES_ELEMENT_ENTRIES(algorithm_entries, cuda, )

}  // namespace lanes::detail
