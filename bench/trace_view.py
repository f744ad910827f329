#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A timeline of a Lanes call trace (LANES_TRACE, lanes.trace): one row per thread, each
call a bar from its start to its end, calls nested in a C ABI call drawn inside its bar.

    python3 bench/trace_view.py TRACE.json -o timeline.svg [--title TEXT]

Needs matplotlib (Debian: python3-matplotlib; run Debian's /usr/bin/python3 where python3 on
PATH does not see Debian's packages). The output's format follows its suffix (.svg, .png).
"""
import argparse
import json
import sys


def depths(events):
    """Each event's nesting depth within its thread: 0 for a call no other call holds."""
    depth = {}
    for tid in {e["tid"] for e in events}:
        open_ends = []  # ends of the calls that hold the current one, outermost first
        for e in sorted((e for e in events if e["tid"] == tid), key=lambda e: (e["ts"], -e["dur"])):
            while open_ends and open_ends[-1] < e["ts"] + e["dur"] - 0.002:  # 2 ns: the times are rounded
                open_ends.pop()
            depth[id(e)] = len(open_ends)
            open_ends.append(e["ts"] + e["dur"])
    return depth


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trace")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--title", default=None)
    args = parser.parse_args()
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit("trace_view.py: matplotlib is not installed (Debian: apt-get install python3-matplotlib)")
    try:
        with open(args.trace) as f:
            events = [e for e in json.load(f)["traceEvents"] if e.get("ph") == "X"]
    except (OSError, ValueError, KeyError) as error:
        sys.exit("trace_view.py: %s is not a Lanes trace: %s" % (args.trace, error))
    if not events:
        sys.exit("trace_view.py: %s holds no calls" % args.trace)

    threads = sorted({e["tid"] for e in events})
    row = {tid: i for i, tid in enumerate(threads)}
    depth = depths(events)
    start = min(e["ts"] for e in events)
    names = sorted({e["name"] for e in events})
    colours = plt.get_cmap("tab10")
    colour = {name: colours(i % 10) for i, name in enumerate(names)}

    figure, axes = plt.subplots(figsize=(10, 0.6 * len(threads) + 1.6))
    for e in sorted(events, key=lambda e: depth[id(e)]):  # callers first, their calls drawn on top
        d = depth[id(e)]
        height = 0.8 * 0.6 ** d  # an inner call is a thinner bar inside its caller's
        failed = e.get("args", {}).get("status", "ok") not in ("ok", "LANES_OK")
        axes.barh(row[e["tid"]], e["dur"] / 1e3, left=(e["ts"] - start) / 1e3, height=height,
                  color=colour[e["name"]], edgecolor="red" if failed else "black", linewidth=0.3)
    axes.set_yticks(range(len(threads)))
    axes.set_yticklabels(["thread %d" % tid for tid in threads])
    axes.invert_yaxis()
    axes.set_xlabel("time since the trace started (ms)")
    axes.set_title(args.title or "%d calls on %d threads (%s)" % (len(events), len(threads), args.trace))
    axes.legend(handles=[plt.Rectangle((0, 0), 1, 1, color=colour[n]) for n in names], labels=names,
                loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=min(len(names), 6), fontsize="small",
                frameon=False)
    figure.tight_layout()
    figure.savefig(args.output)
    print("trace_view.py: %d calls, %d threads -> %s" % (len(events), len(threads), args.output))


if __name__ == "__main__":
    main()
