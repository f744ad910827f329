#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A picture of a lanes-bench --json report: for one device, each memory-bound kernel's ratio
to its limit (Lanes beside each peer), and Lanes' speed-up over each peer per kernel.

    python3 bench/plot.py REPORT.json -o bench.svg [--device cpu]

Needs matplotlib (Debian: python3-matplotlib; run Debian's /usr/bin/python3 where python3 on
PATH does not see Debian's packages). The output's format follows its suffix (.svg, .png).
"""
import argparse
import json
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit("plot.py: matplotlib is not installed (Debian: apt-get install python3-matplotlib)")
    with open(args.report) as f:
        report = json.load(f)
    rows = [r for r in report["results"] if r["device"] == args.device]
    if not rows:
        sys.exit("plot.py: no rows on device %r in %s" % (args.device, args.report))
    kernels = list(dict.fromkeys(r["kernel"] for r in rows))
    impls = list(dict.fromkeys(r["impl"] for r in rows))
    median = {(r["kernel"], r["impl"]): r["median_s"] for r in rows}
    ratio = {(r["kernel"], r["impl"]): r["ratio_to_limit"] for r in rows if r["ratio_to_limit"] is not None}
    bound = [k for k in kernels if any((k, i) in ratio for i in impls)]
    peers = [i for i in impls if i != "lanes"]
    sped = [k for k in kernels if (k, "lanes") in median and any((k, p) in median for p in peers)]

    panels = [p for p in (bound, sped) if p]
    fig, axes = plt.subplots(len(panels), 1, figsize=(max(8, 0.6 * len(kernels) + 3), 4.5 * len(panels)),
                             squeeze=False)
    context = report.get("context", {})
    title = "lanes-bench on %s (%s), device %s, %s" % (context.get("cpu_model", "?"), context.get("isa", "?"),
                                                        args.device, context.get("date", ""))
    axes[0][0].set_title(title, fontsize=10)
    ax_index = 0
    if bound:
        ax = axes[ax_index][0]
        ax_index += 1
        width = 0.8 / len(impls)
        for n, impl in enumerate(impls):
            xs = [k + n * width for k, kernel in enumerate(bound) if (kernel, impl) in ratio]
            ys = [ratio[(kernel, impl)] for kernel in bound if (kernel, impl) in ratio]
            ax.bar(xs, ys, width, label=impl)
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_xticks([k + 0.4 - width / 2 for k in range(len(bound))])
        ax.set_xticklabels(bound, rotation=30, ha="right")
        ax.set_ylabel("GB/s / the limit's GB/s")
        ax.legend(fontsize=8)
    if sped:
        ax = axes[ax_index][0]
        width = 0.8 / max(1, len(peers))
        for n, peer in enumerate(peers):
            xs = [k + n * width for k, kernel in enumerate(sped) if (kernel, peer) in median]
            ys = [median[(kernel, peer)] / median[(kernel, "lanes")] for kernel in sped if (kernel, peer) in median]
            ax.bar(xs, ys, width, label="over " + peer)
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_yscale("log")
        ax.set_xticks([k + 0.4 - width / 2 for k in range(len(sped))])
        ax.set_xticklabels(sped, rotation=30, ha="right")
        ax.set_ylabel("Lanes' speed-up (peer time / Lanes time)")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(args.output)
    print("plot.py: wrote %s (%d kernels)" % (args.output, len(kernels)))


if __name__ == "__main__":
    main()
