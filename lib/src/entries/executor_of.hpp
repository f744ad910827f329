// SPDX-License-Identifier: Apache-2.0
// The executor that runs a device's work, for the compiled entry points' definitions.
#pragma once

#include <type_traits>

#include "lanes/compiled.hpp"
#include "lanes/device.hpp"
#include "lanes/executor.hpp"

namespace lanes::detail {

template <class Ex>
Ex executor_of(const device& d) {
  if constexpr (std::is_same_v<Ex, seq>)
    return {};
  else if constexpr (std::is_same_v<Ex, cpu>)
    return d.cpu_executor();
  else
    return Ex{d.index()};  // cuda: the device's GPU, on its default stream
}

}  // namespace lanes::detail
