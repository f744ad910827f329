// SPDX-License-Identifier: Apache-2.0
// lanes::array<T>: an owning, move-only buffer of n elements on one device (host memory,
// 64-byte aligned, for seq and cpu; GPU memory for cuda); and lanes::copy between spans
// or arrays of equal size.
#pragma once

#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <type_traits>
#include <utility>
#include <vector>

#include "lanes/detail/checks.hpp"
#include "lanes/detail/cuda_runtime.hpp"
#include "lanes/device.hpp"
#include "lanes/error.hpp"
#include "lanes/span.hpp"

namespace lanes {
namespace detail {
// 64-byte aligned host memory; lanes::error when it runs out. Zero bytes gives nullptr.
void* allocate_bytes(std::size_t bytes);
void free_bytes(void* p, std::size_t bytes) noexcept;  // bytes: as allocated
// memcpy, on every core for large sizes.
void copy_bytes(void* dst, const void* src, std::size_t bytes);
}  // namespace detail

template <class T>
class array {
  static_assert(std::is_trivially_copyable_v<T>, "lanes::array holds trivially copyable types");

 public:
  using value_type = T;

  array() = default;
  // n elements, all zero, on `where` (host memory unless it is a cuda device).
  explicit array(std::size_t n, const device& where = device("seq")) : array(n, gpu_of(where), nullptr) {
    if (n == 0) return;
    if (gpu_ < 0)
      std::memset(data_, 0, n * sizeof(T));
    else
      detail::cuda_zero(gpu_, data_, n * sizeof(T));
  }
  // A copy of host[0, n) on `where`.
  array(const T* host, std::size_t n, const device& where = device("seq"))
      : array(checked_host_size(host, n), gpu_of(where), nullptr) {
    if (n != 0) copy_in(host);
  }
  explicit array(span<const T> host, const device& where = device("seq")) : array(host.data(), host.size(), where) {}
  array(std::initializer_list<T> values) : array(values.begin(), values.size()) {}
  // n elements left uninitialised in host memory, for outputs about to be overwritten.
  static array uninitialized(std::size_t n) { return array(n, -1, nullptr); }

  array(array&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)), gpu_(other.gpu_) {}
  array& operator=(array&& other) noexcept {
    if (this != &other) {
      release();
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      gpu_ = other.gpu_;
    }
    return *this;
  }
  array(const array&) = delete;
  array& operator=(const array&) = delete;
  ~array() { release(); }

  std::size_t size() const { return size_; }
  // The GPU holding the elements, or -1 for host memory.
  int cuda_device() const { return gpu_; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  // Spans of device memory are for algorithms run on that device's executor.
  span<T> view() { return {data_, size_}; }
  span<const T> view() const { return {data_, size_}; }
  // The elements, copied to host memory (the copy waits for the device).
  std::vector<T> to_host() const {
    std::vector<T> out(size_);
    if (size_ != 0) copy_out(out.data());
    return out;
  }

 private:
  array(std::size_t n, int gpu, std::nullptr_t)  // uninitialised storage for n elements
      : size_(n), gpu_(gpu) {
    std::size_t bytes = detail::checked_mul(n, sizeof(T), "array: byte size");
    data_ = static_cast<T*>(gpu < 0 ? detail::allocate_bytes(bytes) : detail::cuda_allocate(gpu, bytes));
  }
  static int gpu_of(const device& where) { return where.type() == device::kind::cuda ? where.index() : -1; }
  static std::size_t checked_host_size(const T* host, std::size_t n) {
    if (n != 0 && host == nullptr) detail::fail("array: host data is null but n is ", n);
    return n;
  }
  void copy_in(const T* host) {
    if (gpu_ < 0)
      detail::copy_bytes(data_, host, size_ * sizeof(T));
    else
      detail::cuda_copy(data_, host, size_ * sizeof(T));
  }
  void copy_out(T* host) const {
    if (gpu_ < 0)
      detail::copy_bytes(host, data_, size_ * sizeof(T));
    else
      detail::cuda_copy(host, data_, size_ * sizeof(T));
  }
  void release() noexcept {
    if (gpu_ < 0)
      detail::free_bytes(data_, size_ * sizeof(T));
    else
      detail::cuda_free(gpu_, data_);
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  int gpu_ = -1;
};

// dst = src for host spans; the sizes must match.
template <class T, class U>
void copy(span<T> src, span<U> dst) {
  static_assert(std::is_same_v<std::remove_cv_t<T>, U>, "copy: src and dst hold the same type");
  detail::check_data(src, "copy", "src");
  detail::check_data(dst, "copy", "dst");
  detail::check_same_size(src, dst, "copy", "src", "dst");
  detail::check_in_place_or_disjoint(src, dst, "copy", "src", "dst");
  if (src.size() != 0 && src.data() != dst.data())
    detail::copy_bytes(dst.data(), src.data(), src.size() * sizeof(U));
}

// dst = src between any two devices (host or GPU); the sizes must match.
template <class T>
void copy(const array<T>& src, array<T>& dst) {
  detail::check_same_size(src.view(), dst.view(), "copy", "src", "dst");
  if (src.size() == 0) return;
  if (src.cuda_device() < 0 && dst.cuda_device() < 0)
    detail::copy_bytes(dst.data(), src.data(), src.size() * sizeof(T));
  else
    detail::cuda_copy(dst.data(), src.data(), src.size() * sizeof(T));
}

}  // namespace lanes
