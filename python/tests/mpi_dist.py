# SPDX-License-Identifier: Apache-2.0
"""lanes.dist under mpirun (ctest: 1 and 2 ranks; not named test_*, so that unittest
discovery in one process leaves it out): each rank holds its block of global data that
every rank makes alike, and every result is checked against numpy on the whole."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import numpy  # noqa: E402
from mpi4py import MPI  # noqa: E402

import lanes  # noqa: E402
import lanes.dist  # noqa: E402

comm = MPI.COMM_WORLD
rank, size = comm.Get_rank(), comm.Get_size()


def block(a):
    """This rank's block of a, as lanes::dist::array partitions it."""
    n = len(a)
    start = rank * (n // size) + min(rank, n % size)
    end = (rank + 1) * (n // size) + min(rank + 1, n % size)
    return a[start:end].copy()


class Distributed(unittest.TestCase):
    def test_against_numpy_on_the_whole(self):
        rng = numpy.random.default_rng(5)
        for n in (0, 1, 3, 1000, 100003):
            with self.subTest(n=n):
                whole = rng.standard_normal(n)
                mine = block(whole)
                self.assertAlmostEqual(lanes.dist.sum(mine), float(whole.sum()), delta=1e-9 * (1 + abs(whole).sum()))
                self.assertAlmostEqual(lanes.dist.dot(mine, mine), float(whole @ whole), delta=1e-9 * (1 + whole @ whole))
                lo, hi = lanes.dist.min_max(mine)
                if n:
                    self.assertEqual((lo, hi), (whole.min(), whole.max()))
                else:
                    self.assertEqual((lo, hi), (float("inf"), float("-inf")))
                counts = lanes.dist.histogram(mine, -2.0, 2.0, 16)
                expected, _ = numpy.histogram(whole[(whole >= -2) & (whole < 2)], bins=16, range=(-2, 2))
                self.assertEqual(counts.tolist(), expected.tolist())
                ints = (numpy.arange(n, dtype=numpy.int64) * 7919) % 1000 - 500
                scanned = lanes.dist.inclusive_scan(block(ints))
                self.assertEqual(numpy.asarray(scanned).tolist(), block(numpy.cumsum(ints)).tolist())
                keys = rng.integers(0, 50, n).astype(numpy.float64)  # many duplicates
                got = lanes.dist.sort(block(keys))
                self.assertEqual(got.tolist(), block(numpy.sort(keys)).tolist())
        self.assertEqual(lanes.dist.count_primes(0, 100000), 9592)
        for samples in (1, 2, 3, 100001):  # fewer draws than ranks too
            self.assertEqual(lanes.dist.monte_carlo_pi(samples, seed=9),
                             lanes.monte_carlo_pi(lanes.Device("seq"), samples, seed=9))
        if size > 1:
            with self.assertRaises(ValueError):
                lanes.dist.histogram(numpy.zeros(3), 0.0, 1.0 + rank, 4)  # the ranks disagree: all raise
        comm.Barrier()


if __name__ == "__main__":
    result = unittest.main(exit=False, argv=[sys.argv[0]] + sys.argv[1:]).result
    failed = comm.allreduce(0 if result.wasSuccessful() else 1)
    sys.exit(1 if failed else 0)
