// count_if and copy_if (stable: kept elements stay in their input order).
#pragma once

#include <cstddef>
#include <vector>

#include "lanes/detail/blocking.hpp"
#include "lanes/detail/checks.hpp"
#include "lanes/reduce.hpp"
#include "lanes/span.hpp"

namespace lanes {

template <class Ex, class T, class Pred>
std::size_t count_if(const Ex& ex, span<T> in, Pred pred) {
  detail::check_data(in, "count_if", "in");
  return detail::reduce_indices(ex, in.size(), std::size_t{0}, std::plus<>{},
                                [=] LANES_HD(std::size_t i) -> std::size_t { return pred(in[i]) ? 1 : 0; });
}

namespace detail {

template <class U>
void check_kept(span<U> out, std::size_t kept) {
  if (out.size() < kept) fail("copy_if: out holds ", out.size(), " elements but ", kept, " are kept");
}

// copy_if after its argument checks. A backend with kernels of its own (cuda) specialises
// selector for its executor.
template <class Ex>
struct selector {
  template <class T, class U, class Pred>
  static std::size_t copy_if(const Ex& ex, span<T> in, span<U> out, Pred pred) {
    std::size_t n = in.size();
    constexpr std::size_t block = elementwise_block;
    std::vector<std::size_t> offsets(ceil_div(n, block) + 1, 0);
    auto for_each_block = [&](auto body) {
      backend<Ex>::for_blocks(ex, offsets.size() - 1, [&](std::size_t b) {
        body(b, b * block, std::min(n, (b + 1) * block));
      });
    };
    for_each_block([&](std::size_t b, std::size_t begin, std::size_t end) {
      std::size_t kept = 0;
      for (std::size_t i = begin; i < end; ++i) kept += pred(in[i]) ? 1 : 0;
      offsets[b + 1] = kept;
    });
    for (std::size_t b = 1; b < offsets.size(); ++b) offsets[b] += offsets[b - 1];
    check_kept(out, offsets.back());
    for_each_block([&](std::size_t b, std::size_t begin, std::size_t end) {
      std::size_t at = offsets[b];
      for (std::size_t i = begin; i < end; ++i)
        if (pred(in[i])) out[at++] = in[i];
    });
    return offsets.back();
  }
};

}  // namespace detail

// Copies the elements where pred holds to the front of out and returns their count.
// pred is evaluated twice per element (count, then copy), so it must be pure. If out is
// too small for what is kept, it throws before writing anything.
template <class Ex, class T, class U, class Pred>
std::size_t copy_if(const Ex& ex, span<T> in, span<U> out, Pred pred) {
  detail::check_data(in, "copy_if", "in");
  detail::check_data(out, "copy_if", "out");
  detail::check_disjoint(in, out, "copy_if", "in");
  return detail::selector<Ex>::copy_if(ex, in, out, pred);
}

}  // namespace lanes
