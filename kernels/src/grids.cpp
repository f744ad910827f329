// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the grid and image kernels on seq and cpu.
#include "kernels/src/entries/grids.hpp"

namespace lanes::detail {

LANES_FLOAT_ENTRIES(grid_entries, seq, )
LANES_FLOAT_ENTRIES(grid_entries, cpu, )

}  // namespace lanes::detail
