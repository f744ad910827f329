#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Monte Carlo pi from several Python threads at once: each thread asks Lanes for its own
stream of Philox points (its own seed, its own cpu:1 device). Lanes releases the GIL for
each call, so the threads really run at once, and every estimate is the same whichever
thread count computes it.

    python3 examples/python/monte_carlo_threads.py [--samples 20000000] [--quick]
"""
import argparse
import os
import threading
import time

import lanes


def run(threads, samples):
    devices = [lanes.Device("cpu:1") for _ in range(threads)]
    estimates = [None] * threads

    def work(i):
        estimates[i] = lanes.monte_carlo_pi(devices[i], samples, seed=i)
    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    t = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - t, estimates


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=20_000_000, help="points per thread")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    samples = 100_000 if args.quick else args.samples
    counts = sorted({1, 2, os.cpu_count() or 1})
    print("%8s %10s %14s   %s" % ("threads", "seconds", "points/second", "estimates"))
    first = None
    for threads in counts:
        seconds, estimates = run(threads, samples)
        first = first or estimates[0]
        assert estimates[0] == first, "seed 0 gave another estimate"  # the same bits, any thread count
        print("%8d %10.3f %14.3g   %s" % (threads, seconds, threads * samples / seconds,
                                          " ".join("%.6f" % e for e in estimates)))


if __name__ == "__main__":
    main()
