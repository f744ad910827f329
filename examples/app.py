#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A Python host app: offloads an array to the device "auto" picks, from four threads at
once (each call releases the GIL), and checks what comes back."""
import array
import sys
import threading

import lanes

device = lanes.Device("auto")
print("device:", device.name)
results = [None] * 4


def work(t):
    x = lanes.Array(device, array.array("d", range(100000)))
    y = lanes.Array.zeros(device, len(x), "f64")
    lanes.axpy(float(t + 1), x, y)  # y = (t + 1) x
    results[t] = lanes.sum(y)


threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
expected = [(t + 1) * 99999 * 100000 / 2 for t in range(4)]
ok = results == expected
print("sums from 4 threads:", results, "(checked)" if ok else "(WRONG)")
sys.exit(0 if ok else 1)
