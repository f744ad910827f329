// SPDX-License-Identifier: Apache-2.0
// The C ABI's algorithms (lanes/lanes.h), over the compiled entry points.
#include "c_api.hpp"

using namespace lanes_c_api;

namespace {

// The calls from in to an out of its device, dtype and size (the scans, adjacent_difference):
// f(device, in's elements, out's).
template <class F>
lanes_status in_to_out(const char* call, const lanes_array* in, lanes_array* out, F f) {
  return guarded(call, [&] {
    const lanes_array& ins = need(in, "in");
    lanes_array& outs = need(out, "out");
    check_alike(ins, outs, "in", "out");
    with_elements(outs, "out", [&](auto out_elements) {
      using T = typename decltype(out_elements)::value_type;
      f(*outs.device, cview(same_typed<T>(ins)), out_elements);
    });
  });
}

// gather and scatter: in and out of one dtype, indices I64, all on one device;
// f(device, in's elements, indices, out's).
template <class F>
lanes_status permute(const char* call, const lanes_array* in, const lanes_array* indices_i64, lanes_array* out,
                     bool out_as_many_as_indices, F f) {
  return guarded(call, [&] {
    const lanes_array& ins = need(in, "in");
    const lanes_array& indices = need(indices_i64, "indices_i64");
    lanes_array& outs = need(out, "out");
    check_alike(ins, outs, "in", "out", false);
    check_same_device(indices, outs, "indices_i64", "out");
    check_dtype(indices, LANES_I64, "indices_i64");
    if (out_as_many_as_indices) check_same_size(indices, outs, "indices_i64", "out");
    auto where = cview(same_typed<std::int64_t>(indices));
    with_elements(outs, "out", [&](auto out_elements) {
      using T = typename decltype(out_elements)::value_type;
      f(*outs.device, cview(same_typed<T>(ins)), where, out_elements);
    });
  });
}

// lower_bound and upper_bound: sorted and needles of one dtype, out I64 as many as needles;
// f(device, sorted's elements, needles', out's indices).
template <class F>
lanes_status search(const char* call, const lanes_array* sorted, const lanes_array* needles, lanes_array* out_i64,
                    F f) {
  return guarded(call, [&] {
    const lanes_array& haystack = need(sorted, "sorted");
    const lanes_array& wanted = need(needles, "needles");
    lanes_array& out = need(out_i64, "out_i64");
    check_alike(haystack, wanted, "sorted", "needles", false);
    check_same_device(wanted, out, "needles", "out_i64");
    check_dtype(out, LANES_I64, "out_i64");
    check_same_size(wanted, out, "needles", "out_i64");
    auto where = same_typed<std::int64_t>(out);
    with_elements(wanted, "needles", [&](auto needle_elements) {
      using T = typename decltype(needle_elements)::value_type;
      f(*out.device, cview(same_typed<T>(haystack)), cview(needle_elements), where);
    });
  });
}

}  // namespace

extern "C" {

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
  return in_to_out("lanes_inclusive_scan", in, out,
                   [](const lanes::device& d, auto from, auto to) { lanes::compiled::inclusive_scan(d, from, to); });
}

lanes_status lanes_exclusive_scan(const lanes_array* in, lanes_array* out) {
  return in_to_out("lanes_exclusive_scan", in, out,
                   [](const lanes::device& d, auto from, auto to) { lanes::compiled::exclusive_scan(d, from, to); });
}

lanes_status lanes_gather(const lanes_array* in, const lanes_array* indices_i64, lanes_array* out) {
  return permute("lanes_gather", in, indices_i64, out, true,  // lanes.h: out has as many as indices
                 [](const lanes::device& d, auto from, auto where, auto to) {
                   lanes::compiled::gather(d, from, where, to);
                 });
}

lanes_status lanes_scatter(const lanes_array* in, const lanes_array* indices_i64, lanes_array* out) {
  return permute("lanes_scatter", in, indices_i64, out, false,
                 [](const lanes::device& d, auto from, auto where, auto to) {
                   lanes::compiled::scatter(d, from, where, to);
                 });
}

lanes_status lanes_sort(lanes_array* keys) {
  return guarded("lanes_sort", [&] {
    lanes_array& k = need(keys, "keys");
    with_elements(k, "keys", [&](auto& elements) { lanes::compiled::sort(*k.device, elements); });
  });
}

lanes_status lanes_sort_by_key(lanes_array* keys, lanes_array* values) {
  return guarded("lanes_sort_by_key", [&] {
    lanes_array& k = need(keys, "keys");
    lanes_array& v = need(values, "values");
    if (&k == &v) reject(LANES_EINVAL, "keys and values are the same array");
    check_same_device(k, v, "keys", "values");
    check_same_size(k, v, "keys", "values");
    with_elements(k, "keys", [&](auto key_elements) {
      with_bits(v, [&](auto value_bits) { lanes::compiled::sort_by_key(*k.device, key_elements, value_bits); });
    });
  });
}

lanes_status lanes_histogram(const lanes_array* x, double lo, double hi, lanes_array* bins_u64) {
  return guarded("lanes_histogram", [&] {
    const lanes_array& xs = need(x, "x");
    lanes_array& bins = need(bins_u64, "bins_u64");
    check_same_device(xs, bins, "x", "bins_u64");
    check_dtype(bins, LANES_U64, "bins_u64");
    auto counts = same_typed<std::uint64_t>(bins);
    with_elements(xs, "x", [&](const auto& elements) {
      lanes::compiled::histogram(*xs.device, cview(elements), lo, hi, counts);
    });
  });
}

lanes_status lanes_unique(const lanes_array* in, lanes_array* out, size_t* count) {
  return guarded("lanes_unique", [&] {
    const lanes_array& ins = need(in, "in");
    lanes_array& outs = need(out, "out");
    need(count, "count");
    check_alike(ins, outs, "in", "out", false);
    with_elements(outs, "out", [&](auto out_elements) {
      using T = typename decltype(out_elements)::value_type;
      *count = lanes::compiled::unique(*outs.device, cview(same_typed<T>(ins)), out_elements);
    });
  });
}

lanes_status lanes_unique_by_key(const lanes_array* keys, const lanes_array* values, lanes_array* keys_out,
                                 lanes_array* values_out, size_t* count) {
  return guarded("lanes_unique_by_key", [&] {
    const lanes_array& ks = need(keys, "keys");
    const lanes_array& vs = need(values, "values");
    lanes_array& kos = need(keys_out, "keys_out");
    lanes_array& vos = need(values_out, "values_out");
    need(count, "count");
    check_by_key(ks, vs, kos, vos, "keys", "values", "values_out");
    with_elements(kos, "keys_out", [&](auto key_elements) {
      using K = typename decltype(key_elements)::value_type;
      with_bits(vos, [&](auto value_bits) {
        using V = typename decltype(value_bits)::value_type;
        *count = lanes::compiled::unique_by_key(*kos.device, cview(same_typed<K>(ks)), cview(as_bits<V>(vs)),
                                                key_elements, value_bits);
      });
    });
  });
}

lanes_status lanes_merge(const lanes_array* a, const lanes_array* b, lanes_array* out) {
  return guarded("lanes_merge", [&] {
    const lanes_array& as = need(a, "a");
    const lanes_array& bs = need(b, "b");
    lanes_array& outs = need(out, "out");
    check_alike(as, outs, "a", "out", false);
    check_alike(bs, outs, "b", "out", false);
    if (outs.size() != as.size() + bs.size())
      reject(LANES_ESIZE, "out has ", outs.size(), " elements but a and b have ", as.size(), " + ", bs.size());
    with_elements(outs, "out", [&](auto out_elements) {
      using T = typename decltype(out_elements)::value_type;
      lanes::compiled::merge(*outs.device, cview(same_typed<T>(as)), cview(same_typed<T>(bs)), out_elements);
    });
  });
}

lanes_status lanes_merge_by_key(const lanes_array* a_keys, const lanes_array* a_values, const lanes_array* b_keys,
                                const lanes_array* b_values, lanes_array* keys_out, lanes_array* values_out) {
  return guarded("lanes_merge_by_key", [&] {
    const lanes_array& aks = need(a_keys, "a_keys");
    const lanes_array& avs = need(a_values, "a_values");
    const lanes_array& bks = need(b_keys, "b_keys");
    const lanes_array& bvs = need(b_values, "b_values");
    lanes_array& kos = need(keys_out, "keys_out");
    lanes_array& vos = need(values_out, "values_out");
    check_by_key(aks, avs, kos, vos, "a_keys", "a_values", "values_out");
    check_by_key(bks, bvs, kos, vos, "b_keys", "b_values", "values_out");
    const std::size_t n = aks.size() + bks.size();
    if (kos.size() != n || vos.size() != n)
      reject(LANES_ESIZE, "keys_out has ", kos.size(), " and values_out ", vos.size(),
             " elements but a_keys and b_keys have ", aks.size(), " + ", bks.size());
    with_elements(kos, "keys_out", [&](auto key_elements) {
      using K = typename decltype(key_elements)::value_type;
      with_bits(vos, [&](auto value_bits) {
        using V = typename decltype(value_bits)::value_type;
        lanes::compiled::merge_by_key(*kos.device, cview(same_typed<K>(aks)), cview(as_bits<V>(avs)),
                                      cview(same_typed<K>(bks)), cview(as_bits<V>(bvs)), key_elements, value_bits);
      });
    });
  });
}

lanes_status lanes_lower_bound(const lanes_array* sorted, const lanes_array* needles, lanes_array* out_i64) {
  return search("lanes_lower_bound", sorted, needles, out_i64,
                [](const lanes::device& d, auto haystack, auto wanted, auto where) {
                  lanes::compiled::lower_bound(d, haystack, wanted, where);
                });
}

lanes_status lanes_upper_bound(const lanes_array* sorted, const lanes_array* needles, lanes_array* out_i64) {
  return search("lanes_upper_bound", sorted, needles, out_i64,
                [](const lanes::device& d, auto haystack, auto wanted, auto where) {
                  lanes::compiled::upper_bound(d, haystack, wanted, where);
                });
}

lanes_status lanes_reverse(lanes_array* x) {
  return guarded("lanes_reverse", [&] {
    lanes_array& xs = need(x, "x");
    with_elements(xs, "x", [&](auto elements) { lanes::compiled::reverse(*xs.device, elements); });
  });
}

lanes_status lanes_reduce_by_key(const lanes_array* keys, const lanes_array* values, lanes_array* keys_out,
                                 lanes_array* sums, size_t* runs) {
  return guarded("lanes_reduce_by_key", [&] {
    const lanes_array& ks = need(keys, "keys");
    const lanes_array& vs = need(values, "values");
    lanes_array& kos = need(keys_out, "keys_out");
    lanes_array& sos = need(sums, "sums");
    need(runs, "runs");
    check_by_key(ks, vs, kos, sos, "keys", "values", "sums");
    with_elements(kos, "keys_out", [&](auto key_elements) {
      using K = typename decltype(key_elements)::value_type;
      with_elements<true>(vs, "values", [&](auto value_elements) {
        using V = typename decltype(value_elements)::value_type;
        *runs = lanes::compiled::reduce_by_key(*kos.device, cview(same_typed<K>(ks)), cview(value_elements),
                                               key_elements, same_typed<V>(sos));
      });
    });
  });
}

lanes_status lanes_adjacent_difference(const lanes_array* in, lanes_array* out) {
  return in_to_out("lanes_adjacent_difference", in, out, [](const lanes::device& d, auto from, auto to) {
    lanes::compiled::adjacent_difference(d, from, to);
  });
}

}  // extern "C"
