// SPDX-License-Identifier: Apache-2.0
// The C ABI's devices and arrays (lanes/lanes.h).
#include "c_api.hpp"

namespace lanes_c_api {
namespace {

// The elements of dtype `dtype`: f(T{}) with T the element type.
template <class F>
decltype(auto) with_dtype(lanes_dtype dtype, F&& f) {
  switch (dtype) {
    case LANES_F32: return f(float{});
    case LANES_F64: return f(double{});
    case LANES_I32: return f(std::int32_t{});
    case LANES_I64: return f(std::int64_t{});
    case LANES_U32: return f(std::uint32_t{});
    case LANES_U64: return f(std::uint64_t{});
    case LANES_I8: return f(std::int8_t{});
    case LANES_U8: return f(std::uint8_t{});
  }
  reject(LANES_EDTYPE, "dtype ", int(dtype), " is not a lanes_dtype");
}

lanes_dtype checked_dtype_of(lanes_device* device, const lanes_dtype& unchecked_dtype, size_t n) {
  need(device, "device");
  lanes_dtype dtype = checked_dtype(unchecked_dtype);
  size_t bytes = with_dtype(dtype, [](auto zero) { return sizeof zero; });
  if (n > std::numeric_limits<size_t>::max() / bytes)
    reject(LANES_ESIZE, n, " elements of ", dtype_names[dtype], " overflow the byte count");
  return dtype;
}

// A new array that owns n elements on the device: zeros, or a copy of src.
lanes_array* make_array(lanes_device* device, const lanes_dtype& unchecked_dtype, const void* src, size_t n) {
  lanes_dtype dtype = checked_dtype_of(device, unchecked_dtype, n);
  return with_dtype(dtype, [&](auto zero) {
    using T = decltype(zero);
    const lanes::device& where = *device->device;
    auto owner = std::make_shared<lanes::array<T>>(src ? lanes::array<T>(static_cast<const T*>(src), n, where)
                                                       : lanes::array<T>(n, where));
    return new lanes_array{device->device, owner->view(), owner};
  });
}

}  // namespace
}  // namespace lanes_c_api

using namespace lanes_c_api;

namespace {
// This thread's lanes_validate_begin scopes, innermost last.
thread_local std::vector<std::unique_ptr<lanes::validate::with>> validation_scopes;
}  // namespace

extern "C" {

const char* lanes_version(void) { return lanes::version(); }

const char* lanes_last_error(void) { return last_error.c_str(); }

lanes_status lanes_trace_start(const char* path) {
  return guarded("lanes_trace_start", [&] {
    need_buffer(path, "path");
    lanes::trace::start(path);
  });
}

lanes_status lanes_trace_stop(void) {
  return guarded("lanes_trace_stop", [] { lanes::trace::stop(); });
}

lanes_status lanes_validate_begin(const char* reference) {
  return guarded("lanes_validate_begin", [&] {
    need(reference, "reference");
    validation_scopes.push_back(std::make_unique<lanes::validate::with>(lanes::device(reference)));
  });
}

lanes_status lanes_validate_end(void) {
  return guarded("lanes_validate_end", [] {
    if (validation_scopes.empty()) reject(LANES_EINVAL, "no lanes_validate_begin on this thread to end");
    validation_scopes.pop_back();
  });
}

lanes_status lanes_device_open(const char* spec, lanes_device** out) {
  return guarded("lanes_device_open", [&] {
    need(out, "out");
    need(spec, "spec");
    *out = new lanes_device{std::make_shared<const lanes::device>(spec)};
  });
}

void lanes_device_close(lanes_device* device) { delete device; }

const char* lanes_device_name(const lanes_device* device) { return device ? device->device->name().c_str() : ""; }

const char* lanes_device_kind(const lanes_device* device) {
  return device == nullptr ? "" : device->device->kind_name();
}

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

lanes_status lanes_array_wrap(lanes_device* device, lanes_dtype dtype, void* data, size_t n, lanes_array** out) {
  return guarded("lanes_array_wrap", [&] {
    need(out, "out");
    lanes_dtype checked = checked_dtype_of(device, dtype, n);
    if (device->device->type() == lanes::device::kind::cuda)
      reject(LANES_EINVAL, "device ", device->device->name(),
             " is a GPU, which cannot use host memory in place: copy the data there with lanes_array_from_host");
    if (n != 0) need_buffer(data, "data");
    *out = with_dtype(checked, [&](auto zero) {
      using T = decltype(zero);
      return new lanes_array{device->device, lanes::span<T>(static_cast<T*>(n != 0 ? data : nullptr), n), nullptr};
    });
  });
}

lanes_status lanes_array_data(const lanes_array* array, void** out) {
  return guarded("lanes_array_data", [&] {
    const lanes_array& a = need(array, "array");
    need(out, "out");
    *out = std::visit([](auto s) -> void* { return s.data(); }, a.elements);
  });
}

lanes_status lanes_array_slice(const lanes_array* array, size_t begin, size_t n, lanes_array** out) {
  return guarded("lanes_array_slice", [&] {
    const lanes_array& a = need(array, "array");
    need(out, "out");
    if (begin > a.size() || n > a.size() - begin)  // as written, begin + n cannot overflow
      reject(LANES_ESIZE, "elements [", begin, ", ", begin, " + ", n, ") are not all in an array of ", a.size());
    // The same device and owner: the elements live until the last array over them is freed.
    *out = std::visit([&](auto s) { return new lanes_array{a.device, s.subspan(begin, n), a.owner}; }, a.elements);
  });
}

lanes_status lanes_array_copy(const lanes_array* src, lanes_array* dst) {
  return guarded("lanes_array_copy", [&] {
    const lanes_array& from = need(src, "src");
    lanes_array& to = need(dst, "dst");
    check_same_dtype(from, to, "src", "dst");
    check_same_size(from, to, "src", "dst");
    with_elements(to, "dst", [&](auto out) {
      using T = typename decltype(out)::value_type;
      const auto in = same_typed<T>(from);
      if (in.size() == 0 || in.data() == out.data()) return;  // the same elements: nothing moves
      if (lanes::detail::overlap(in, out)) reject(LANES_EINVAL, "src and dst overlap without being the same elements");
      if (from.on_gpu() || to.on_gpu())  // either way, or between GPUs
        lanes::detail::cuda_copy(out.data(), in.data(), in.size() * sizeof(T));
      else
        lanes::detail::copy_bytes(out.data(), in.data(), in.size() * sizeof(T));
    });
  });
}

lanes_status lanes_array_to_host(const lanes_array* array, void* dst, size_t n) {
  return guarded("lanes_array_to_host", [&] {
    const lanes_array& a = need(array, "array");
    if (n < a.size()) reject(LANES_ESIZE, "dst holds ", n, " elements but the array has ", a.size());
    if (a.size() != 0) need_buffer(dst, "dst");
    with_elements(a, "array", [&](auto elements) {
      using T = typename decltype(elements)::value_type;
      if (elements.size() == 0 || dst == elements.data()) return;  // a wrapped array read into itself
      if (a.on_gpu())
        lanes::detail::cuda_copy(dst, elements.data(), elements.size() * sizeof(T));
      else
        lanes::detail::copy_bytes(dst, elements.data(), elements.size() * sizeof(T));
    });
  });
}

void lanes_array_free(lanes_array* array) { delete array; }

size_t lanes_array_size(const lanes_array* array) { return array ? array->size() : 0; }

lanes_dtype lanes_array_dtype(const lanes_array* array) { return array ? array->dtype() : LANES_F32; }

}  // extern "C"
