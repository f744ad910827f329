// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the random fills on seq and cpu.
#include "kernels/src/entries/random.hpp"

namespace lanes::detail {

LANES_FLOAT_ENTRIES(random_entries, seq, )
LANES_FLOAT_ENTRIES(random_entries, cpu, )

}  // namespace lanes::detail
