// SPDX-License-Identifier: Apache-2.0
// Integer sums and differences as the algorithms compute them: std::plus or std::minus on a
// signed integer accumulator wraps modulo 2^bits, as unsigned arithmetic does, instead of
// overflowing (undefined behaviour inside the library). Any other op is used as given.
#pragma once

#include <functional>
#include <type_traits>

#include "lanes/config.hpp"

namespace lanes::detail {

template <class Acc>
struct wrapping_plus {
  LANES_HD Acc operator()(Acc a, Acc b) const {
    using U = std::make_unsigned_t<Acc>;
    return Acc(U(U(a) + U(b)));  // back to signed: modulo 2^bits (C++20; GCC, Clang, NVCC before)
  }
};

template <class Acc>
struct wrapping_minus {
  LANES_HD Acc operator()(Acc a, Acc b) const {
    using U = std::make_unsigned_t<Acc>;
    return Acc(U(U(a) - U(b)));
  }
};

template <class Acc, class Op>
constexpr auto defined_op(Op op) {
  constexpr bool wraps = std::is_integral_v<Acc> && std::is_signed_v<Acc>;
  if constexpr (wraps && (std::is_same_v<Op, std::plus<>> || std::is_same_v<Op, std::plus<Acc>>))
    return wrapping_plus<Acc>{};
  else if constexpr (wraps && (std::is_same_v<Op, std::minus<>> || std::is_same_v<Op, std::minus<Acc>>))
    return wrapping_minus<Acc>{};
  else
    return op;
}

}  // namespace lanes::detail
