// SPDX-License-Identifier: Apache-2.0
// The logarithm, sine and cosine that random::normal's Box-Muller pairs need, in plain
// arithmetic: a loop over pairs vectorises (the C library's log, sin and cos are calls, one
// item at a time), and every executor, a GPU's included, computes the same bits (the
// operations are IEEE's: +, -, *, /, sqrt, conversions, and no fused multiply-add is allowed in Lanes'
// builds).
//
// Their arguments are those of the pairs: log_unit(u) for u in (0, 1]; sincos_turns(u) for u
// in [0, 1) a multiple of 2^-24 (float) or 2^-53 (double). log within 1 ulp, sin and cos
// within 2^-23 (float) or 2^-52 (double) of the exact values: tests/test_random.cpp checks
// them against long double (measured: 0.86 and 1.64 units of 2^-24 for float, 0.98 and
// 1.61 units of 2^-53 for double).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "lanes/config.hpp"

namespace lanes::kernels::impl {

// c0 + c1 z + c2 z^2 + ..., by Horner's rule (written out, so that the loop around it
// vectorises).
template <class T>
LANES_HD inline T polynomial(T, T c0) {
  return c0;
}
template <class T, class... C>
LANES_HD inline T polynomial(T z, T c0, C... c) {
  return c0 + z * polynomial(z, T(c)...);
}

// log u = e log 2 + log m, u = m 2^e with m in [sqrt(1/2), sqrt(2)) taken from u's bits;
// then fdlibm's form: with f = m - 1 (exact), s = f / (2 + f), z = s^2,
//   log m = 2 atanh s = f - f^2/2 + s (f^2/2 + R),  R = 2 z/3 + 2 z^2/5 + ...
// R to z^4 (float) or z^9 (double), where the first term left out is below 2^-28 or 2^-55 of
// the sum, and log 2 in two parts, the first exact times e.
template <class T>
LANES_HD LANES_IN_CLONES inline T log_unit(T u) {
  constexpr bool single = std::is_same_v<T, float>;
  using bits = std::conditional_t<single, std::uint32_t, std::uint64_t>;
  using signed_bits = std::conditional_t<single, std::int32_t, std::int64_t>;
  constexpr int mantissa = single ? 23 : 52;
  constexpr bits sqrt_half = single ? bits(0x3F3504F3u) : bits(0x3FE6A09E667F3BCDull);
  constexpr T ln2_hi = single ? T(6.9313812256e-01f) : T(6.93147180369123816490e-01);
  constexpr T ln2_lo = single ? T(9.0580006145e-06f) : T(1.90821492927058770002e-10);
  bits b;
  std::memcpy(&b, &u, sizeof b);
  const bits shifted = b - sqrt_half;  // exponent of u / sqrt(1/2), mantissa of m / sqrt(1/2)
  const T e = T(signed_bits(shifted) >> mantissa);
  const bits m_bits = (shifted & ((bits(1) << mantissa) - 1)) + sqrt_half;
  T m;
  std::memcpy(&m, &m_bits, sizeof m);
  const T f = m - T(1), s = f / (T(2) + f), z = s * s, half_f2 = T(0.5) * f * f;
  T r;
  if constexpr (single) {
    r = z * polynomial(z, 2.0f / 3, 2.0f / 5, 2.0f / 7, 2.0f / 9);
  } else {
    r = z * polynomial(z, 2.0 / 3, 2.0 / 5, 2.0 / 7, 2.0 / 9, 2.0 / 11, 2.0 / 13, 2.0 / 15, 2.0 / 17, 2.0 / 19);
  }
  return e * ln2_hi - ((half_f2 - (s * (half_f2 + r) + e * ln2_lo)) - f);
}

// sin and cos of 2 pi u: u = q / 4 + r, q the nearest quarter turn (r = u - q / 4 is exact, a
// multiple of 2^-24 or 2^-53 no larger than 1/8), x = 2 pi r in [-pi/4, pi/4], and Taylor
// series of x (to x^9 and x^10 for float, x^17 and x^18 for double: the first term left out
// is below 2^-28 or 2^-57). The quarter turn swaps and negates them.
template <class T>
LANES_HD LANES_IN_CLONES inline void sincos_turns(T u, T& sin_t, T& cos_t) {
  const int q = int(T(4) * u + T(0.5));  // floor: the sum is positive (floor itself vectorises less)
  const T x = T(6.283185307179586476925286766559) * (u - T(0.25) * T(q)), z = x * x;
  T s, c;
  if constexpr (std::is_same_v<T, float>) {
    s = x * polynomial(z, 1.0f, -1.0f / 6, 1.0f / 120, -1.0f / 5040, 1.0f / 362880);
    c = polynomial(z, 1.0f, -1.0f / 2, 1.0f / 24, -1.0f / 720, 1.0f / 40320, -1.0f / 3628800);
  } else {
    s = x * polynomial(z, 1.0, -1.0 / 6, 1.0 / 120, -1.0 / 5040, 1.0 / 362880, -1.0 / 39916800, 1.0 / 6227020800,
                       -1.0 / 1307674368000, 1.0 / 355687428096000);
    c = polynomial(z, 1.0, -1.0 / 2, 1.0 / 24, -1.0 / 720, 1.0 / 40320, -1.0 / 3628800, 1.0 / 479001600,
                   -1.0 / 87178291200, 1.0 / 20922789888000, -1.0 / 6402373705728000);
  }
  const int quarter = q & 3;  // sin(t + k pi/2), cos(t + k pi/2): (s, c), (c, -s), (-s, -c), (-c, s)
  const T a = quarter & 1 ? c : s, b = quarter & 1 ? s : c;
  sin_t = quarter & 2 ? -a : a;
  cos_t = (quarter + 1) & 2 ? -b : b;
}

}  // namespace lanes::kernels::impl
