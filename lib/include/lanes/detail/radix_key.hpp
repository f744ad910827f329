// SPDX-License-Identifier: Apache-2.0
// Radix keys: each arithmetic key maps to an unsigned integer whose order is the key order
// Lanes promises: integers as usual; floats -inf < ... < -0.0 < +0.0 < ... < +inf, then
// every NaN, whatever its sign or payload (all NaNs tie, so a stable sort keeps their order).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "lanes/config.hpp"

namespace lanes::detail {

template <std::size_t Bytes>
struct unsigned_of_size;
template <> struct unsigned_of_size<1> { using type = std::uint8_t; };
template <> struct unsigned_of_size<2> { using type = std::uint16_t; };
template <> struct unsigned_of_size<4> { using type = std::uint32_t; };
template <> struct unsigned_of_size<8> { using type = std::uint64_t; };

template <class Key>
using radix_bits_t = typename unsigned_of_size<sizeof(Key)>::type;

template <class Key>
inline constexpr bool is_radix_key_v =
    (std::is_integral_v<Key> && !std::is_same_v<Key, bool>) ||
    (std::is_floating_point_v<Key> && std::numeric_limits<Key>::is_iec559 && sizeof(Key) <= 8);

// The sign bit of a float (true for -0.0 and negative NaNs), on host and device alike.
template <class T>
LANES_HD bool sign_bit(T x) {
  radix_bits_t<T> bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits >> (8 * sizeof(T) - 1);
}

template <class Key>
LANES_HD radix_bits_t<Key> radix_bits(Key key) {
  using U = radix_bits_t<Key>;
  constexpr U sign = U(1) << (8 * sizeof(Key) - 1);
  if constexpr (std::is_floating_point_v<Key>) {
    if (key != key) return std::numeric_limits<U>::max();  // every NaN, last
    U bits;
    std::memcpy(&bits, &key, sizeof bits);
    // Negatives reversed (all bits flipped), below positives (sign bit set): without a
    // branch, which random signs mispredict half the time (a float sort took 1.5x as long).
    const U negative = U(U(0) - (bits >> (8 * sizeof(Key) - 1)));
    return U(bits ^ (negative | sign));
  } else if constexpr (std::is_signed_v<Key>) {
    return U(U(key) ^ sign);
  } else {
    return U(key);
  }
}

// The order of sort, for the algorithms where order or equality matters (unique, merge,
// searches, reduce_by_key): arithmetic keys by their radix bits (so -0.0 < +0.0, and every
// NaN equal to every other and after +inf); any other type by its < and ==.
struct key_less {
  template <class T>
  LANES_HD bool operator()(const T& a, const T& b) const {
    if constexpr (is_radix_key_v<T>)
      return radix_bits(a) < radix_bits(b);
    else
      return a < b;
  }
};
struct key_equal {
  template <class T>
  LANES_HD bool operator()(const T& a, const T& b) const {
    if constexpr (is_radix_key_v<T>)
      return radix_bits(a) == radix_bits(b);
    else
      return a == b;
  }
};

// Whether item i + 1 begins a run of equal items (it differs from item i). Two neighbours
// and no test on i, so a count over it vectorises (run_head's i == 0 kept GCC from it: 16M
// uint32 counted in 12 ms, not 5.7, on one Zen 5 core).
template <class T, class Eq>
struct next_differs {
  const T* items;
  Eq eq;
  LANES_HD bool operator()(std::size_t i) const { return !eq(items[i], items[i + 1]); }
};

// Whether item i begins a run of equal items (i == 0, or items[i] differs from items[i - 1]).
template <class T, class Eq>
struct run_head {
  const T* items;
  Eq eq;
  LANES_HD bool operator()(std::size_t i) const { return i == 0 || !eq(items[i - 1], items[i]); }
};

}  // namespace lanes::detail
