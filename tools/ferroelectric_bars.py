#!/usr/bin/python3
"""Recognition rate of the ferroelectric-synapse bars network (experiment E-13, Boyn 2017).

Reads memsnn output files of scenarios/experiments/ferroelectric_bars.json (or a variant made
with --set): a `pattern_slots` input whose pattern slots show the classes, a recorded output
layer, and a plastic projection whose learning block has a "stop" time. The presentations
(pattern slots) that start at or after the stop time are the frozen evaluation pass:

  1. labelling: the first --label presentations of it; each output neuron gets the class to
     which it responded with the most spikes per presentation (a neuron that never fired in
     them gets no label);
  2. test: the remaining presentations; the answer is the label of the first output neuron
     that fires in the presentation's slot (equal first times: the one with more spikes in
     the slot, then the lower index); a presentation without an output spike, or whose first
     neuron has no label, counts as wrong.

Prints one line per file (seed, flip probability, recognition, silent presentations, the
labels) and, for several files, the recognition per flip probability (mean, min, max).

Usage:
  /usr/bin/python3 tools/ferroelectric_bars.py OUT.h5 [MORE.h5 ...] [--label 150]
         [--plot-noise FIG.png] [--require-recognition 0.9]

--plot-noise draws recognition against the flip probability (one point per file, the mean
per flip probability as a line). Needs Debian's python3-h5py and python3-numpy
(python3-matplotlib for --plot-noise); run with /usr/bin/python3. Exit status 1 when
--require-recognition is not met by every file, 77 when a package is missing.
"""
import argparse
import os
import re
import sys

try:
    import h5py  # noqa: F401  (checked here for a clear message; used through memsnn_h5)
    import numpy as np
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"ferroelectric_bars.py: the Python module {error.name} is missing; install "
          "python3-h5py and python3-numpy (apt-get install python3-h5py python3-numpy) and run "
          "with /usr/bin/python3", file=sys.stderr)
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import memsnn_h5  # noqa: E402

PROG = "ferroelectric_bars.py"
TIME_UNITS = {"s": 1e3, "ms": 1.0, "us": 1e-3, "\u00b5s": 1e-3, "ns": 1e-6, "ps": 1e-9,
              "ks": 1e6}


def time_ms(value, what):
    """A scenario time such as "12 s" in ms."""
    m = re.fullmatch(r"\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\s*([a-z\u00b5]+)\s*", str(value))
    if not m or m.group(2) not in TIME_UNITS:
        sys.exit(f"{PROG}: {what}: expected a time such as \"12 s\", got {value!r}")
    return float(m.group(1)) * TIME_UNITS[m.group(2)]


def input_population(scenario):
    names = [n for n, p in scenario.get("populations", {}).items()
             if p.get("type") == "pattern_slots"]
    if len(names) != 1:
        sys.exit(f"{PROG}: expected one pattern_slots population, found {names}")
    return names[0], scenario["populations"][names[0]].get("params", {})


def stop_time(scenario):
    stops = [time_ms(p["learning"]["stop"], "learning stop") for p in scenario.get("projections", [])
             if "learning" in p and "stop" in p["learning"]]
    if not stops:
        sys.exit(f"{PROG}: no projection has a learning \"stop\" time, so there is no frozen "
                 "evaluation pass")
    return max(stops)


def layer_name(f, source):
    recorded = [p for p in memsnn_h5.spike_populations(f) if p != source]
    if len(recorded) != 1:
        sys.exit(f"{PROG}: expected one recorded output layer, found {recorded}")
    return recorded[0]


def analyse(path, n_label):
    with memsnn_h5.open_file(path, PROG) as f:
        scenario = memsnn_h5.scenario(f)
        source, params = input_population(scenario)
        group = f[f"memsnn/populations/{source}"]
        starts = group["slot_start"][:]
        shown = group["slot_pattern"][:].astype(np.int64)
        layer = layer_name(f, source)
        size = memsnn_h5.population_size(f, layer)
        times, ids = memsnn_h5.read_spikes(f, layer)
        seed = int(f["memsnn"].attrs.get("seed", scenario.get("seed", 1)))
    slot = time_ms(params.get("slot", "10 ms"), "slot")
    flip = (float(params.get("p_drop", 0)), float(params.get("p_extra", 0)))
    frozen = (shown >= 0) & (starts >= stop_time(scenario))
    starts, classes = starts[frozen], shown[frozen]
    if len(starts) <= n_label:
        sys.exit(f"{PROG}: {path}: only {len(starts)} presentations after the learning stop "
                 f"time, {n_label} of them wanted for labelling")
    n_classes = int(shown.max()) + 1
    counts = np.zeros((len(starts), size))
    first = np.full(len(starts), -1)
    index = np.searchsorted(starts, times, side="right") - 1
    inside = (index >= 0) & (times < starts[np.clip(index, 0, None)] + slot)
    np.add.at(counts, (index[inside], ids[inside]), 1)
    first_time = np.full(len(starts), np.inf)
    for k, t, n in zip(index[inside], times[inside], ids[inside]):
        if t < first_time[k] or (t == first_time[k] and counts[k, n] > counts[k, first[k]]):
            first_time[k], first[k] = t, n
    label = slice(0, n_label)
    mean = np.array([counts[label][classes[label] == c].mean(axis=0)
                     if np.any(classes[label] == c) else np.zeros(size)
                     for c in range(n_classes)])
    assigned = np.where(mean.max(axis=0) > 0, np.argmax(mean, axis=0), -1)
    test = slice(n_label, None)
    answer = np.where(first[test] >= 0, assigned[np.clip(first[test], 0, None)], -1)
    correct = answer == classes[test]
    return {
        "path": path, "seed": seed, "flip": flip, "recognition": float(correct.mean()),
        "silent": float(np.mean(first[test] < 0)), "tests": int(correct.size),
        "labels": assigned, "classes": n_classes,
    }


def plot_noise(results, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit(f"{PROG}: --plot-noise needs python3-matplotlib "
                 "(apt-get install python3-matplotlib)")
    flips = sorted(set(r["flip"][0] for r in results))
    fig, ax = plt.subplots(figsize=(4.6, 3.4), layout="constrained")
    x = [r["flip"][0] for r in results]
    y = [100 * r["recognition"] for r in results]
    ax.plot(x, y, "o", color="C0", alpha=0.35, markersize=4, label="one seed")
    means = [100 * np.mean([r["recognition"] for r in results if r["flip"][0] == p])
             for p in flips]
    ax.plot(flips, means, "-", color="C0", label="mean over seeds")
    chance = 100 / results[0]["classes"]
    ax.axhline(chance, color="0.5", linestyle=":", label="chance")
    ax.set_xlabel("pixel flip probability")
    ax.set_ylabel("recognition (%)")
    ax.set_ylim(0, 102)
    ax.legend(fontsize=8, loc="lower left")
    fig.savefig(path, dpi=120)
    print(f"wrote {path}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="memsnn output files (HDF5)")
    parser.add_argument("--label", type=int, default=150,
                        help="presentations after the stop time used for labelling (default 150)")
    parser.add_argument("--plot-noise", metavar="PNG", help="draw recognition against noise")
    parser.add_argument("--require-recognition", type=float, default=None, metavar="FRACTION",
                        help="exit 1 unless every file reaches this recognition")
    args = parser.parse_args(argv)
    results = [analyse(path, args.label) for path in args.files]
    for r in results:
        labels = " ".join(str(int(v)) if v >= 0 else "-" for v in r["labels"])
        print(f"{r['path']}: seed {r['seed']}, flips p_drop {r['flip'][0]:g} / p_extra "
              f"{r['flip'][1]:g}: recognition {100 * r['recognition']:.1f} % of {r['tests']} "
              f"(no output spike {100 * r['silent']:.1f} %), neuron labels {labels}")
    if len(results) > 1:
        for flip in sorted(set(r["flip"] for r in results)):
            values = np.array([r["recognition"] for r in results if r["flip"] == flip])
            print(f"flips {flip[0]:g} / {flip[1]:g}: {len(values)} runs, recognition mean "
                  f"{100 * values.mean():.1f} %, min {100 * values.min():.1f} %, max "
                  f"{100 * values.max():.1f} %")
    if args.plot_noise:
        plot_noise(results, args.plot_noise)
    if args.require_recognition is not None:
        failing = [r for r in results if r["recognition"] < args.require_recognition]
        if failing:
            print(f"{PROG}: {len(failing)} of {len(results)} runs below "
                  f"{args.require_recognition:g}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
