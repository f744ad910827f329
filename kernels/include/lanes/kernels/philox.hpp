// SPDX-License-Identifier: Apache-2.0
// Philox-4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11): a
// counter-based generator. The output depends only on (counter, key), so every backend and
// every thread count draws the same numbers.
#pragma once

#include <cstdint>

#include "lanes/config.hpp"

namespace lanes::kernels {

struct philox4x32 {
  std::uint32_t v[4];
};

LANES_HD inline philox4x32 philox4x32_10(philox4x32 counter, std::uint32_t key0, std::uint32_t key1) {
  constexpr std::uint32_t m0 = 0xD2511F53u, m1 = 0xCD9E8D57u, w0 = 0x9E3779B9u, w1 = 0xBB67AE85u;
  std::uint32_t* c = counter.v;
  for (int round = 0; round < 10; ++round) {
    std::uint64_t p0 = std::uint64_t(m0) * c[0], p1 = std::uint64_t(m1) * c[2];
    std::uint32_t hi0 = std::uint32_t(p0 >> 32), lo0 = std::uint32_t(p0);
    std::uint32_t hi1 = std::uint32_t(p1 >> 32), lo1 = std::uint32_t(p1);
    philox4x32 next{{hi1 ^ c[1] ^ key0, lo1, hi0 ^ c[3] ^ key1, lo0}};
    counter = next;
    key0 += w0;
    key1 += w1;
  }
  return counter;
}

}  // namespace lanes::kernels
