#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The GIL countdown: the classic demonstration that Python threads do not run Python code
at once. Counting down from N in 2 threads takes as long as in one (the GIL), 2 processes
halve it (at the cost of processes), and 2 threads calling Lanes halve it too (the work is
in C++ and the GIL is released for it: here, counting the primes below N / 20 twice, once
per thread).

    python3 examples/python/gil_countdown.py [--n 20000000] [--quick]
"""
import argparse
import multiprocessing
import threading
import time

import lanes


def countdown(n):
    while n > 0:
        n -= 1


def lanes_work(device, calls, below):
    for _ in range(calls):
        lanes.count_primes(device, 0, below)


def timed(workers):
    t = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - t


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000_000)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n = 200_000 if args.quick else args.n
    devices = [lanes.Device("cpu:1"), lanes.Device("cpu:1")]
    primes_below = n // 20
    rows = [
        ("python, 1 thread", timed([threading.Thread(target=countdown, args=(2 * n,))])),
        ("python, 2 threads", timed([threading.Thread(target=countdown, args=(n,)) for _ in range(2)])),
        ("python, 2 processes", timed([multiprocessing.Process(target=countdown, args=(n,)) for _ in range(2)])),
        ("lanes, 1 thread", timed([threading.Thread(target=lanes_work, args=(devices[0], 2, primes_below))])),
        ("lanes, 2 threads", timed([threading.Thread(target=lanes_work, args=(d, 1, primes_below)) for d in devices])),
    ]
    print("the same work split over workers (time of the whole):")
    for name, seconds in rows:
        print("  %-22s %8.3f s" % (name, seconds))
    print("speed-up of 2 over 1: python threads %.2fx, python processes %.2fx, lanes threads %.2fx"
          % (rows[0][1] / rows[1][1], rows[0][1] / rows[2][1], rows[3][1] / rows[4][1]))


if __name__ == "__main__":
    main()
