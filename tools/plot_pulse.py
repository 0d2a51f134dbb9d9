#!/usr/bin/python3
"""Draws the conductance of memristive devices against pulse number from `memsnn pulse` output.

usage: tools/plot_pulse.py FILE.h5 [FILE.h5 ...] -o FIGURE.png [--read] [--title TEXT]

One panel per file: G after each pulse for every device in the file (the first device drawn
bold), pulse polarity shaded (potentiating pulses on a light background). --read plots the
noisy read-out G_read instead of the noise-free state.

Needs Debian's python3-h5py and python3-matplotlib (run with /usr/bin/python3).
"""
import argparse
import math
import sys

try:
    import h5py
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"plot_pulse.py: {error.name} is missing; install python3-h5py and "
             "python3-matplotlib (apt-get install python3-h5py python3-matplotlib) and run "
             "with /usr/bin/python3")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="memsnn pulse output files")
    parser.add_argument("-o", "--output", required=True, help="PNG file to write")
    parser.add_argument("--read", action="store_true", help="plot G_read instead of G")
    parser.add_argument("--title", default=None, help="figure title")
    args = parser.parse_args()

    n = len(args.files)
    cols = min(n, 3)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.2 * rows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.axis("off")
    for ax, path in zip(axes.flat, args.files):
        try:
            f = h5py.File(path, "r")
        except OSError as error:
            sys.exit(f"plot_pulse.py: cannot open {path}: {error}")
        with f:
            if "pulse" not in f:
                sys.exit(f"plot_pulse.py: {path} has no /pulse group (not a memsnn pulse file)")
            key = "pulse/G_read" if args.read else "pulse/G"
            if key not in f:
                sys.exit(f"plot_pulse.py: {path} has no {key}")
            G = f[key][:]
            amplitude = f["pulse/amplitude"][:]
            name = f["memsnn"].attrs.get("scenario_name", path)
            if isinstance(name, bytes):
                name = name.decode()
        pulses = range(1, len(amplitude) + 1)
        for k, positive in enumerate(amplitude > 0):
            if positive:
                ax.axvspan(k + 0.5, k + 1.5, color="#eef4ff", lw=0)
        for d in range(G.shape[1] - 1, -1, -1):
            ax.plot(pulses, G[:, d], lw=1.8 if d == 0 else 0.6,
                    color="C0" if d == 0 else "0.6")
        ax.set_title(str(name), fontsize=10)
        ax.set_xlabel("pulse number")
        ax.set_ylabel("G read (uS)" if args.read else "G (uS)")
    if args.title:
        fig.suptitle(args.title)
    fig.tight_layout()
    fig.savefig(args.output, dpi=110)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
