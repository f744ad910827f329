# SPDX-License-Identifier: Apache-2.0
"""The lanes package against plain-Python references: every operation, the buffers it
takes, and the errors it raises. Runs without numpy; the numpy cases run where it is."""

import array
import bisect
import math
import os
import random
import struct
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import lanes  # noqa: E402

try:
    import numpy
except ImportError:
    numpy = None

SPECS = ("seq", "cpu:2")


def floats(n, seed):
    rng = random.Random(seed)
    return array.array("d", (rng.uniform(-1, 1) for _ in range(n)))


class DevicesAndArrays(unittest.TestCase):
    def test_devices(self):
        self.assertIn("auto", lanes.Device("auto").name)
        self.assertIn("3 threads", lanes.Device("cpu:3").name)
        self.assertTrue(lanes.version())
        with self.assertRaises(lanes.Error) as caught:
            lanes.Device("gpu")
        self.assertIn("unknown device", str(caught.exception))
        self.assertEqual(caught.exception.status, "LANES_EINVAL")
        with self.assertRaises(TypeError):
            lanes.Device(3)
        with self.assertRaises(TypeError) as caught:
            lanes.sum(array.array("d", [1.0]), device="cpu")  # a name, not a lanes.Device
        self.assertIn('lanes.Device("cpu")', str(caught.exception))
        for make in (lambda: lanes.Array.zeros("cpu", 3, "f64"), lambda: lanes.Array(None, array.array("d", [1.0]))):
            with self.assertRaises(TypeError):
                make()

    def test_round_trip_every_dtype(self):
        dev = lanes.Device("cpu")
        for code, dtype in (("f", "f32"), ("d", "f64"), ("i", "i32"), ("q", "i64"), ("I", "u32"), ("Q", "u64")):
            for n in (0, 1, 17, 5000):
                values = array.array(code, (i % 100 for i in range(n)))
                a = lanes.Array(dev, values)
                self.assertEqual((a.dtype, len(a)), (dtype, n))
                self.assertEqual(a.to_list(), values.tolist())
                self.assertEqual(lanes.Array.zeros(dev, n, dtype).to_list(), [0] * n)

    def test_buffers(self):
        dev = lanes.Device("seq")
        raw = struct.pack("3d", 1.5, -2.0, 3.25)
        self.assertEqual(lanes.Array(dev, raw, dtype="f64").to_list(), [1.5, -2.0, 3.25])  # read-only bytes
        view = memoryview(array.array("d", [1, 2, 3, 4, 5, 6]))[::2]  # not contiguous
        self.assertEqual(lanes.Array(dev, view).to_list(), [1, 3, 5])
        target = bytearray(24)
        lanes.Array(dev, raw, dtype="f64").read_into(target)
        self.assertEqual(bytes(target), raw)
        with self.assertRaises(TypeError):
            lanes.Array(dev, raw)  # untyped bytes need a dtype
        with self.assertRaises(TypeError):
            lanes.Array(dev, 3.0)
        with self.assertRaises(TypeError):
            lanes.Array(dev, array.array("d", [1.0]), dtype="f32")
        with self.assertRaises(lanes.Error):
            lanes.Array(dev, b"12345", dtype="f32")  # not a whole number of items
        with self.assertRaises(lanes.Error):
            lanes.Array(dev, raw, dtype="f16")
        a = lanes.Array(dev, array.array("d", [1, 2, 3]))
        with self.assertRaises(TypeError):
            a.read_into(raw)  # read-only
        with self.assertRaises(TypeError):
            a.read_into(array.array("f", [0, 0, 0]))
        with self.assertRaises(lanes.Error) as caught:
            a.read_into(array.array("d", [0, 0]))  # too short
        self.assertEqual(caught.exception.status, "LANES_ESIZE")
        with self.assertRaises(lanes.Error):
            lanes.Array.zeros(dev, -1, "f64")
        with self.assertRaises(lanes.Error) as caught:
            lanes.Array.zeros(dev, 2 ** 62, "f64")
        self.assertIn(caught.exception.status, ("LANES_ESIZE", "LANES_ENOMEM"))

    def test_slices_share_memory(self):
        for spec in SPECS:
            dev = lanes.Device(spec)
            values = list(range(100, 0, -1))
            for n in (0, 1, 2, 17, 100):
                a = lanes.Array(dev, array.array("i", values[:n]))
                for key in (slice(None), slice(1, None), slice(None, -1), slice(n // 3, n - n // 4),
                            slice(-5, None), slice(5, 2), slice(-1000, 1000)):
                    self.assertEqual(a[key].to_list(), values[:n][key], (spec, n, key))
                for i in range(-n, n):
                    self.assertEqual(a[i], values[:n][i])
                for i in (n, -n - 1):
                    with self.assertRaises(IndexError):
                        a[i]
                self.assertEqual(list(a), values[:n])
            a = lanes.Array(dev, array.array("d", values))
            middle = a[10:90]
            lanes.sort(middle)  # sorts that part of a, in place
            expected = values[:10] + sorted(values[10:90]) + values[90:]
            self.assertEqual(a.to_list(), expected)
            inner = middle[5:10]
            del a, middle  # the slice holds the memory
            self.assertEqual(inner.to_list(), expected[15:20])
            self.assertEqual(inner.copy().to_list(), expected[15:20])
            with self.assertRaises(ValueError):
                inner[::2]
            with self.assertRaises(TypeError):
                inner[1.5]
            # A matrix's rows.
            m = lanes.Array.zeros(dev, (4, 3), "f32")
            self.assertEqual((m[1:3].shape, m[2].shape), ((2, 3), (3,)))
            self.assertEqual([row.to_list() for row in m], [[0.0] * 3] * 4)
            lanes.random_uniform(m[2], seed=1)
            rows = m.to_list()
            self.assertEqual(rows[:6] + rows[9:], [0.0] * 9)
            self.assertTrue(all(0 <= v < 1 for v in rows[6:9]) and any(rows[6:9]))

    def test_assigning_to_slices(self):
        for spec in SPECS:
            dev = lanes.Device(spec)
            a = lanes.Array(dev, array.array("d", range(10)))
            expected = [float(v) for v in range(10)]
            a[2:5] = array.array("d", [7, 8, 9])
            expected[2:5] = [7, 8, 9]
            a[0] = 5
            a[-1] = 1.5
            a[5:8] = -0.0  # one number to every element
            a[8:9] = [4]
            expected[0], expected[-1], expected[5:8], expected[8:9] = 5, 1.5, [-0.0] * 3, [4]
            self.assertEqual(a.to_list(), expected)
            self.assertEqual([math.copysign(1, v) for v in a.to_list()[5:8]], [-1.0] * 3)
            b = lanes.Array(lanes.Device("seq"), array.array("d", range(100, 110)))
            a[:] = b  # from another device
            self.assertEqual(a.to_list(), b.to_list())
            a[3:3] = []  # nothing
            with self.assertRaises(lanes.Error) as caught:
                a[0:2] = [1, 2, 3]
            self.assertEqual(caught.exception.status, "LANES_ESIZE")
            with self.assertRaises(TypeError):
                a[0:2] = array.array("f", [1, 2])  # f32 into f64
            with self.assertRaises(lanes.Error) as caught:
                a[0:2] = lanes.Array(dev, array.array("f", [1, 2]))
            self.assertEqual(caught.exception.status, "LANES_EDTYPE")
            with self.assertRaises(TypeError):
                a[0] = "x"
            with self.assertRaises(IndexError):
                a[10] = 1
            self.assertEqual(a.to_list(), b.to_list())  # the rejected assignments changed nothing
            small = lanes.Array.zeros(dev, 3, "u8")
            with self.assertRaises(OverflowError):
                small[0] = 300
            small[1] = 255
            self.assertEqual(small.to_list(), [0, 255, 0])
            m = lanes.Array.zeros(dev, (3, 2), "i32")
            m[1] = [1, 2]
            m[2:3] = 7
            self.assertEqual(m.to_list(), [0, 0, 1, 2, 7, 7])

    def test_slice_of_wrapped_buffer(self):
        values = array.array("d", [5, 4, 3, 2, 1])
        a = lanes.asarray(values, device=lanes.Device("cpu"))
        tail = a[1:]
        del a
        lanes.sort(tail)  # the buffer itself, through the slice
        self.assertEqual(values.tolist(), [5, 1, 2, 3, 4])

    def test_copy_between_devices(self):
        seq, cpu = lanes.Device("seq"), lanes.Device("cpu:2")
        values = floats(70001, 5)
        a = lanes.Array(seq, values)
        b = a.copy(cpu)
        self.assertEqual((b.device.name, b.to_list()), (cpu.name, values.tolist()))
        lanes.scal(2.0, b)
        self.assertEqual(a.to_list(), values.tolist())  # a copy, not the same memory
        self.assertEqual(a[:0].copy().to_list(), [])
        with self.assertRaises(TypeError):
            a.copy("cpu")

    @unittest.skipIf(numpy is None, "numpy is not installed")
    def test_numpy(self):
        dev = lanes.Device("cpu")
        x = numpy.arange(10, dtype=numpy.float32)
        a = lanes.Array(dev, x)
        self.assertEqual(a.dtype, "f32")
        self.assertTrue((a.to_numpy() == x).all())
        lanes.sort(a)
        self.assertTrue((a.to_numpy() == numpy.sort(x)).all())


class Operations(unittest.TestCase):
    def test_axpy_dot_sum_min_max(self):
        for spec in SPECS:
            dev = lanes.Device(spec)
            for n in (0, 1, 3, 4099):
                xs, ys = floats(n, 1), floats(n, 2)
                x, y = lanes.Array(dev, xs), lanes.Array(dev, ys)
                lanes.axpy(0.5, x, y)
                expected = [0.5 * a + b for a, b in zip(xs, ys)]
                self.assertEqual(y.to_list(), expected)
                self.assertAlmostEqual(lanes.dot(x, y), math.fsum(a * b for a, b in zip(xs, expected)), places=9)
                self.assertAlmostEqual(lanes.sum(y), math.fsum(expected), places=9)
                lo, hi = lanes.min_max(y)
                self.assertEqual((lo, hi), (min(expected), max(expected)) if n else (math.inf, -math.inf))

    def test_scan_sort_histogram(self):
        dev = lanes.Device("cpu")
        values = array.array("q", (random.Random(3).randrange(-50, 50) for _ in range(10001)))
        a = lanes.Array(dev, values)
        running, total = [], 0
        for v in values:
            total += v
            running.append(total)
        self.assertEqual(lanes.inclusive_scan(a).to_list(), running)
        counts = lanes.histogram(a, -50, 50, 10).to_list()
        self.assertEqual(counts, [sum(1 for v in values if -50 + 10 * b <= v < -40 + 10 * b) for b in range(10)])
        keys = lanes.Array(dev, values)
        order = lanes.Array(dev, array.array("d", range(len(values))))
        lanes.sort_by_key(keys, order)
        expected = sorted(range(len(values)), key=lambda i: values[i])  # Python's sort is stable
        self.assertEqual(order.to_list(), [float(i) for i in expected])
        lanes.sort(a)
        self.assertEqual(a.to_list(), sorted(values))
        specials = lanes.Array(dev, array.array("d", [math.nan, 1.0, -0.0, math.inf, 0.0, -math.inf]))
        lanes.sort(specials)
        got = specials.to_list()
        self.assertEqual(got[:5], [-math.inf, -0.0, 0.0, 1.0, math.inf])
        self.assertEqual(math.copysign(1, got[1]), -1.0)
        self.assertTrue(math.isnan(got[5]))

    def test_gemm(self):
        for spec in SPECS:
            dev = lanes.Device(spec)
            m, n, k = 7, 13, 5
            av, bv, cv = floats(m * k, 4), floats(k * n, 5), floats(m * n, 6)
            a, b, c = lanes.Array(dev, av), lanes.Array(dev, bv), lanes.Array(dev, cv)
            lanes.gemm(m, n, k, 0.5, a, b, 2.0, c)
            for (i, j), got in zip(((i, j) for i in range(m) for j in range(n)), c.to_list()):
                want = 0.5 * math.fsum(av[i * k + p] * bv[p * n + j] for p in range(k)) + 2.0 * cv[i * n + j]
                self.assertAlmostEqual(got, want, places=12)
            with self.assertRaises(lanes.Error) as caught:
                lanes.gemm(m, n, k + 1, 1.0, a, b, 0.0, c)
            self.assertEqual(caught.exception.status, "LANES_ESIZE")
            with self.assertRaises(lanes.Error):
                lanes.gemm(-1, n, k, 1.0, a, b, 0.0, c)

    def test_simulations(self):
        seq, cpu = lanes.Device("seq"), lanes.Device("cpu:2")
        pi = lanes.monte_carlo_pi(seq, 100001, seed=5)
        self.assertEqual(pi, lanes.monte_carlo_pi(cpu, 100001, seed=5))
        self.assertAlmostEqual(pi, math.pi, places=1)
        # Split draws add up to the whole count (100001 samples: 50001 draws, the last one point).
        parts = [lanes.monte_carlo_inside(cpu, 100001, a, b - a, seed=5)
                 for a, b in ((0, 17), (17, 30000), (30000, 50001))]
        self.assertEqual(4.0 * sum(parts) / 100001, pi)
        self.assertEqual(lanes.monte_carlo_inside(seq, 100001, 50001, 0, seed=5), 0)
        with self.assertRaises(lanes.Error):
            lanes.monte_carlo_inside(cpu, 100001, 50000, 2, seed=5)  # past the last draw
        self.assertEqual(lanes.count_primes(cpu, 0, 1000), 168)
        with self.assertRaises(lanes.Error):
            lanes.count_primes(cpu, 10, 5)
        with self.assertRaises(lanes.Error):
            lanes.monte_carlo_pi(cpu, -1)
        with self.assertRaises(TypeError):
            lanes.monte_carlo_pi("cpu", 10)
        xs, ys, ws = array.array("d", [1.0, 0.3]), array.array("d", [0.0, -0.2]), array.array("d", [2.0, -1.0])
        x, y, w = (lanes.Array(cpu, v) for v in (xs, ys, ws))
        lanes.particles_evolve(x, y, w, 0.001)  # 100 steps
        for i in range(2):
            px, py = xs[i], ys[i]
            for _ in range(100):
                norm = math.sqrt(px * px + py * py)
                vx, vy = -py / norm, px / norm
                px += 1e-5 * ws[i] * vx
                py += 1e-5 * ws[i] * vy
            self.assertEqual((x.to_list()[i], y.to_list()[i]), (px, py))

    def test_sequences(self):
        for spec in SPECS:
            dev = lanes.Device(spec)
            for n in (0, 1, 7, 5003):
                rng = random.Random(n)
                values = array.array("q", (rng.randrange(-5, 5) for _ in range(n)))
                heads = [v for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
                self.assertEqual(lanes.unique(lanes.Array(dev, values)).to_list(), heads)
                a = array.array("q", sorted(values))
                b = array.array("q", sorted(rng.randrange(-5, 5) for _ in range(n // 2 + 1)))
                self.assertEqual(lanes.merge(a, b, device=dev).to_list(), sorted(a + b))
                # merge_by_key against a stable sort of (key, side, place) triples: a's first on ties.
                a_tags = array.array("d", (0.5 * i for i in range(len(a))))
                b_tags = array.array("d", (-1.0 - i for i in range(len(b))))
                pairs = sorted([(k, 0, t) for k, t in zip(a, a_tags)] + [(k, 1, t) for k, t in zip(b, b_tags)],
                               key=lambda p: (p[0], p[1]))
                keys, tags = lanes.merge_by_key(a, a_tags, b, b_tags, device=dev)
                self.assertEqual((keys.to_list(), tags.to_list(), tags.dtype),
                                 ([p[0] for p in pairs], [p[2] for p in pairs], "f64"))
                needles = array.array("q", range(-6, 7))
                self.assertEqual(lanes.lower_bound(a, needles, device=dev).to_list(),
                                 [bisect.bisect_left(a, v) for v in needles])
                self.assertEqual(lanes.upper_bound(a, needles, device=dev).to_list(),
                                 [bisect.bisect_right(a, v) for v in needles])
                backwards = array.array("q", values)
                self.assertIs(lanes.reverse(backwards, device=dev), backwards)  # in place
                self.assertEqual(list(backwards), list(reversed(values)))
                amounts = array.array("d", (rng.uniform(-1, 1) for _ in range(n)))
                heads, sums = lanes.reduce_by_key(values, amounts, device=dev)
                starts = [i for i in range(n) if i == 0 or values[i] != values[i - 1]]
                self.assertEqual(heads.to_list(), [values[i] for i in starts])
                self.assertEqual(len(sums), len(starts))
                for got, i, j in zip(sums.to_list(), starts, starts[1:] + [n]):
                    self.assertAlmostEqual(got, math.fsum(amounts[i:j]), places=12)
                tags = array.array("b", (i % 100 - 50 for i in range(n)))
                kept_keys, kept_tags = lanes.unique_by_key(values, tags, device=dev)
                self.assertEqual((kept_keys.to_list(), kept_tags.to_list(), kept_tags.dtype),
                                 ([values[i] for i in starts], [tags[i] for i in starts], "i8"))
        # Signed differences wrap modulo 2^64.
        big = array.array("q", [-2 ** 63, 2 ** 63 - 1, 5, -2 ** 63])
        wrapped = [big[0]] + [(v - u + 2 ** 63) % 2 ** 64 - 2 ** 63 for u, v in zip(big, big[1:])]
        self.assertEqual(lanes.adjacent_difference(big, device=dev).to_list(), wrapped)
        with self.assertRaises(lanes.Error) as caught:
            lanes.adjacent_difference(big, big, device=dev)
        self.assertEqual(caught.exception.status, "LANES_EINVAL")

    def test_random_fills(self):
        seq, cpu = lanes.Device("seq"), lanes.Device("cpu:2")
        n = 100001
        u = lanes.random_uniform(n, -1.0, 3.0, seed=7, device=cpu).to_list()
        self.assertEqual(u, lanes.random_uniform(n, -1.0, 3.0, seed=7, device=seq).to_list())
        self.assertTrue(all(-1.0 <= x < 3.0 for x in u))
        self.assertAlmostEqual(math.fsum(u) / n, 1.0, delta=0.02)  # sd of the mean: 4 / sqrt(12 n) = 0.004
        self.assertNotEqual(u, lanes.random_uniform(n, -1.0, 3.0, seed=8, device=cpu).to_list())
        self.assertNotEqual(u, lanes.random_uniform(n, -1.0, 3.0, seed=7, stream=1, device=cpu).to_list())
        # One fill in two pieces, into a buffer in place.
        pieces = array.array("d", bytes(8 * n))
        head, tail = memoryview(pieces)[:500], memoryview(pieces)[500:]
        lanes.random_uniform(head, -1.0, 3.0, seed=7, device=cpu)
        lanes.random_uniform(tail, -1.0, 3.0, seed=7, offset=500, device=cpu)
        self.assertEqual(list(pieces), u)
        z = lanes.random_normal(n, 2.0, 0.5, seed=9, dtype="f32", device=cpu)
        self.assertEqual(z.dtype, "f32")
        zs = z.to_list()
        mean = math.fsum(zs) / n
        self.assertAlmostEqual(mean, 2.0, delta=0.01)  # sd of the mean 0.0016
        self.assertAlmostEqual(math.fsum((x - mean) ** 2 for x in zs) / (n - 1), 0.25, delta=0.01)
        coins = lanes.random_bernoulli(n, 0.25, seed=10, device=cpu).to_list()
        self.assertEqual(set(coins), {0.0, 1.0})
        self.assertAlmostEqual(sum(coins) / n, 0.25, delta=0.01)  # sd 0.0014
        with self.assertRaises(lanes.Error) as caught:
            lanes.random_uniform(10, 1.0, 1.0, device=cpu)
        self.assertEqual(caught.exception.status, "LANES_EINVAL")
        with self.assertRaises(lanes.Error) as caught:
            lanes.random_normal(10, dtype="i32", device=cpu)
        self.assertEqual(caught.exception.status, "LANES_EDTYPE")
        with self.assertRaises(lanes.Error):
            lanes.random_bernoulli(10, 0.5, seed=-1, device=cpu)

    def test_errors_carry_the_c_message(self):
        dev = lanes.Device("cpu")
        x = lanes.Array(dev, array.array("d", [1, 2, 3]))
        y = lanes.Array(dev, array.array("f", [1, 2, 3]))
        with self.assertRaises(lanes.Error) as caught:
            lanes.axpy(1.0, x, y)
        self.assertEqual(str(caught.exception), "lanes.axpy: x has dtype f64 but y has f32")
        self.assertEqual(caught.exception.status, "LANES_EDTYPE")
        with self.assertRaises(TypeError):
            lanes.axpy(1.0, [1, 2, 3], y)
        same = lanes.Array(lanes.Device("cpu"), array.array("d", [1, 2, 3]))
        self.assertEqual(lanes.dot(x, same), 14.0)  # another handle of "cpu" is the same device
        other = lanes.Array(lanes.Device("seq"), array.array("d", [1, 2, 3]))
        with self.assertRaises(lanes.Error) as caught:
            lanes.dot(x, other)
        self.assertIn("different devices", str(caught.exception))

    def test_threads_share_nothing_but_the_library(self):
        results, errors = {}, []

        def work(t):
            try:
                dev = lanes.Device("cpu:1")
                values = floats(20000, t)
                a = lanes.Array(dev, values)
                lanes.sort(a)
                results[t] = a.to_list() == sorted(values)
            except Exception as e:  # reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(results, {t: True for t in range(8)})


class Tracing(unittest.TestCase):
    def test_four_threads_traced_each_its_own_row(self):
        import json
        import tempfile
        path = os.path.join(tempfile.mkdtemp(), "trace.json")
        dev = lanes.Device("seq")
        arrays = [lanes.Array(dev, array.array("d", [float(t)] * 1000)) for t in range(4)]

        def work(t):
            for _ in range(5):
                lanes.sum(arrays[t])

        with lanes.trace(path):
            threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        with open(path) as f:
            events = json.load(f)["traceEvents"]
        outer = [e for e in events if e["name"] == "lanes_sum"]
        inner = [e for e in events if e["name"] == "sum"]
        self.assertEqual(len(outer), 20)
        self.assertEqual(len(inner), 20)
        self.assertEqual(len({e["tid"] for e in outer}), 4)
        for e in inner:
            self.assertEqual(e["args"]["n"], 1000)
            self.assertEqual(e["args"]["dtype"], "F64")
            self.assertEqual(e["args"]["bytes"], 8000)
            self.assertEqual(e["args"]["executor"], "seq")
            around = [o for o in outer if o["tid"] == e["tid"] and o["ts"] <= e["ts"] and
                      e["ts"] + e["dur"] <= o["ts"] + o["dur"] + 0.002]
            self.assertEqual(len(around), 1)  # nested in its own C call

    def test_a_second_trace_and_an_unwritable_path_are_errors(self):
        import tempfile
        path = os.path.join(tempfile.mkdtemp(), "trace.json")
        with self.assertRaises(lanes.Error) as caught:
            with lanes.trace("/nonexistent-dir/trace.json"):
                pass
        self.assertIn("cannot be written", str(caught.exception))
        with lanes.trace(path):
            with self.assertRaises(lanes.Error) as caught:
                with lanes.trace(path):
                    pass
            self.assertIn("already tracing", str(caught.exception))


class Validating(unittest.TestCase):
    def test_calls_in_the_block_are_checked_on_the_reference_and_traced_so(self):
        import json
        import tempfile
        path = os.path.join(tempfile.mkdtemp(), "trace.json")
        dev = lanes.Device("cpu:2")
        values = [float((i * 7919) % 1001) - 500.0 for i in range(5001)]
        x = lanes.Array(dev, array.array("d", values))
        with lanes.trace(path):
            with lanes.validate("seq"):
                lanes.sort(x)
            lanes.sum(x)  # after the block: not checked
        self.assertEqual(x.to_list(), sorted(values))
        with open(path) as f:
            events = json.load(f)["traceEvents"]
        checked = {e["name"]: e["args"].get("validated_on") for e in events if e["name"] in ("sort", "sum")}
        self.assertTrue(checked["sort"].startswith("seq"), checked)
        self.assertIsNone(checked["sum"])

    def test_a_reference_that_is_not_there_or_malformed_is_an_error(self):
        with self.assertRaises(lanes.Error) as caught:
            with lanes.validate("cuda:4096"):
                pass
        self.assertEqual(caught.exception.status, "LANES_ENODEV")
        with self.assertRaises(lanes.Error) as caught:
            with lanes.validate("cpu:"):
                pass
        self.assertEqual(caught.exception.status, "LANES_EINVAL")


if __name__ == "__main__":
    unittest.main()
