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

from ._arrays import Array, Device, asarray
from ._dlpack import _exported, from_dlpack  # noqa: F401 - _exported: what DLPack keeps alive (tests)
from ._functions import (adaptive_threshold, adjacent_difference, axpy, conv2d, count_primes, distance_matrix, dot,
                         exclusive_scan, gather, gemm, gemv, grayscale, histogram, inclusive_scan, lower_bound,
                         mandelbrot, merge, merge_by_key, min_max, monte_carlo_inside, monte_carlo_pi, nbody_step,
                         nrm2, particles_evolve, random_bernoulli, random_normal, random_uniform, reduce_by_key,
                         reverse, scal, scatter, sort, sort_by_key, spmv_csr, stencil2d, sum, threshold, trace, unique,
                         unique_by_key, upper_bound, validate)
from ._library import DTYPES, Error, _lib, version  # noqa: F401 - _lib: the loaded library

__all__ = ["Error", "Device", "Array", "DTYPES", "version", "asarray", "from_dlpack", "axpy", "dot", "sum", "min_max",
           "inclusive_scan", "exclusive_scan", "sort", "sort_by_key", "histogram", "gather", "scatter", "gemm",
           "scal", "nrm2", "gemv", "stencil2d", "conv2d", "grayscale", "threshold", "adaptive_threshold",
           "mandelbrot", "distance_matrix", "nbody_step", "spmv_csr", "monte_carlo_pi", "monte_carlo_inside",
           "count_primes", "particles_evolve", "unique", "merge", "merge_by_key", "lower_bound", "upper_bound",
           "reverse", "adjacent_difference", "reduce_by_key", "unique_by_key", "random_uniform", "random_normal",
           "random_bernoulli", "trace", "validate"]

__version__ = version()
