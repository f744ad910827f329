# SPDX-License-Identifier: Apache-2.0
"""Lanes from Python: arrays on a device chosen at run time, and data-parallel operations
on them, through the C ABI (lanes.h) with ctypes.

ctypes releases the GIL for the length of every call into the library, so Python threads
that call Lanes really run at once: give each thread its own arrays (and, to share the
cores evenly, its own ``Device("cpu:1")``).

    import array, lanes
    dev = lanes.Device("auto")
    x = lanes.Array(dev, array.array("d", [1, 2, 3]))
    y = lanes.Array.zeros(dev, 3, "f64")
    lanes.axpy(2.0, x, y)          # y = 2 x + y
    print(y.to_list(), lanes.sum(y))

The library is found through LANES_LIBRARY (a path to liblanes.so), then the build tree
(build/<preset>/lib) of a source checkout, then an installed prefix, then the system's
library path.
"""

import array as _array
import ctypes as _ct
import ctypes.util as _ctutil
import glob as _glob
import os as _os

__all__ = ["Error", "Device", "Array", "DTYPES", "version", "axpy", "dot", "sum", "min_max", "inclusive_scan",
           "sort", "sort_by_key", "histogram", "gemm", "monte_carlo_pi", "count_primes", "particles_evolve"]

# dtype name -> (lanes_dtype value, item size, array.array typecode, numpy dtype name)
DTYPES = {
    "f32": (0, 4, "f", "float32"),
    "f64": (1, 8, "d", "float64"),
    "i32": (2, 4, None, "int32"),
    "i64": (3, 8, None, "int64"),
    "u32": (4, 4, None, "uint32"),
    "u64": (5, 8, None, "uint64"),
}
_DTYPE_OF_CODE = {code: name for name, (code, _, _, _) in DTYPES.items()}
_STATUS = ["LANES_OK", "LANES_EINVAL", "LANES_ENODEV", "LANES_ENOMEM", "LANES_EDTYPE", "LANES_ESIZE",
           "LANES_EINTERNAL"]


def _typecode_for(name):
    """The array.array typecode whose items are those of dtype `name`."""
    code = DTYPES[name][2]
    if code is not None:
        return code
    signed = name[0] == "i"
    size = DTYPES[name][1]
    for candidate in ("i", "l", "q") if signed else ("I", "L", "Q"):
        if _array.array(candidate).itemsize == size:
            return candidate
    raise Error("no array.array typecode holds " + name)


def _dtype_of_format(fmt, itemsize):
    """The dtype name of a buffer's struct format, or None."""
    fmt = fmt.lstrip("@=<")
    if fmt in ("f", "d"):
        return "f32" if fmt == "f" else "f64"
    if fmt in ("i", "l", "q", "I", "L", "Q", "n", "N") and itemsize in (4, 8):
        return ("u" if fmt.isupper() else "i") + str(8 * itemsize)
    return None


class Error(Exception):
    """A failed Lanes call: the C library's message, and its status name in `.status`."""

    def __init__(self, message, status="LANES_EINVAL"):
        super().__init__(message)
        self.status = status


def _find_library():
    explicit = _os.environ.get("LANES_LIBRARY")
    if explicit:
        if not _os.path.exists(explicit):
            raise Error("LANES_LIBRARY=%s: no such file" % explicit)
        return explicit
    here = _os.path.dirname(_os.path.abspath(__file__))
    candidates = []
    # A source checkout: python/lanes -> build/<preset>/lib.
    for preset in ("release", "debug", "asan", "tsan"):
        candidates.append(_os.path.join(here, "..", "..", "build", preset, "lib", "liblanes.so"))
    candidates += sorted(_glob.glob(_os.path.join(here, "..", "..", "build", "*", "lib", "liblanes.so")))
    # An installed prefix: <prefix>/lib/python3/site-packages/lanes -> <prefix>/lib.
    candidates.append(_os.path.join(here, "..", "..", "..", "liblanes.so"))
    for path in candidates:
        if _os.path.exists(path):
            return _os.path.normpath(path)
    found = _ctutil.find_library("lanes")
    if found:
        return found
    raise Error("liblanes.so not found: build Lanes (scripts/test.sh), install it, or set LANES_LIBRARY")


def _load():
    lib = _ct.CDLL(_find_library())  # CDLL: the GIL is released during every call
    c_size, c_double, c_u64 = _ct.c_size_t, _ct.c_double, _ct.c_uint64
    ptr, pptr, status = _ct.c_void_p, _ct.POINTER(_ct.c_void_p), _ct.c_int
    signatures = {
        "lanes_version": (_ct.c_char_p, []),
        "lanes_last_error": (_ct.c_char_p, []),
        "lanes_device_open": (status, [_ct.c_char_p, pptr]),
        "lanes_device_close": (None, [ptr]),
        "lanes_device_name": (_ct.c_char_p, [ptr]),
        "lanes_array_create": (status, [ptr, _ct.c_int, c_size, pptr]),
        "lanes_array_from_host": (status, [ptr, _ct.c_int, ptr, c_size, pptr]),
        "lanes_array_to_host": (status, [ptr, ptr, c_size]),
        "lanes_array_free": (None, [ptr]),
        "lanes_array_size": (c_size, [ptr]),
        "lanes_array_dtype": (_ct.c_int, [ptr]),
        "lanes_axpy": (status, [c_double, ptr, ptr]),
        "lanes_dot": (status, [ptr, ptr, _ct.POINTER(c_double)]),
        "lanes_sum": (status, [ptr, _ct.POINTER(c_double)]),
        "lanes_min_max": (status, [ptr, _ct.POINTER(c_double), _ct.POINTER(c_double)]),
        "lanes_inclusive_scan": (status, [ptr, ptr]),
        "lanes_sort": (status, [ptr]),
        "lanes_sort_by_key": (status, [ptr, ptr]),
        "lanes_histogram": (status, [ptr, c_double, c_double, ptr]),
        "lanes_gemm": (status, [c_size, c_size, c_size, c_double, ptr, ptr, c_double, ptr]),
        "lanes_monte_carlo_pi": (status, [ptr, c_u64, c_u64, _ct.POINTER(c_double)]),
        "lanes_count_primes": (status, [ptr, c_u64, c_u64, _ct.POINTER(c_u64)]),
        "lanes_particles_evolve": (status, [ptr, ptr, ptr, c_double]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


_lib = _load()


def _check(status):
    if status != 0:
        message = _lib.lanes_last_error().decode("utf-8", "replace")
        name = _STATUS[status] if 0 <= status < len(_STATUS) else str(status)
        raise Error(message, name)


def version():
    """The version of the loaded liblanes."""
    return _lib.lanes_version().decode()


class Device:
    """Where arrays live and work runs: "auto", "seq", "cpu", "cpu:N", "cuda", "cuda:K"."""

    def __init__(self, spec="auto"):
        if not isinstance(spec, str):
            raise TypeError("Device spec must be a str, not %s" % type(spec).__name__)
        handle = _ct.c_void_p()
        _check(_lib.lanes_device_open(spec.encode(), _ct.byref(handle)))
        self._handle = handle

    @property
    def name(self):
        """What the device is and, for "auto", why it was chosen."""
        return _lib.lanes_device_name(self._handle).decode()

    def close(self):
        """Lets the device go (arrays made on it keep it alive while they live)."""
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            _lib.lanes_device_close(handle)

    def __del__(self):
        self.close()

    def __repr__(self):
        return "lanes.Device(%r)" % self.name


def _contiguous_bytes(data):
    """A C-contiguous memoryview of bytes over `data` (copied when it is not contiguous)."""
    try:
        view = memoryview(data)
    except TypeError:
        raise TypeError("expected a buffer (array.array, memoryview, bytes, numpy array), not %s"
                        % type(data).__name__) from None
    if not view.c_contiguous:
        copy = memoryview(view.tobytes())
        try:
            view = copy.cast(view.format)
        except (TypeError, ValueError):  # a format cast cannot keep: untyped bytes then
            view = copy
    return view, view.cast("B") if view.nbytes else view


class Array:
    """n elements of one dtype on one device. Made from any buffer; read back with
    to_list(), to_array(), to_numpy() or read_into(buffer)."""

    def __init__(self, device, data, dtype=None):
        """A copy of `data` (any buffer) on `device`. The dtype comes from the buffer's
        format; give it (f32, f64, i32, i64, u32, u64) for untyped bytes."""
        if not isinstance(device, Device):
            raise TypeError("device must be a lanes.Device, not %s" % type(device).__name__)
        view, raw = _contiguous_bytes(data)
        found = _dtype_of_format(view.format, view.itemsize)
        if dtype is None:
            if found is None:
                raise TypeError("cannot tell the dtype of a buffer of format %r: pass dtype= (one of %s)"
                                % (view.format, ", ".join(DTYPES)))
            dtype = found
        if dtype not in DTYPES:
            raise Error("unknown dtype %r: one of %s" % (dtype, ", ".join(DTYPES)), "LANES_EDTYPE")
        code, size = DTYPES[dtype][0], DTYPES[dtype][1]
        if found is not None and found != dtype:
            raise TypeError("the buffer holds %s but dtype=%r was asked for" % (found, dtype))
        if view.nbytes % size:
            raise Error("a buffer of %d bytes is not a whole number of %s items" % (view.nbytes, dtype), "LANES_ESIZE")
        n = view.nbytes // size
        source = (_ct.c_char * view.nbytes).from_buffer_copy(raw) if raw.readonly else \
            (_ct.c_char * view.nbytes).from_buffer(raw)
        self._adopt(device, code, n, lambda out: _lib.lanes_array_from_host(device._handle, code, source, n, out))

    @classmethod
    def zeros(cls, device, n, dtype):
        """n zero elements of `dtype` on `device`."""
        if not isinstance(device, Device):
            raise TypeError("device must be a lanes.Device, not %s" % type(device).__name__)
        if dtype not in DTYPES:
            raise Error("unknown dtype %r: one of %s" % (dtype, ", ".join(DTYPES)), "LANES_EDTYPE")
        n = _count(n, "n")
        self = cls.__new__(cls)
        code = DTYPES[dtype][0]
        self._adopt(device, code, n, lambda out: _lib.lanes_array_create(device._handle, code, n, out))
        return self

    def _adopt(self, device, code, n, make):
        handle = _ct.c_void_p()
        _check(make(_ct.byref(handle)))
        self._handle, self.device, self.dtype = handle, device, _DTYPE_OF_CODE[code]

    def __len__(self):
        return _lib.lanes_array_size(self._handle)

    def __del__(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            _lib.lanes_array_free(handle)

    def __repr__(self):
        return "lanes.Array(%s, n=%d, on %s)" % (self.dtype, len(self), self.device.name)

    def read_into(self, buffer):
        """Copies the elements into `buffer`: writable, of this dtype (or untyped bytes)
        and at least as long."""
        view = memoryview(buffer)
        if view.readonly:
            raise TypeError("read_into needs a writable buffer; %s is read-only" % type(buffer).__name__)
        if not view.c_contiguous:
            raise TypeError("read_into needs a contiguous buffer")
        found = _dtype_of_format(view.format, view.itemsize)
        if found is not None and found != self.dtype:
            raise TypeError("the buffer holds %s but the array holds %s" % (found, self.dtype))
        if found is None and view.format not in ("B", "b", "c"):
            raise TypeError("read_into needs a buffer of %s or of bytes, not of format %r" % (self.dtype, view.format))
        raw = view.cast("B") if view.nbytes else view
        n = view.nbytes // DTYPES[self.dtype][1]
        target = (_ct.c_char * view.nbytes).from_buffer(raw) if view.nbytes else None
        _check(_lib.lanes_array_to_host(self._handle, target, n))
        return buffer

    def to_array(self):
        """The elements as an array.array."""
        out = _array.array(_typecode_for(self.dtype), bytes(len(self) * DTYPES[self.dtype][1]))
        return self.read_into(out)

    def to_list(self):
        return self.to_array().tolist()

    def to_numpy(self):
        """The elements as a numpy array (needs numpy)."""
        import numpy
        return self.read_into(numpy.empty(len(self), dtype=DTYPES[self.dtype][3]))


def _handle(array, name):
    if not isinstance(array, Array):
        raise TypeError("%s must be a lanes.Array, not %s" % (name, type(array).__name__))
    return array._handle


def _count(value, name):
    """A non-negative int for a size_t or uint64_t parameter (ctypes would wrap negatives)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an int, not %s" % (name, type(value).__name__))
    if not 0 <= value < 2 ** 64:
        raise Error("%s = %d is outside [0, 2**64)" % (name, value), "LANES_EINVAL")
    return value


def _device_handle(device):
    if not isinstance(device, Device):
        raise TypeError("device must be a lanes.Device, not %s" % type(device).__name__)
    return device._handle


def axpy(a, x, y):
    """y = a x + y (f32 or f64)."""
    _check(_lib.lanes_axpy(float(a), _handle(x, "x"), _handle(y, "y")))


def dot(x, y):
    out = _ct.c_double()
    _check(_lib.lanes_dot(_handle(x, "x"), _handle(y, "y"), _ct.byref(out)))
    return out.value


def sum(x):  # noqa: A001 - the name users expect
    """The sum of the elements, in double (0.0 for none)."""
    out = _ct.c_double()
    _check(_lib.lanes_sum(_handle(x, "x"), _ct.byref(out)))
    return out.value


def min_max(x):
    """(min, max), NaN ignored; (inf, -inf) for no element."""
    lo, hi = _ct.c_double(), _ct.c_double()
    _check(_lib.lanes_min_max(_handle(x, "x"), _ct.byref(lo), _ct.byref(hi)))
    return lo.value, hi.value


def inclusive_scan(x, out=None):
    """Running sums of x, into `out` (made when not given, may be x); returns out."""
    if out is None:
        out = Array.zeros(x.device, len(x), x.dtype) if isinstance(x, Array) else None
    _check(_lib.lanes_inclusive_scan(_handle(x, "x"), _handle(out, "out")))
    return out


def sort(keys):
    """Sorts keys in place (stable; floats -inf < ... < -0.0 < +0.0 < ... < +inf, then NaN)."""
    _check(_lib.lanes_sort(_handle(keys, "keys")))


def sort_by_key(keys, values):
    """Sorts keys in place and moves values (any dtype) with them; stable."""
    _check(_lib.lanes_sort_by_key(_handle(keys, "keys"), _handle(values, "values")))


def histogram(x, lo, hi, bins):
    """Counts of x in `bins` even bins over [lo, hi), as a u64 Array."""
    counts = Array.zeros(x.device, _count(bins, "bins"), "u64") if isinstance(x, Array) else None
    _check(_lib.lanes_histogram(_handle(x, "x"), float(lo), float(hi), _handle(counts, "bins")))
    return counts


def gemm(m, n, k, alpha, a, b, beta, c):
    """c = alpha a b + beta c, row-major: a is m x k, b is k x n, c is m x n."""
    m, n, k = _count(m, "m"), _count(n, "n"), _count(k, "k")
    _check(_lib.lanes_gemm(m, n, k, float(alpha), _handle(a, "a"), _handle(b, "b"), float(beta), _handle(c, "c")))


def monte_carlo_pi(device, samples, seed=0):
    """pi from `samples` Philox points: the same estimate on every device."""
    out = _ct.c_double()
    _check(_lib.lanes_monte_carlo_pi(_device_handle(device), _count(samples, "samples"), _count(seed, "seed"),
                                     _ct.byref(out)))
    return out.value


def count_primes(device, lo, hi):
    """The number of primes in [lo, hi)."""
    out = _ct.c_uint64()
    _check(_lib.lanes_count_primes(_device_handle(device), _count(lo, "lo"), _count(hi, "hi"), _ct.byref(out)))
    return out.value


def particles_evolve(x, y, w, dt):
    """The circular-motion particle simulator: (int)(dt / 1e-5) steps, in place."""
    _check(_lib.lanes_particles_evolve(_handle(x, "x"), _handle(y, "y"), _handle(w, "w"), float(dt)))
