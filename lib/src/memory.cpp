// SPDX-License-Identifier: Apache-2.0
#include <cstdlib>
#include <cstring>
#include <new>

#include <sys/mman.h>

#include "lanes/array.hpp"
#include "lanes/detail/blocking.hpp"

namespace lanes::detail {

namespace {
constexpr std::size_t cache_line = 64;
constexpr std::size_t huge_page = 2u << 20;
// From this size on a buffer is aligned to, and asks for, huge pages: fewer TLB misses,
// and memory untouched for a while comes back at full bandwidth.
constexpr std::size_t huge_page_threshold = 4 * huge_page;
// Copies smaller than this stay on the calling thread.
constexpr std::size_t parallel_copy_bytes = 1u << 20;
}  // namespace

namespace {
std::size_t alignment_of(std::size_t bytes) { return bytes >= huge_page_threshold ? huge_page : cache_line; }
}  // namespace

// Through the aligned operator new (nothrow), so that a program's own operator new, such as
// the tests' failing one, sees every allocation Lanes makes.
void* allocate_bytes(std::size_t bytes) {
  if (bytes == 0) return nullptr;
  std::size_t alignment = alignment_of(bytes);
  std::size_t rounded = ceil_div(bytes, alignment) * alignment;
  if (rounded < bytes) fail_as<out_of_memory>("out of memory: cannot allocate ", bytes, " bytes (size overflows)");
  void* p = ::operator new(rounded, std::align_val_t(alignment), std::nothrow);
  if (p == nullptr) fail_as<out_of_memory>("out of memory: cannot allocate ", bytes, " bytes");
  if (alignment == huge_page) madvise(p, rounded, MADV_HUGEPAGE);  // a hint: failure is harmless
  return p;
}

void free_bytes(void* p, std::size_t bytes) noexcept {
  if (p != nullptr) ::operator delete(p, std::align_val_t(alignment_of(bytes)));
}

void copy_bytes(void* dst, const void* src, std::size_t bytes) {
  if (bytes < parallel_copy_bytes) {
    std::memcpy(dst, src, bytes);
    return;
  }
  auto* d = static_cast<unsigned char*>(dst);
  auto* s = static_cast<const unsigned char*>(src);
  parallel_ranges(cpu{}, bytes, parallel_copy_bytes / 4,
                  [=](std::size_t begin, std::size_t end) { std::memcpy(d + begin, s + begin, end - begin); });
}

}  // namespace lanes::detail
