# SPDX-License-Identifier: Apache-2.0
"""lanes.dist: the same operations on the ndarrays each MPI rank holds, over an mpi4py
communicator (Debian: python3-mpi4py), so that a program that outgrew one machine keeps its
code:  mpirun -np 4 python3 app.py

Each rank's array is its block of one global array, in rank order. Every function is a
collective (all ranks call it, with the same other arguments); each runs Lanes on the
rank's own block (device=, default Device("auto")), then combines across ranks with MPI:
  sum, dot            local, then Allreduce (a float sum within rounding of one process's;
                      the C++ lanes::dist::reduce gives its bits);
  min_max, histogram  local, then Allreduce: exact;
  inclusive_scan      local, then Exscan of the totals: integers exact;
  sort                a sample sort (local lanes.sort, splitters, Alltoallv, lanes.sort);
                      each rank gets back as many keys as it gave, globally ordered;
  monte_carlo_pi      the Philox draws split by rank, counts summed: the estimate of
                      lanes.monte_carlo_pi, bit for bit, for any number of ranks;
  count_primes        [lo, hi) cut where the trial-division work is even, counts summed.
"""
import builtins as _builtins

import numpy as _np

from . import _functions as _f


def _world(comm):
    if comm is None:
        from mpi4py import MPI
        return MPI.COMM_WORLD
    return comm


def _agree(comm, value, name):
    values = comm.allgather(value)
    if any(v != values[0] for v in values):
        raise ValueError("lanes.dist: the ranks passed different %s: %r" % (name, values))


def sum(x, comm=None, device=None):  # noqa: A001 - the name users expect
    """The sum over every rank's elements."""
    return _world(comm).allreduce(_f.sum(x, device=device))


def dot(x, y, comm=None, device=None):
    return _world(comm).allreduce(_f.dot(x, y, device=device))


def min_max(x, comm=None, device=None):
    """(min, max) over every rank's elements, NaN ignored; (inf, -inf) for none."""
    lo, hi = _f.min_max(x, device=device)
    pairs = _world(comm).allgather((lo, hi))
    return min(p[0] for p in pairs), max(p[1] for p in pairs)


def histogram(x, lo, hi, bins, comm=None, device=None):
    """Counts of every rank's elements in `bins` even bins over [lo, hi), on every rank."""
    from mpi4py import MPI
    comm = _world(comm)
    _agree(comm, (float(lo), float(hi), int(bins)), "histogram bounds and bins")
    counts = _np.asarray(_f.histogram(x, lo, hi, bins, device=device)).astype(_np.uint64)
    comm.Allreduce(MPI.IN_PLACE, counts, op=MPI.SUM)
    return counts


def inclusive_scan(x, out=None, comm=None, device=None):
    """Running sums over the global array: this rank's block of them, in `out` (an ndarray
    made when not given; may be x); integers wrap as the local scan does."""
    from mpi4py import MPI
    comm = _world(comm)
    if out is None:
        out = _np.empty_like(_np.asarray(x))
    _f.inclusive_scan(x, out, device=device)
    block = _np.asarray(out)
    total = block[-1:].copy() if len(block) else _np.zeros(1, block.dtype)
    carry = _np.zeros(1, block.dtype)
    comm.Exscan(total, carry, op=MPI.SUM)
    if comm.Get_rank() > 0 and len(block):
        with _np.errstate(over="ignore"):
            block += carry[0]
    return out


def sort(x, comm=None, device=None):
    """A new ndarray of this rank's keys after a global sort: as many as x holds, ordered
    within the rank and across ranks (Lanes' order: NaN last, -0.0 before +0.0)."""
    from mpi4py import MPI
    comm = _world(comm)
    p, keys = comm.Get_size(), _np.ascontiguousarray(x).copy()
    _f.sort(keys, device=device)
    if p == 1:
        return keys
    per = 16 * p
    samples = keys[(_np.arange(per) * len(keys)) // per] if len(keys) else keys[:0]
    everyone = _np.concatenate(comm.allgather(samples))
    _f.sort(everyone, device=device)
    splitters = everyone[(_np.arange(1, p) * len(everyone)) // p] if len(everyone) else everyone[:0]
    cuts = _np.searchsorted(keys, splitters, side="left") if len(splitters) else _np.zeros(p - 1, int)
    bounds = _np.concatenate(([0], cuts, [len(keys)]))
    send = _np.diff(bounds).astype(_np.int64)
    recv = _np.empty(p, _np.int64)
    comm.Alltoall(send, recv)
    got = _np.empty(int(recv.sum()), keys.dtype)
    comm.Alltoallv([keys, (send, None)], [got, (recv, None)])
    _f.sort(got, device=device)
    # Back to the sizes the ranks gave: my run starts after the runs of the ranks before me.
    sizes = _np.array(comm.allgather(len(keys)), _np.int64)
    starts = _np.concatenate(([0], _np.cumsum(sizes)))
    before = _builtins.sum(comm.allgather(len(got))[:comm.Get_rank()])
    send = _np.array([max(0, min(before + len(got), starts[r + 1]) - max(before, starts[r])) for r in range(p)],
                     _np.int64)
    comm.Alltoall(send, recv)
    result = _np.empty(len(keys), keys.dtype)
    comm.Alltoallv([got, (send, None)], [result, (recv, None)])
    return result


def monte_carlo_pi(samples, seed=0, comm=None, device=None):
    """pi from `samples` Philox points, the draws split by rank: lanes.monte_carlo_pi's estimate."""
    comm = _world(comm)
    _agree(comm, (int(samples), int(seed)), "samples or seeds")
    if samples < 1:
        raise ValueError("lanes.dist.monte_carlo_pi: samples must be at least 1, not %r" % (samples,))
    p, r, draws = comm.Get_size(), comm.Get_rank(), (samples + 1) // 2
    first = r * (draws // p) + min(r, draws % p)
    end = (r + 1) * (draws // p) + min(r + 1, draws % p)
    inside = _f.monte_carlo_inside(device, samples, first, end - first, seed=seed)
    return 4.0 * comm.allreduce(inside) / samples


def count_primes(lo, hi, comm=None, device=None):
    """The primes in [lo, hi), the range cut where the work is even across ranks."""
    comm = _world(comm)
    _agree(comm, (int(lo), int(hi)), "ranges")
    p, r = comm.Get_size(), comm.Get_rank()

    def cut(k):
        if k <= 0:
            return lo
        if k >= p:
            return hi
        a, b = float(lo) ** 1.5, float(hi) ** 1.5
        return min(hi, max(lo, int((a + (b - a) * k / p) ** (2.0 / 3.0))))
    mine = _f.count_primes(device, cut(r), max(cut(r), cut(r + 1)))
    return comm.allreduce(mine)


__all__ = ["sum", "dot", "min_max", "histogram", "inclusive_scan", "sort", "monte_carlo_pi", "count_primes"]
