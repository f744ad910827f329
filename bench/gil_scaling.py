#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The parallelism the GIL blocks, measured: the same CPU-bound work (counting primes by
trial division) in 1, 2 and 4 Python threads, (a) in pure Python and (b) through lanes with
one cpu:1 device per thread. Every thread does the same number of calls, so perfect scaling
is a throughput that grows with the thread count. The sweep over the work per call shows
what crossing into C costs: tiny calls are dominated by it.

    python3 bench/gil_scaling.py [--threads 1,2,4] [--work 16,256,4096,65536] [--repeat 3]
    python3 bench/gil_scaling.py --trace calls.json [--threads 4] [--work 65536]

--trace runs Lanes' workers once, at the first thread count and work size given, under
lanes.trace(FILE): bench/trace_view.py draws the threads' calls side by side.
"""

import argparse
import os
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import lanes  # noqa: E402

START = 1_000_000  # numbers around here cost about the same to test


def is_prime(n):
    if n < 4:
        return n >= 2
    if n % 2 == 0:
        return False
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def python_count(lo, hi):
    return sum(1 for n in range(lo, hi) if is_prime(n))


def make_workers(kind, threads, work, calls):
    """One callable per thread; each does `calls` calls of `work` numbers."""
    def python_worker(t):
        def run():
            for c in range(calls):
                lo = START + c * work  # every thread the same numbers: equal work
                python_count(lo, lo + work)
        return run

    def lanes_worker(t):
        device = lanes.Device("cpu:1")  # made before the clock starts

        def run():
            for c in range(calls):
                lo = START + c * work  # every thread the same numbers: equal work
                lanes.count_primes(device, lo, lo + work)
        return run

    make = python_worker if kind == "python" else lanes_worker
    return [make(t) for t in range(threads)]


def timed(kind, threads, work, calls):
    workers = make_workers(kind, threads, work, calls)
    pool = [threading.Thread(target=w) for w in workers]
    begin = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return time.perf_counter() - begin


def calls_for(kind, work, target_s):
    """Calls per thread that take about target_s on one thread."""
    calls = 1
    while True:
        elapsed = timed(kind, 1, work, calls)
        if elapsed >= target_s / 4 or calls >= 1 << 22:
            return max(1, int(calls * target_s / max(elapsed, 1e-9)))
        calls *= 4


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", default="1,2,4")
    parser.add_argument("--work", default="16,256,4096,65536", help="numbers tested per call")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is shown")
    parser.add_argument("--seconds", type=float, default=0.3, help="about how long one thread runs per figure")
    parser.add_argument("--quick", action="store_true", help="a fast smoke run (checks results, tiny figures)")
    parser.add_argument("--trace", metavar="FILE", help="trace one run of Lanes' workers into FILE instead")
    args = parser.parse_args()
    if args.trace:
        threads, work = int(args.threads.split(",")[0]), int(args.work.split(",")[0])
        calls = calls_for("lanes", work, args.seconds)
        with lanes.trace(args.trace):
            elapsed = timed("lanes", threads, work, calls)
        print("traced %d threads x %d calls of %d numbers (%.3f s) into %s" % (threads, calls, work, elapsed, args.trace))
        return
    if args.quick:
        args.threads, args.work, args.repeat, args.seconds = "1,2", "256", 1, 0.02

    # The two ways agree before anything is timed.
    check = lanes.count_primes(lanes.Device("cpu:1"), START, START + 5000)
    if check != python_count(START, START + 5000):
        sys.exit("lanes and pure Python disagree on the primes in [%d, %d)" % (START, START + 5000))

    thread_counts = [int(t) for t in args.threads.split(",")]
    print("GIL scaling on %d cores: count_primes, Mitems/s (median of %d) and speedup over 1 thread"
          % (os.cpu_count(), args.repeat))
    print("%-7s %-11s %8s %12s %8s" % ("impl", "work/call", "threads", "Mitems/s", "speedup"))
    for kind in ("python", "lanes"):
        for work in [int(w) for w in args.work.split(",")]:
            if kind == "python" and work > 4096 and not args.quick:
                continue  # pure Python's per-item cost does not depend on the call size
            calls = calls_for(kind, work, args.seconds)
            base = None
            for threads in thread_counts:
                times = [timed(kind, threads, work, calls) for _ in range(args.repeat)]
                rate = threads * calls * work / statistics.median(times) / 1e6
                base = base or rate
                print("%-7s %-11d %8d %12.3f %7.2fx" % (kind, work, threads, rate, rate / base), flush=True)


if __name__ == "__main__":
    main()
