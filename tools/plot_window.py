#!/usr/bin/python3
"""Draws a plasticity window from a protocol scenario's output (scenarios/protocols/).

usage: tools/plot_window.py OUT.h5 --report NAME -o FIGURE.png [--x dt|gap|frequency] [--us]

The protocol has a population `pre` of spike_times (and, for dt and frequency, `post_drive`),
element i of each driving synapse i (same delays), and a report NAME over the plastic
projection. The figure shows the change of the reported value from its first sample to its
last against:
  dt         t_post - t_pre of the first pair (ms, or us with --us)         (default)
  gap        the interval between the first two presynaptic spikes (log axis)
  frequency  the pairing frequency 1 / (second - first presynaptic spike), one curve per
             sign of dt

Needs Debian's python3-h5py and python3-matplotlib (run with /usr/bin/python3).
"""
import argparse
import json
import sys

try:
    import h5py
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"plot_window.py: {error.name} is missing; install python3-h5py and "
             "python3-matplotlib and run with /usr/bin/python3")


def ms(text):
    value, unit = text.split()
    scale = {"s": 1e3, "ms": 1.0, "us": 1e-3, "ns": 1e-6}[unit]
    return float(value) * scale


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--report", required=True)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--x", choices=["dt", "gap", "frequency"], default="dt")
    parser.add_argument("--us", action="store_true", help="time axis in microseconds")
    args = parser.parse_args()
    with h5py.File(args.file, "r") as f:
        scenario = json.loads(f["memsnn/scenario"][()])
        data = f[f"report/{args.report}/data"][:]
        units = f[f"report/{args.report}/data"].attrs.get("units", "")
        variable = f[f"report/{args.report}/data"].attrs.get("variable", args.report)
        name = scenario.get("name", args.file)
    pops = scenario["populations"]
    pre = [[ms(t) for t in ts] for ts in pops["pre"]["params"]["spike_times"]]
    post = ([[ms(t) for t in ts] for ts in pops["post_drive"]["params"]["spike_times"]]
            if "post_drive" in pops else None)
    scale, unit = (1e3, "us") if args.us else (1.0, "ms")
    change = data[-1] - data[0]
    fig, ax = plt.subplots(figsize=(5, 3.4))
    ax.axhline(0, color="0.7", lw=0.8)
    if args.x == "dt":
        dt = [(b[0] - a[0]) * scale for a, b in zip(pre, post)]
        ax.axvline(0, color="0.7", lw=0.8)
        ax.plot(dt, change, "o-", ms=3)
        ax.set_xlabel(f"dt = t_post - t_pre ({unit})")
    elif args.x == "gap":
        gap = [(a[1] - a[0]) * scale for a in pre]
        ax.semilogx(gap, change, "o-", ms=3)
        ax.set_xlabel(f"gap between the two presynaptic spikes, t_zero ({unit})")
    else:
        curves = {}
        for a, b, c in zip(pre, post, change):
            dt = (b[0] - a[0]) * scale
            curves.setdefault(dt, []).append((1e3 / (a[1] - a[0]), c))
        for dt, points in sorted(curves.items()):
            points.sort()
            ax.plot([p[0] for p in points], [p[1] for p in points], "o-", ms=3,
                    label=f"dt = {dt:+g} {unit}")
        ax.set_xscale("log")
        ax.set_xlabel("pairing frequency (Hz, as simulated)")
        ax.legend(fontsize=8)
    ax.set_ylabel(f"change of {variable} ({units})")
    ax.set_title(str(name), fontsize=10)
    fig.tight_layout()
    fig.savefig(args.output, dpi=100)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
