// Stable parallel merge sort for any strict weak order: chunks sorted in parallel with
// std::stable_sort, then rounds of pairwise merges, each merge cut into pieces by merge-path
// search so that even the last round keeps every worker busy.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "lanes/array.hpp"
#include "lanes/detail/blocking.hpp"

namespace lanes::detail {

// How many of the first k items of the stable merge of a[0, m) and b[0, l) come from a
// (ties go to a).
template <class T, class Comp>
std::size_t merge_path(const T* a, std::size_t m, const T* b, std::size_t l, std::size_t k, Comp& comp) {
  std::size_t lo = k > l ? k - l : 0, hi = std::min(k, m);
  while (lo < hi) {
    std::size_t i = lo + (hi - lo) / 2, j = k - i;
    if (j > 0 && !comp(b[j - 1], a[i]))  // a[i] precedes b[j - 1]: take more of a
      lo = i + 1;
    else
      hi = i;
  }
  return lo;
}

// Sorts data[0, n) stably by comp. A backend with kernels of its own (cuda) specialises
// merge_sorter for its executor.
template <class Ex>
struct merge_sorter {
  template <class T, class Comp>
  static void run(const Ex& ex, T* data, std::size_t n, Comp comp);
};

template <class Ex, class T, class Comp>
void merge_sort(const Ex& ex, T* data, std::size_t n, Comp comp) {
  merge_sorter<Ex>::run(ex, data, n, comp);
}

template <class Ex>
template <class T, class Comp>
void merge_sorter<Ex>::run(const Ex& ex, T* data, std::size_t n, Comp comp) {
  if (n < 2) return;
  // A few sorted runs per worker: every doubling of the run count costs one more merge pass.
  // Runs and merge pieces are never under min_piece items, so each task outweighs its cost.
  constexpr std::size_t runs_per_worker = 4, min_piece = 4096;
  std::size_t workers = backend<Ex>::concurrency(ex);
  std::size_t piece = std::max(min_piece, ceil_div(n, workers * runs_per_worker));
  std::size_t width = piece;
  std::size_t chunks = ceil_div(n, width);
  backend<Ex>::for_blocks(ex, chunks, [&](std::size_t c) {
    std::stable_sort(data + c * width, data + std::min(n, (c + 1) * width), comp);
  });
  if (chunks == 1) return;
  auto scratch = array<T>::uninitialized(n);
  T *src = data, *dst = scratch.data();
  for (; width < n; width *= 2, std::swap(src, dst)) {
    // Output pieces: [k0, k1) of the merge of the pair starting at `start`.
    struct task { std::size_t start, k0, k1; };
    std::vector<task> tasks;
    for (std::size_t start = 0; start < n; start += 2 * width) {
      std::size_t len = std::min(n, start + 2 * width) - start;
      for (std::size_t k = 0; k < len; k += piece) tasks.push_back({start, k, std::min(len, k + piece)});
    }
    backend<Ex>::for_blocks(ex, tasks.size(), [&](std::size_t t) {
      auto [start, k0, k1] = tasks[t];
      const T* a = src + start;
      std::size_t m = std::min(width, n - start), l = std::min(n, start + 2 * width) - start - m;
      const T* b = a + m;
      std::size_t i0 = merge_path(a, m, b, l, k0, comp), i1 = merge_path(a, m, b, l, k1, comp);
      std::merge(a + i0, a + i1, b + (k0 - i0), b + (k1 - i1), dst + start + k0, comp);
    });
  }
  if (src != data) copy_bytes(data, src, n * sizeof(T));
}

}  // namespace lanes::detail
