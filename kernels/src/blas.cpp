// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the BLAS kernels on seq and cpu.
#include "kernels/src/entries/blas.hpp"

namespace lanes::detail {

LANES_FLOAT_ENTRIES(blas_entries, seq, )
LANES_FLOAT_ENTRIES(blas_entries, cpu, )

}  // namespace lanes::detail
