// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the C ABI as a sequence of calls decoded from the input. Each call's
// status must be one of the documented ones; where it succeeds, its result is checked
// against a naive loop here (sort, min_max, integer scans, histogram counts, gather, axpy on
// integers-as-floats; unique's count and the searches' indices in range); where it fails,
// the arrays it was given must be unchanged. Anything
// else aborts (a finding). Run: fuzz_c_abi [corpus dirs] (fuzz/README.md).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "key_order.hpp"
#include "lanes/lanes.h"

namespace {

[[noreturn]] void finding(const char* what, int line) {
  std::fprintf(stderr, "fuzz_c_abi:%d: %s (last error: %s)\n", line, what, lanes_last_error());
  std::abort();
}
#define EXPECT(cond) \
  if (!(cond)) finding(#cond, __LINE__)

// The input, read a little at a time; past its end every read is 0.
struct reader {
  const std::uint8_t* data;
  std::size_t size, at = 0;
  std::uint8_t byte() { return at < size ? data[at++] : 0; }
  std::size_t small(std::size_t most) { return byte() % (most + 1); }
  bool done() const { return at >= size; }
  void bytes(void* out, std::size_t n) {
    auto* o = static_cast<std::uint8_t*>(out);
    for (std::size_t i = 0; i < n; ++i) o[i] = byte();
  }
};

constexpr std::size_t dtype_size[] = {4, 8, 4, 8, 4, 8, 1, 1};
constexpr int dtypes = 8;

// An array and its host bytes (the array wraps them, so they are what the array holds).
struct slot {
  lanes_array* array = nullptr;
  lanes_dtype dtype = LANES_F32;
  std::vector<std::uint8_t> bytes;
  std::size_t n() const { return bytes.size() / dtype_size[dtype]; }
};

bool documented(lanes_status s) { return s >= LANES_OK && s <= LANES_EINTERNAL; }

template <class T>
T at(const slot& s, std::size_t i) {
  T v;
  std::memcpy(&v, s.bytes.data() + i * sizeof(T), sizeof v);
  return v;
}

using lanes_test::documented_less;

template <class T>
std::vector<std::uint8_t> sorted_bytes(const slot& s) {
  std::vector<T> v(s.n());
  if (!v.empty()) std::memcpy(v.data(), s.bytes.data(), s.bytes.size());
  std::stable_sort(v.begin(), v.end(), documented_less<T>);
  std::vector<std::uint8_t> out(s.bytes.size());
  if (!v.empty()) std::memcpy(out.data(), v.data(), out.size());
  return out;
}

template <class F>
void by_dtype(lanes_dtype d, F&& f) {
  switch (d) {
    case LANES_F32: return f(float{});
    case LANES_F64: return f(double{});
    case LANES_I32: return f(std::int32_t{});
    case LANES_I64: return f(std::int64_t{});
    case LANES_U32: return f(std::uint32_t{});
    case LANES_U64: return f(std::uint64_t{});
    case LANES_I8: return f(std::int8_t{});
    case LANES_U8: return f(std::uint8_t{});
  }
}

struct session {
  reader in;
  lanes_device* device = nullptr;
  slot slots[4];

  ~session() {
    for (auto& s : slots) lanes_array_free(s.array);
    lanes_device_close(device);
  }

  slot& pick() { return slots[in.small(3)]; }

  void open() {
    static const char* specs[] = {"seq", "cpu", "cpu:2", "cpu:1", "auto", "cuda", "cuda:7", "", "cpu:0", "gpu"};
    lanes_device* d = nullptr;
    lanes_status s = lanes_device_open(specs[in.small(9)], &d);
    EXPECT(documented(s));
    EXPECT((s == LANES_OK) == (d != nullptr));
    if (s == LANES_OK) {
      lanes_device_close(device);  // arrays made on it keep it alive
      device = d;
    }
  }

  void make(slot& s) {
    const int code = int(in.small(dtypes));  // one past the last: a bad dtype
    const auto dtype = static_cast<lanes_dtype>(code);
    std::size_t n = in.small(200);
    if (in.byte() == 255) n = SIZE_MAX / 2 + n;  // a size whose bytes overflow, or too large
    lanes_array* made = nullptr;
    lanes_status st;
    std::vector<std::uint8_t> bytes;
    if (code < dtypes && n <= 200) {
      bytes.resize(n * dtype_size[dtype]);
      in.bytes(bytes.data(), bytes.size());
      st = lanes_array_wrap(device, dtype, bytes.empty() ? nullptr : bytes.data(), n, &made);
      if (st == LANES_EINVAL && device && std::strcmp(lanes_device_kind(device), "cuda") == 0) return;
    } else {
      st = lanes_array_create(device, dtype, n, &made);  // a bad dtype, or far too large
      EXPECT(documented(st) && st != LANES_OK && made == nullptr);
      return;
    }
    EXPECT(documented(st));
    if (device == nullptr) EXPECT(st == LANES_EINVAL);
    if (st != LANES_OK) {
      EXPECT(made == nullptr);
      return;
    }
    EXPECT(lanes_array_size(made) == n && lanes_array_dtype(made) == dtype);
    lanes_array_free(s.array);
    s.array = made;
    s.dtype = dtype;
    s.bytes = std::move(bytes);  // the buffer moves, its memory stays where it is
  }

  void free_one(slot& s) {
    lanes_array_free(s.array);
    s.array = nullptr;
    s.bytes.clear();
  }

  void sort(slot& s) {
    auto before_call = s.bytes;
    lanes_status st = lanes_sort(s.array);
    EXPECT(documented(st));
    if (!s.array) {
      EXPECT(st == LANES_EINVAL);
      return;
    }
    if (st != LANES_OK) {
      EXPECT(s.bytes == before_call);
      return;
    }
    slot copy = s;
    copy.array = nullptr;
    copy.bytes = before_call;
    by_dtype(s.dtype, [&](auto t) { EXPECT(s.bytes == sorted_bytes<decltype(t)>(copy)); });
  }

  void min_max(slot& s) {
    double lo = 0, hi = 0;
    lanes_status st = lanes_min_max(s.array, &lo, &hi);
    EXPECT(documented(st));
    if (st != LANES_OK) return;
    by_dtype(s.dtype, [&](auto t) {
      using T = decltype(t);
      double want_lo = INFINITY, want_hi = -INFINITY;
      for (std::size_t i = 0; i < s.n(); ++i) {
        double v = double(at<T>(s, i));
        if (std::isnan(v)) continue;
        want_lo = std::min(want_lo, v);
        want_hi = std::max(want_hi, v);
      }
      EXPECT(lo == want_lo && hi == want_hi);
    });
  }

  void scan(slot& s, slot& out, bool exclusive) {
    auto before_out = out.bytes;
    auto input = s.bytes;
    lanes_status st = exclusive ? lanes_exclusive_scan(s.array, out.array) : lanes_inclusive_scan(s.array, out.array);
    EXPECT(documented(st));
    if (st != LANES_OK) {
      EXPECT(out.bytes == before_out && s.bytes == input);
      return;
    }
    EXPECT(s.dtype == out.dtype && s.n() == out.n());
    by_dtype(s.dtype, [&](auto t) {
      using T = decltype(t);
      if constexpr (std::is_integral_v<T>) {  // exact, wrapping modulo 2^bits
        using U = std::make_unsigned_t<T>;
        U running = 0;
        for (std::size_t i = 0; i < s.n(); ++i) {
          T x;
          std::memcpy(&x, input.data() + i * sizeof(T), sizeof x);
          if (!exclusive) running = U(running + U(x));
          EXPECT(at<T>(out, i) == T(running));
          if (exclusive) running = U(running + U(x));
        }
      }
    });
  }

  void histogram(slot& s, slot& bins) {
    double lo = double(std::int8_t(in.byte())), hi = lo + double(in.small(255)) - 8.0;
    if (in.byte() == 7) hi = INFINITY;
    auto before_bins = bins.bytes;
    const slot input = s;  // its bytes as they were (bins may be the same array: refused)
    lanes_status st = lanes_histogram(s.array, lo, hi, bins.array);
    EXPECT(documented(st));
    if (st != LANES_OK) {
      EXPECT(bins.bytes == before_bins);
      return;
    }
    EXPECT(bins.dtype == LANES_U64 && lo < hi);
    std::uint64_t counted = 0, inside = 0;
    for (std::size_t b = 0; b < bins.n(); ++b) counted += at<std::uint64_t>(bins, b);
    EXPECT(&s != &bins);
    by_dtype(s.dtype, [&](auto t) {
      using T = decltype(t);
      for (std::size_t i = 0; i < input.n(); ++i) {
        long double v = at<T>(input, i);
        inside += v >= lo && v < hi;
      }
    });
    if (counted != inside) {
      std::fprintf(stderr, "histogram over [%.17g, %.17g) of %zu items of dtype %d into %zu bins: counted %llu, %llu inside\n",
                   lo, hi, s.n(), int(s.dtype), bins.n(), (unsigned long long)counted, (unsigned long long)inside);
      by_dtype(s.dtype, [&](auto t) {
        for (std::size_t i = 0; i < s.n(); ++i) std::fprintf(stderr, " %.17g", double(at<decltype(t)>(s, i)));
      });
      std::fprintf(stderr, "\n");
      finding("counted == inside", __LINE__);
    }
  }

  void gather(slot& s, slot& indices, slot& out) {
    auto before_out = out.bytes;
    lanes_status st = lanes_gather(s.array, indices.array, out.array);
    EXPECT(documented(st));
    if (st != LANES_OK) {
      EXPECT(out.bytes == before_out);
      return;
    }
    if (!(indices.dtype == LANES_I64 && out.n() == indices.n() && out.dtype == s.dtype)) {
      std::fprintf(stderr, "gather accepted in %d x %zu, indices %d x %zu, out %d x %zu\n", int(s.dtype), s.n(),
                   int(indices.dtype), indices.n(), int(out.dtype), out.n());
      finding("gather's dtypes and sizes", __LINE__);
    }
    if (&out == &s || &out == &indices) return;  // in place: what was read is gone
    const std::size_t size = dtype_size[s.dtype];
    for (std::size_t i = 0; i < indices.n(); ++i) {
      auto k = at<std::int64_t>(indices, i);
      EXPECT(k >= 0 && std::size_t(k) < s.n());
      EXPECT(std::memcmp(out.bytes.data() + i * size, s.bytes.data() + std::size_t(k) * size, size) == 0);
    }
  }

  // Statuses and unchanged arrays on failure; merge and the searches also take unsorted
  // input (undefined results, but no crash and no read outside the arrays: ASan's part).
  void other(slot& a, slot& b, slot& c, slot& d) {
    auto keep = [&] { return std::vector<std::vector<std::uint8_t>>{a.bytes, b.bytes, c.bytes, d.bytes}; };
    auto before_call = keep();
    double out = 0;
    std::size_t count = 0;
    lanes_status st;
    const std::size_t call = in.small(17);
    switch (call) {
      case 0: st = lanes_axpy(double(std::int8_t(in.byte())), a.array, b.array); break;
      case 1: st = lanes_dot(a.array, b.array, &out); break;
      case 2: st = lanes_sum(a.array, &out); break;
      case 3: st = lanes_scatter(a.array, b.array, c.array); break;
      case 4: st = lanes_sort_by_key(a.array, b.array); break;
      case 5: st = lanes_nrm2(a.array, &out); break;
      case 6: st = lanes_gemm(in.small(9), in.small(9), in.small(9), 1.0, a.array, b.array, 0.5, c.array); break;
      case 7: st = lanes_unique(a.array, b.array, &count); break;
      case 8: st = lanes_merge(a.array, b.array, c.array); break;
      case 9: st = lanes_lower_bound(a.array, b.array, c.array); break;
      case 10: st = lanes_upper_bound(a.array, b.array, c.array); break;
      case 11: st = lanes_reverse(a.array); break;
      case 12: st = lanes_adjacent_difference(a.array, b.array); break;
      case 13: st = lanes_reduce_by_key(a.array, b.array, c.array, d.array, &count); break;
      case 14: st = lanes_array_copy(a.array, b.array); break;
      case 15: st = lanes_unique_by_key(a.array, b.array, c.array, d.array, &count); break;
      case 16: st = lanes_merge_by_key(a.array, b.array, a.array, b.array, c.array, d.array); break;
      default: st = lanes_random_normal(a.array, in.byte(), in.byte(), in.byte(), std::int8_t(in.byte()), in.small(9));
    }
    EXPECT(documented(st));
    if (st != LANES_OK) {
      EXPECT(keep() == before_call);
      return;
    }
    if (call == 7 || call == 13 || call == 15) EXPECT(count <= a.n() && (count == 0) == (a.n() == 0));
    if (call == 9 || call == 10)
      for (std::size_t i = 0; i < c.n(); ++i) EXPECT(std::size_t(at<std::int64_t>(c, i)) <= a.n());
    if (call == 14) EXPECT(b.bytes == a.bytes);
  }

  // A slice of any bounds: made exactly when they lie inside, holding those elements.
  void slice(slot& s) {
    const std::size_t begin = in.small(250), n = in.byte() == 255 ? SIZE_MAX - in.small(9) : in.small(250);
    lanes_array* part = nullptr;
    lanes_status st = lanes_array_slice(s.array, begin, n, &part);
    EXPECT(documented(st));
    EXPECT((st == LANES_OK) == (s.array != nullptr && begin <= s.n() && n <= s.n() - begin));
    EXPECT((st == LANES_OK) == (part != nullptr));
    if (st != LANES_OK) return;
    std::vector<std::uint8_t> elements(n * dtype_size[s.dtype]);
    EXPECT(lanes_array_to_host(part, elements.data(), n) == LANES_OK);
    const std::size_t from = begin * dtype_size[s.dtype];
    EXPECT(std::equal(elements.begin(), elements.end(), s.bytes.begin() + std::ptrdiff_t(from)));
    lanes_array_free(part);
  }

  void run() {
    while (!in.done()) {
      switch (in.small(11)) {
        case 0: open(); break;
        case 1: case 2: make(pick()); break;
        case 3: free_one(pick()); break;
        case 4: sort(pick()); break;
        case 5: min_max(pick()); break;
        case 6: { slot& a = pick(); scan(a, pick(), in.byte() & 1); break; }
        case 7: { slot& a = pick(); histogram(a, pick()); break; }
        case 8: { slot& a = pick(); slot& b = pick(); gather(a, b, pick()); break; }
        case 9: { slot& a = pick(); slot& b = pick(); slot& c = pick(); other(a, b, c, pick()); break; }
        case 10: slice(pick()); break;
        default:
          lanes_device_close(device);  // the arrays keep it alive
          device = nullptr;
      }
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  session s{reader{data, size}};
  s.run();
  return 0;
}
