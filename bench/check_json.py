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
import re
import subprocess
import sys

TOP = {"lanes_version", "machine", "context", "limits", "gpu_limits", "results"}
CONTEXT = {"cpu_model", "isa", "compiler", "git_revision", "date", "openblas_core"}
LIMITS = {"read_gbps", "read2_gbps", "copy_gbps", "update_gbps", "axpy_gbps", "triad_gbps", "write_gbps"}
RESULT = {"kernel", "impl", "device", "n", "repeats", "median_s", "min_s", "max_s", "gbps", "gflops",
          "mitems_per_s", "ratio_to_limit", "limit_gbps", "vs_best_peer", "note"}
# A ratio to a limit above this means the limit was measured wrong (checked on rows that move
# at least BIG bytes a call: smaller working sets may sit in a cache, where no memory limit
# applies).
MAX_RATIO, BIG = 1.1, 256 << 20
TRAFFIC = re.compile(r"traffic: reads ([0-9.]+), writes ([0-9.]+) B/item, limit (\w+)")


def check_catalogue(listing):
    """Every memory-bound kernel names its traffic, and it fits the limit's pattern: reads only
    (read, read2; a minor write allowed), reads and writes (copy, update, axpy, triad), or
    writes only (write)."""
    kernels = {}
    for line in listing:
        m = TRAFFIC.search(line)
        if not m:
            continue
        reads, writes, pattern = float(m.group(1)), float(m.group(2)), m.group(3)
        name = line.split()[0]
        if pattern not in ("read", "read2", "copy", "update", "axpy", "triad", "write") or \
                (reads <= 0) != (pattern == "write"):
            fail("%s: traffic reads %r, limit %r" % (name, reads, pattern))
        if pattern in ("read", "read2") and writes > reads / 10:
            fail("%s: writes %r B/item against a read-only limit" % (name, writes))
        if pattern not in ("read", "read2") and writes <= 0:
            fail("%s: the %s limit writes, the kernel does not" % (name, pattern))
        kernels[name] = pattern
    return kernels


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
    listing = subprocess.run([sys.argv[2], "--list"], check=True, capture_output=True, text=True).stdout.splitlines()
    listed = [line.split()[0] for line in listing]
    memory_bound = check_catalogue(listing)
    if set(report) != TOP:
        fail("top-level keys %s, expected %s" % (sorted(report), sorted(TOP)))
    if set(report["context"]) != CONTEXT or not all(report["context"].values()):
        fail("context %r, expected every one of %s" % (report["context"], sorted(CONTEXT)))
    if set(report["limits"]) != LIMITS:
        fail("limits %s, expected %s" % (sorted(report["limits"]), sorted(LIMITS)))
    for key in LIMITS:
        if not report["limits"][key] > 0:
            fail("limit %s is %r" % (key, report["limits"][key]))
    ran = set()
    for r in report["results"]:
        if set(r) != RESULT:
            fail("result keys %s, expected %s" % (sorted(r), sorted(RESULT)))
        where = "%s/%s/%s" % (r["kernel"], r["impl"], r["device"])
        if not (0 < r["min_s"] <= r["median_s"] <= r["max_s"]):
            fail("%s: min_s %r, median_s %r, max_s %r" % (where, r["min_s"], r["median_s"], r["max_s"]))
        if r["kernel"] in memory_bound and r["device"] != "cuda" and r["ratio_to_limit"] is None:
            fail("%s: a memory-bound kernel without its ratio to the limit" % where)
        if r["ratio_to_limit"] is not None and r["gbps"] * r["median_s"] * 1e9 >= BIG \
                and r["ratio_to_limit"] > MAX_RATIO:
            fail("%s: %.3f of its limit: above %.2f the limit was measured wrong" % (where, r["ratio_to_limit"],
                                                                                      MAX_RATIO))
        if r["vs_best_peer"] is not None and not r["vs_best_peer"] > 0:
            fail("%s: vs_best_peer %r" % (where, r["vs_best_peer"]))
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
