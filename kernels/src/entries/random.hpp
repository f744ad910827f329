// SPDX-License-Identifier: Apache-2.0
// The compiled entry points of the random fills (lanes/compiled.hpp), defined once for every
// executor; instantiated per backend (see LANES_FLOAT_ENTRIES).
#pragma once

#include <cstdint>

#include "lib/src/entries/executor_of.hpp"
#include "lanes/kernels/random.hpp"

namespace lanes::detail {

template <class Ex, class T>
void random_entries<Ex, T>::uniform(const device& d, span<T> out, std::uint64_t seed, std::uint64_t stream,
                                    std::uint64_t offset, T lo, T hi) {
  random::uniform(executor_of<Ex>(d), out, random::philox{seed, offset, stream}, lo, hi);
}
template <class Ex, class T>
void random_entries<Ex, T>::normal(const device& d, span<T> out, std::uint64_t seed, std::uint64_t stream,
                                   std::uint64_t offset, T mean, T stddev) {
  random::normal(executor_of<Ex>(d), out, random::philox{seed, offset, stream}, mean, stddev);
}
template <class Ex, class T>
void random_entries<Ex, T>::bernoulli(const device& d, span<T> out, std::uint64_t seed, std::uint64_t stream,
                                      std::uint64_t offset, double p) {
  random::bernoulli(executor_of<Ex>(d), out, random::philox{seed, offset, stream}, p);
}

}  // namespace lanes::detail
