// SPDX-License-Identifier: Apache-2.0
// scan on the CPU backends, in one pass over memory (a chained pass, also used by the
// selections): workers take blocks in order from a shared counter; each reduces its block
// (which then stays in cache), waits for the prefix of the block before it, publishes its
// own prefix, and makes its second pass over the block from cache. Taking blocks in order
// means a block waited on is held by a running worker. A scan combines everything in the
// items' order (op need only be associative), its segments and blocks at fixed bounds, so
// the result has the same bits on every executor and thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <thread>
#include <type_traits>
#include <utility>

#include "lanes/config.hpp"
#include "lanes/detail/backend.hpp"
#include "lanes/detail/blocking.hpp"
#include "lanes/detail/host/reduce.hpp"
#include "lanes/detail/wrapping.hpp"

namespace lanes::detail {

// The span scans' store (lanes/scan.hpp), named like load_items (host/reduce.hpp).
template <class U>
struct store_items {
  U* items;
  template <class Acc>
  LANES_HD void operator()(std::size_t i, const Acc& v) const { items[i] = v; }
};

#if defined(__GNUC__) && !defined(__clang__) && !defined(__CUDACC__)
#define LANES_VECTOR_SCAN 1
#if defined(__x86_64__)
#define LANES_SCAN_AVX2 1
#include <immintrin.h>

// The lanes of vector_plus<L>'s scan in AVX2: its shifts in one or two in-lane instructions
// each, its last lane broadcast in one (GCC made a cross-lane permute and a blend of each
// shift, and two instructions of the broadcast). `fill` holds the identity in every lane.
template <class L>
struct plus_avx2 {
  static __attribute__((target("avx2"), always_inline)) inline __m256i add(__m256i a, __m256i b) {
    if constexpr (std::is_same_v<L, float>)
      return _mm256_castps_si256(_mm256_add_ps(_mm256_castsi256_ps(a), _mm256_castsi256_ps(b)));
    else if constexpr (std::is_same_v<L, double>)
      return _mm256_castpd_si256(_mm256_add_pd(_mm256_castsi256_pd(a), _mm256_castsi256_pd(b)));
    else if constexpr (sizeof(L) == 4)
      return _mm256_add_epi32(a, b);
    else
      return _mm256_add_epi64(a, b);
  }
  // v's lanes moved up by k: lane l takes lane l - k, or fill's.
  template <int k>
  static __attribute__((target("avx2"), always_inline)) inline __m256i up(__m256i v, __m256i fill) {
    constexpr int bytes = k * int(sizeof(L));
    const __m256i low_up = _mm256_permute2x128_si256(v, fill, 0x02);  // fill's low half, then v's low half
    if constexpr (bytes == 16)
      return low_up;
    else
      return _mm256_alignr_epi8(v, low_up, 16 - bytes);
  }
  static __attribute__((target("avx2"), always_inline)) inline __m256i last(__m256i v) {
    if constexpr (sizeof(L) == 4)
      return _mm256_permutevar8x32_epi32(v, _mm256_set1_epi32(7));
    else
      return _mm256_permute4x64_epi64(v, 0xFF);
  }
};
#endif
// A plus-scan's segment of contiguous items, 32 bytes (8 floats) at a time: each vector's
// prefix in log2(8) shifted adds, then the running sum added to all its lanes; the folds
// with four vectors of independent sums. 0.14 ns an item in cache for both passes, not 0.34
// (docs/design.md). The same vectors in every clone and on every processor (GCC splits them
// where the registers are narrower), so the bits do not depend on which clone runs. L is
// float, double or an unsigned integer (signed sums are computed unsigned: they wrap).
template <class L>
struct vector_plus {
  static constexpr std::size_t W = 32 / sizeof(L);
  typedef L V __attribute__((vector_size(32)));
  using Index = std::conditional_t<sizeof(L) == 4, std::int32_t, std::int64_t>;
  typedef Index Lanes __attribute__((vector_size(32)));
  static constexpr int shifts = W == 8 ? 3 : 2;  // log2(W)
  // x + identity == x for every x; a float's is -0.0 (+0.0 would turn -0.0 into +0.0).
  static constexpr L identity = std::is_floating_point_v<L> ? L(-0.0) : L(0);

  // The sum of x[0, length), in a fixed order.
  LANES_SIMD_CLONES static L fold(const L* x, std::size_t length) {
    V sums[4];
    for (V& v : sums)
      for (std::size_t l = 0; l < W; ++l) v[l] = identity;
    std::size_t i = 0;
    for (; i + 4 * W <= length; i += 4 * W)
      for (std::size_t a = 0; a < 4; ++a) {
        V v;
        std::memcpy(&v, x + i + a * W, sizeof v);  // unaligned
        sums[a] += v;
      }
    const V both = (sums[0] + sums[1]) + (sums[2] + sums[3]);
    L total = identity;
    for (std::size_t l = 0; l < W; ++l) total += both[l];
    for (; i < length; ++i) total += x[i];
    return total;
  }

  // y[i] = carry + x[0, i] (inclusive) or + x[0, i) (exclusive); y may be x. Out of place,
  // item i's exclusive prefix is item i - 1's inclusive one: the inclusive vectors are stored
  // one item on, the first item's carry + identity, as its lane would give (in place a store
  // would overwrite items not yet loaded). No shift of each vector, the same bits: 0.41 ->
  // 0.33 ns an item in cache on Zen 3.
  static void scan(const L* x, L* y, std::size_t length, L carry, bool exclusive) {
    const bool shifted = exclusive && x != y;
    if (shifted && length > 0) y[0] = L(identity + carry);
    std::size_t i;
#ifdef LANES_SCAN_AVX2
    if (cpu_has_avx2())
      i = scan_vectors_avx2(x, y, length, carry, exclusive, shifted);
    else
#endif
      i = scan_vectors(x, y, length, carry, exclusive, shifted);
    for (; i < length; ++i) {
      const L item = x[i];
      if (exclusive) y[i] = carry;
      carry += item;
      if (!exclusive) y[i] = carry;
    }
  }

  // The whole vectors of scan: returns how many items they hold, carry then what follows them.
  LANES_SIMD_CLONES static std::size_t scan_vectors(const L* x, L* y, std::size_t length, L& carry, bool exclusive,
                                                    bool shifted) {
    Lanes up[shifts];  // shift up by 1, 2, 4 lanes: lane l takes lane l - k, or identity
    for (int s = 0; s < shifts; ++s)
      for (std::size_t l = 0; l < W; ++l) up[s][l] = Index(l >= (1u << s) ? l - (1u << s) : W);
    V fill;
    for (std::size_t l = 0; l < W; ++l) fill[l] = identity;
    V running = fill + carry;  // a scalar operand is added to every lane
    std::size_t i = 0;
    for (; i + W <= length; i += W) {
      V v;
      std::memcpy(&v, x + i, sizeof v);
      for (int s = 0; s < shifts; ++s) v += __builtin_shuffle(v, fill, up[s]);
      store(y, i, length, running + (exclusive && !shifted ? __builtin_shuffle(v, fill, up[0]) : v), shifted);
      running += v[W - 1];  // off the chain: the next vector waits one add only
    }
    carry = running[0];
    return i;
  }

#ifdef LANES_SCAN_AVX2
  // scan_vectors in AVX2 intrinsics: the same lanes and adds in the same order, so the same
  // bits (a test holds them to it), with fewer instructions: 0.32 -> 0.245 ns an item (floats in cache, Zen 3).
  static __attribute__((target("avx2"))) std::size_t scan_vectors_avx2(const L* x, L* y, std::size_t length,
                                                                       L& carry, bool exclusive, bool shifted) {
    using P = plus_avx2<L>;
    L lanes[W];
    for (L& lane : lanes) lane = identity;
    const __m256i fill = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lanes));
    for (L& lane : lanes) lane = carry;
    __m256i running = P::add(fill, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lanes)));
    std::size_t i = 0;
    for (; i + W <= length; i += W) {
      __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + i));
      v = P::add(v, P::template up<1>(v, fill));
      v = P::add(v, P::template up<2>(v, fill));
      if constexpr (W == 8) v = P::add(v, P::template up<4>(v, fill));
      const __m256i out = P::add(running, exclusive && !shifted ? P::template up<1>(v, fill) : v);
      V out_lanes;
      std::memcpy(&out_lanes, &out, sizeof out);
      store(y, i, length, out_lanes, shifted);
      running = P::add(running, P::last(v));
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(lanes), running);
    carry = lanes[0];
    return i;
  }
#endif

  // A vector of the scan's results for items i to i + W: at y[i], or one item on (shifted),
  // where the last lane's item is past the end at the last vector.
  static __attribute__((always_inline)) inline void store(L* y, std::size_t i, std::size_t length, const V& out,
                                                          bool shifted) {
    if (!shifted)
      std::memcpy(y + i, &out, sizeof out);
    else if (i + W < length)
      std::memcpy(y + i + 1, &out, sizeof out);
    else
      std::memcpy(y + i + 1, &out, sizeof out - sizeof(L));
  }
};

// Whether a scan is a plus over an arithmetic type of 4 or 8 bytes on contiguous items.
template <class Acc, class Op, class Load, class Store>
inline constexpr bool vector_scan_applies =
    (std::is_floating_point_v<Acc> || std::is_integral_v<Acc>) && !std::is_same_v<Acc, bool> &&
    (sizeof(Acc) == 4 || sizeof(Acc) == 8) &&
    (std::is_same_v<Op, std::plus<>> || std::is_same_v<Op, std::plus<Acc>> ||
     std::is_same_v<Op, wrapping_plus<Acc>>) &&
    (std::is_same_v<Load, load_items<const Acc>> || std::is_same_v<Load, load_items<Acc>>) &&
    std::is_same_v<Store, store_items<Acc>>;
// The lanes a scan's Acc is computed in: itself, or unsigned for an integer.
template <class Acc, bool integral = std::is_integral_v<Acc>>
struct vector_lane {
  using type = Acc;
};
template <class Acc>
struct vector_lane<Acc, true> {
  using type = std::make_unsigned_t<Acc>;
};
#else
template <class Acc, class Op, class Load, class Store>
inline constexpr bool vector_scan_applies = false;
#endif

// Items per block of a chained pass: large enough to amortise the look-back, small enough
// to stay in the core's cache between the block's two passes.
inline constexpr std::size_t chained_block = 64 * 1024;

// A block scans as this many segments side by side, each from its own carry: one running
// sum waits an op's latency per item (3-4 cycles for a float add); independent ones do not
// wait on each other. Blocks shorter than scan_segments * scan_segment_min scan as one.
inline constexpr std::size_t scan_segments = 8;
inline constexpr std::size_t scan_segment_min = 64;

// The prefix of a block (its items and all before it, the carry in left out), once published.
template <class Acc>
struct chained_prefix {
  std::atomic<bool> ready{false};
  Acc value{};  // written before `ready` is released
};

// A chained pass over `blocks` blocks: block_at(b) gives block b, whose `Acc reduce()` is its
// first pass (its own total) and `finish(carry)` its second, from carry = op(init, the totals
// of the blocks before it); run returns op over every block's total (Acc{} for no block).
// The prefixes are allocated when the pass is made, before anything is stored; where there is
// no memory for them, the blocks run in order on the calling thread, combined the same way
// (the same bits), so a pass never fails for its own memory: a selection that writes two
// outputs in two passes cannot fail between them.
template <class Acc>
class chained_pass {
 public:
  explicit chained_pass(std::size_t blocks)
      : blocks_(blocks), prefixes_(blocks > 1 ? new (std::nothrow) chained_prefix<Acc>[blocks] : nullptr) {}

  template <class Ex, class Op, class BlockAt>
  Acc run(const Ex& ex, Acc init, Op op, BlockAt block_at) {
    if (blocks_ == 0) return Acc{};
    if (!prefixes_) return in_order(init, op, block_at);  // one block, or no memory for the prefixes
    std::atomic<std::size_t> next_block{0};
    std::atomic<bool> failed{false};
    auto one_block = [&](std::size_t b) {
      auto block = block_at(b);
      Acc prefix = block.reduce(), carry = init;
      if (b > 0) {
        while (!prefixes_[b - 1].ready.load(std::memory_order_acquire)) {
          if (failed.load(std::memory_order_relaxed)) return;
          std::this_thread::yield();
        }
        const Acc before = prefixes_[b - 1].value;
        prefix = op(before, prefix);
        carry = op(init, before);
      }
      prefixes_[b].value = prefix;
      prefixes_[b].ready.store(true, std::memory_order_release);
      block.finish(carry);
    };
    backend<Ex>::for_blocks(ex, std::min(backend<Ex>::concurrency(ex), blocks_), [&](std::size_t) {
      try {
        for (std::size_t b; (b = next_block.fetch_add(1)) < blocks_;) one_block(b);
      } catch (...) {
        failed = true;  // no one waits forever for a block that will not come
        throw;
      }
    });
    return prefixes_[blocks_ - 1].value;
  }

 private:
  // The blocks one after another, each carry and prefix combined as run's workers combine them.
  template <class Op, class BlockAt>
  Acc in_order(Acc init, Op op, BlockAt block_at) {
    Acc prefix{};
    for (std::size_t b = 0; b < blocks_; ++b) {
      auto block = block_at(b);
      const Acc total = block.reduce();
      const Acc carry = b > 0 ? op(init, prefix) : init;
      prefix = b > 0 ? op(prefix, total) : total;
      block.finish(carry);
    }
    return prefix;
  }

  std::size_t blocks_;
  std::unique_ptr<chained_prefix<Acc>[]> prefixes_;
};

// One block [begin, end) of a scan: its segments' sums (the first pass, from memory), then
// its items from a carry (the second pass, from cache). The segments, and so the bits, depend
// only on the block's bounds.
template <class Acc, class Op, class Load, class Store>
struct scan_block_pass {
  static constexpr std::size_t S = scan_segments;
  std::size_t begin, end;
  Acc sums[S];  // sums[s]: segment s's items; with one segment only sums[0] is used

  std::size_t segments() const { return end - begin >= S * scan_segment_min ? S : 1; }
  // The last segment has the rest too. Segments 13 items short of an even split: with a
  // power-of-two length their items fell 4 KiB apart, and each store held up the next
  // segment's load as if it went to the same place (0.75 ns an item in cache, not 0.34).
  std::size_t segment_length() const {
    const std::size_t count = segments();
    return count == 1 ? end - begin : (end - begin) / count - 13;
  }
  std::size_t segment_begin(std::size_t s) const { return begin + s * segment_length(); }
  std::size_t segment_end(std::size_t s) const { return s + 1 == segments() ? end : segment_begin(s + 1); }
  static constexpr bool vectorised = vector_scan_applies<Acc, Op, Load, Store>;

  // First pass: each segment's sum, in order (op need not commute), the segments folded
  // side by side; returns the block's (op over the segments in order).
  Acc reduce(Op& op, Load& load) {
    const std::size_t count = segments(), length = segment_length();
#ifdef LANES_VECTOR_SCAN
    if constexpr (vectorised) {
      using L = typename vector_lane<Acc>::type;
      const L* items = reinterpret_cast<const L*>(load.items);
      for (std::size_t s = 0; s < count; ++s)
        sums[s] = Acc(vector_plus<L>::fold(items + segment_begin(s), segment_end(s) - segment_begin(s)));
      return total(op);
    }
#endif
    if (count == 1) return sums[0] = fold_chain(begin + 1, end, Acc(load(begin)), op, load);
    for (std::size_t s = 0; s < S; ++s) sums[s] = Acc(load(begin + s * length));
    std::size_t i = begin + 1;
    auto step = [&](std::size_t s) { sums[s] = op(sums[s], Acc(load(i + s * length))); };
    for (; i < begin + length; ++i) each_of(step, std::make_index_sequence<S>{});
    sums[S - 1] = fold_chain(begin + S * length, end, sums[S - 1], op, load);  // the last's rest
    return total(op);
  }

  Acc total(Op& op) const {
    Acc all = sums[0];
    for (std::size_t s = 1; s < segments(); ++s) all = op(all, sums[s]);
    return all;
  }

  // Second pass: store(i, op(carry, items before i [and i itself if !exclusive])).
  void scan(Acc carry, bool exclusive, Op& op, Load& load, Store& store) const {
#ifdef LANES_VECTOR_SCAN
    if constexpr (vectorised) {
      using L = typename vector_lane<Acc>::type;
      const L* items = reinterpret_cast<const L*>(load.items);
      L* out = reinterpret_cast<L*>(store.items);
      for (std::size_t s = 0; s < segments(); carry = op(carry, sums[s]), ++s)
        vector_plus<L>::scan(items + segment_begin(s), out + segment_begin(s), segment_end(s) - segment_begin(s),
                             L(carry), exclusive);
      return;
    }
#endif
    if (segments() == 1) return scan_chain(begin, end, carry, exclusive, op, load, store);
    const std::size_t length = segment_length();
    Acc running[S];
    running[0] = carry;
    for (std::size_t s = 1; s < S; ++s) running[s] = op(running[s - 1], sums[s - 1]);
    std::size_t i = begin;
    // Item j of every segment, the segments' steps written out so each sum stays in a register.
    auto step = [&](std::size_t s) {
      const std::size_t at = i + s * length;
      Acc item = Acc(load(at));
      if (exclusive) store(at, running[s]);
      running[s] = op(running[s], item);
      if (!exclusive) store(at, running[s]);
    };
    for (; i < begin + length; ++i) each_of(step, std::make_index_sequence<S>{});
    scan_chain(begin + S * length, end, running[S - 1], exclusive, op, load, store);  // the last's rest
  }

  static Acc fold_chain(std::size_t first, std::size_t last, Acc running, Op& op, Load& load) {
    for (std::size_t i = first; i < last; ++i) running = op(running, Acc(load(i)));
    return running;
  }

  static void scan_chain(std::size_t first, std::size_t last, Acc running, bool exclusive, Op& op, Load& load,
                         Store& store) {
    for (std::size_t i = first; i < last; ++i) {
      Acc item = Acc(load(i));
      if (exclusive) store(i, running);
      running = op(running, item);
      if (!exclusive) store(i, running);
    }
  }
};

template <class Ex>
struct scanner {
  template <class Acc, class Op, class Load, class Store>
  static void run(const Ex& ex, std::size_t n, bool exclusive, bool has_init, Acc init, Op op, Load load,
                  Store store) {
    if (n == 0) return;
    const std::size_t first = has_init ? 0 : 1;  // without init, item 0 is the carry of the rest
    chained_pass<Acc> pass(ceil_div(n - first, chained_block));  // allocated before anything is stored
    if (!has_init) {
      init = Acc(load(0));
      store(0, init);
    }
    using block_pass = scan_block_pass<Acc, Op, Load, Store>;
    struct block {
      block_pass items;
      Op& op;
      Load& load;
      Store& store;
      bool exclusive;
      Acc reduce() { return items.reduce(op, load); }
      void finish(Acc carry) { items.scan(carry, exclusive, op, load, store); }
    };
    pass.run(ex, init, op, [&](std::size_t b) {
      const std::size_t begin = first + b * chained_block;
      return block{block_pass{begin, std::min(n, begin + chained_block), {}}, op, load, store, exclusive};
    });
  }
};

}  // namespace lanes::detail
