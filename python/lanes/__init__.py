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

The library is found through LANES_LIBRARY (a path to liblanes.so), then a copy bundled in
the package (pip), then the prefix cmake --install put it in, then the build tree
(build/<preset>/lib) of a source checkout, then the system's library path.
"""

import array as _array
import ctypes as _ct
import ctypes.util as _ctutil
import glob as _glob
import os as _os
import re as _re
import sys as _sys
import threading as _threading

__all__ = ["Error", "Device", "Array", "DTYPES", "version", "asarray", "from_dlpack", "axpy", "dot", "sum", "min_max",
           "inclusive_scan", "exclusive_scan", "sort", "sort_by_key", "histogram", "gather", "scatter", "gemm",
           "scal", "nrm2", "gemv", "stencil2d", "conv2d", "grayscale", "threshold", "adaptive_threshold",
           "mandelbrot", "distance_matrix", "nbody_step", "spmv_csr", "monte_carlo_pi", "count_primes",
           "particles_evolve"]

# dtype name -> (lanes_dtype value, item size, array.array typecode, numpy dtype name)
DTYPES = {
    "f32": (0, 4, "f", "float32"),
    "f64": (1, 8, "d", "float64"),
    "i32": (2, 4, None, "int32"),
    "i64": (3, 8, None, "int64"),
    "u32": (4, 4, None, "uint32"),
    "u64": (5, 8, None, "uint64"),
    "i8": (6, 1, "b", "int8"),
    "u8": (7, 1, "B", "uint8"),
}
# Other names of the dtypes: numpy's names, and its kind-and-size codes where they do not
# collide with Lanes' own names (numpy's "i8" and "u8" are 8-byte integers: Lanes' i64
# and u64; as strings "i8" and "u8" are Lanes' 1-byte ones, numpy.dtype("i8") is int64).
_DTYPE_ALIASES = {alias: name for name, (_, size, _, numpy_name) in DTYPES.items()
                  for alias in (numpy_name, name[0] + str(size)) if alias not in DTYPES}
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


def _dtype_name(dtype):
    """Lanes' name of a dtype given as Lanes' name (f32 ...), numpy's ('float32', 'f4'), a
    numpy dtype or a numpy scalar type (numpy.float32)."""
    name = dtype if isinstance(dtype, str) else getattr(dtype, "name", None) or getattr(dtype, "__name__", None)
    if name is None and hasattr(dtype, "dtype"):
        name = getattr(dtype.dtype, "name", None)
    name = _DTYPE_ALIASES.get(name, name)
    if name not in DTYPES:
        raise Error("unknown dtype %r: one of %s (or numpy's names for them)" % (dtype, ", ".join(DTYPES)),
                    "LANES_EDTYPE")
    return name


_NATIVE = "<" if _sys.byteorder == "little" else ">"


def _dtype_of_buffer(data, view):
    """The dtype name of a buffer's items, or None for untyped bytes (bytes, bytearray, a
    memoryview of bytes). A format that is none of Lanes' dtypes, or not in this machine's
    byte order, is a TypeError that says how to convert it: never a reinterpretation."""
    fmt = view.format
    order, kind = (fmt[0], fmt[1:]) if fmt[:1] in "@=<>!" else ("@", fmt)
    if kind == "c" or (kind == "B" and isinstance(data, (bytes, bytearray, memoryview))):
        return None
    if order in "<>!" and (">" if order == "!" else order) != _NATIVE and view.itemsize > 1:
        raise TypeError("the buffer's items are in non-native byte order (format %r): convert them first, "
                        "e.g. numpy's x.astype(x.dtype.newbyteorder('='))" % fmt)
    if kind in ("f", "d"):
        return "f32" if kind == "f" else "f64"
    if kind in ("b", "B", "h", "H", "i", "l", "q", "I", "L", "Q", "n", "N") and view.itemsize in (1, 4, 8):
        return ("u" if kind.isupper() else "i") + str(8 * view.itemsize)
    raise TypeError("a buffer of format %r (%d-byte items) holds none of Lanes' dtypes (%s): convert it first, "
                    "e.g. numpy's x.astype('float32')" % (fmt, view.itemsize, ", ".join(DTYPES)))


class Error(Exception):
    """A failed Lanes call: the C library's message in Python's names (lanes.axpy, f64, ...),
    and its status name in `.status`."""

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
    # Bundled in the package (pip install with LANES_LIBRARY set, see setup.py).
    candidates = [_os.path.join(here, "liblanes.so")]
    # Installed by cmake --install, which says where the library went.
    try:
        from . import _installed
        candidates.append(_os.path.join(here, _installed.LIBRARY_DIR, "liblanes.so"))
    except ImportError:
        pass
    # A source checkout: python/lanes -> build/<preset>/lib.
    for preset in ("release", "debug", "asan", "tsan"):
        candidates.append(_os.path.join(here, "..", "..", "build", preset, "lib", "liblanes.so"))
    candidates += sorted(_glob.glob(_os.path.join(here, "..", "..", "build", "*", "lib", "liblanes.so")))
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
        "lanes_device_kind": (_ct.c_char_p, [ptr]),
        "lanes_array_wrap": (status, [ptr, _ct.c_int, ptr, c_size, pptr]),
        "lanes_array_data": (status, [ptr, pptr]),
        "lanes_exclusive_scan": (status, [ptr, ptr]),
        "lanes_gather": (status, [ptr, ptr, ptr]),
        "lanes_scatter": (status, [ptr, ptr, ptr]),
        "lanes_scal": (status, [c_double, ptr]),
        "lanes_nrm2": (status, [ptr, _ct.POINTER(c_double)]),
        "lanes_gemv": (status, [c_size, c_size, c_double, ptr, ptr, c_double, ptr]),
        "lanes_stencil2d": (status, [c_size, c_size, _ct.c_int64, ptr, ptr]),
        "lanes_conv2d": (status, [c_size, c_size, ptr, c_size, ptr, ptr]),
        "lanes_grayscale": (status, [ptr, ptr]),
        "lanes_threshold": (status, [ptr, c_double, ptr]),
        "lanes_adaptive_threshold": (status, [c_size, c_size, ptr, c_size, c_double, ptr]),
        "lanes_mandelbrot": (status, [c_size, c_size, c_double, c_double, c_double, c_double, _ct.c_uint32, ptr]),
        "lanes_distance_matrix": (status, [c_size, c_size, ptr, ptr]),
        "lanes_nbody_step": (status, [c_double, c_double, ptr, ptr, ptr]),
        "lanes_spmv_csr": (status, [c_size, c_size, ptr, ptr, ptr, ptr, ptr]),
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


def _python_message(message):
    """The C message in Python's words: "lanes_histogram: histogram: bins_u64 has dtype U32"
    -> "lanes.histogram: bins has dtype u32"."""
    call, sep, rest = message.partition(": ")
    if not (sep and call.startswith("lanes_")):
        return message
    name = call[len("lanes_"):]
    if rest.startswith(name + ": "):
        rest = rest[len(name) + 2:]
    rest = _re.sub(r"\b([a-z]+)_(?:u8|u32|u64|i64)\b", r"\1", rest)
    rest = _re.sub(r"\b(F32|F64|I32|I64|U32|U64|I8|U8)\b", lambda m: m.group(1).lower(), rest)
    return "lanes.%s: %s" % (name, rest)


def _check(status):
    if status != 0:
        message = _python_message(_lib.lanes_last_error().decode("utf-8", "replace"))
        name = _STATUS[status] if 0 <= status < len(_STATUS) else str(status)
        raise Error(message, name)


def version():
    """The version of the loaded liblanes."""
    return _lib.lanes_version().decode()


class Device:
    """Where arrays live and work runs: "auto", "seq", "cpu", "cpu:N", "cuda", "cuda:K".
    A context manager: `with lanes.Device("cpu") as dev: ...` closes it at the end."""

    def __init__(self, spec="auto"):
        if not isinstance(spec, str):
            raise TypeError("Device spec must be a str, not %s" % type(spec).__name__)
        handle = _ct.c_void_p()
        _check(_lib.lanes_device_open(spec.encode(), _ct.byref(handle)))
        self._handle = handle
        self.kind = _lib.lanes_device_kind(handle).decode()  # "seq", "cpu" or "cuda"

    @property
    def name(self):
        """What the device is and, for "auto", why it was chosen."""
        return _lib.lanes_device_name(self._handle).decode()

    def close(self):
        """Lets the device go (arrays made on it keep it alive while they live)."""
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            _lib.lanes_device_close(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def __repr__(self):
        return "lanes.Device(%r)" % self.name


_default = []
_default_lock = _threading.Lock()


def _default_device():
    """The process-wide Device("auto") that functions use for raw buffers."""
    if not _default:
        with _default_lock:
            if not _default:
                _default.append(Device("auto"))
    return _default[0]


def _buffer(data):
    try:
        return memoryview(data)
    except TypeError:
        raise TypeError("expected a lanes.Array or a buffer (numpy array, array.array, memoryview, bytes), not %s"
                        % type(data).__name__) from None


_buffer_dtypes = {}  # (type, format, itemsize) -> dtype name or None: formats parse once


def _checked_dtype(data, view, dtype):
    """The dtype of `data`'s items, or `dtype` for untyped bytes; a mismatch is a TypeError."""
    key = (type(data), view.format, view.itemsize)
    try:
        found = _buffer_dtypes[key]
    except KeyError:
        found = _buffer_dtypes.setdefault(key, _dtype_of_buffer(data, view))
    if dtype is None:
        if found is None:
            raise TypeError("cannot tell the dtype of untyped bytes: pass dtype= (one of %s)" % ", ".join(DTYPES))
        return found
    dtype = _dtype_name(dtype)
    if found is not None and found != dtype:
        raise TypeError("the buffer holds %s but dtype=%r was asked for: convert it first, e.g. numpy's "
                        "x.astype(%r)" % (found, dtype, DTYPES[dtype][3]))
    return dtype


def _raw_bytes(view):
    """The buffer's bytes, C-contiguous (copied when the view is not), as a writable or
    read-only ctypes char array over the same memory where possible."""
    if not view.c_contiguous:
        view = memoryview(view.tobytes())
    raw = view.cast("B") if view.nbytes else view
    if raw.readonly:
        return (_ct.c_char * view.nbytes).from_buffer_copy(raw), False
    return (_ct.c_char * view.nbytes).from_buffer(raw), True


class Array:
    """n elements of one dtype on one device. Made from any buffer (a copy), by
    lanes.asarray (the buffer's own memory on host devices) or Array.zeros; read back with
    to_list(), to_array(), to_numpy(), read_into(buffer), or numpy.asarray(a) (no copy on
    host devices)."""

    def __init__(self, device, data, dtype=None):
        """A copy of `data` (any buffer) on `device`. The dtype comes from the buffer's
        format; give it for untyped bytes."""
        if not isinstance(device, Device):
            raise TypeError("device must be a lanes.Device, not %s" % type(device).__name__)
        view = _buffer(data)
        dtype = _checked_dtype(data, view, dtype)
        code, size = DTYPES[dtype][0], DTYPES[dtype][1]
        if view.nbytes % size:
            raise Error("a buffer of %d bytes is not a whole number of %s items" % (view.nbytes, dtype), "LANES_ESIZE")
        n = view.nbytes // size
        source, _ = _raw_bytes(view)
        self._adopt(device, code, _lib.lanes_array_from_host, source, n)

    @classmethod
    def zeros(cls, device, n, dtype):
        """n zero elements of `dtype` on `device`."""
        if not isinstance(device, Device):
            raise TypeError("device must be a lanes.Device, not %s" % type(device).__name__)
        dtype = _dtype_name(dtype)
        n = _count(n, "n")
        self = cls.__new__(cls)
        code = DTYPES[dtype][0]
        self._adopt(device, code, _lib.lanes_array_create, n)
        return self

    def _adopt(self, device, code, make, *args, keep=None):
        """Takes the array make(device, code, *args, &out) gives."""
        handle = _ct.c_void_p()
        status = make(device._handle, code, *args, _ct.byref(handle))
        if status:
            _check(status)
        self._handle, self.device, self.dtype = handle, device, _DTYPE_OF_CODE[code]
        self._keep = keep  # the memory a wrapped array lives in

    @property
    def shape(self):
        return (len(self),)

    def __len__(self):
        return _lib.lanes_array_size(self._handle)

    def __del__(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            _lib.lanes_array_free(handle)

    def __repr__(self):
        return "lanes.Array(%s, n=%d, on %s)" % (self.dtype, len(self), self.device.name)

    @property
    def __array_interface__(self):
        """numpy.asarray(a) shares the elements on host devices (a stays alive with it)."""
        if self.device.kind == "cuda":
            raise AttributeError("a lanes.Array on cuda has no host memory: use to_numpy()")
        return self._interface()

    @property
    def __cuda_array_interface__(self):
        """CuPy, Numba and PyTorch share a cuda array's device memory through this."""
        if self.device.kind != "cuda":
            raise AttributeError("a lanes.Array on %s is in host memory: use __array_interface__" % self.device.kind)
        interface = self._interface()
        interface["version"], interface["stream"] = 3, None  # the default stream, nothing queued
        return interface

    def _interface(self):
        where = _ct.c_void_p()
        _check(_lib.lanes_array_data(self._handle, _ct.byref(where)))
        typestr = ("|" if DTYPES[self.dtype][1] == 1 else _NATIVE) + self.dtype[0] + str(DTYPES[self.dtype][1])
        return {"shape": (len(self),), "typestr": typestr, "data": (where.value or 0, False), "version": 3}

    def __dlpack__(self, stream=None):
        """A DLPack capsule over the elements (numpy.from_dlpack(a) shares them on host
        devices). The GPU's stream is the array's: nothing is queued on it when this returns."""
        return _dlpack_capsule(self)

    def __dlpack_device__(self):
        index = self.device.name.split(" ")[0].partition(":")[2]
        return (_DL_CUDA, int(index or 0)) if self.device.kind == "cuda" else (_DL_CPU, 0)

    def read_into(self, buffer):
        """Copies the elements into `buffer`: writable, of this dtype (or untyped bytes)
        and at least as long."""
        view = memoryview(buffer)
        if view.readonly:
            raise TypeError("read_into needs a writable buffer; %s is read-only" % type(buffer).__name__)
        if not view.c_contiguous:
            raise TypeError("read_into needs a contiguous buffer: numpy.ascontiguousarray makes one")
        found = _dtype_of_buffer(buffer, view)
        if found is not None and found != self.dtype:
            raise TypeError("the buffer holds %s but the array holds %s" % (found, self.dtype))
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
        """The elements as a numpy array of their own (needs numpy)."""
        import numpy
        return self.read_into(numpy.empty(len(self), dtype=DTYPES[self.dtype][3]))


def asarray(obj, device=None, dtype=None):
    """A lanes.Array over obj: obj itself if it is one; on a host device (seq, cpu) the
    buffer's own memory, not a copy, so calls read and write obj in place; on cuda a copy.
    A read-only or non-contiguous buffer is copied (calls that write in place refuse it)."""
    if isinstance(obj, Array):
        if device is not None and device is not obj.device:
            raise TypeError("the lanes.Array is on %s, not on %s" % (obj.device.name, device.name))
        if dtype is not None and _dtype_name(dtype) != obj.dtype:
            raise TypeError("the lanes.Array holds %s, not %s" % (obj.dtype, _dtype_name(dtype)))
        return obj
    device = _default_device() if device is None else device
    if not isinstance(device, Device):
        raise TypeError("device must be a lanes.Device, not %s" % type(device).__name__)
    return _over_buffer(obj, _buffer(obj), device, dtype)


_AT = _ct.c_char * 0  # from_buffer of it: a buffer's address, its export held while it lives


def _over_buffer(obj, view, device, dtype):
    """asarray's work for a buffer and its memoryview."""
    dtype = _checked_dtype(obj, view, dtype)
    code, size = DTYPES[dtype][0], DTYPES[dtype][1]
    nbytes = view.nbytes
    if nbytes % size:
        raise Error("a buffer of %d bytes is not a whole number of %s items" % (nbytes, dtype), "LANES_ESIZE")
    self = Array.__new__(Array)
    if not view.readonly and view.c_contiguous and device.kind != "cuda":
        memory = _AT.from_buffer(view)
        self._adopt(device, code, _lib.lanes_array_wrap, memory, nbytes // size, keep=(obj, memory))
    else:
        memory, _ = _raw_bytes(view)
        self._adopt(device, code, _lib.lanes_array_from_host, memory, nbytes // size)
    return self


class _Call:
    """The arrays of one call. A lanes.Array goes as it is; anything else through asarray on
    the call's device (the first lanes.Array's, else the one given, else Device("auto")).
    A buffer the call writes must be writable and contiguous; on cuda it is copied back."""

    __slots__ = ("device", "_write_back", "_made")

    def __init__(self, device, *objects):
        if device is None:
            for o in objects:
                if isinstance(o, Array):
                    device = o.device
                    break
            else:
                device = _default_device()
        self.device, self._write_back, self._made = device, None, None  # _made: alive until the call returns

    def array(self, obj, name, writes=False, dtype=None):
        if not isinstance(obj, Array):
            try:
                view = _buffer(obj)
                if writes and view.readonly:
                    raise TypeError("it is read-only, and this call writes it in place")
                if writes and not view.c_contiguous:
                    raise TypeError("it is not contiguous, and this call writes it in place: pass "
                                    "numpy.ascontiguousarray(%s) and use that" % name)
                made = _over_buffer(obj, view, self.device, dtype)
            except TypeError as e:
                raise TypeError("%s: %s" % (name, e)) from None
            self._made = (made, self._made)
            if writes and made._keep is None:
                self._write_back = (made, obj, self._write_back)
            obj = made
        return obj

    def handle(self, obj, name, writes=False, dtype=None):
        return self.array(obj, name, writes, dtype)._handle

    def check(self, status):
        if status:
            _check(status)
        back = self._write_back
        while back:
            made, obj, back = back
            made.read_into(obj)


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
    if device is None:
        device = _default_device()
    if not isinstance(device, Device):
        raise TypeError("device must be a lanes.Device, not %s" % type(device).__name__)
    return device._handle


def _shape2(obj, rows, cols, name):
    """rows and cols given, or taken from a 2-D numpy array."""
    shape = getattr(obj, "shape", None)
    if rows is None or cols is None:
        if shape is None or len(shape) != 2:
            raise TypeError("%s: give rows and cols, or a 2-D array" % name)
        rows, cols = shape if rows is None and cols is None else (rows or shape[0], cols or shape[1])
    return _count(rows, "rows"), _count(cols, "cols")


def _flat(obj):
    """An n-D C-contiguous numpy array's memory as 1-D (the same memory), anything else as
    it is."""
    if getattr(obj, "ndim", 1) > 1 and hasattr(obj, "reshape") and obj.flags["C_CONTIGUOUS"]:
        return obj.reshape(-1)
    return obj


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
    c.check(_lib.lanes_sum(c.handle(_flat(x), "x"), _ct.byref(out)))
    return out.value


def min_max(x, device=None):
    """(min, max), NaN ignored; (inf, -inf) for no element."""
    c = _Call(device, x)
    lo, hi = _ct.c_double(), _ct.c_double()
    c.check(_lib.lanes_min_max(c.handle(_flat(x), "x"), _ct.byref(lo), _ct.byref(hi)))
    return lo.value, hi.value


def _scan(function, x, out, device):
    c = _Call(device, x, out)
    xs = c.array(x, "x")
    if out is None:
        out = Array.zeros(c.device, len(xs), xs.dtype)
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
    xs = c.array(_flat(x), "x")
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


def gemm(m, n, k, alpha, a, b, beta, c, device=None):
    """c = alpha a b + beta c, row-major: a is m x k, b is k x n, c is m x n; c in place."""
    m, n, k = _count(m, "m"), _count(n, "n"), _count(k, "k")
    call = _Call(device, a, b, c)
    call.check(_lib.lanes_gemm(m, n, k, float(alpha), call.handle(_flat(a), "a"), call.handle(_flat(b), "b"),
                               float(beta), call.handle(_flat(c), "c", writes=True)))
    return c


def scal(a, x, device=None):
    """x = a x, in place."""
    c = _Call(device, x)
    c.check(_lib.lanes_scal(float(a), c.handle(_flat(x), "x", writes=True)))
    return x


def nrm2(x, device=None):
    """The Euclidean norm of x (no overflow or underflow on the way)."""
    c = _Call(device, x)
    out = _ct.c_double()
    c.check(_lib.lanes_nrm2(c.handle(_flat(x), "x"), _ct.byref(out)))
    return out.value


def gemv(alpha, a, x, beta, y, m=None, n=None, device=None):
    """y = alpha a x + beta y, a m x n row-major (m, n from a 2-D array), in place."""
    m, n = _shape2(a, m, n, "gemv")
    c = _Call(device, a, x, y)
    c.check(_lib.lanes_gemv(m, n, float(alpha), c.handle(_flat(a), "a"), c.handle(x, "x"), float(beta),
                            c.handle(y, "y", writes=True)))
    return y


def stencil2d(grid, steps, rows=None, cols=None, device=None):
    """`steps` Jacobi heat steps on grid (rows x cols, from a 2-D array), in place."""
    rows, cols = _shape2(grid, rows, cols, "stencil2d")
    c = _Call(device, grid)
    g = c.array(_flat(grid), "grid", writes=True)
    scratch = Array.zeros(c.device, len(g), g.dtype)
    c.check(_lib.lanes_stencil2d(rows, cols, int(steps), g._handle, scratch._handle))
    return grid


def conv2d(image, filter, out=None, rows=None, cols=None, device=None):  # noqa: A002
    """image filtered by a 3 x 3 or 5 x 5 filter, edges clamped; returns out."""
    rows, cols = _shape2(image, rows, cols, "conv2d")
    c = _Call(device, image, filter, out)
    im, f = c.array(_flat(image), "image"), c.array(_flat(filter), "filter")
    size = int(round(len(f) ** 0.5))
    if out is None:
        out = Array.zeros(c.device, len(im), im.dtype)
    c.check(_lib.lanes_conv2d(rows, cols, im._handle, size, f._handle, c.handle(_flat(out), "out", writes=True)))
    return out


def grayscale(rgb, out=None, dtype="f32", device=None):
    """Luminance (BT.601) of interleaved RGB bytes (u8); returns out (n floats)."""
    c = _Call(device, rgb, out)
    colour = c.array(_flat(rgb), "rgb", dtype="u8")
    if out is None:
        out = Array.zeros(c.device, len(colour) // 3, dtype)
    c.check(_lib.lanes_grayscale(colour._handle, c.handle(_flat(out), "out", writes=True)))
    return out


def threshold(image, level, mask=None, device=None):
    """A u8 mask: 255 where image > level, else 0; returns mask."""
    c = _Call(device, image, mask)
    im = c.array(_flat(image), "image")
    if mask is None:
        mask = Array.zeros(c.device, len(im), "u8")
    c.check(_lib.lanes_threshold(im._handle, float(level), c.handle(_flat(mask), "mask", writes=True, dtype="u8")))
    return mask


def adaptive_threshold(image, block, offset, mask=None, rows=None, cols=None, device=None):
    """A u8 mask: 255 where a pixel exceeds its block x block mean minus offset; returns mask."""
    rows, cols = _shape2(image, rows, cols, "adaptive_threshold")
    c = _Call(device, image, mask)
    im = c.array(_flat(image), "image")
    if mask is None:
        mask = Array.zeros(c.device, len(im), "u8")
    c.check(_lib.lanes_adaptive_threshold(rows, cols, im._handle, _count(block, "block"), float(offset),
                                          c.handle(_flat(mask), "mask", writes=True, dtype="u8")))
    return mask


def mandelbrot(width, height, x0, x1, y0, y1, max_iter, device=None):
    """Escape counts (u32, row-major) of a width x height grid over [x0, x1) x [y0, y1)."""
    device = _default_device() if device is None else device
    counts = Array.zeros(device, _count(width, "width") * _count(height, "height"), "u32")
    _check(_lib.lanes_mandelbrot(width, height, float(x0), float(x1), float(y0), float(y1),
                                 _count(max_iter, "max_iter"), counts._handle))
    return counts


def distance_matrix(points, dim=None, device=None):
    """The n x n Euclidean distances of n points (n x dim, dim from a 2-D array), flat."""
    shape = getattr(points, "shape", None)
    if dim is None:
        if shape is None or len(shape) != 2:
            raise TypeError("distance_matrix: give dim, or a 2-D array of points")
        dim = shape[1]
    c = _Call(device, points)
    p = c.array(_flat(points), "points")
    dim = _count(dim, "dim")
    n = len(p) // dim if dim else 0
    out = Array.zeros(c.device, n * n, p.dtype)
    c.check(_lib.lanes_distance_matrix(n, dim, p._handle, out._handle))
    return out


def nbody_step(dt, eps, pos, vel, mass, device=None):
    """One all-pairs gravity step: pos and vel (3 n, xyz interleaved) in place."""
    c = _Call(device, pos, vel, mass)
    c.check(_lib.lanes_nbody_step(float(dt), float(eps), c.handle(_flat(pos), "pos", writes=True),
                                  c.handle(_flat(vel), "vel", writes=True), c.handle(mass, "mass")))


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
    _check(_lib.lanes_monte_carlo_pi(_device_handle(device), _count(samples, "samples"), _count(seed, "seed"),
                                     _ct.byref(out)))
    return out.value


def count_primes(device, lo, hi):
    """The number of primes in [lo, hi)."""
    out = _ct.c_uint64()
    _check(_lib.lanes_count_primes(_device_handle(device), _count(lo, "lo"), _count(hi, "hi"), _ct.byref(out)))
    return out.value


def particles_evolve(x, y, w, dt, device=None):
    """The circular-motion particle simulator: (int)(dt / 1e-5) steps, in place."""
    c = _Call(device, x, y, w)
    c.check(_lib.lanes_particles_evolve(c.handle(x, "x", writes=True), c.handle(y, "y", writes=True), c.handle(w, "w"),
                                        float(dt)))


# DLPack (dlpack.h, version 0.x ABI that numpy.from_dlpack reads): the structures, and the
# capsule protocol: a capsule named "dltensor" owns a DLManagedTensor until a consumer
# renames it "used_dltensor" and calls its deleter when done.
class _DLDevice(_ct.Structure):
    _fields_ = [("device_type", _ct.c_int), ("device_id", _ct.c_int)]


class _DLDataType(_ct.Structure):
    _fields_ = [("code", _ct.c_uint8), ("bits", _ct.c_uint8), ("lanes", _ct.c_uint16)]


class _DLTensor(_ct.Structure):
    _fields_ = [("data", _ct.c_void_p), ("device", _DLDevice), ("ndim", _ct.c_int), ("dtype", _DLDataType),
                ("shape", _ct.POINTER(_ct.c_int64)), ("strides", _ct.POINTER(_ct.c_int64)),
                ("byte_offset", _ct.c_uint64)]


class _DLManagedTensor(_ct.Structure):
    pass


_DLDeleter = _ct.CFUNCTYPE(None, _ct.POINTER(_DLManagedTensor))
_DLManagedTensor._fields_ = [("dl_tensor", _DLTensor), ("manager_ctx", _ct.c_void_p), ("deleter", _DLDeleter)]
_DL_CPU, _DL_CUDA = 1, 2
_DL_CODES = {"i": 0, "u": 1, "f": 2}
_DLTENSOR, _USED_DLTENSOR = b"dltensor", b"used_dltensor"
_capsule_new = _ct.pythonapi.PyCapsule_New
_capsule_new.restype, _capsule_new.argtypes = _ct.py_object, [_ct.c_void_p, _ct.c_char_p, _ct.c_void_p]
_capsule_pointer = _ct.pythonapi.PyCapsule_GetPointer
_capsule_pointer.restype, _capsule_pointer.argtypes = _ct.c_void_p, [_ct.py_object, _ct.c_char_p]
# The destructor gets the capsule as it dies: by address, never as a Python object (that
# would take a reference to an object being freed).
_dying_capsule_valid = _ct.PYFUNCTYPE(_ct.c_int, _ct.c_void_p, _ct.c_char_p)(("PyCapsule_IsValid", _ct.pythonapi))
_dying_capsule_pointer = _ct.PYFUNCTYPE(_ct.c_void_p, _ct.c_void_p, _ct.c_char_p)(("PyCapsule_GetPointer",
                                                                                  _ct.pythonapi))
_capsule_rename = _ct.pythonapi.PyCapsule_SetName
_capsule_rename.restype, _capsule_rename.argtypes = _ct.c_int, [_ct.py_object, _ct.c_char_p]

# What each exported tensor keeps alive (its Array, shape, the struct), by its address,
# until the consumer's deleter call.
_exported = {}
_exported_lock = _threading.Lock()


@_DLDeleter
def _dl_deleter(managed):
    with _exported_lock:
        _exported.pop(_ct.addressof(managed.contents), None)


@_ct.CFUNCTYPE(None, _ct.c_void_p)
def _dl_capsule_destructor(capsule):
    if _dying_capsule_valid(capsule, _DLTENSOR):  # never consumed: the producer lets it go
        managed = _ct.cast(_dying_capsule_pointer(capsule, _DLTENSOR), _ct.POINTER(_DLManagedTensor))
        managed.contents.deleter(managed)


def _dlpack_capsule(array):
    """A "dltensor" capsule over array's elements (1-D, compact), keeping array alive."""
    where = _ct.c_void_p()
    _check(_lib.lanes_array_data(array._handle, _ct.byref(where)))
    shape = (_ct.c_int64 * 1)(len(array))
    managed = _DLManagedTensor()
    tensor = managed.dl_tensor
    tensor.data, tensor.ndim, tensor.shape, tensor.strides, tensor.byte_offset = where.value, 1, shape, None, 0
    tensor.device = _DLDevice(*array.__dlpack_device__())
    tensor.dtype = _DLDataType(_DL_CODES[array.dtype[0]], 8 * DTYPES[array.dtype][1], 1)
    managed.deleter = _dl_deleter
    with _exported_lock:
        _exported[_ct.addressof(managed)] = (array, shape, managed)
    return _capsule_new(_ct.addressof(managed), _DLTENSOR, _ct.cast(_dl_capsule_destructor, _ct.c_void_p))


class _DLOwner:
    """A consumed DLPack tensor: its producer's deleter runs when the Array over it goes."""

    def __init__(self, capsule, managed):
        self._capsule, self._managed = capsule, managed

    def __del__(self):
        if self._managed.contents.deleter:
            self._managed.contents.deleter(self._managed)


def from_dlpack(obj, device=None):
    """A lanes.Array over a DLPack producer's memory (numpy arrays, ...), not a copy: a
    compact 1-D or n-D tensor of one of Lanes' dtypes in host memory, on a host device."""
    if not hasattr(obj, "__dlpack__"):
        raise TypeError("%s is not a DLPack producer (it has no __dlpack__)" % type(obj).__name__)
    device = _default_device() if device is None else device
    if device.kind == "cuda":
        raise TypeError("from_dlpack shares host memory, which a cuda device cannot use: lanes.asarray copies it")
    capsule = obj.__dlpack__()
    managed = _ct.cast(_capsule_pointer(capsule, _DLTENSOR), _ct.POINTER(_DLManagedTensor))
    tensor = managed.contents.dl_tensor
    kinds = {code: kind for kind, code in _DL_CODES.items()}
    dtype = "%s%d" % (kinds.get(tensor.dtype.code, "?"), tensor.dtype.bits)
    if tensor.dtype.code not in kinds or dtype not in DTYPES or tensor.dtype.lanes != 1:
        raise TypeError("from_dlpack: DLPack dtype (code %d, %d bits, %d lanes) is none of Lanes' dtypes"
                        % (tensor.dtype.code, tensor.dtype.bits, tensor.dtype.lanes))
    if tensor.device.device_type != _DL_CPU:
        raise TypeError("from_dlpack: the tensor is on DLPack device type %d, not the CPU's (1)"
                        % tensor.device.device_type)
    n, expected_stride = 1, 1
    for axis in reversed(range(tensor.ndim)):
        if tensor.strides and tensor.shape[axis] > 1 and tensor.strides[axis] != expected_stride:
            raise TypeError("from_dlpack: the tensor is not C-contiguous: numpy.ascontiguousarray makes one")
        expected_stride *= tensor.shape[axis]
        n *= tensor.shape[axis]
    _capsule_rename(capsule, _USED_DLTENSOR)  # consumed: its deleter is ours to call
    owner = _DLOwner(capsule, managed)
    data = (tensor.data or 0) + tensor.byte_offset
    code = DTYPES[dtype][0]
    array = Array.__new__(Array)
    array._adopt(device, code, _lib.lanes_array_wrap, data or None, n, keep=owner)
    return array


__version__ = version()
