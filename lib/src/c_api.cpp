// SPDX-License-Identifier: Apache-2.0
// The C ABI (lanes/lanes.h) over the compiled entry points. Each call checks its arguments
// (rejecting before anything is written), runs, and turns whatever it throws into a status
// and this thread's message.
#include "lanes/lanes.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "lanes/array.hpp"
#include "lanes/config.hpp"
#include "lanes/compiled.hpp"

struct lanes_device {
  std::shared_ptr<const lanes::device> device;
};

struct lanes_array {
  // Arrays keep their device alive; the device's identity is what "the same device" means.
  std::shared_ptr<const lanes::device> device;
  // The alternative's index is the dtype.
  std::variant<lanes::array<float>, lanes::array<double>, lanes::array<std::int32_t>, lanes::array<std::int64_t>,
               lanes::array<std::uint32_t>, lanes::array<std::uint64_t>>
      elements;

  lanes_dtype dtype() const { return lanes_dtype(elements.index()); }
  std::size_t size() const {
    return std::visit([](const auto& a) { return a.size(); }, elements);
  }
};

namespace {

using std::size_t;

thread_local std::string last_error;

constexpr const char* dtype_names[] = {"F32", "F64", "I32", "I64", "U32", "U64"};
constexpr size_t dtype_count = sizeof(dtype_names) / sizeof(dtype_names[0]);

// A call rejected with a status: thrown by the checks below, caught by guarded().
struct rejection {
  lanes_status status;
  std::string message;
};

template <class... Parts>
[[noreturn]] void reject(lanes_status status, const Parts&... parts) {
  std::ostringstream message;
  (message << ... << parts);
  throw rejection{status, message.str()};
}

lanes_status failed(lanes_status status, const char* call, const char* message) noexcept {
  try {
    last_error = std::string(call) + ": " + message;
  } catch (...) {
    last_error.clear();  // no memory even for the message; the status still tells
  }
  return status;
}

// Runs a call's body and turns what it throws into a status and this thread's message.
template <class Body>
lanes_status guarded(const char* call, Body&& body) noexcept {
  try {
    body();
    return LANES_OK;
  } catch (const rejection& r) {
    return failed(r.status, call, r.message.c_str());
  } catch (const lanes::out_of_memory& e) {
    return failed(LANES_ENOMEM, call, e.what());
  } catch (const lanes::no_device& e) {
    return failed(LANES_ENODEV, call, e.what());
  } catch (const lanes::error& e) {
    return failed(LANES_EINVAL, call, e.what());
  } catch (const std::bad_alloc&) {
    return failed(LANES_ENOMEM, call, "out of memory");
  } catch (const std::exception& e) {
    return failed(LANES_EINTERNAL, call, e.what());
  } catch (...) {
    return failed(LANES_EINTERNAL, call, "an unknown exception");
  }
}

template <class T>
T& need(T* p, const char* name) {
  if (p == nullptr) reject(LANES_EINVAL, name, " is NULL");
  return *p;
}

void need_buffer(const void* p, const char* name) {
  if (p == nullptr) reject(LANES_EINVAL, name, " is NULL");
}

// A dtype from C may hold any int: its bits are read without loading it as the enum.
lanes_dtype checked_dtype(const lanes_dtype& dtype) {
  std::underlying_type_t<lanes_dtype> code;
  std::memcpy(&code, &dtype, sizeof code);
  auto value = static_cast<std::int64_t>(code);
  if (value < 0 || value >= std::int64_t(dtype_count))
    reject(LANES_EDTYPE, "dtype ", value, " is not a lanes_dtype (LANES_F32 ... LANES_U64)");
  return lanes_dtype(code);
}

size_t dtype_bytes(lanes_dtype dtype) { return dtype == LANES_F32 || dtype == LANES_I32 || dtype == LANES_U32 ? 4 : 8; }

void check_same_device(const lanes_array& a, const lanes_array& b, const char* a_name, const char* b_name) {
  if (a.device != b.device)
    reject(LANES_EINVAL, a_name, " and ", b_name, " were made on different devices (", a.device->name(), " and ",
           b.device->name(), ")");
}

void check_same_dtype(const lanes_array& a, const lanes_array& b, const char* a_name, const char* b_name) {
  if (a.dtype() != b.dtype())
    reject(LANES_EDTYPE, a_name, " has dtype ", dtype_names[a.dtype()], " but ", b_name, " has ",
           dtype_names[b.dtype()]);
}

void check_same_size(const lanes_array& a, const lanes_array& b, const char* a_name, const char* b_name) {
  if (a.size() != b.size()) reject(LANES_ESIZE, a_name, " has ", a.size(), " elements but ", b_name, " has ", b.size());
}

// a and b: the same device and dtype (and size unless told otherwise).
void check_alike(const lanes_array& a, const lanes_array& b, const char* a_name, const char* b_name,
                 bool same_size = true) {
  check_same_device(a, b, a_name, b_name);
  check_same_dtype(a, b, a_name, b_name);
  if (same_size) check_same_size(a, b, a_name, b_name);
}

template <class T>
constexpr bool is_float = std::is_same_v<T, float> || std::is_same_v<T, double>;

// f(elements) with the array's lanes::array<T>; floats_only rejects integer dtypes.
template <bool floats_only = false, class Array, class F>
void with_elements(Array& a, const char* name, F&& f) {
  std::visit(
      [&](auto& elements) {
        using T = typename std::remove_reference_t<decltype(elements)>::value_type;
        if constexpr (floats_only && !is_float<T>)
          reject(LANES_EDTYPE, name, " has dtype ", dtype_names[a.dtype()], "; this call takes F32 or F64");
        else
          f(elements);
      },
      a.elements);
}

// The array of `other` with the type of `like` (their dtypes were checked to match).
template <class T, class Array>
auto& same_typed(Array& other) {
  return std::get<lanes::array<T>>(other.elements);
}

template <class T>
lanes_array* new_array(const std::shared_ptr<const lanes::device>& device, const void* src, size_t n) {
  lanes::array<T> elements = src ? lanes::array<T>(static_cast<const T*>(src), n, *device) : lanes::array<T>(n, *device);
  return new lanes_array{device, std::move(elements)};
}

lanes_array* make_array(lanes_device* device, const lanes_dtype& unchecked_dtype, const void* src, size_t n) {
  need(device, "device");
  lanes_dtype dtype = checked_dtype(unchecked_dtype);
  if (n > std::numeric_limits<size_t>::max() / dtype_bytes(dtype))
    reject(LANES_ESIZE, n, " elements of ", dtype_names[dtype], " overflow the byte count");
  switch (dtype) {
    case LANES_F32: return new_array<float>(device->device, src, n);
    case LANES_F64: return new_array<double>(device->device, src, n);
    case LANES_I32: return new_array<std::int32_t>(device->device, src, n);
    case LANES_I64: return new_array<std::int64_t>(device->device, src, n);
    case LANES_U32: return new_array<std::uint32_t>(device->device, src, n);
    case LANES_U64: return new_array<std::uint64_t>(device->device, src, n);
  }
  reject(LANES_EDTYPE, "dtype ", int(dtype), " is not a lanes_dtype");
}

template <class T>
lanes::span<const T> cview(const lanes::array<T>& a) {
  return a.view();
}

}  // namespace

extern "C" {

const char* lanes_version(void) { return lanes::version(); }

const char* lanes_last_error(void) { return last_error.c_str(); }

lanes_status lanes_device_open(const char* spec, lanes_device** out) {
  return guarded("lanes_device_open", [&] {
    need(out, "out");
    need(spec, "spec");
    *out = new lanes_device{std::make_shared<const lanes::device>(spec)};
  });
}

void lanes_device_close(lanes_device* device) { delete device; }

const char* lanes_device_name(const lanes_device* device) { return device ? device->device->name().c_str() : ""; }

lanes_status lanes_array_create(lanes_device* device, lanes_dtype dtype, size_t n, lanes_array** out) {
  return guarded("lanes_array_create", [&] {
    need(out, "out");
    *out = make_array(device, dtype, nullptr, n);
  });
}

lanes_status lanes_array_from_host(lanes_device* device, lanes_dtype dtype, const void* src, size_t n,
                                   lanes_array** out) {
  return guarded("lanes_array_from_host", [&] {
    need(out, "out");
    if (n != 0) need_buffer(src, "src");
    *out = make_array(device, dtype, n != 0 ? src : nullptr, n);
  });
}

lanes_status lanes_array_to_host(const lanes_array* array, void* dst, size_t n) {
  return guarded("lanes_array_to_host", [&] {
    const lanes_array& a = need(array, "array");
    if (n < a.size()) reject(LANES_ESIZE, "dst holds ", n, " elements but the array has ", a.size());
    if (a.size() != 0) need_buffer(dst, "dst");
    with_elements(a, "array", [&](const auto& elements) {
      using T = typename std::remove_reference_t<decltype(elements)>::value_type;
      if (elements.size() == 0) return;
      if (elements.cuda_device() < 0)
        lanes::detail::copy_bytes(dst, elements.data(), elements.size() * sizeof(T));
      else
        lanes::detail::cuda_copy(dst, elements.data(), elements.size() * sizeof(T));
    });
  });
}

void lanes_array_free(lanes_array* array) { delete array; }

size_t lanes_array_size(const lanes_array* array) { return array ? array->size() : 0; }

lanes_dtype lanes_array_dtype(const lanes_array* array) { return array ? array->dtype() : LANES_F32; }

lanes_status lanes_axpy(double a, const lanes_array* x, lanes_array* y) {
  return guarded("lanes_axpy", [&] {
    const lanes_array& xs = need(x, "x");
    lanes_array& ys = need(y, "y");
    check_alike(xs, ys, "x", "y");
    with_elements<true>(ys, "y", [&](auto& y_elements) {
      using T = typename std::remove_reference_t<decltype(y_elements)>::value_type;
      lanes::compiled::axpy(*ys.device, T(a), cview(same_typed<T>(xs)), y_elements.view());
    });
  });
}

lanes_status lanes_dot(const lanes_array* x, const lanes_array* y, double* out) {
  return guarded("lanes_dot", [&] {
    const lanes_array& xs = need(x, "x");
    const lanes_array& ys = need(y, "y");
    need(out, "out");
    check_alike(xs, ys, "x", "y");
    with_elements<true>(xs, "x", [&](const auto& x_elements) {
      using T = typename std::remove_reference_t<decltype(x_elements)>::value_type;
      *out = double(lanes::compiled::dot(*xs.device, cview(x_elements), cview(same_typed<T>(ys))));
    });
  });
}

lanes_status lanes_sum(const lanes_array* x, double* out) {
  return guarded("lanes_sum", [&] {
    const lanes_array& xs = need(x, "x");
    need(out, "out");
    with_elements(xs, "x", [&](const auto& elements) { *out = lanes::compiled::sum(*xs.device, cview(elements)); });
  });
}

lanes_status lanes_min_max(const lanes_array* x, double* min, double* max) {
  return guarded("lanes_min_max", [&] {
    const lanes_array& xs = need(x, "x");
    need(min, "min");
    need(max, "max");
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    with_elements(xs, "x", [&](const auto& elements) {
      auto found = lanes::compiled::min_max(*xs.device, cview(elements));
      if (!(found.max < found.min)) lo = double(found.min), hi = double(found.max);  // else nothing was found
    });
    *min = lo;
    *max = hi;
  });
}

lanes_status lanes_inclusive_scan(const lanes_array* in, lanes_array* out) {
  return guarded("lanes_inclusive_scan", [&] {
    const lanes_array& ins = need(in, "in");
    lanes_array& outs = need(out, "out");
    check_alike(ins, outs, "in", "out");
    with_elements(outs, "out", [&](auto& out_elements) {
      using T = typename std::remove_reference_t<decltype(out_elements)>::value_type;
      lanes::compiled::inclusive_scan(*outs.device, cview(same_typed<T>(ins)), out_elements.view());
    });
  });
}

lanes_status lanes_sort(lanes_array* keys) {
  return guarded("lanes_sort", [&] {
    lanes_array& k = need(keys, "keys");
    with_elements(k, "keys", [&](auto& elements) { lanes::compiled::sort(*k.device, elements.view()); });
  });
}

lanes_status lanes_sort_by_key(lanes_array* keys, lanes_array* values) {
  return guarded("lanes_sort_by_key", [&] {
    lanes_array& k = need(keys, "keys");
    lanes_array& v = need(values, "values");
    if (&k == &v) reject(LANES_EINVAL, "keys and values are the same array");
    check_same_device(k, v, "keys", "values");
    check_same_size(k, v, "keys", "values");
    with_elements(k, "keys", [&](auto& key_elements) {
      // Values of any dtype travel as their bits.
      with_elements(v, "values", [&](auto& value_elements) {
        using V = typename std::remove_reference_t<decltype(value_elements)>::value_type;
        using bits = std::conditional_t<sizeof(V) == 4, std::uint32_t, std::uint64_t>;
        lanes::span<bits> as_bits(reinterpret_cast<bits*>(value_elements.data()), value_elements.size());
        lanes::compiled::sort_by_key(*k.device, key_elements.view(), as_bits);
      });
    });
  });
}

lanes_status lanes_histogram(const lanes_array* x, double lo, double hi, lanes_array* bins_u64) {
  return guarded("lanes_histogram", [&] {
    const lanes_array& xs = need(x, "x");
    lanes_array& bins = need(bins_u64, "bins_u64");
    check_same_device(xs, bins, "x", "bins_u64");
    if (bins.dtype() != LANES_U64) reject(LANES_EDTYPE, "bins_u64 has dtype ", dtype_names[bins.dtype()], ", not U64");
    auto& counts = std::get<lanes::array<std::uint64_t>>(bins.elements);
    with_elements(xs, "x", [&](const auto& elements) {
      lanes::compiled::histogram(*xs.device, cview(elements), lo, hi, counts.view());
    });
  });
}

lanes_status lanes_gemm(size_t m, size_t n, size_t k, double alpha, const lanes_array* a, const lanes_array* b,
                        double beta, lanes_array* c) {
  return guarded("lanes_gemm", [&] {
    const lanes_array& as = need(a, "a");
    const lanes_array& bs = need(b, "b");
    lanes_array& cs = need(c, "c");
    check_alike(as, cs, "a", "c", false);
    check_alike(bs, cs, "b", "c", false);
    auto expect = [](const lanes_array& array, const char* name, size_t rows, size_t cols, const char* shape) {
      size_t elements = 0;
      if (__builtin_mul_overflow(rows, cols, &elements))
        reject(LANES_ESIZE, shape, " = ", rows, " * ", cols, " overflows size_t");
      if (array.size() != elements)
        reject(LANES_ESIZE, name, " has ", array.size(), " elements but ", shape, " = ", rows, " * ", cols);
    };
    expect(as, "a", m, k, "m * k");
    expect(bs, "b", k, n, "k * n");
    expect(cs, "c", m, n, "m * n");
    if (&as == &cs || &bs == &cs) reject(LANES_EINVAL, "c is also an input");
    with_elements<true>(cs, "c", [&](auto& c_elements) {
      using T = typename std::remove_reference_t<decltype(c_elements)>::value_type;
      lanes::compiled::gemm(*cs.device, m, n, k, T(alpha), cview(same_typed<T>(as)), cview(same_typed<T>(bs)), T(beta),
                            c_elements.view());
    });
  });
}

lanes_status lanes_monte_carlo_pi(lanes_device* device, uint64_t samples, uint64_t seed, double* out) {
  return guarded("lanes_monte_carlo_pi", [&] {
    const lanes_device& d = need(device, "device");
    need(out, "out");
    *out = lanes::compiled::monte_carlo_pi(*d.device, samples, seed);
  });
}

lanes_status lanes_count_primes(lanes_device* device, uint64_t lo, uint64_t hi, uint64_t* out) {
  return guarded("lanes_count_primes", [&] {
    const lanes_device& d = need(device, "device");
    need(out, "out");
    *out = lanes::compiled::count_primes(*d.device, lo, hi);
  });
}

lanes_status lanes_particles_evolve(lanes_array* x, lanes_array* y, const lanes_array* w, double dt) {
  return guarded("lanes_particles_evolve", [&] {
    lanes_array& xs = need(x, "x");
    lanes_array& ys = need(y, "y");
    const lanes_array& ws = need(w, "w");
    check_alike(xs, ys, "x", "y");
    check_alike(xs, ws, "x", "w");
    if (&xs == &ys) reject(LANES_EINVAL, "x and y are the same array");
    with_elements<true>(xs, "x", [&](auto& x_elements) {
      using T = typename std::remove_reference_t<decltype(x_elements)>::value_type;
      lanes::compiled::particles_evolve(*xs.device, x_elements.view(), same_typed<T>(ys).view(),
                                        cview(same_typed<T>(ws)), dt);
    });
  });
}

}  // extern "C"
