// SPDX-License-Identifier: Apache-2.0
// What gather and scatter's index checks need of the CPU backends' memory: it is the host's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"
#include "lanes/span.hpp"

namespace lanes::detail {

// One element read back to the host, for messages.
template <class Ex>
struct element_reader {
  template <class T>
  static std::remove_cv_t<T> at(const Ex&, span<T> s, std::size_t i) {
    return s[i];
  }
};

// A zeroed bitmap in host memory.
template <class Ex>
class bitmap {
 public:
  bitmap(const Ex&, std::size_t bits) : words_(ceil_div(bits, 64), 0) {}
  std::uint64_t* words() { return words_.data(); }

 private:
  std::vector<std::uint64_t> words_;
};

}  // namespace lanes::detail
