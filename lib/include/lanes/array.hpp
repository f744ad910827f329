// lanes::array<T>: an owning, move-only buffer of n elements, 64-byte aligned; and
// lanes::copy between spans of equal size.
#pragma once

#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <type_traits>
#include <utility>
#include <vector>

#include "lanes/detail/checks.hpp"
#include "lanes/error.hpp"
#include "lanes/span.hpp"

namespace lanes {
namespace detail {
// 64-byte aligned host memory; lanes::error when it runs out. Zero bytes gives nullptr.
void* allocate_bytes(std::size_t bytes);
void free_bytes(void* p) noexcept;
// memcpy, on every core for large sizes.
void copy_bytes(void* dst, const void* src, std::size_t bytes);
}  // namespace detail

template <class T>
class array {
  static_assert(std::is_trivially_copyable_v<T>, "lanes::array holds trivially copyable types");

 public:
  array() = default;
  // n elements, all zero.
  explicit array(std::size_t n) : array(n, nullptr) {
    if (n != 0) std::memset(data_, 0, n * sizeof(T));
  }
  // A copy of host[0, n).
  array(const T* host, std::size_t n) : array(checked_host_size(host, n), nullptr) {
    if (n != 0) detail::copy_bytes(data_, host, n * sizeof(T));
  }
  explicit array(span<const T> host) : array(host.data(), host.size()) {}
  array(std::initializer_list<T> values) : array(values.begin(), values.size()) {}

  array(array&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  array& operator=(array&& other) noexcept {
    if (this != &other) {
      detail::free_bytes(data_);
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
    }
    return *this;
  }
  // n elements left uninitialised, for outputs that are about to be overwritten.
  static array uninitialized(std::size_t n) { return array(n, nullptr); }

  array(const array&) = delete;
  array& operator=(const array&) = delete;
  ~array() { detail::free_bytes(data_); }

  std::size_t size() const { return size_; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  span<T> view() { return {data_, size_}; }
  span<const T> view() const { return {data_, size_}; }
  std::vector<T> to_host() const { return std::vector<T>(data_, data_ + size_); }

 private:
  array(std::size_t n, std::nullptr_t)  // uninitialised storage for n elements
      : data_(static_cast<T*>(detail::allocate_bytes(detail::checked_mul(n, sizeof(T), "array: byte size")))),
        size_(n) {}

  static std::size_t checked_host_size(const T* host, std::size_t n) {
    if (n != 0 && host == nullptr) detail::fail("array: host data is null but n is ", n);
    return n;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
};

// dst = src; the sizes must match.
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

template <class T>
void copy(const array<T>& src, array<T>& dst) {
  copy(src.view(), dst.view());
}

}  // namespace lanes
