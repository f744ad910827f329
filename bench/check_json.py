#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks a lanes-bench --json report against the schema of docs/design.md and against itself:
every kernel lanes-bench lists ran on every device asked for, figures are positive, and each
ratio to a memory limit is the kernel's GB/s over the limit it names.

    python3 bench/check_json.py REPORT.json LANES_BENCH DEVICE[,DEVICE...]
    python3 bench/check_json.py --mpi REPORT.json RANKS    (a lanes-bench --mpi report)
"""
import json
import math
import subprocess
import sys

TOP = {"lanes_version", "machine", "limits", "gpu_limits", "results"}
RESULT = {"kernel", "impl", "device", "n", "repeats", "median_s", "min_s", "gbps", "gflops",
          "mitems_per_s", "ratio_to_limit", "limit_gbps"}


def fail(message):
    sys.exit("check_json: " + message)


MPI_TOP = {"lanes_version", "mpi", "results"}
MPI_RESULT = {"kernel", "scaling", "ranks", "n", "repeats", "median_s", "min_s", "max_s", "vs_one_process",
              "efficiency"}


def check_mpi(path, ranks):
    """Every kernel ran strong scaling on 1, 2, 4, ... and `ranks` ranks (weak where it ran at all),
    times ordered, the strong rows beside the one-process figure."""
    with open(path) as f:
        report = json.load(f)
    if set(report) != MPI_TOP:
        fail("top-level keys %s, expected %s" % (sorted(report), sorted(MPI_TOP)))
    if report["mpi"]["ranks"] != ranks:
        fail("ran on %r ranks, expected %d" % (report["mpi"]["ranks"], ranks))
    counts = sorted({1 << k for k in range(ranks.bit_length()) if 1 << k < ranks} | {ranks})
    seen = {}
    for r in report["results"]:
        if set(r) != MPI_RESULT:
            fail("result keys %s, expected %s" % (sorted(r), sorted(MPI_RESULT)))
        where = "%s/%s/%d ranks" % (r["kernel"], r["scaling"], r["ranks"])
        if not (0 < r["min_s"] <= r["median_s"] <= r["max_s"]):
            fail("%s: min_s %r, median_s %r, max_s %r" % (where, r["min_s"], r["median_s"], r["max_s"]))
        if (r["vs_one_process"] is None) != (r["scaling"] == "weak") or not r["efficiency"] > 0:
            fail("%s: vs_one_process %r, efficiency %r" % (where, r["vs_one_process"], r["efficiency"]))
        seen.setdefault((r["kernel"], r["scaling"]), []).append(r["ranks"])
    kernels = {k for k, _ in seen}
    for key, ran in seen.items():
        if ran != counts:
            fail("%s %s scaling ran on %s ranks, expected %s" % (key + (ran, counts)))
    if not {(k, "strong") for k in kernels} <= set(seen):
        fail("a kernel lacks its strong scaling rows")
    print("check_json --mpi: %d results, %d kernels on %s ranks: schema holds" % (len(report["results"]),
                                                                                 len(kernels), counts))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--mpi":
        return check_mpi(sys.argv[2], int(sys.argv[3]))
    if len(sys.argv) != 4:
        fail("usage: check_json.py REPORT.json LANES_BENCH DEVICES")
    with open(sys.argv[1]) as f:
        report = json.load(f)
    devices = sys.argv[3].split(",")
    listed = [line.split()[0] for line in subprocess.run([sys.argv[2], "--list"], check=True,
                                                         capture_output=True, text=True).stdout.splitlines()]
    if set(report) != TOP:
        fail("top-level keys %s, expected %s" % (sorted(report), sorted(TOP)))
    for key in ("triad_gbps", "read_gbps", "copy_gbps"):
        if not report["limits"][key] > 0:
            fail("limit %s is %r" % (key, report["limits"][key]))
    ran = set()
    for r in report["results"]:
        if set(r) != RESULT:
            fail("result keys %s, expected %s" % (sorted(r), sorted(RESULT)))
        where = "%s/%s/%s" % (r["kernel"], r["impl"], r["device"])
        if not (0 < r["min_s"] <= r["median_s"]):
            fail("%s: min_s %r, median_s %r" % (where, r["min_s"], r["median_s"]))
        for key in ("gbps", "gflops", "mitems_per_s", "limit_gbps"):
            if r[key] is not None and not (r[key] > 0 and math.isfinite(r[key])):
                fail("%s: %s is %r" % (where, key, r[key]))
        if r["limit_gbps"] is not None:
            expected = r["gbps"] / r["limit_gbps"]
            if not math.isclose(r["ratio_to_limit"], expected, rel_tol=1e-4):
                fail("%s: ratio_to_limit %r, but gbps / limit_gbps = %r" % (where, r["ratio_to_limit"], expected))
        if r["impl"] == "lanes":
            ran.add((r["kernel"], r["device"]))
    missing = [(k, d) for k in listed for d in devices if (k, d) not in ran]
    if missing:
        fail("lanes did not run: %s" % ", ".join("%s on %s" % m for m in missing))
    print("check_json: %d results, %d kernels on %s: schema and ratios hold" % (len(report["results"]), len(listed),
                                                                                   ", ".join(devices)))


if __name__ == "__main__":
    main()
