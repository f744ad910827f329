// SPDX-License-Identifier: Apache-2.0
// lanes::error: the one exception type every Lanes failure is reported with.
#pragma once

#include <cstddef>
#include <sstream>
#include <stdexcept>
#include <string>

namespace lanes {

class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Memory (host or device) ran out; the process can go on.
class out_of_memory : public error {
 public:
  using error::error;
};

// Sizes that do not fit together: a short output, mismatched inputs, a wrong shape.
class size_error : public error {
 public:
  using error::error;
};

// A device that is not there: no driver or GPU, an index out of range, no kernels for it.
class no_device : public error {
 public:
  using error::error;
};

namespace detail {

// Throws E (lanes::error or a kind of it) with the arguments streamed into one message.
template <class E, class... Parts>
[[noreturn]] void fail_as(const Parts&... parts) {
  std::ostringstream message;
  (message << ... << parts);
  throw E(message.str());
}

template <class... Parts>
[[noreturn]] void fail(const Parts&... parts) {
  fail_as<error>(parts...);
}

// a * b, or lanes::error naming `what` when the product does not fit in size_t.
inline std::size_t checked_mul(std::size_t a, std::size_t b, const char* what) {
  std::size_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) fail(what, ": ", a, " * ", b, " overflows size_t");
  return product;
}

}  // namespace detail
}  // namespace lanes
