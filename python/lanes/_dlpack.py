# SPDX-License-Identifier: Apache-2.0
"""DLPack both ways, in ctypes: Array.__dlpack__ (dlpack_capsule) and lanes.from_dlpack."""
import ctypes as _ct
import threading as _threading

from ._arrays import Array, _default_device
from ._library import DTYPES, _check, _lib


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
DL_CPU, DL_CUDA = 1, 2
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


def dlpack_capsule(array):
    """A "dltensor" capsule over array's elements (its shape, compact), keeping array alive."""
    where = _ct.c_void_p()
    _check(_lib.lanes_array_data(array._handle, _ct.byref(where)))
    shape = (_ct.c_int64 * len(array.shape))(*array.shape)
    managed = _DLManagedTensor()
    tensor = managed.dl_tensor
    tensor.data, tensor.ndim, tensor.shape, tensor.strides, tensor.byte_offset = where.value, len(shape), shape, None, 0
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
    if tensor.device.device_type != DL_CPU:
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
    shape = (tensor.shape[0], tensor.shape[1]) if tensor.ndim == 2 else None
    array._adopt(device, code, _lib.lanes_array_wrap, data or None, n, keep=owner, shape=shape)
    return array
