// SPDX-License-Identifier: Apache-2.0
// The C ABI's kernels (lanes/lanes.h), over the compiled entry points.
#include "c_api.hpp"

using namespace lanes_c_api;

extern "C" {

lanes_status lanes_axpy(double a, const lanes_array* x, lanes_array* y) {
  return guarded("lanes_axpy", [&] {
    const lanes_array& xs = need(x, "x");
    lanes_array& ys = need(y, "y");
    check_alike(xs, ys, "x", "y");
    with_elements<true>(ys, "y", [&](auto& y_elements) {
      using T = typename std::remove_reference_t<decltype(y_elements)>::value_type;
      lanes::compiled::axpy(*ys.device, T(a), cview(same_typed<T>(xs)), y_elements);
    });
  });
}

lanes_status lanes_dot(const lanes_array* x, const lanes_array* y, double* out) {
  return guarded("lanes_dot", [&] {
    const lanes_array& xs = need(x, "x");
    const lanes_array& ys = need(y, "y");
    need(out, "out");
    check_alike(xs, ys, "x", "y");
    with_elements<true>(xs, "x", [&](const auto& x_elements) {
      using T = typename std::remove_reference_t<decltype(x_elements)>::value_type;
      *out = double(lanes::compiled::dot(*xs.device, cview(x_elements), cview(same_typed<T>(ys))));
    });
  });
}

lanes_status lanes_gemm(size_t m, size_t n, size_t k, double alpha, const lanes_array* a, const lanes_array* b,
                        double beta, lanes_array* c) {
  return guarded("lanes_gemm", [&] {
    const lanes_array& as = need(a, "a");
    const lanes_array& bs = need(b, "b");
    lanes_array& cs = need(c, "c");
    check_alike(as, cs, "a", "c", false);
    check_alike(bs, cs, "b", "c", false);
    auto expect = [](const lanes_array& array, const char* name, size_t rows, size_t cols, const char* shape) {
      size_t elements = 0;
      if (__builtin_mul_overflow(rows, cols, &elements))
        reject(LANES_ESIZE, shape, " = ", rows, " * ", cols, " overflows size_t");
      if (array.size() != elements)
        reject(LANES_ESIZE, name, " has ", array.size(), " elements but ", shape, " = ", rows, " * ", cols);
    };
    expect(as, "a", m, k, "m * k");
    expect(bs, "b", k, n, "k * n");
    expect(cs, "c", m, n, "m * n");
    if (&as == &cs || &bs == &cs) reject(LANES_EINVAL, "c is also an input");
    with_elements<true>(cs, "c", [&](auto& c_elements) {
      using T = typename std::remove_reference_t<decltype(c_elements)>::value_type;
      lanes::compiled::gemm(*cs.device, m, n, k, T(alpha), cview(same_typed<T>(as)), cview(same_typed<T>(bs)), T(beta),
                            c_elements);
    });
  });
}

lanes_status lanes_monte_carlo_pi(lanes_device* device, uint64_t samples, uint64_t seed, double* out) {
  return guarded("lanes_monte_carlo_pi", [&] {
    const lanes_device& d = need(device, "device");
    need(out, "out");
    *out = lanes::compiled::monte_carlo_pi(*d.device, samples, seed);
  });
}

lanes_status lanes_count_primes(lanes_device* device, uint64_t lo, uint64_t hi, uint64_t* out) {
  return guarded("lanes_count_primes", [&] {
    const lanes_device& d = need(device, "device");
    need(out, "out");
    *out = lanes::compiled::count_primes(*d.device, lo, hi);
  });
}

lanes_status lanes_particles_evolve(lanes_array* x, lanes_array* y, const lanes_array* w, double dt) {
  return guarded("lanes_particles_evolve", [&] {
    lanes_array& xs = need(x, "x");
    lanes_array& ys = need(y, "y");
    const lanes_array& ws = need(w, "w");
    check_alike(xs, ys, "x", "y");
    check_alike(xs, ws, "x", "w");
    if (&xs == &ys) reject(LANES_EINVAL, "x and y are the same array");
    with_elements<true>(xs, "x", [&](auto& x_elements) {
      using T = typename std::remove_reference_t<decltype(x_elements)>::value_type;
      lanes::compiled::particles_evolve(*xs.device, x_elements, same_typed<T>(ys),
                                        cview(same_typed<T>(ws)), dt);
    });
  });
}

}  // extern "C"
