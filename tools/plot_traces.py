#!/usr/bin/python3
"""Plots recorded variables of a memsnn run (any model) against time.

usage: tools/plot_traces.py OUT.h5 -o FIGURE.png [--report NAME ...] [--nodes ID ...]
                            [--start MS] [--stop MS] [--spikes] [--title TEXT]
                            [--labels NAME ...]
       tools/plot_traces.py OUT.h5 --list

One panel per report (default: every report in the file, in file order), time in ms on a
shared x axis, one line per recorded node (labelled with its node id; --nodes keeps only the
given ids; --labels names them in the legend instead). --spikes marks the spike times of each report's population (when they were
recorded) as ticks along the top of the population's first panel. --list prints the reports and spike groups of the file.

Needs Debian's python3-h5py, python3-numpy and python3-matplotlib (run with /usr/bin/python3).
"""
import argparse
import sys

try:
    import h5py
    import matplotlib
    import numpy as np

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"plot_traces.py: {error.name} is missing; install python3-h5py, python3-numpy "
             "and python3-matplotlib (apt-get install python3-h5py python3-numpy "
             "python3-matplotlib) and run with /usr/bin/python3")

from memsnn_h5 import read_report, text  # noqa: E402  (tools/memsnn_h5.py, shared readers)


def main(argv=None, prog="plot_traces.py"):
    """Runs the command line `argv` (default sys.argv[1:]); tools/plot.py traces calls this."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("file", help="memsnn run output (HDF5)")
    parser.add_argument("-o", "--output", help="PNG file to write")
    parser.add_argument("--report", nargs="+", default=None, help="reports to plot (default all)")
    parser.add_argument("--nodes", nargs="+", type=int, default=None, help="node ids to keep")
    parser.add_argument("--start", type=float, default=None, help="first time shown (ms)")
    parser.add_argument("--stop", type=float, default=None, help="last time shown (ms)")
    parser.add_argument("--spikes", action="store_true", help="mark recorded spikes")
    parser.add_argument("--title", default=None, help="figure title")
    parser.add_argument("--labels", nargs="+", default=None,
                        help="legend names, one per plotted node in report order")
    parser.add_argument("--list", action="store_true", help="list reports and exit")
    args = parser.parse_args(argv)

    try:
        f = h5py.File(args.file, "r")
    except OSError as error:
        sys.exit(f"{prog}: cannot open {args.file}: {error}")
    with f:
        available = list(f["report"].keys()) if "report" in f else []
        spike_groups = list(f["spikes"].keys()) if "spikes" in f else []
        if args.list:
            for name in available:
                r = read_report(f, name)
                print(f"report {name}: {r['variable']} [{r['units']}] of {r['population']}, "
                      f"nodes {list(r['nodes'])}, {len(r['time'])} samples")
            for name in spike_groups:
                print(f"spikes {name}: {len(f[f'spikes/{name}/timestamps'])} spikes")
            return
        if not args.output:
            sys.exit(f"{prog}: -o FIGURE.png is required (or --list)")
        names = args.report if args.report else available
        if not names:
            sys.exit(f"{prog}: {args.file} has no /report group (nothing recorded)")
        for name in names:
            if name not in available:
                sys.exit(f"{prog}: no report \"{name}\" in {args.file}; it has: "
                         + ", ".join(available))
        reports = [read_report(f, name) for name in names]
        spikes = {}
        if args.spikes:
            for name in spike_groups:
                spikes[name] = (f[f"spikes/{name}/timestamps"][:], f[f"spikes/{name}/node_ids"][:])
        title = args.title or text(f["memsnn"].attrs.get("scenario_name", args.file))

    labels = {}
    if args.labels:
        nodes = list(reports[0]["nodes"]) if args.nodes is None else args.nodes
        if len(args.labels) != len(nodes):
            sys.exit(f"{prog}: --labels needs {len(nodes)} names (one per node plotted)")
        labels = {int(n): name for n, name in zip(nodes, args.labels)}

    fig, axes = plt.subplots(len(reports), 1, figsize=(7.5, 1.7 * len(reports) + 0.7),
                             sharex=True, squeeze=False)
    marked = set()  # populations whose spikes are drawn already (on their first panel only)
    for ax, r in zip(axes[:, 0], reports):
        keep = np.ones(len(r["time"]), dtype=bool)
        if args.start is not None:
            keep &= r["time"] >= args.start
        if args.stop is not None:
            keep &= r["time"] <= args.stop
        ticks = []
        for column, node in enumerate(r["nodes"]):
            if args.nodes is not None and int(node) not in args.nodes:
                continue
            line, = ax.plot(r["time"][keep], r["data"][keep, column], lw=0.9,
                            label=labels.get(int(node), f"{node}"))
            if r["population"] in spikes and r["population"] not in marked:
                times, ids = spikes[r["population"]]
                t = times[ids == node]
                if args.start is not None:
                    t = t[t >= args.start]
                if args.stop is not None:
                    t = t[t <= args.stop]
                if len(t):
                    ticks.append((t, line.get_color()))
        if r["population"] in spikes:
            marked.add(r["population"])
        # Spikes as ticks along the top edge of the panel (x in data, y in axes units).
        for t, color in ticks:
            ax.plot(t, np.full(len(t), 1.0), "|", color=color, ms=7, mew=1.2,
                    transform=ax.get_xaxis_transform(), clip_on=False)
        unit = f" ({r['units']})" if r["units"] and r["units"] != "1" else ""
        ax.set_ylabel(f"{r['variable']}{unit}")
        ax.text(0.005, 0.95, r["name"], transform=ax.transAxes, va="top", fontsize=7,
                color="0.45")
    handles, names = axes[0, 0].get_legend_handles_labels()
    if 1 < len(names) <= 12:
        axes[0, 0].legend(fontsize=7, loc="best", ncol=min(len(names), 4),
                          title="node" if not labels else None, title_fontsize=7,
                          framealpha=0.85)
    axes[-1, 0].set_xlabel("time (ms)")
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(args.output, dpi=100)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
