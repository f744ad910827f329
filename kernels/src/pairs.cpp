// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the all-pairs and sparse kernels on seq and cpu.
#include "kernels/src/entries/pairs.hpp"

namespace lanes::detail {

LANES_FLOAT_ENTRIES(pair_entries, seq, )
LANES_FLOAT_ENTRIES(pair_entries, cpu, )

}  // namespace lanes::detail
