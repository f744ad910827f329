// SPDX-License-Identifier: Apache-2.0
// Validation: every call through the compiled entry points (lanes/compiled.hpp), and so the
// C ABI and Python, also runs on a reference device, on copies of its inputs, and its
// results are compared with the reference's. A mismatch throws lanes::validation_error
// naming the call, the first differing element, both values and both devices.
//
//   { lanes::validate::with check(lanes::device("seq"));  // this thread's calls, in this scope
//     lanes::compiled::sort(lanes::device("cpu"), keys); }  // also sorted on seq, compared
//
// LANES_VALIDATE=SPEC in the environment (read at the first call) does the same for every
// thread outside such a scope; with LANES_VALIDATE_WARN=1 a mismatch is written to stderr
// (and to the trace, when tracing) and the call returns the checked device's results.
//
// Results compare bit for bit: Lanes promises the same bits on every executor and thread
// count (fixed reduction order, -ffp-contract=off and --fmad=false). Two compare within a
// bound: gemm, as its CPU and GPU paths sum k in different orders (gemm_tolerance), and
// floating scans where a GPU is one side (scan_tolerance; CPU executors agree bit for bit).
// Off, a call pays one relaxed atomic load (scans and gemm, which compute a bound: two).
#pragma once

#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iomanip>
#include <limits>
#include <sstream>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "lanes/array.hpp"
#include "lanes/device.hpp"
#include "lanes/error.hpp"
#include "lanes/min_max.hpp"
#include "lanes/span.hpp"

namespace lanes {

// A call whose results on its device differ from those on the reference device.
class validation_error : public error {
 public:
  using error::error;
};

namespace validate {

// While it lives, this thread's calls are also run on `reference` and compared. Scopes nest
// (the innermost counts) and must end in reverse order on the thread that made them.
class with {
 public:
  explicit with(const device& reference);
  ~with();
  with(const with&) = delete;
  with& operator=(const with&) = delete;

 private:
  device reference_;
  const device* outer_;
};

}  // namespace validate

namespace detail {

// Live validate::with scopes plus one while LANES_VALIDATE is set (and before it is read).
extern std::atomic<int> validating;

// The device this thread's call on `d` is checked against, or null: none set, or the same
// device as d. The first call reads LANES_VALIDATE; a bad spec is thrown there, once.
const device* validation_reference(const device& d);

// The reference of a call on d, or null: one relaxed load when nothing is validated.
inline const device* reference_for(const device& d) {
  return validating.load(std::memory_order_relaxed) != 0 ? validation_reference(d) : nullptr;
}

inline bool on_gpu(const device& d) { return d.type() == device::kind::cuda; }

// Whether d's call is validated with a GPU on one side (where floating scans get a bound).
inline bool validated_with_gpu(const device& d) {
  const device* reference = reference_for(d);
  return reference != nullptr && (on_gpu(d) || on_gpu(*reference));
}

// Test only: the next validated call on this thread flips a high bit of item `index` of its
// first output (of its result if it has no output span, or index is past the output's end)
// before comparing, as a backend that got one element wrong would.
void corrupt_next_validated_call(std::size_t index);
bool take_corruption(std::size_t& index) noexcept;

// Throws validation_error with `message`, or, under LANES_VALIDATE_WARN=1, writes it to
// stderr and the trace and returns.
void mismatch(const std::string& message, const char* call, const device& d);

// A call through the compiled entry points, as its trace event and its validation see it:
// its name, its arguments' names after the device (space-separated, for messages), its
// size, the bytes of its arrays, and the difference validation allows (0: the same bits).
struct call {
  const char* name;
  const char* arguments;
  std::size_t n;
  std::size_t bytes = 0;
  double tolerance = 0;
};

// A span the call may overwrite and whose contents afterwards are unspecified (scratch):
// copied for the reference, never compared.
template <class T>
struct workspace {
  span<T> items;
};

template <class A>
A argument(A a) {
  return a;
}
template <class T>
span<T> argument(workspace<T> w) {
  return w.items;
}

template <class A>
struct is_span_argument : std::false_type {};
template <class T>
struct is_span_argument<span<T>> : std::true_type {};
template <class T>
struct is_span_argument<workspace<T>> : std::true_type {};

template <class A>
inline constexpr bool is_output = false;  // a span the call writes, compared after it
template <class T>
inline constexpr bool is_output<span<T>> = !std::is_const_v<T>;

// dst = src, bytes long; through the GPU's copy when either side is GPU memory.
void copy_between(void* dst, const void* src, std::size_t bytes, bool through_gpu);

// A span's items on `to`, copied from `from`; anything else as it is.
template <class A>
auto reference_copy(const device& to, const device& from, const A& a) {
  if constexpr (is_span_argument<A>::value) {
    auto items = argument(a);
    using T = std::remove_const_t<typename decltype(items)::value_type>;
    array<T> copy(items.size(), to);
    copy_between(copy.data(), items.data(), items.size() * sizeof(T), on_gpu(to) || on_gpu(from));
    return copy;
  } else {
    return a;
  }
}

// The argument to pass the reference: a span of the copy, as writable as the original.
template <class A, class Copy>
auto reference_argument(const A&, Copy& copy) {
  if constexpr (is_span_argument<A>::value) {
    using T = typename decltype(argument(std::declval<A>()))::value_type;
    span<T> items(copy.data(), copy.size());
    if constexpr (std::is_same_v<A, workspace<std::remove_const_t<T>>>)
      return workspace<T>{items};
    else
      return items;
  } else {
    return copy;
  }
}

template <class T>
std::vector<std::remove_const_t<T>> on_host(const device& from, span<T> items) {
  std::vector<std::remove_const_t<T>> host(items.size());
  copy_between(host.data(), items.data(), items.size() * sizeof(T), on_gpu(from));
  return host;
}

// gemm's allowed difference: each entry is k products summed in another order (and with
// FMA on one side), so two results differ by at most 2 gamma_k (|alpha| sum_p |a_ip b_pj| +
// |beta c_ij|), gamma_k ~ (k + 2) eps (Higham), bounded here with the largest magnitudes.
template <class T>
double gemm_tolerance(const device& d, std::size_t k, T alpha, span<const T> a, span<const T> b, T beta,
                      span<const T> c) {
  const auto largest = [&](span<const T> items) {
    double m = 0;
    for (T v : on_host(d, items)) m = std::fmax(m, std::fabs(double(v)));
    return m;
  };
  const double magnitude = std::fabs(double(alpha)) * double(k) * largest(a) * largest(b) +
                           (beta == T(0) ? 0.0 : std::fabs(double(beta)) * largest(c));
  return 2.0 * double(k + 2) * double(std::numeric_limits<T>::epsilon()) * magnitude;
}

// A floating scan's allowed difference where a GPU is involved (CPU executors agree bit
// for bit): CUB combines the items in another order than the CPU's blocks, so a prefix of
// i items may differ by 2 gamma_i sum |x_j|, bounded here by 2 (n + 2) eps sum |x|.
template <class T>
double scan_tolerance(const device& d, span<const T> in) {
  if constexpr (!std::is_floating_point_v<T>) {
    return 0;
  } else {
    double total = 0;
    for (T v : on_host(d, in)) total += std::fabs(double(v));
    return 2.0 * double(in.size() + 2) * double(std::numeric_limits<T>::epsilon()) * total;
  }
}

std::string nth_word(const char* words, std::size_t n);

template <class T>
std::string shown(T v) {
  std::ostringstream out;
  if constexpr (std::is_floating_point_v<T>)
    out << std::setprecision(std::numeric_limits<T>::max_digits10) << v;
  else
    out << +v;
  return out.str();
}

template <class T>
bool agree(T got, T want, double tolerance) {
  if (std::memcmp(&got, &want, sizeof(T)) == 0) return true;
  if constexpr (std::is_floating_point_v<T>) {
    if (tolerance > 0)
      return (std::isnan(got) && std::isnan(want)) || got == want ||
             std::fabs(double(got) - double(want)) <= tolerance;
  }
  return false;
}

// Compares what one output holds on d and on the reference; reports the first difference.
template <class T>
void compare_items(const call& c, const std::string& what, const device& d, const device& ref,
                   const std::vector<T>& got, const std::vector<T>& want) {
  for (std::size_t i = 0; i < got.size(); ++i)
    if (!agree(got[i], want[i], c.tolerance)) {
      std::ostringstream message;
      message << "lanes: validating " << c.name << " on " << d.name() << " against " << ref.name() << ": " << what
              << "[" << i << "] is " << shown(got[i]) << " there but " << shown(want[i]) << " on " << ref.name();
      if (c.tolerance > 0) message << " (allowed difference " << shown(c.tolerance) << ")";
      mismatch(message.str(), c.name, d);
      return;
    }
}

template <class R>
void compare_result(const call& c, const device& d, const device& ref, const R& got, const R& want) {
  compare_items(c, "the result", d, ref, std::vector<R>{got}, std::vector<R>{want});
}
template <class T>
void compare_result(const call& c, const device& d, const device& ref, const min_max_result<T>& got,
                    const min_max_result<T>& want) {
  compare_items(c, "min", d, ref, std::vector<T>{got.min}, std::vector<T>{want.min});
  compare_items(c, "max", d, ref, std::vector<T>{got.max}, std::vector<T>{want.max});
}

// The second-highest bit: a float's top exponent bit, so that gemm's bound cannot hide it.
template <class T>
void flip_a_high_bit(T& item) {
  unsigned char bytes[sizeof(T)];
  std::memcpy(bytes, &item, sizeof(T));
  bytes[sizeof(T) - 1] ^= 0x40;  // little-endian
  std::memcpy(&item, bytes, sizeof(T));
}
template <class T>
void flip_a_high_bit(min_max_result<T>& r) {
  flip_a_high_bit(r.min);
}

// run(device, arguments...) on d, then on ref with copies of the arguments taken before d's
// run (so an input that d's call overwrote in place reaches ref as it was), then compared.
template <class Run, class... Args>
auto validated(const call& c, const device& d, const device& ref, Run& run, const Args&... args) {
  auto copies = std::make_tuple(reference_copy(ref, d, args)...);
  auto on_reference = [&] {
    return std::apply([&](auto&... copy) { return run(ref, reference_argument(args, copy)...); }, copies);
  };
  std::size_t corrupt = 0;
  const auto compare_outputs = [&](bool& corrupted) {
    std::size_t position = 0;
    const auto compare_one = [&](const auto& a, const auto& copy) {
      using A = std::decay_t<decltype(a)>;
      if constexpr (is_output<A>) {
        auto got = on_host(d, a);
        auto want = on_host(ref, span<const typename A::value_type>(copy.data(), copy.size()));
        if (corrupted && corrupt < got.size()) {
          flip_a_high_bit(got[corrupt]);
          corrupted = false;
        }
        compare_items(c, nth_word(c.arguments, position), d, ref, got, want);
      }
      ++position;
    };
    std::apply([&](const auto&... copy) { (compare_one(args, copy), ...); }, copies);
  };
  using R = decltype(run(d, args...));
  if constexpr (std::is_void_v<R>) {
    run(d, args...);
    bool corrupted = take_corruption(corrupt);
    on_reference();
    compare_outputs(corrupted);
  } else {
    R result = run(d, args...);
    bool corrupted = take_corruption(corrupt);
    R want = on_reference();
    compare_outputs(corrupted);
    R got = result;
    if (corrupted) flip_a_high_bit(got);
    compare_result(c, d, ref, got, want);
    return result;
  }
}

}  // namespace detail
}  // namespace lanes
