// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the simulations on seq and cpu.
#include "kernels/src/entries/simulations.hpp"

namespace lanes::detail {

LANES_FLOAT_ENTRIES(simulation_entries, seq, )
LANES_FLOAT_ENTRIES(simulation_entries, cpu, )
template struct scalar_entries<seq>;
template struct scalar_entries<cpu>;

}  // namespace lanes::detail
