// SPDX-License-Identifier: Apache-2.0
// How many items one index of a kernel's group body covers.
#pragma once

#include <cstddef>

namespace lanes::kernels::impl {

// On the CPU a group of items runs side by side in vector registers (its body an AVX-512
// or AVX2 clone where the processor has one: LANES_SIMD_CLONES), so an index covers
// cpu_items; a GPU thread takes one item, since the GPU hides latency with threads, not
// with registers (lanes/cuda/for_each.cuh specialises this for cuda).
template <class Ex>
struct items_per_index {
  static constexpr std::size_t of(std::size_t cpu_items) { return cpu_items; }
};

// Whether a kernel may carry data through several steps while it sits in a CPU core's cache
// (stencil2d's fused steps); the GPU runs one step per launch (specialised beside
// items_per_index).
template <class Ex>
struct reuses_cache {
  static constexpr bool value = true;
};

}  // namespace lanes::kernels::impl
