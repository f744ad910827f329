#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The circular-motion particle simulator three ways: a pure Python loop, numpy (one array
operation per step over all particles) and Lanes (every particle's time loop in C++, on
every core), on the same particles, with the results compared.

    python3 examples/python/particles.py [--particles 1000] [--dt 0.1] [--quick]
"""
import argparse
import math
import time

import numpy as np

import lanes

TIMESTEP = 1e-5


def pure_python(x, y, w, dt):
    for _ in range(int(dt / TIMESTEP)):
        for i in range(len(x)):
            norm = math.sqrt(x[i] * x[i] + y[i] * y[i])
            vx, vy = -y[i] / norm, x[i] / norm
            x[i] += TIMESTEP * w[i] * vx
            y[i] += TIMESTEP * w[i] * vy


def with_numpy(x, y, w, dt):
    for _ in range(int(dt / TIMESTEP)):
        norm = np.sqrt(x * x + y * y)
        vx, vy = -y / norm, x / norm
        x += TIMESTEP * w * vx
        y += TIMESTEP * w * vy


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--particles", type=int, default=1000)
    parser.add_argument("--dt", type=float, default=0.1)
    parser.add_argument("--quick", action="store_true", help="a few particles and steps (a smoke run)")
    args = parser.parse_args()
    n, dt = (50, 0.001) if args.quick else (args.particles, args.dt)
    rng = np.random.default_rng(0)
    x0, y0, w = rng.uniform(-1, 1, n), rng.uniform(-1, 1, n), rng.uniform(0.5, 1.5, n)
    rows = []
    # Pure Python on a tenth of the steps (it is that slow), scaled up in the table.
    py_dt = dt / 10
    xp, yp = x0.tolist(), y0.tolist()
    t = time.perf_counter()
    pure_python(xp, yp, w.tolist(), py_dt)
    rows.append(("pure Python", 10 * (time.perf_counter() - t)))
    xn, yn = x0.copy(), y0.copy()
    t = time.perf_counter()
    with_numpy(xn, yn, w, dt)
    rows.append(("numpy", time.perf_counter() - t))
    xl, yl = x0.copy(), y0.copy()
    t = time.perf_counter()
    lanes.particles_evolve(xl, yl, w, dt, device=lanes.Device("cpu"))  # in place on the ndarrays
    rows.append(("lanes (cpu)", time.perf_counter() - t))
    difference = max(np.abs(xl - xn).max(), np.abs(yl - yn).max()) if n else 0.0
    print("%d particles, dt = %g (%d steps)" % (n, dt, int(dt / TIMESTEP)))
    print("%-12s %10s %10s" % ("way", "seconds", "speed-up"))
    for name, seconds in rows:
        print("%-12s %10.4f %9.1fx" % (name, seconds, rows[0][1] / seconds))
    print("largest difference, lanes against numpy: %.2g" % difference)
    assert difference < 1e-9, "lanes and numpy disagree"


if __name__ == "__main__":
    main()
