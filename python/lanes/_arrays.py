# SPDX-License-Identifier: Apache-2.0
"""Devices and arrays: lanes.Device, lanes.Array, lanes.asarray, and what a call does with
the arrays and buffers it is given (_Call)."""
import array as _array
import ctypes as _ct
import numbers
import operator
import threading as _threading

from ._library import DTYPES, Error, _DTYPE_OF_CODE, _NATIVE, _check, _dtype_name, _dtype_of_buffer, _lib, \
    _typecode_for


class Device:
    """Where arrays live and work runs: "auto", "seq", "cpu", "cpu:N", "cuda", "cuda:K".
    A context manager: `with lanes.Device("cpu") as dev: ...` closes it at the end."""

    def __init__(self, spec="auto"):
        if not isinstance(spec, str):
            raise TypeError("Device spec must be a str, not %s" % type(spec).__name__)
        handle = _ct.c_void_p()
        _check(_lib.lanes_device_open(spec.encode(), _ct.byref(handle)))
        # Calls in flight keep the handle open: close() from another thread takes effect when
        # the last of them returns, and later calls get lanes.Error (never a freed handle).
        self._lock, self._users, self._closing = _threading.Lock(), 0, False
        self._handle = handle
        self.kind = _lib.lanes_device_kind(handle).decode()  # "seq", "cpu" or "cuda"
        # cpu's threads (0: every core) or cuda's GPU, from the name ("cpu:2 (2 threads)"):
        # with kind, what makes two handles one device, as the C ABI counts them.
        self.index = int(self.name.split(" ")[0].partition(":")[2] or 0)

    @property
    def name(self):
        """What the device is and, for "auto", why it was chosen."""
        return self._call(_lib.lanes_device_name).decode()

    def _call(self, function, *args):
        """function(the C handle, *args), the handle kept open until it returns."""
        with self._lock:
            if self._closing:
                raise Error("the lanes.Device is closed", "LANES_EINVAL")
            self._users += 1
        try:
            return function(self._handle, *args)
        finally:
            with self._lock:
                self._users -= 1
                handle = self._handle if self._closing and self._users == 0 else None
                if handle:
                    self._handle = None
            if handle:
                _lib.lanes_device_close(handle)

    def close(self):
        """Lets the device go once the calls using it return (arrays made on it keep it
        alive while they live); calls after it raise lanes.Error."""
        lock = getattr(self, "_lock", None)
        if lock is None:  # __init__ failed
            return
        with lock:
            if self._closing:
                return
            self._closing = True
            handle = self._handle if self._users == 0 else None
            if handle:
                self._handle = None
        if handle:
            _lib.lanes_device_close(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def __repr__(self):
        return "lanes.Device(%r)" % self.name if not self._closing else "lanes.Device(closed)"


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
        _checked_device(device, none_is_auto=False)
        view = _buffer(data)
        code, n = _code_and_count(data, view, dtype)
        source, _ = _raw_bytes(view)
        self._adopt(device, code, _lib.lanes_array_from_host, source, n, shape=_shape_of(view, n))

    @classmethod
    def zeros(cls, device, shape, dtype):
        """Zero elements of `dtype` on `device`: n (or (n,)) of them, or a (rows, cols) matrix."""
        _checked_device(device, none_is_auto=False)
        dtype = _dtype_name(dtype)
        if isinstance(shape, tuple) and len(shape) == 1:
            shape = shape[0]
        if isinstance(shape, tuple):
            if len(shape) != 2:
                raise TypeError("shape must be n or (rows, cols), not %r" % (shape,))
            rows, cols = _count(shape[0], "rows"), _count(shape[1], "cols")
            n, shape = rows * cols, (rows, cols)
        else:
            n, shape = _count(shape, "n"), None
        self = cls.__new__(cls)
        self._adopt(device, DTYPES[dtype][0], _lib.lanes_array_create, n, shape=shape)
        return self

    def _adopt(self, device, code, make, *args, keep=None, shape=None):
        """Takes the array make(device, code, *args, &out) gives."""
        handle = _ct.c_void_p()
        status = device._call(make, code, *args, _ct.byref(handle))
        if status:
            _check(status)
        self._handle, self.device, self.dtype = handle, device, _DTYPE_OF_CODE[code]
        self._keep = keep  # the memory a wrapped array lives in
        self._shape = shape  # (rows, cols) of a matrix; None: 1-D

    @property
    def shape(self):
        """(n,), or (rows, cols) for an array made from a 2-D buffer or as a matrix."""
        return self._shape or (len(self),)

    def __len__(self):
        return _lib.lanes_array_size(self._handle)

    def __del__(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            _lib.lanes_array_free(handle)

    def __repr__(self):
        return "lanes.Array(%s, n=%d, on %s)" % (self.dtype, len(self), self.device.name)

    def __getitem__(self, key):
        """a[i:j]: an Array over those elements (rows of a matrix), not a copy: writes
        through either show in both, and it keeps the memory alive. a[i]: element i's value
        (read through the host), or row i of a matrix as an Array over it."""
        part = self._selected(key)
        return part if isinstance(key, slice) or self._shape else part.to_list()[0]

    def __setitem__(self, key, value):
        """a[i:j] = values, a[i] = value: from an Array (on any device), a buffer or a list
        of as many elements, or one number for every element selected."""
        part = self._selected(key)
        if isinstance(value, numbers.Number):
            value = _array.array(_typecode_for(self.dtype), [value]) * len(part)
        elif isinstance(value, (list, tuple)):
            value = _array.array(_typecode_for(self.dtype), value)
        source = value if isinstance(value, Array) else asarray(value, device=part.device, dtype=self.dtype)
        _check(_lib.lanes_array_copy(source._handle, part._handle))

    def _selected(self, key):
        """The Array over what key selects: a slice's elements (a matrix's rows), or one
        element (a matrix's row)."""
        rows, cols = self._shape or (len(self), 1)
        if isinstance(key, slice):
            start, stop, step = key.indices(rows)
            if step != 1:
                raise ValueError("a lanes.Array slice is contiguous: its step must be 1, not %d" % step)
            count = max(stop - start, 0)
            return self._part(start * cols, count * cols, (count, cols) if self._shape else None)
        try:
            i = operator.index(key)
        except TypeError:
            raise TypeError("a lanes.Array takes an int or a slice, not %s" % type(key).__name__) from None
        if not -rows <= i < rows:
            raise IndexError("index %d is out of range for %d %s" % (i, rows, "rows" if self._shape else "elements"))
        return self._part(i % rows * cols, cols, None)

    def __iter__(self):
        """The elements' values, read through the host at once (list(a), and numpy's view of
        a cuda array as a sequence, take one transfer, not one per element); a matrix's rows."""
        if self._shape:
            return (self[i] for i in range(self._shape[0]))
        return iter(self.to_list())

    def _part(self, begin, n, shape):
        """An Array over elements [begin, begin + n)."""
        part = Array.__new__(Array)
        handle = _ct.c_void_p()
        _check(_lib.lanes_array_slice(self._handle, begin, n, _ct.byref(handle)))
        part._handle, part.device, part.dtype = handle, self.device, self.dtype
        part._keep = self._keep  # a wrapped array's memory; liblanes keeps its own arrays'
        part._shape = shape
        return part

    def copy(self, device=None):
        """A new Array with a copy of the elements, on `device` (default: this Array's),
        moved there directly (to or from a GPU, or between host devices)."""
        device = self.device if device is None else device
        _checked_device(device, none_is_auto=False)
        out = Array.zeros(device, self.shape if self._shape else len(self), self.dtype)
        _check(_lib.lanes_array_copy(self._handle, out._handle))
        return out

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
        # An empty array has no memory: numpy takes no null pointer, so it gets a stand-in.
        return {"shape": self.shape, "typestr": typestr, "data": (where.value or _ct.addressof(_NOWHERE), False),
                "version": 3}

    def __buffer__(self, flags):
        """memoryview(a) (Python 3.12 and later) shares the elements on host devices."""
        if self.device.kind == "cuda":
            raise TypeError("a lanes.Array on cuda has no host memory: use to_numpy()")
        where = _ct.c_void_p()
        _check(_lib.lanes_array_data(self._handle, _ct.byref(where)))
        nbytes = len(self) * DTYPES[self.dtype][1]
        if not nbytes:  # memoryview casts no view with a zero in its shape
            return memoryview(_array.array(_typecode_for(self.dtype)))
        memory = (_ct.c_char * nbytes).from_address(where.value)
        memory.array = self  # the view keeps the array alive
        return memoryview(memory).cast("B").cast(_typecode_for(self.dtype), self.shape)

    def __dlpack__(self, stream=None):
        """A DLPack capsule over the elements (numpy.from_dlpack(a) shares them on host
        devices). The GPU's stream is the array's: nothing is queued on it when this returns."""
        from ._dlpack import dlpack_capsule
        return dlpack_capsule(self)

    def __dlpack_device__(self):
        from ._dlpack import DL_CPU, DL_CUDA
        return (DL_CUDA, self.device.index) if self.device.kind == "cuda" else (DL_CPU, 0)

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
        if device is not None and (device.kind, device.index) != (obj.device.kind, obj.device.index):
            raise TypeError("the lanes.Array is on %s, not on %s" % (obj.device.name, device.name))
        if dtype is not None and _dtype_name(dtype) != obj.dtype:
            raise TypeError("the lanes.Array holds %s, not %s" % (obj.dtype, _dtype_name(dtype)))
        return obj
    device = _default_device() if device is None else device
    if not isinstance(device, Device):
        raise TypeError("device must be a lanes.Device, not %s" % type(device).__name__)
    return _over_buffer(obj, _buffer(obj), device, dtype)


_NOWHERE = (_ct.c_char * 64)()  # where empty arrays point numpy
_AT = _ct.c_char * 0  # from_buffer of it: a buffer's address, its export held while it lives


def _over_buffer(obj, view, device, dtype):
    """asarray's work for a buffer and its memoryview."""
    code, n = _code_and_count(obj, view, dtype)
    self = Array.__new__(Array)
    if not view.readonly and view.c_contiguous and device.kind != "cuda":
        memory = _AT.from_buffer(view)
        self._adopt(device, code, _lib.lanes_array_wrap, memory, n, keep=(obj, memory), shape=_shape_of(view, n))
    else:
        memory, _ = _raw_bytes(view)
        self._adopt(device, code, _lib.lanes_array_from_host, memory, n, shape=_shape_of(view, n))
    return self


def _code_and_count(obj, view, dtype):
    """The C dtype code of the buffer's items and their number."""
    dtype = _checked_dtype(obj, view, dtype)
    code, size = DTYPES[dtype][0], DTYPES[dtype][1]
    if view.nbytes % size:
        raise Error("a buffer of %d bytes is not a whole number of %s items" % (view.nbytes, dtype), "LANES_ESIZE")
    return code, view.nbytes // size


def _shape_of(view, n):
    """A 2-D buffer's (rows, cols) for its n elements; None for any other (read as 1-D)."""
    if view.ndim == 2 and view.shape[0] * view.shape[1] == n:
        return tuple(view.shape)
    return None


class _Call:
    """The arrays of one call. A lanes.Array goes as it is; anything else through asarray on
    the call's device (the first lanes.Array's, else the one given, else Device("auto")).
    A buffer the call writes must be writable and contiguous; on cuda it is copied back.
    handle() wraps a host buffer in a bare C array, freed when the call returns: no
    lanes.Array is made for it (the per-call cost of a small call is mostly objects)."""

    __slots__ = ("device", "_write_back", "_made", "_wrapped")

    def __init__(self, device, *objects):
        if device is None:
            for o in objects:
                if isinstance(o, Array):
                    device = o.device
                    break
        self.device = _checked_device(device)
        self._write_back, self._made = None, None  # _made: alive until the call returns
        self._wrapped = []  # (C array, the buffer's export) of handle()'s wraps

    def _view(self, obj, name, writes):
        try:
            view = _buffer(obj)
            if writes and view.readonly:
                raise TypeError("it is read-only, and this call writes it in place")
            if writes and not view.c_contiguous:
                raise TypeError("it is not contiguous, and this call writes it in place: pass "
                                "numpy.ascontiguousarray(%s) and use that" % name)
        except TypeError as e:
            raise TypeError("%s: %s" % (name, e)) from None
        return view

    def array(self, obj, name, writes=False, dtype=None):
        if not isinstance(obj, Array):
            view = self._view(obj, name, writes)
            try:
                made = _over_buffer(obj, view, self.device, dtype)
            except TypeError as e:
                raise TypeError("%s: %s" % (name, e)) from None
            self._made = (made, self._made)
            if writes and made._keep is None:
                self._write_back = (made, obj, self._write_back)
            obj = made
        return obj

    def handle(self, obj, name, writes=False, dtype=None):
        if isinstance(obj, Array):
            return obj._handle
        view = self._view(obj, name, writes)
        if view.readonly or not view.c_contiguous or self.device.kind == "cuda":
            return self.array(obj, name, writes, dtype)._handle
        try:
            code, n = _code_and_count(obj, view, dtype)
        except TypeError as e:
            raise TypeError("%s: %s" % (name, e)) from None
        memory, handle = _AT.from_buffer(view), _ct.c_void_p()
        status = self.device._call(_lib.lanes_array_wrap, code, memory, n, _ct.byref(handle))
        if status:
            _check(status)
        self._wrapped.append((handle, memory))
        return handle

    def check(self, status):
        try:
            if status:
                _check(status)
        finally:
            self._free()
        back = self._write_back
        while back:
            made, obj, back = back
            made.read_into(obj)

    def _free(self):
        wrapped, self._wrapped = self._wrapped, []
        for handle, _ in wrapped:
            _lib.lanes_array_free(handle)

    def __del__(self):  # a call that raised before check()
        self._free()


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


def _checked_device(device, none_is_auto=True):
    """device, checked; for None the process-wide default where none_is_auto."""
    if device is None and none_is_auto:
        device = _default_device()
    if not isinstance(device, Device):
        raise TypeError("device must be a lanes.Device, e.g. lanes.Device(\"cpu\"), not %s" % type(device).__name__)
    return device


def _shape2(obj, rows, cols, name):
    """rows and cols given, or taken from a 2-D array (numpy's or Lanes')."""
    shape = getattr(obj, "shape", None)
    if rows is None or cols is None:
        if shape is None or len(shape) != 2:
            raise TypeError("%s: give rows and cols, or a 2-D array" % name)
        rows, cols = shape if rows is None and cols is None else (rows or shape[0], cols or shape[1])
    return _count(rows, "rows"), _count(cols, "cols")
