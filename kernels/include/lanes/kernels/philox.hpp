// SPDX-License-Identifier: Apache-2.0
// Philox-4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11): a
// counter-based generator. The output depends only on (counter, key), so every backend and
// every thread count draws the same numbers.
#pragma once

#include <cstddef>
#include <cstdint>

#include "lanes/config.hpp"

namespace lanes::kernels {

struct philox4x32 {
  std::uint32_t v[4];
};

// The round's multipliers and the key's increments (Weyl sequence).
inline constexpr std::uint32_t philox_m0 = 0xD2511F53u, philox_m1 = 0xCD9E8D57u;
inline constexpr std::uint32_t philox_w0 = 0x9E3779B9u, philox_w1 = 0xBB67AE85u;

// The ten rounds on G counters side by side, word k of counter l in w[k][l]: a loop over
// the lanes in each round, so that random fills vectorise it across counters
// (lanes/kernels/random.hpp's portable path); philox4x32_10 below is G = 1.
template <std::size_t G>
LANES_HD inline void philox4x32_10_rounds(std::uint32_t (&w)[4][G], std::uint32_t key0, std::uint32_t key1) {
  for (int round = 0; round < 10; ++round) {
    for (std::size_t l = 0; l < G; ++l) {
      const std::uint64_t p0 = std::uint64_t(philox_m0) * w[0][l], p1 = std::uint64_t(philox_m1) * w[2][l];
      const std::uint32_t next0 = std::uint32_t(p1 >> 32) ^ w[1][l] ^ key0;
      const std::uint32_t next2 = std::uint32_t(p0 >> 32) ^ w[3][l] ^ key1;
      w[0][l] = next0;
      w[1][l] = std::uint32_t(p1);
      w[2][l] = next2;
      w[3][l] = std::uint32_t(p0);
    }
    key0 += philox_w0;
    key1 += philox_w1;
  }
}

LANES_HD inline philox4x32 philox4x32_10(philox4x32 counter, std::uint32_t key0, std::uint32_t key1) {
  std::uint32_t w[4][1] = {{counter.v[0]}, {counter.v[1]}, {counter.v[2]}, {counter.v[3]}};
  philox4x32_10_rounds<1>(w, key0, key1);
  return {{w[0][0], w[1][0], w[2][0], w[3][0]}};
}

}  // namespace lanes::kernels
