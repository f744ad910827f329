#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The particle simulator in numpy (the vectorised loop of Python's high-performance
practice: one array operation per step over all particles) against lanes.particles_evolve,
both on the same 1000 particles with dt = 0.1 (9999 steps), same results checked.

    python3 bench/particles_numpy.py [--particles 1000] [--dt 0.1] [--repeat 3] [--device cpu]
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import lanes  # noqa: E402

try:
    import numpy as np
except ImportError:
    sys.exit("numpy is not installed for %s (Debian: apt-get install python3-numpy, then /usr/bin/python3)"
             % sys.executable)


def evolve_numpy(x, y, w, dt):
    timestep = 1e-5
    nsteps = int(dt / timestep)
    for _ in range(nsteps):
        norm = np.sqrt(x * x + y * y)
        vx = -y / norm
        vy = x / norm
        x += timestep * w * vx
        y += timestep * w * vy


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--particles", type=int, default=1000)
    parser.add_argument("--dt", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    x0, y0, w0 = rng.random(args.particles), rng.random(args.particles), rng.random(args.particles)
    device = lanes.Device(args.device)

    def run_numpy():
        x, y = x0.copy(), y0.copy()
        evolve_numpy(x, y, w0, args.dt)
        return x, y

    def run_lanes():
        x, y, w = lanes.Array(device, x0), lanes.Array(device, y0), lanes.Array(device, w0)
        lanes.particles_evolve(x, y, w, args.dt)
        return x.to_numpy(), y.to_numpy()

    results = {}
    for name, run in (("numpy", run_numpy), ("lanes", run_lanes)):
        times = []
        for _ in range(args.repeat):
            begin = time.perf_counter()
            results[name] = run()
            times.append(time.perf_counter() - begin)
        results[name + "_s"] = statistics.median(times)
    error = max(np.abs(results["numpy"][0] - results["lanes"][0]).max(), np.abs(results["numpy"][1] - results["lanes"][1]).max())
    print("particles=%d dt=%g (%d steps), numpy %s, lanes on %s" % (args.particles, args.dt, int(args.dt / 1e-5),
                                                                     np.__version__, device.name))
    print("numpy  %.3f s" % results["numpy_s"])
    print("lanes  %.4f s  (%.0fx numpy; largest difference %.2g)" % (results["lanes_s"], results["numpy_s"] / results["lanes_s"], error))


if __name__ == "__main__":
    main()
