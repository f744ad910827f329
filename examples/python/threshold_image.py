#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A thresholded image: a synthetic grey image with a lighting gradient, binarised with a
global threshold and with an adaptive (local mean) one, in numpy and in Lanes, working on
the ndarrays themselves; the masks are compared and summarised.

    python3 examples/python/threshold_image.py [--size 2048] [--quick]
"""
import argparse
import time

import numpy as np

import lanes


def adaptive_numpy(image, block, offset):
    """The local mean by summed-area table, edges clamped (as Lanes does)."""
    r = block // 2
    padded = np.pad(image.astype(np.float64), r, mode="edge")
    table = np.pad(padded.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    rows, cols = image.shape
    sums = (table[block:block + rows, block:block + cols] - table[:rows, block:block + cols]
            - table[block:block + rows, :cols] + table[:rows, :cols])
    return np.where(image > sums / (block * block) - offset, 255, 0).astype(np.uint8)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n = 128 if args.quick else args.size
    rng = np.random.default_rng(5)
    yy, xx = np.mgrid[0:n, 0:n] / n
    image = (0.5 * xx + 0.3 * (np.sin(40 * xx) * np.sin(40 * yy) > 0) + 0.05 * rng.random((n, n))).astype(np.float32)
    cpu = lanes.Device("cpu")
    print("%-22s %10s %10s %14s" % ("threshold", "numpy s", "lanes s", "pixels set"))
    t = time.perf_counter()
    global_numpy = np.where(image > np.float32(0.5), 255, 0).astype(np.uint8)
    t_numpy = time.perf_counter() - t
    t = time.perf_counter()
    global_lanes = np.asarray(lanes.threshold(image, 0.5, device=cpu)).reshape(n, n)
    t_lanes = time.perf_counter() - t
    assert (global_lanes == global_numpy).all()
    print("%-22s %10.4f %10.4f %14d" % ("global, 0.5", t_numpy, t_lanes, int((global_lanes > 0).sum())))
    t = time.perf_counter()
    local_numpy = adaptive_numpy(image, 31, 0.02)
    t_numpy = time.perf_counter() - t
    t = time.perf_counter()
    local_lanes = np.asarray(lanes.adaptive_threshold(image, 31, 0.02, device=cpu)).reshape(n, n)
    t_lanes = time.perf_counter() - t
    agree = float((local_lanes == local_numpy).mean())  # sums in float32 and float64 may round apart
    print("%-22s %10.4f %10.4f %14d" % ("adaptive, 31 x 31", t_numpy, t_lanes, int((local_lanes > 0).sum())))
    print("adaptive masks agree on %.4f of the pixels" % agree)
    assert agree > 0.999


if __name__ == "__main__":
    main()
