# SPDX-License-Identifier: Apache-2.0
"""The C library under the package: its dtypes, its loading (ctypes), its statuses and
messages (as Python's Error)."""
import array as _array
import ctypes as _ct
import ctypes.util as _ctutil
import glob as _glob
import os as _os
import re as _re
import sys as _sys

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
           "LANES_EINTERNAL", "LANES_EVALIDATE"]


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
        "lanes_array_slice": (status, [ptr, c_size, c_size, pptr]),
        "lanes_array_copy": (status, [ptr, ptr]),
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
        "lanes_unique": (status, [ptr, ptr, _ct.POINTER(c_size)]),
        "lanes_merge": (status, [ptr, ptr, ptr]),
        "lanes_merge_by_key": (status, [ptr, ptr, ptr, ptr, ptr, ptr]),
        "lanes_lower_bound": (status, [ptr, ptr, ptr]),
        "lanes_upper_bound": (status, [ptr, ptr, ptr]),
        "lanes_reverse": (status, [ptr]),
        "lanes_adjacent_difference": (status, [ptr, ptr]),
        "lanes_reduce_by_key": (status, [ptr, ptr, ptr, ptr, _ct.POINTER(c_size)]),
        "lanes_unique_by_key": (status, [ptr, ptr, ptr, ptr, _ct.POINTER(c_size)]),
        "lanes_random_uniform": (status, [ptr, c_u64, c_u64, c_u64, c_double, c_double]),
        "lanes_random_normal": (status, [ptr, c_u64, c_u64, c_u64, c_double, c_double]),
        "lanes_random_bernoulli": (status, [ptr, c_u64, c_u64, c_u64, c_double]),
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
        "lanes_monte_carlo_inside": (status, [ptr, c_u64, c_u64, c_u64, c_u64, _ct.POINTER(c_u64)]),
        "lanes_count_primes": (status, [ptr, c_u64, c_u64, _ct.POINTER(c_u64)]),
        "lanes_particles_evolve": (status, [ptr, ptr, ptr, c_double]),
        "lanes_trace_start": (status, [_ct.c_char_p]),
        "lanes_trace_stop": (status, []),
        "lanes_validate_begin": (status, [_ct.c_char_p]),
        "lanes_validate_end": (status, []),
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
