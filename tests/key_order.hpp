// SPDX-License-Identifier: Apache-2.0
// The documented key order of lanes::sort, written independently of its radix mapping, for
// the tests and the fuzzers to check it against: -inf < ... < -0.0 < +0.0 < ... < +inf, then
// every NaN (NaNs all equal: ties).
#pragma once

#include <cmath>
#include <type_traits>

namespace lanes_test {

template <class T>
bool documented_less(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
    if (a == b) return std::signbit(a) && !std::signbit(b);
  }
  return a < b;
}

template <class T>
bool documented_equal(T a, T b) {
  return !documented_less(a, b) && !documented_less(b, a);
}

}  // namespace lanes_test
