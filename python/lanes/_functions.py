# SPDX-License-Identifier: Apache-2.0
"""The operations: one function per entry point of the C ABI, each taking lanes.Arrays or
anything lanes.asarray takes."""
import contextlib as _contextlib
import ctypes as _ct
import os as _os

from ._arrays import Array, _Call, _count, _checked_device, _default_device, _shape2
from ._library import _check, _lib


def axpy(a, x, y, device=None):
    """y = a x + y (f32 or f64), in place."""
    c = _Call(device, x, y)
    c.check(_lib.lanes_axpy(float(a), c.handle(x, "x"), c.handle(y, "y", writes=True)))
    return y


def dot(x, y, device=None):
    c = _Call(device, x, y)
    out = _ct.c_double()
    c.check(_lib.lanes_dot(c.handle(x, "x"), c.handle(y, "y"), _ct.byref(out)))
    return out.value


def sum(x, device=None):  # noqa: A001 - the name users expect
    """The sum of the elements, in double (0.0 for none)."""
    c = _Call(device, x)
    out = _ct.c_double()
    c.check(_lib.lanes_sum(c.handle(x, "x"), _ct.byref(out)))
    return out.value


def min_max(x, device=None):
    """(min, max), NaN ignored; (inf, -inf) for no element."""
    c = _Call(device, x)
    lo, hi = _ct.c_double(), _ct.c_double()
    c.check(_lib.lanes_min_max(c.handle(x, "x"), _ct.byref(lo), _ct.byref(hi)))
    return lo.value, hi.value


def _scan(function, x, out, device):
    c = _Call(device, x, out)
    xs = c.array(x, "x")
    if out is None:
        out = Array.zeros(c.device, xs.shape, xs.dtype)
    c.check(function(xs._handle, c.handle(out, "out", writes=True)))
    return out


def inclusive_scan(x, out=None, device=None):
    """Running sums of x, into `out` (made when not given, may be x); returns out."""
    return _scan(_lib.lanes_inclusive_scan, x, out, device)


def exclusive_scan(x, out=None, device=None):
    """Running sums of x before each element (out[0] = 0), into `out`; returns out."""
    return _scan(_lib.lanes_exclusive_scan, x, out, device)


def sort(keys, device=None):
    """Sorts keys in place (stable; floats -inf < ... < -0.0 < +0.0 < ... < +inf, then NaN)."""
    c = _Call(device, keys)
    c.check(_lib.lanes_sort(c.handle(keys, "keys", writes=True)))
    return keys


def sort_by_key(keys, values, device=None):
    """Sorts keys in place and moves values (any dtype) with them; stable."""
    c = _Call(device, keys, values)
    c.check(_lib.lanes_sort_by_key(c.handle(keys, "keys", writes=True), c.handle(values, "values", writes=True)))


def histogram(x, lo, hi, bins, device=None):
    """Counts of x in `bins` even bins over [lo, hi), as a u64 Array."""
    c = _Call(device, x)
    xs = c.array(x, "x")
    counts = Array.zeros(c.device, _count(bins, "bins"), "u64")
    c.check(_lib.lanes_histogram(xs._handle, float(lo), float(hi), counts._handle))
    return counts


def gather(x, indices, out=None, device=None):
    """out[i] = x[indices[i]] (indices int64, each checked); returns out."""
    c = _Call(device, x, indices, out)
    xs, where = c.array(x, "x"), c.array(indices, "indices", dtype="i64")
    if out is None:
        out = Array.zeros(c.device, len(where), xs.dtype)
    c.check(_lib.lanes_gather(xs._handle, where._handle, c.handle(out, "out", writes=True)))
    return out


def scatter(x, indices, out, device=None):
    """out[indices[i]] = x[i] (indices int64, inside out, none repeated), in place; returns out."""
    c = _Call(device, x, indices, out)
    c.check(_lib.lanes_scatter(c.handle(x, "x"), c.handle(indices, "indices", dtype="i64"),
                               c.handle(out, "out", writes=True)))
    return out


def _head(array, count):
    """array's first count elements: array itself when that is all of it, else a copy of
    them on its device (a slice would hold all of array's memory)."""
    return array if count == len(array) else array[:count].copy()


def unique(x, device=None):
    """The first element of every run of equal elements (sort's order), as a new Array."""
    c = _Call(device, x)
    xs = c.array(x, "x")
    out = Array.zeros(c.device, len(xs), xs.dtype)
    count = _ct.c_size_t()
    c.check(_lib.lanes_unique(xs._handle, out._handle, _ct.byref(count)))
    return _head(out, count.value)


def unique_by_key(keys, values, device=None):
    """For every run of equal keys (as unique's): (its first key, the value beside it, of any
    dtype), as two new Arrays."""
    c = _Call(device, keys, values)
    ks, vs = c.array(keys, "keys"), c.array(values, "values")
    keys_out, values_out = Array.zeros(c.device, len(ks), ks.dtype), Array.zeros(c.device, len(vs), vs.dtype)
    count = _ct.c_size_t()
    c.check(_lib.lanes_unique_by_key(ks._handle, vs._handle, keys_out._handle, values_out._handle,
                                     _ct.byref(count)))
    return _head(keys_out, count.value), _head(values_out, count.value)


def reduce_by_key(keys, values, device=None):
    """For every run of equal keys: (its first key, the sum of its values, f32 or f64), as two
    new Arrays; the sums' bits are the same on every CPU device and thread count."""
    c = _Call(device, keys, values)
    ks, vs = c.array(keys, "keys"), c.array(values, "values")
    keys_out, sums = Array.zeros(c.device, len(ks), ks.dtype), Array.zeros(c.device, len(vs), vs.dtype)
    runs = _ct.c_size_t()
    c.check(_lib.lanes_reduce_by_key(ks._handle, vs._handle, keys_out._handle, sums._handle, _ct.byref(runs)))
    return _head(keys_out, runs.value), _head(sums, runs.value)


def merge(a, b, device=None):
    """a and b (both sorted, one dtype) merged into a new Array; equal elements a's first."""
    c = _Call(device, a, b)
    x, y = c.array(a, "a"), c.array(b, "b")
    out = Array.zeros(c.device, len(x) + len(y), x.dtype)
    c.check(_lib.lanes_merge(x._handle, y._handle, out._handle))
    return out


def merge_by_key(a_keys, a_values, b_keys, b_values, device=None):
    """merge on keys (a_keys and b_keys sorted, one dtype), each value (of any dtype, one per
    key) moved with its key: (keys, values) as two new Arrays; equal keys a's first."""
    c = _Call(device, a_keys, a_values, b_keys, b_values)
    aks, avs = c.array(a_keys, "a_keys"), c.array(a_values, "a_values")
    bks, bvs = c.array(b_keys, "b_keys"), c.array(b_values, "b_values")
    n = len(aks) + len(bks)
    keys_out, values_out = Array.zeros(c.device, n, aks.dtype), Array.zeros(c.device, n, avs.dtype)
    c.check(_lib.lanes_merge_by_key(aks._handle, avs._handle, bks._handle, bvs._handle, keys_out._handle,
                                    values_out._handle))
    return keys_out, values_out


def _search(function, sorted, needles, device):  # noqa: A002 - the C ABI's name
    c = _Call(device, sorted, needles)
    haystack, wanted = c.array(sorted, "sorted"), c.array(needles, "needles")
    out = Array.zeros(c.device, len(wanted), "i64")
    c.check(function(haystack._handle, wanted._handle, out._handle))
    return out


def lower_bound(sorted, needles, device=None):  # noqa: A002
    """For each needle, the first index of `sorted` whose element is not before it (i64):
    numpy.searchsorted(sorted, needles, side="left")."""
    return _search(_lib.lanes_lower_bound, sorted, needles, device)


def upper_bound(sorted, needles, device=None):  # noqa: A002
    """For each needle, the first index of `sorted` whose element is after it (i64):
    numpy.searchsorted(sorted, needles, side="right")."""
    return _search(_lib.lanes_upper_bound, sorted, needles, device)


def reverse(x, device=None):
    """Reverses x in place; returns x."""
    c = _Call(device, x)
    c.check(_lib.lanes_reverse(c.handle(x, "x", writes=True)))
    return x


def adjacent_difference(x, out=None, device=None):
    """out[0] = x[0], out[i] = x[i] - x[i - 1] (signed integers wrap), into `out` (made when
    not given; not x); returns out."""
    c = _Call(device, x, out)
    xs = c.array(x, "x")
    if out is None:
        out = Array.zeros(c.device, len(xs), xs.dtype)
    c.check(_lib.lanes_adjacent_difference(xs._handle, c.handle(out, "out", writes=True)))
    return out


def _fill(function, out, dtype, device, seed, stream, offset, *parameters):
    """out (an Array or writable buffer, f32 or f64) filled in place, or, for an int, a new
    Array of that many `dtype` elements."""
    if isinstance(out, int) and not isinstance(out, bool):
        out = Array.zeros(_checked_device(device), out, dtype)
    c = _Call(device, out)
    c.check(function(c.handle(out, "out", writes=True), _count(seed, "seed"), _count(stream, "stream"),
                     _count(offset, "offset"), *parameters))
    return out


def random_uniform(out, lo=0.0, hi=1.0, seed=0, stream=0, offset=0, dtype="f64", device=None):
    """Uniform in [lo, hi) from Philox-4x32-10: element i is item offset + i of stream
    `stream` of `seed`, the same on every device. out: an Array or buffer to fill, or a count."""
    return _fill(_lib.lanes_random_uniform, out, dtype, device, seed, stream, offset, float(lo), float(hi))


def random_normal(out, mean=0.0, stddev=1.0, seed=0, stream=0, offset=0, dtype="f64", device=None):
    """Normal (Box-Muller) with the given mean and standard deviation; as random_uniform."""
    return _fill(_lib.lanes_random_normal, out, dtype, device, seed, stream, offset, float(mean), float(stddev))


def random_bernoulli(out, p, seed=0, stream=0, offset=0, dtype="f64", device=None):
    """1 with probability p, else 0; as random_uniform."""
    return _fill(_lib.lanes_random_bernoulli, out, dtype, device, seed, stream, offset, float(p))


def gemm(m, n, k, alpha, a, b, beta, c, device=None):
    """c = alpha a b + beta c, row-major: a is m x k, b is k x n, c is m x n; c in place."""
    m, n, k = _count(m, "m"), _count(n, "n"), _count(k, "k")
    call = _Call(device, a, b, c)
    call.check(_lib.lanes_gemm(m, n, k, float(alpha), call.handle(a, "a"), call.handle(b, "b"),
                               float(beta), call.handle(c, "c", writes=True)))
    return c


def scal(a, x, device=None):
    """x = a x, in place."""
    c = _Call(device, x)
    c.check(_lib.lanes_scal(float(a), c.handle(x, "x", writes=True)))
    return x


def nrm2(x, device=None):
    """The Euclidean norm of x (no overflow or underflow on the way)."""
    c = _Call(device, x)
    out = _ct.c_double()
    c.check(_lib.lanes_nrm2(c.handle(x, "x"), _ct.byref(out)))
    return out.value


def gemv(alpha, a, x, beta, y, m=None, n=None, device=None):
    """y = alpha a x + beta y, a m x n row-major (m, n from a 2-D array), in place."""
    m, n = _shape2(a, m, n, "gemv")
    c = _Call(device, a, x, y)
    c.check(_lib.lanes_gemv(m, n, float(alpha), c.handle(a, "a"), c.handle(x, "x"), float(beta),
                            c.handle(y, "y", writes=True)))
    return y


def stencil2d(grid, steps, rows=None, cols=None, device=None):
    """`steps` Jacobi heat steps on grid (rows x cols, from a 2-D array), in place."""
    rows, cols = _shape2(grid, rows, cols, "stencil2d")
    c = _Call(device, grid)
    g = c.array(grid, "grid", writes=True)
    scratch = Array.zeros(c.device, len(g), g.dtype)
    c.check(_lib.lanes_stencil2d(rows, cols, int(steps), g._handle, scratch._handle))
    return grid


def conv2d(image, filter, out=None, rows=None, cols=None, device=None):  # noqa: A002
    """image filtered by a 3 x 3 or 5 x 5 filter, edges clamped; returns out."""
    rows, cols = _shape2(image, rows, cols, "conv2d")
    c = _Call(device, image, filter, out)
    im, f = c.array(image, "image"), c.array(filter, "filter")
    size = int(round(len(f) ** 0.5))
    if out is None:
        out = Array.zeros(c.device, (rows, cols), im.dtype)
    c.check(_lib.lanes_conv2d(rows, cols, im._handle, size, f._handle, c.handle(out, "out", writes=True)))
    return out


def grayscale(rgb, out=None, dtype="f32", device=None):
    """Luminance (BT.601) of interleaved RGB bytes (u8); returns out (n floats)."""
    c = _Call(device, rgb, out)
    colour = c.array(rgb, "rgb", dtype="u8")
    if out is None:
        out = Array.zeros(c.device, len(colour) // 3, dtype)
    c.check(_lib.lanes_grayscale(colour._handle, c.handle(out, "out", writes=True)))
    return out


def threshold(image, level, mask=None, device=None):
    """A u8 mask: 255 where image > level, else 0; returns mask."""
    c = _Call(device, image, mask)
    im = c.array(image, "image")
    if mask is None:
        mask = Array.zeros(c.device, im.shape, "u8")
    c.check(_lib.lanes_threshold(im._handle, float(level), c.handle(mask, "mask", writes=True, dtype="u8")))
    return mask


def adaptive_threshold(image, block, offset, mask=None, rows=None, cols=None, device=None):
    """A u8 mask: 255 where a pixel exceeds its block x block mean minus offset; returns mask."""
    rows, cols = _shape2(image, rows, cols, "adaptive_threshold")
    c = _Call(device, image, mask)
    im = c.array(image, "image")
    if mask is None:
        mask = Array.zeros(c.device, (rows, cols), "u8")
    c.check(_lib.lanes_adaptive_threshold(rows, cols, im._handle, _count(block, "block"), float(offset),
                                          c.handle(mask, "mask", writes=True, dtype="u8")))
    return mask


def mandelbrot(width, height, x0, x1, y0, y1, max_iter, device=None):
    """Escape counts (u32, height x width) of a grid over [x0, x1) x [y0, y1)."""
    device = _default_device() if device is None else device
    counts = Array.zeros(device, (_count(height, "height"), _count(width, "width")), "u32")
    _check(_lib.lanes_mandelbrot(width, height, float(x0), float(x1), float(y0), float(y1),
                                 _count(max_iter, "max_iter"), counts._handle))
    return counts


def distance_matrix(points, dim=None, device=None):
    """The n x n Euclidean distances of n points (n x dim, dim from a 2-D array)."""
    shape = getattr(points, "shape", None)
    if dim is None:
        if shape is None or len(shape) != 2:
            raise TypeError("distance_matrix: give dim, or a 2-D array of points")
        dim = shape[1]
    c = _Call(device, points)
    p = c.array(points, "points")
    dim = _count(dim, "dim")
    n = len(p) // dim if dim else 0
    out = Array.zeros(c.device, (n, n), p.dtype)
    c.check(_lib.lanes_distance_matrix(n, dim, p._handle, out._handle))
    return out


def nbody_step(dt, eps, pos, vel, mass, device=None):
    """One all-pairs gravity step: pos and vel (3 n, xyz interleaved) in place."""
    c = _Call(device, pos, vel, mass)
    c.check(_lib.lanes_nbody_step(float(dt), float(eps), c.handle(pos, "pos", writes=True),
                                  c.handle(vel, "vel", writes=True), c.handle(mass, "mass")))


def spmv_csr(rows, cols, offsets, indices, values, x, y, device=None):
    """y = A x for the CSR matrix (offsets u64, column indices u32, values), in place."""
    c = _Call(device, offsets, indices, values, x, y)
    c.check(_lib.lanes_spmv_csr(_count(rows, "rows"), _count(cols, "cols"), c.handle(offsets, "offsets", dtype="u64"),
                                c.handle(indices, "indices", dtype="u32"), c.handle(values, "values"),
                                c.handle(x, "x"), c.handle(y, "y", writes=True)))
    return y


def monte_carlo_pi(device, samples, seed=0):
    """pi from `samples` Philox points: the same estimate on every device."""
    out = _ct.c_double()
    _check(_checked_device(device)._call(_lib.lanes_monte_carlo_pi, _count(samples, "samples"),
                                         _count(seed, "seed"), _ct.byref(out)))
    return out.value


def monte_carlo_inside(device, samples, first_draw, draws, seed=0):
    """How many of monte_carlo_pi's points of draws [first_draw, first_draw + draws) (of its
    ceil(samples / 2)) fall inside the quarter circle: workers that split the draws add their
    counts, and 4 * total / samples is monte_carlo_pi's estimate."""
    out = _ct.c_uint64()
    _check(_checked_device(device)._call(_lib.lanes_monte_carlo_inside, _count(samples, "samples"), _count(seed, "seed"),
                                         _count(first_draw, "first_draw"), _count(draws, "draws"), _ct.byref(out)))
    return out.value


def count_primes(device, lo, hi):
    """The number of primes in [lo, hi)."""
    out = _ct.c_uint64()
    _check(_checked_device(device)._call(_lib.lanes_count_primes, _count(lo, "lo"), _count(hi, "hi"), _ct.byref(out)))
    return out.value


def particles_evolve(x, y, w, dt, device=None):
    """The circular-motion particle simulator: (int)(dt / 1e-5) steps, in place."""
    c = _Call(device, x, y, w)
    c.check(_lib.lanes_particles_evolve(c.handle(x, "x", writes=True), c.handle(y, "y", writes=True), c.handle(w, "w"),
                                        float(dt)))


@_contextlib.contextmanager
def trace(path):
    """Every call into Lanes while the block runs, from any thread, as one event in a Chrome
    trace-event JSON file (open it in Perfetto or chrome://tracing), written when the block
    ends: its name, device, n, dtype, bytes, time and thread. Raises lanes.Error if a trace
    is running already or the file cannot be written.

        with lanes.trace("calls.json"):
            lanes.sort(x)
    """
    _check(_lib.lanes_trace_start(_os.fsencode(path)))
    try:
        yield
    finally:
        _check(_lib.lanes_trace_stop())


@_contextlib.contextmanager
def validate(reference="seq"):
    """Every call this thread makes while the block runs also runs on the `reference` device
    (a spec such as "seq" or "cpu:1"), on copies of its inputs, and a result that differs
    (bit for bit; gemm, and floating scans against a GPU, within stated bounds) raises
    lanes.Error with status LANES_EVALIDATE, naming the call, the first differing element,
    both values and both devices.

        with lanes.validate("seq"):
            lanes.sort(x)          # on x's device, and on one thread, compared
    """
    _check(_lib.lanes_validate_begin(str(reference).encode()))
    try:
        yield
    finally:
        _check(_lib.lanes_validate_end())
