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

namespace detail {

// Throws lanes::error with the arguments streamed into one message.
template <class... Parts>
[[noreturn]] void fail(const Parts&... parts) {
  std::ostringstream message;
  (message << ... << parts);
  throw error(message.str());
}

// a * b, or lanes::error naming `what` when the product does not fit in size_t.
inline std::size_t checked_mul(std::size_t a, std::size_t b, const char* what) {
  std::size_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) fail(what, ": ", a, " * ", b, " overflows size_t");
  return product;
}

}  // namespace detail
}  // namespace lanes
