// The compiled entry points on the CPU backends.
#include "entries.hpp"

namespace lanes::detail {

template <>
seq executor_of<seq>(const device&) {
  return {};
}
template <>
cpu executor_of<cpu>(const device& d) {
  return d.cpu_executor();
}

LANES_ENTRIES_OF(seq, )
LANES_ENTRIES_OF(cpu, )

}  // namespace lanes::detail
