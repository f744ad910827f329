// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of every kernel on cuda: the same definitions as the CPU's, on
// the GPU the device names, on its default stream.
#include "lanes/cuda.cuh"

#include "kernels/src/entries/blas.hpp"
#include "kernels/src/entries/grids.hpp"
#include "kernels/src/entries/pairs.hpp"
#include "kernels/src/entries/random.hpp"
#include "kernels/src/entries/simulations.hpp"

namespace lanes::detail {

LANES_FLOAT_ENTRIES(blas_entries, cuda, )
LANES_FLOAT_ENTRIES(grid_entries, cuda, )
LANES_FLOAT_ENTRIES(pair_entries, cuda, )
LANES_FLOAT_ENTRIES(simulation_entries, cuda, )
LANES_FLOAT_ENTRIES(random_entries, cuda, )
template struct scalar_entries<cuda>;

}  // namespace lanes::detail
