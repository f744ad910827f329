// The compiled entry points on cuda: the same definitions as the CPU's, on the GPU the
// device names, on its default stream.
#include "lanes/cuda.cuh"

#include "../../kernels/src/entries.hpp"

namespace lanes::detail {

template <>
cuda executor_of<cuda>(const device& d) {
  return cuda{d.index()};
}

LANES_ENTRIES_OF(cuda, )

}  // namespace lanes::detail
