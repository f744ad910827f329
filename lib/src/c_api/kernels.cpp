// SPDX-License-Identifier: Apache-2.0
// The C ABI's kernels (lanes/lanes.h), over the compiled entry points.
#include "c_api.hpp"

using namespace lanes_c_api;

namespace {

// f(T{}) with T the float element type of `a` (F32 or F64, else LANES_EDTYPE).
template <class F>
void with_float_type(const lanes_array& a, const char* name, F&& f) {
  with_elements<true>(a, name, [&](auto elements) { f(typename decltype(elements)::value_type{}); });
}

// A random fill: f(device, out's elements), out F32 or F64.
template <class F>
lanes_status fill(const char* call, lanes_array* out, F&& f) {
  return guarded(call, [&] {
    lanes_array& outs = need(out, "out");
    with_elements<true>(outs, "out", [&](auto elements) { f(*outs.device, elements); });
  });
}

}  // namespace


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

lanes_status lanes_monte_carlo_inside(lanes_device* device, uint64_t samples, uint64_t seed, uint64_t first_draw,
                                      uint64_t draws, uint64_t* out) {
  return guarded("lanes_monte_carlo_inside", [&] {
    const lanes_device& d = need(device, "device");
    need(out, "out");
    *out = lanes::compiled::monte_carlo_inside(*d.device, samples, seed, first_draw, draws);
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

lanes_status lanes_scal(double a, lanes_array* x) {
  return guarded("lanes_scal", [&] {
    lanes_array& xs = need(x, "x");
    with_float_type(xs, "x", [&](auto zero) {
      using T = decltype(zero);
      lanes::compiled::scal(*xs.device, T(a), same_typed<T>(xs));
    });
  });
}

lanes_status lanes_nrm2(const lanes_array* x, double* out) {
  return guarded("lanes_nrm2", [&] {
    const lanes_array& xs = need(x, "x");
    need(out, "out");
    with_float_type(xs, "x", [&](auto zero) {
      using T = decltype(zero);
      *out = double(lanes::compiled::nrm2(*xs.device, cview(same_typed<T>(xs))));
    });
  });
}

lanes_status lanes_gemv(size_t m, size_t n, double alpha, const lanes_array* a, const lanes_array* x, double beta,
                        lanes_array* y) {
  return guarded("lanes_gemv", [&] {
    const lanes_array& as = need(a, "a");
    const lanes_array& xs = need(x, "x");
    lanes_array& ys = need(y, "y");
    check_alike(as, ys, "a", "y", false);
    check_alike(xs, ys, "x", "y", false);
    with_float_type(ys, "y", [&](auto zero) {
      using T = decltype(zero);
      lanes::compiled::gemv(*ys.device, m, n, T(alpha), cview(same_typed<T>(as)), cview(same_typed<T>(xs)), T(beta),
                            same_typed<T>(ys));
    });
  });
}

lanes_status lanes_stencil2d(size_t rows, size_t cols, int64_t steps, lanes_array* grid, lanes_array* scratch) {
  return guarded("lanes_stencil2d", [&] {
    lanes_array& g = need(grid, "grid");
    lanes_array& s = need(scratch, "scratch");
    check_alike(g, s, "grid", "scratch", false);
    if (steps < 0 || steps > std::numeric_limits<long>::max())
      reject(LANES_EINVAL, "steps = ", steps, " is negative or more than a long holds");
    with_float_type(g, "grid", [&](auto zero) {
      using T = decltype(zero);
      lanes::compiled::stencil2d(*g.device, rows, cols, long(steps), same_typed<T>(g), same_typed<T>(s));
    });
  });
}

lanes_status lanes_conv2d(size_t rows, size_t cols, const lanes_array* image, size_t size, const lanes_array* filter,
                          lanes_array* out) {
  return guarded("lanes_conv2d", [&] {
    const lanes_array& in = need(image, "image");
    const lanes_array& f = need(filter, "filter");
    lanes_array& o = need(out, "out");
    check_alike(in, o, "image", "out", false);
    check_alike(f, o, "filter", "out", false);
    with_float_type(o, "out", [&](auto zero) {
      using T = decltype(zero);
      lanes::compiled::conv2d(*o.device, rows, cols, cview(same_typed<T>(in)), size, cview(same_typed<T>(f)),
                              same_typed<T>(o));
    });
  });
}

lanes_status lanes_grayscale(const lanes_array* rgb_u8, lanes_array* out) {
  return guarded("lanes_grayscale", [&] {
    const lanes_array& rgb = need(rgb_u8, "rgb_u8");
    lanes_array& o = need(out, "out");
    check_same_device(rgb, o, "rgb_u8", "out");
    check_dtype(rgb, LANES_U8, "rgb_u8");
    with_float_type(o, "out", [&](auto zero) {
      using T = decltype(zero);
      lanes::compiled::grayscale(*o.device, cview(same_typed<std::uint8_t>(rgb)), same_typed<T>(o));
    });
  });
}

lanes_status lanes_threshold(const lanes_array* image, double level, lanes_array* mask_u8) {
  return guarded("lanes_threshold", [&] {
    const lanes_array& in = need(image, "image");
    lanes_array& mask = need(mask_u8, "mask_u8");
    check_same_device(in, mask, "image", "mask_u8");
    check_dtype(mask, LANES_U8, "mask_u8");
    with_float_type(in, "image", [&](auto zero) {
      using T = decltype(zero);
      lanes::compiled::threshold(*in.device, cview(same_typed<T>(in)), T(level), same_typed<std::uint8_t>(mask));
    });
  });
}

lanes_status lanes_adaptive_threshold(size_t rows, size_t cols, const lanes_array* image, size_t block, double c,
                                      lanes_array* mask_u8) {
  return guarded("lanes_adaptive_threshold", [&] {
    const lanes_array& in = need(image, "image");
    lanes_array& mask = need(mask_u8, "mask_u8");
    check_same_device(in, mask, "image", "mask_u8");
    check_dtype(mask, LANES_U8, "mask_u8");
    with_float_type(in, "image", [&](auto zero) {
      using T = decltype(zero);
      lanes::compiled::adaptive_threshold(*in.device, rows, cols, cview(same_typed<T>(in)), block, T(c),
                                          same_typed<std::uint8_t>(mask));
    });
  });
}

lanes_status lanes_mandelbrot(size_t width, size_t height, double x0, double x1, double y0, double y1,
                              uint32_t max_iter, lanes_array* counts_u32) {
  return guarded("lanes_mandelbrot", [&] {
    lanes_array& counts = need(counts_u32, "counts_u32");
    check_dtype(counts, LANES_U32, "counts_u32");
    lanes::compiled::mandelbrot(*counts.device, width, height, x0, x1, y0, y1, max_iter,
                                same_typed<std::uint32_t>(counts));
  });
}

lanes_status lanes_distance_matrix(size_t n, size_t dim, const lanes_array* points, lanes_array* out) {
  return guarded("lanes_distance_matrix", [&] {
    const lanes_array& p = need(points, "points");
    lanes_array& o = need(out, "out");
    check_alike(p, o, "points", "out", false);
    with_float_type(o, "out", [&](auto zero) {
      using T = decltype(zero);
      lanes::compiled::distance_matrix(*o.device, n, dim, cview(same_typed<T>(p)), same_typed<T>(o));
    });
  });
}

lanes_status lanes_nbody_step(double dt, double eps, lanes_array* pos, lanes_array* vel, const lanes_array* mass) {
  return guarded("lanes_nbody_step", [&] {
    lanes_array& p = need(pos, "pos");
    lanes_array& v = need(vel, "vel");
    const lanes_array& m = need(mass, "mass");
    check_alike(p, v, "pos", "vel");
    check_alike(p, m, "pos", "mass", false);
    if (&p == &v) reject(LANES_EINVAL, "pos and vel are the same array");
    with_float_type(p, "pos", [&](auto zero) {
      using T = decltype(zero);
      lanes::compiled::nbody_step(*p.device, T(dt), T(eps), same_typed<T>(p), same_typed<T>(v), cview(same_typed<T>(m)));
    });
  });
}

lanes_status lanes_spmv_csr(size_t rows, size_t cols, const lanes_array* offsets_u64, const lanes_array* indices_u32,
                            const lanes_array* values, const lanes_array* x, lanes_array* y) {
  return guarded("lanes_spmv_csr", [&] {
    const lanes_array& offsets = need(offsets_u64, "offsets_u64");
    const lanes_array& indices = need(indices_u32, "indices_u32");
    const lanes_array& vs = need(values, "values");
    const lanes_array& xs = need(x, "x");
    lanes_array& ys = need(y, "y");
    check_dtype(offsets, LANES_U64, "offsets_u64");
    check_dtype(indices, LANES_U32, "indices_u32");
    check_same_device(offsets, ys, "offsets_u64", "y");
    check_same_device(indices, ys, "indices_u32", "y");
    check_alike(vs, ys, "values", "y", false);
    check_alike(xs, ys, "x", "y", false);
    with_float_type(ys, "y", [&](auto zero) {
      using T = decltype(zero);
      lanes::compiled::spmv_csr(*ys.device, rows, cols, cview(same_typed<std::uint64_t>(offsets)),
                                cview(same_typed<std::uint32_t>(indices)), cview(same_typed<T>(vs)),
                                cview(same_typed<T>(xs)), same_typed<T>(ys));
    });
  });
}

lanes_status lanes_random_uniform(lanes_array* out, uint64_t seed, uint64_t stream, uint64_t offset, double lo,
                                  double hi) {
  return fill("lanes_random_uniform", out, [&](const lanes::device& d, auto elements) {
    using T = typename decltype(elements)::value_type;
    lanes::compiled::random_uniform(d, elements, seed, stream, offset, T(lo), T(hi));
  });
}

lanes_status lanes_random_normal(lanes_array* out, uint64_t seed, uint64_t stream, uint64_t offset, double mean,
                                 double stddev) {
  return fill("lanes_random_normal", out, [&](const lanes::device& d, auto elements) {
    using T = typename decltype(elements)::value_type;
    lanes::compiled::random_normal(d, elements, seed, stream, offset, T(mean), T(stddev));
  });
}

lanes_status lanes_random_bernoulli(lanes_array* out, uint64_t seed, uint64_t stream, uint64_t offset, double p) {
  return fill("lanes_random_bernoulli", out, [&](const lanes::device& d, auto elements) {
    lanes::compiled::random_bernoulli(d, elements, seed, stream, offset, p);
  });
}

}  // extern "C"
