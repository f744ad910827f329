// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the algorithms on seq and cpu.
#include "lib/src/entries/algorithms.hpp"

namespace lanes::detail {

LANES_ELEMENT_ENTRIES(algorithm_entries, seq, )
LANES_ELEMENT_ENTRIES(algorithm_entries, cpu, )

}  // namespace lanes::detail
