# SPDX-License-Identifier: Apache-2.0
"""The lanes package with numpy: devices closed while threads call on them, numpy arrays in
and out without copies, and numpy's own results as references. Skipped without numpy."""

import array
import math
import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import lanes  # noqa: E402
from test_lanes import SPECS  # noqa: E402

try:
    import numpy
except ImportError:
    raise unittest.SkipTest("numpy is not installed")


class ClosingWhileInUse(unittest.TestCase):
    def test_closing_a_device_other_threads_use(self):
        # Device.close() from the main thread while 4 threads make arrays and call on it:
        # each call finishes or raises lanes.Error (it crashed: use after free).
        for _ in range(5):
            dev = lanes.Device("cpu")
            outcomes, started = [], threading.Barrier(5)

            def work():
                started.wait()
                made = errors = 0
                for i in range(2000):
                    try:
                        a = lanes.Array.zeros(dev, 16, "f64")
                        self.assertEqual(lanes.sum(array.array("d", [1.0] * 16), device=dev), 16.0)
                        self.assertEqual(a.to_list(), [0.0] * 16)
                        made += 1
                    except lanes.Error as e:
                        self.assertEqual((e.status, str(e)), ("LANES_EINVAL", "the lanes.Device is closed"))
                        errors += 1
                outcomes.append((made, errors))

            threads = [threading.Thread(target=work) for _ in range(4)]
            for t in threads:
                t.start()
            started.wait()
            dev.close()
            for t in threads:
                t.join()
            self.assertEqual([m + e for m, e in outcomes], [2000] * 4)
            with self.assertRaises(lanes.Error):
                lanes.Array.zeros(dev, 1, "f64")
            self.assertEqual(repr(dev), "lanes.Device(closed)")
            dev.close()  # twice is fine


class NumpyWithoutCopies(unittest.TestCase):
    """numpy arrays in and out of Lanes: shared memory on host devices, dtypes by numpy's
    names, and a TypeError (never a reinterpretation) for buffers that do not fit."""

    def test_asarray_shares_memory_both_ways(self):
        for spec in SPECS:
            with lanes.Device(spec) as dev:
                self.assertIn(dev.kind, ("seq", "cpu"))
                a = numpy.random.default_rng(1).standard_normal(10001).astype(numpy.float32)
                shared = lanes.asarray(a, dev)
                self.assertEqual((shared.dtype, len(shared), shared.shape), ("f32", 10001, (10001,)))
                lanes.sort(shared)
                self.assertTrue((a == numpy.sort(a)).all())  # the ndarray itself was sorted
                back = numpy.asarray(shared)
                self.assertTrue(numpy.shares_memory(back, a))
                copy = lanes.Array(dev, a)
                self.assertFalse(numpy.shares_memory(numpy.asarray(copy), a))
                self.assertIs(lanes.asarray(shared), shared)
                self.assertIs(lanes.asarray(shared, lanes.Device(spec)), shared)  # another handle, one device
                with self.assertRaises(TypeError):
                    lanes.asarray(shared, lanes.Device("cpu:3"))

    def test_functions_take_ndarrays_in_place(self):
        dev = lanes.Device("cpu:2")
        rng = numpy.random.default_rng(2)
        keys = rng.integers(-1000, 1000, 70001)
        expected = numpy.sort(keys)
        self.assertIs(lanes.sort(keys, device=dev), keys)
        self.assertTrue((keys == expected).all())
        x = rng.standard_normal(4099)
        self.assertAlmostEqual(lanes.sum(x, device=dev), math.fsum(x), places=9)
        self.assertAlmostEqual(lanes.nrm2(x, device=dev), float(numpy.linalg.norm(x)), places=9)
        y = x.copy()
        lanes.scal(-3.0, y, device=dev)
        self.assertTrue((y == -3.0 * x).all())
        ints = rng.integers(-50, 50, 5003).astype(numpy.int32)
        self.assertTrue((numpy.asarray(lanes.exclusive_scan(ints, device=dev))
                         == numpy.concatenate(([0], numpy.cumsum(ints)[:-1]))).all())
        order = rng.permutation(5003).astype(numpy.int64)
        self.assertTrue((numpy.asarray(lanes.gather(ints, order, device=dev)) == ints[order]).all())
        out = numpy.zeros_like(ints)
        lanes.scatter(ints, order, out, device=dev)
        expected_out = numpy.zeros_like(ints)
        expected_out[order] = ints
        self.assertTrue((out == expected_out).all())
        ordered = numpy.sort(ints)
        for side, search in (("left", lanes.lower_bound), ("right", lanes.upper_bound)):
            self.assertTrue((numpy.asarray(search(ordered, ints[:999], device=dev))
                             == numpy.searchsorted(ordered, ints[:999], side=side)).all())
        self.assertTrue((numpy.asarray(lanes.unique(ordered, device=dev)) == numpy.unique(ints)).all())
        self.assertTrue((numpy.asarray(lanes.merge(ordered[::2].copy(), ordered[1::2].copy(), device=dev))
                         == ordered).all())
        noise = numpy.zeros(1001, numpy.float32)
        self.assertIs(lanes.random_normal(noise, seed=3, device=dev), noise)  # filled in place
        self.assertTrue((noise == numpy.asarray(lanes.random_normal(1001, seed=3, dtype="f32", device=dev))).all())
        for name in ("u8", "uint8", numpy.uint8, numpy.dtype("uint8")):
            small = numpy.arange(200, dtype=numpy.uint8)[::-1].copy()
            lanes.sort(lanes.asarray(small, dev, dtype=name))
            self.assertTrue((small == numpy.arange(200, dtype=numpy.uint8)).all())

    def test_matrices_and_images(self):
        dev = lanes.Device("cpu:2")
        rng = numpy.random.default_rng(3)
        a, x, y = rng.standard_normal((70, 130)), rng.standard_normal(130), rng.standard_normal(70)
        expected = 0.5 * (a @ x) - y
        lanes.gemv(0.5, a, x, -1.0, y, device=dev)
        self.assertTrue(numpy.allclose(y, expected, rtol=1e-12, atol=1e-12))
        b, c = rng.standard_normal((130, 20)), numpy.zeros((70, 20))
        lanes.gemm(70, 20, 130, 1.0, a, b, 0.0, c, device=dev)
        self.assertTrue(numpy.allclose(c, a @ b, rtol=1e-12, atol=1e-12))

        image = rng.random((37, 53)).astype(numpy.float32)
        mask = numpy.asarray(lanes.threshold(image, 0.5, device=dev))
        self.assertEqual(mask.shape, (37, 53))
        self.assertTrue((mask == numpy.where(image > numpy.float32(0.5), 255, 0)).all())
        grid = image.astype(numpy.float64)
        expected_grid = grid.copy()
        inside = 0.25 * ((expected_grid[:-2, 1:-1] + expected_grid[2:, 1:-1]) +
                         (expected_grid[1:-1, :-2] + expected_grid[1:-1, 2:]))
        expected_grid[1:-1, 1:-1] = inside
        lanes.stencil2d(grid, 1, device=dev)  # in place, shape from the 2-D array
        self.assertTrue((grid == expected_grid).all())

        rgb = rng.integers(0, 256, (1000, 3)).astype(numpy.uint8)
        weights = [numpy.float32(0.299), numpy.float32(0.587), numpy.float32(0.114)]
        channels = rgb.astype(numpy.float32)
        expected_gray = (weights[0] * channels[:, 0] + weights[1] * channels[:, 1]) + weights[2] * channels[:, 2]
        self.assertTrue((numpy.asarray(lanes.grayscale(rgb, device=dev)) == expected_gray).all())

        points = rng.standard_normal((50, 3))
        distances = numpy.asarray(lanes.distance_matrix(points, device=dev))
        self.assertEqual(distances.shape, (50, 50))
        self.assertTrue(numpy.allclose(distances, numpy.linalg.norm(points[:, None] - points[None], axis=2),
                                       rtol=1e-12, atol=1e-12))
        dense = numpy.array([[1.0, 0, 2], [0, 0, 0], [0, 3, 4]])
        offsets = numpy.array([0, 2, 2, 4], dtype=numpy.uint64)
        columns = numpy.array([0, 2, 1, 2], dtype=numpy.uint32)
        values = numpy.array([1.0, 2, 3, 4])
        v, w = numpy.array([1.0, 2, 3]), numpy.zeros(3)
        lanes.spmv_csr(3, 3, offsets, columns, values, v, w, device=dev)
        self.assertTrue((w == dense @ v).all())
        seq_counts = lanes.mandelbrot(64, 48, -2, 1, -1, 1, 100, device=lanes.Device("seq")).to_list()
        self.assertEqual(lanes.mandelbrot(64, 48, -2, 1, -1, 1, 100, device=dev).to_list(), seq_counts)
        self.assertEqual(seq_counts[24 * 64 + 42], 100)  # near 0 + 0i: never escapes

    def test_buffers_that_do_not_fit_are_type_errors(self):
        dev = lanes.Device("cpu")
        halves = numpy.array([1, 2, 3, 4], "f2")
        with self.assertRaises(TypeError) as caught:
            lanes.Array(dev, halves, dtype="f32")  # was read as two f32 values
        self.assertIn("astype", str(caught.exception))
        with self.assertRaises(TypeError) as caught:
            lanes.asarray(numpy.array([1.0, 2.0], ">f8"), dev, dtype="f64")  # was read as denormals
        self.assertIn("byte order", str(caught.exception))
        with self.assertRaises(TypeError):
            lanes.asarray(numpy.arange(4.0), dev, dtype="f32")
        strided = numpy.arange(10.0)[::2]
        self.assertEqual(lanes.sum(strided, device=dev), 20.0)  # a read: copied, fine
        with self.assertRaises(TypeError) as caught:
            lanes.sort(strided, device=dev)
        self.assertIn("ascontiguousarray", str(caught.exception))
        frozen = numpy.arange(5.0)
        frozen.setflags(write=False)
        with self.assertRaises(TypeError) as caught:
            lanes.scal(2.0, frozen, device=dev)
        self.assertIn("read-only", str(caught.exception))
        self.assertTrue((frozen == numpy.arange(5.0)).all())
        with self.assertRaises(lanes.Error) as caught:
            lanes.gather(numpy.arange(3.0), numpy.array([0, 5], dtype=numpy.int64), device=dev)
        self.assertEqual(caught.exception.status, "LANES_EINVAL")
        self.assertEqual(str(caught.exception), "lanes.gather: indices[1] = 5 is outside in (size 3)")
        with self.assertRaises(lanes.Error) as caught:
            lanes.histogram(numpy.arange(3.0), 1.0, 1.0, 4, device=dev)
        self.assertTrue(str(caught.exception).startswith("lanes.histogram: the range"), str(caught.exception))
        self.assertTrue(lanes.__version__)

    def test_dlpack_both_ways(self):
        import gc
        dev = lanes.Device("cpu")
        a = lanes.Array(dev, numpy.arange(10, dtype=numpy.float32))
        self.assertEqual(a.__dlpack_device__(), (1, 0))
        b = numpy.from_dlpack(a)  # numpy's array over a's memory
        self.assertTrue(numpy.shares_memory(b, numpy.asarray(a)))
        del a
        gc.collect()
        self.assertEqual(float(b.sum()), 45.0)  # b kept the elements alive
        del b
        gc.collect()
        self.assertEqual(len(lanes._exported), 0)  # numpy's deleter call let them go
        unconsumed = lanes.Array(dev, numpy.arange(3.0)).__dlpack__()
        del unconsumed
        gc.collect()
        self.assertEqual(len(lanes._exported), 0)

        x = numpy.arange(12.0).reshape(3, 4)
        shared = lanes.from_dlpack(x, dev)
        self.assertEqual((shared.dtype, len(shared)), ("f64", 12))
        lanes.scal(2.0, shared)
        self.assertTrue((x == 2.0 * numpy.arange(12.0).reshape(3, 4)).all())  # in place, no copy
        for bad in (numpy.arange(10.0)[::2], numpy.arange(4, dtype=numpy.float16)):
            with self.assertRaises(TypeError):
                lanes.from_dlpack(bad, dev)
        with self.assertRaises(TypeError):
            lanes.from_dlpack([1.0, 2.0], dev)

    def test_two_dimensional_arrays_keep_their_shape(self):
        import gc
        import sys
        dev = lanes.Device("cpu")
        x = numpy.arange(12.0).reshape(3, 4)
        shared = lanes.asarray(x, dev)
        self.assertEqual((shared.shape, len(shared)), ((3, 4), 12))
        self.assertEqual(numpy.asarray(shared).shape, (3, 4))
        self.assertTrue(numpy.shares_memory(numpy.asarray(shared), x))
        self.assertEqual(numpy.from_dlpack(shared).shape, (3, 4))
        self.assertEqual(lanes.from_dlpack(x, dev).shape, (3, 4))
        self.assertEqual(lanes.Array(dev, x).shape, (3, 4))  # a copy keeps the shape too
        self.assertEqual(lanes.asarray(numpy.zeros((2, 3, 4)), dev).shape, (24,))  # n-D: flat
        # gemv takes m and n from a Lanes matrix as from numpy's
        v, y = numpy.array([1.0, -1.0, 2.0, 0.5]), numpy.zeros(3)
        lanes.gemv(1.0, shared, v, 0.0, y)
        self.assertTrue((y == x @ v).all())
        zeros = lanes.Array.zeros(dev, (2, 5), "f32")
        self.assertEqual((zeros.shape, len(zeros)), ((2, 5), 10))
        self.assertEqual(lanes.Array.zeros(dev, (7,), "u8").shape, (7,))
        for bad in ((1, 2, 3), ()):
            with self.assertRaises(TypeError):
                lanes.Array.zeros(dev, bad, "f32")
        self.assertEqual(lanes.mandelbrot(64, 48, -2, 1, -1, 1, 10, device=dev).shape, (48, 64))

        # The buffer protocol (memoryview(a) from Python 3.12; __buffer__ itself before)
        view = shared.__buffer__(0) if sys.version_info < (3, 12) else memoryview(shared)
        self.assertEqual((view.format, view.shape), ("d", (3, 4)))
        view[1, 2] = -7.0
        self.assertEqual(x[1, 2], -7.0)  # the same memory
        del shared, x
        gc.collect()
        self.assertEqual(view[1, 2], -7.0)  # the view keeps the array (and its memory) alive
        self.assertEqual(lanes.Array(dev, numpy.array([], "u8")).__buffer__(0).tolist(), [])

    def test_empty_arrays_reach_numpy(self):
        empty = lanes.Array.zeros(lanes.Device("cpu"), 0, "i64")
        self.assertEqual(numpy.asarray(empty).shape, (0,))  # was a TypeError: no null pointer
        self.assertEqual(numpy.asarray(empty).dtype, numpy.int64)

    def test_interfaces_by_memory(self):
        a = lanes.Array(lanes.Device("seq"), numpy.arange(5, dtype=numpy.int8))
        self.assertEqual(a.__array_interface__["typestr"], "|i1")
        self.assertEqual(numpy.asarray(a).tolist(), [0, 1, 2, 3, 4])
        with self.assertRaises(AttributeError):
            a.__cuda_array_interface__  # host memory
        self.assertFalse(hasattr(a, "__cuda_array_interface__"))

    def test_histogram_of_bytes_matches_bincount(self):
        rng = numpy.random.default_rng(4)
        for spec in SPECS:
            with lanes.Device(spec) as dev:
                for n in (0, 1, 4099, 300001):  # 300001: chunks long enough to count by value
                    x = rng.integers(0, 256, n, dtype=numpy.uint8)
                    got = lanes.histogram(x, 0, 256, 256, device=dev).to_list()
                    self.assertEqual(got, numpy.bincount(x, minlength=256).tolist())
                    s = x.view(numpy.int8)
                    got = lanes.histogram(s, -128, 128, 16, device=dev).to_list()
                    self.assertEqual(got, numpy.bincount((s.astype(numpy.int64) + 128) // 16, minlength=16).tolist())


if __name__ == "__main__":
    unittest.main()
