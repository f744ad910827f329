// SPDX-License-Identifier: Apache-2.0
// lanes::span<T>: a non-owning pointer and size, trivially copyable, indexable in kernels.
#pragma once

#include <cstddef>
#include <type_traits>

#include "lanes/config.hpp"

namespace lanes {

template <class T>
class span {
 public:
  using element_type = T;
  using value_type = std::remove_cv_t<T>;

  span() = default;
  LANES_HD span(T* data, std::size_t size) : data_(data), size_(size) {}

  // span<const T> from span<T>.
  template <class U, class = std::enable_if_t<std::is_convertible_v<U (*)[], T (*)[]>>>
  LANES_HD span(span<U> other) : data_(other.data()), size_(other.size()) {}

  // From any contiguous container with data() and size() (std::vector, std::array, ...).
  template <class Container,
            class = std::enable_if_t<std::is_convertible_v<
                std::remove_pointer_t<decltype(std::declval<Container&>().data())> (*)[], T (*)[]>>>
  span(Container& c) : data_(c.data()), size_(c.size()) {}

  LANES_HD T* data() const { return data_; }
  LANES_HD std::size_t size() const { return size_; }
  LANES_HD bool empty() const { return size_ == 0; }
  LANES_HD T& operator[](std::size_t i) const { return data_[i]; }
  LANES_HD T* begin() const { return data_; }
  LANES_HD T* end() const { return data_ + size_; }
  // Elements [offset, offset + count); the caller keeps it inside this span.
  LANES_HD span subspan(std::size_t offset, std::size_t count) const { return {data_ + offset, count}; }

 private:
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

template <class Container>
span(Container&) -> span<std::remove_pointer_t<decltype(std::declval<Container&>().data())>>;

static_assert(std::is_trivially_copyable_v<span<float>>);

}  // namespace lanes
