#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""numpy arrays through Lanes without copies, measured (medians of --repeat runs, one run):
  1. lanes.sum of a float32 ndarray (zero-copy on cpu) against numpy's a.sum(dtype=float64)
     and, with --bench PATH, against lanes-bench's own reduce of the same size (C++);
  2. the cost of one call: lanes.sum of a 16-element ndarray, split into its parts (the C
     call alone on a made Array; the rest is the buffer's checks and its bare C wrap and free);
  3. two Python threads, each calling Lanes on its own ndarrays (one cpu:1 device each),
     against one thread: particles and mandelbrot (compute-bound), sum (memory-bound).

    /usr/bin/python3 bench/python_interop.py [--n 67108864] [--repeat 7] [--bench build/release/bench/lanes-bench]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import lanes  # noqa: E402

try:
    import numpy as np
except ImportError:
    sys.exit("numpy is not installed for %s (Debian: apt-get install python3-numpy, then /usr/bin/python3)"
             % sys.executable)


def median_time(f, repeat):
    f()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def lanes_bench_reduce(path, n, repeat):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "reduce.json")
        subprocess.run([path, "--kernel", "reduce", "--device", "cpu", "--size", str(n), "--repeat", str(repeat),
                        "--json", out], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out) as f:
            return json.load(f)["results"][0]["median_s"]


def threads_speedup(work, repeat):
    """Time of two threads each doing work(device, i) once, over one thread doing it once."""
    devices = [lanes.Device("cpu:1"), lanes.Device("cpu:1")]

    def both():
        threads = [threading.Thread(target=work, args=(d, i)) for i, d in enumerate(devices)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    one = median_time(lambda: work(devices[0], 0), repeat)
    two = median_time(both, repeat)
    return one, two, 2 * one / two


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=64 * 1024 * 1024, help="floats summed (default 64M)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--bench", help="lanes-bench, to time its reduce of the same size in this run")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run for the tests")
    args = parser.parse_args()
    n, repeat = (1 << 16, 2) if args.quick else (args.n, args.repeat)
    cpu = lanes.Device("cpu")
    print("device: %s; numpy %s" % (cpu.name, np.__version__))

    a = np.random.default_rng(1).random(n, dtype=np.float32)
    assert abs(lanes.sum(a, device=cpu) - float(a.sum(dtype=np.float64))) <= 1e-6 * n
    t_lanes = median_time(lambda: lanes.sum(a, device=cpu), repeat)
    t_numpy = median_time(lambda: a.sum(dtype=np.float64), repeat)
    print("1. sum of %d float32 (%.0f MB): lanes %.2f ms (%.1f GB/s), numpy a.sum(dtype=float64) %.2f ms: %.2fx numpy"
          % (n, 4e-6 * n, 1e3 * t_lanes, 4e-9 * n / t_lanes, 1e3 * t_numpy, t_numpy / t_lanes))
    if args.bench:
        t_bench = lanes_bench_reduce(args.bench, n, repeat)
        print("   lanes-bench reduce (C++, same n) %.2f ms: lanes.sum from Python is %.2f of it"
              % (1e3 * t_bench, t_bench / t_lanes))

    small = np.arange(16, dtype=np.float32)
    made = lanes.asarray(small, cpu)
    calls = 2000 if args.quick else 200000
    def per_call(f):
        def many():
            for _ in range(calls):
                f()
        return median_time(many, repeat) / calls
    whole = per_call(lambda: lanes.sum(small, device=cpu))
    call = per_call(lambda: lanes.sum(made))
    print("2. one lanes.sum of 16 floats from an ndarray: %.2f us: the call on a made Array %.2f us, the buffer's "
          "checks, wrap and free %.2f us" % (1e6 * whole, 1e6 * call, 1e6 * (whole - call)))

    size = 256 if args.quick else 1000
    xs, ys, ws = (np.random.default_rng(s).random(size) for s in (2, 3, 4))

    def particles(device, _):
        x, y = xs.copy(), ys.copy()
        lanes.particles_evolve(x, y, ws, 0.01 if args.quick else 0.1, device=device)

    def mandelbrot(device, _):
        lanes.mandelbrot(128 if args.quick else 1024, 128 if args.quick else 1024, -2, 1, -1.5, 1.5, 256,
                         device=device)

    halves = [a[: n // 2].copy(), a[n // 2:].copy()]

    def summing(device, i):
        lanes.sum(halves[i], device=device)
    print("3. two Python threads, each on its own cpu:1 device and ndarrays, against one thread:")
    for name, work in (("particles", particles), ("mandelbrot", mandelbrot), ("sum", summing)):
        one, two, speedup = threads_speedup(work, repeat)
        print("   %-10s one thread %.2f ms, two threads %.2f ms: %.2fx the work per second" % (
            name, 1e3 * one, 1e3 * two, speedup))


if __name__ == "__main__":
    main()
