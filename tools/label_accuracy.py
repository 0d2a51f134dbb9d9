#!/usr/bin/python3
"""Unsupervised classification accuracy of a spiking layer (Diehl & Cook 2015 evaluation).

Reads a memsnn output file whose input is an `image_poisson` population with an evaluation
pass (`eval_count` > 0) and whose layer's spikes were recorded, then

  1. counts each layer neuron's spikes during every presentation of the evaluation pass
     (from presentation_start to presentation_start + present);
  2. labels each neuron with the class to which it responded most on average, using the
     evaluation presentations of images that were also training images (rows first ..
     first + count - 1 of the file): no test image is used for labelling;
  3. classifies every other evaluation presentation (the held-out images) as the class whose
     labelled neurons fired most on average (the mean over the neurons of each class), and
     prints the fraction classified correctly.

Usage:
  /usr/bin/python3 tools/label_accuracy.py OUT.h5 [--input input] [--layer exc]
         [--weights w --plot FILE.png] [--require-accuracy 0.6]

Needs Debian's python3-h5py and python3-numpy (python3-matplotlib for --plot); run it with
/usr/bin/python3. Exit status 1 when --require-accuracy is not met, 77 when a package is
missing.
"""
import argparse
import math
import os
import sys

try:
    import h5py  # noqa: F401  (checked here for a clear message; used through memsnn_h5)
    import numpy as np
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"label_accuracy.py: the Python module {error.name} is missing; install "
          "python3-h5py and python3-numpy and run with /usr/bin/python3", file=sys.stderr)
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import memsnn_h5  # noqa: E402
from pattern_detection import number  # noqa: E402

PROG = "label_accuracy.py"


def image_source(f, name):
    scenario = memsnn_h5.scenario(f)
    populations = scenario.get("populations", {})
    names = [n for n, p in populations.items() if p.get("type") == "image_poisson"]
    if name:
        if name not in names:
            sys.exit(f"{PROG}: \"{name}\" is not an image_poisson population of the scenario")
        return name, populations[name].get("params", {})
    if len(names) != 1:
        sys.exit(f"{PROG}: expected one image_poisson population, found {names}; give --input")
    return names[0], populations[names[0]].get("params", {})


def layer_name(f, name, source):
    recorded = [p for p in memsnn_h5.spike_populations(f) if p != source]
    if name:
        if name not in recorded:
            sys.exit(f"{PROG}: no recorded spikes of \"{name}\" (recorded: {recorded})")
        return name
    if len(recorded) != 1:
        sys.exit(f"{PROG}: expected one recorded layer, found {recorded}; give --layer")
    return recorded[0]


def responses(f, source, params, layer):
    """Spike counts [evaluation presentation x neuron], image rows and labels of the pass."""
    group = f[f"memsnn/populations/{source}"]
    starts = group["presentation_start"][:]
    rows = group["image"][:].astype(np.int64)
    labels = group["label"][:].astype(np.int64)
    count = int(params.get("count", 0))
    repeat = int(params.get("repeat", 1))
    eval_count = int(params.get("eval_count", 0))
    if eval_count == 0:
        sys.exit(f"{PROG}: the input \"{source}\" has no evaluation pass (eval_count)")
    if count == 0:
        sys.exit(f"{PROG}: give the input a training \"count\" so training and test images "
                 "can be told apart")
    n_train = count * repeat
    eval_slice = slice(n_train, n_train + eval_count)
    starts, rows, labels = starts[eval_slice], rows[eval_slice], labels[eval_slice]
    if len(starts) < eval_count:
        sys.exit(f"{PROG}: the run ended after {len(starts)} of {eval_count} evaluation "
                 "presentations; run the full duration")
    present = number(params.get("present", "350 ms"))
    size = memsnn_h5.population_size(f, layer)
    times, ids = memsnn_h5.read_spikes(f, layer)
    counts = np.zeros((len(starts), size))
    index = np.searchsorted(starts, times, side="right") - 1
    inside = (index >= 0) & (times < starts[np.clip(index, 0, None)] + present)
    np.add.at(counts, (index[inside], ids[inside]), 1)
    first = int(params.get("first", 0))
    training = (rows >= first) & (rows < first + count)
    return counts, labels, training


def evaluate(counts, labels, training):
    classes = np.unique(labels)
    mean = np.array([counts[training & (labels == c)].mean(axis=0) if
                     np.any(training & (labels == c)) else np.zeros(counts.shape[1])
                     for c in classes])
    assigned = classes[np.argmax(mean, axis=0)]
    silent = mean.max(axis=0) == 0
    test = ~training
    votes = np.zeros((np.count_nonzero(test), len(classes)))
    for k, c in enumerate(classes):
        members = (assigned == c) & ~silent
        if np.any(members):
            votes[:, k] = counts[test][:, members].mean(axis=1)
    predicted = classes[np.argmax(votes, axis=1)]
    undecided = votes.max(axis=1) == 0
    correct = (predicted == labels[test]) & ~undecided
    return assigned, silent, correct, undecided


def plot_weights(f, report, layer_size, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit(f"{PROG}: --plot needs python3-matplotlib (apt-get install python3-matplotlib)")
    r = memsnn_h5.read_report(f, report)
    sources, targets, *_ = memsnn_h5.synapse_mapping(f, r["projection"])
    if sources is None:
        sys.exit(f"{PROG}: cannot map the synapses of report \"{report}\" to neurons")
    w = r["data"][-1]
    n_pixels = int(sources.max()) + 1
    side = int(round(math.sqrt(n_pixels)))
    maps = np.zeros((layer_size, n_pixels))
    maps[targets[r["nodes"]], sources[r["nodes"]]] = w
    cols = int(math.ceil(math.sqrt(layer_size)))
    rows = int(math.ceil(layer_size / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 0.8, rows * 0.8))
    for k, ax in enumerate(np.ravel(axes)):
        ax.axis("off")
        if k < layer_size:
            ax.imshow(maps[k].reshape(side, side), cmap="hot_r", vmin=0)
    fig.suptitle(f"{r['name']} at t = {r['time'][-1] / 1000:g} s")
    fig.savefig(path, dpi=100)
    print(f"wrote {path}")


def main():
    ap = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--input", help="image_poisson population (default: the only one)")
    ap.add_argument("--layer", help="classifying population (default: the only other recorded)")
    ap.add_argument("--weights", help="weight report to draw with --plot")
    ap.add_argument("--plot", help="PNG of each neuron's incoming weights as an image")
    ap.add_argument("--require-accuracy", type=float,
                    help="exit with status 1 when the test accuracy is below this fraction")
    args = ap.parse_args()
    with memsnn_h5.open_file(args.file, PROG) as f:
        source, params = image_source(f, args.input)
        layer = layer_name(f, args.layer, source)
        counts, labels, training = responses(f, source, params, layer)
        assigned, silent, correct, undecided = evaluate(counts, labels, training)
        n_test = len(correct)
        accuracy = correct.mean() if n_test else 0.0
        print(f"layer {layer}: {counts.shape[1]} neurons, {np.count_nonzero(silent)} silent "
              "during labelling")
        print("neurons per class: " + ", ".join(
            f"{c}: {np.count_nonzero((assigned == c) & ~silent)}" for c in np.unique(labels)))
        print(f"labelled with {np.count_nonzero(training)} training presentations; "
              f"{n_test} test presentations, {np.count_nonzero(undecided)} without a spike")
        print(f"test accuracy {accuracy:.4f} ({np.count_nonzero(correct)}/{n_test})")
        if args.plot:
            if not args.weights:
                sys.exit(f"{PROG}: --plot needs --weights REPORT")
            plot_weights(f, args.weights, counts.shape[1], args.plot)
    if args.require_accuracy is not None and accuracy < args.require_accuracy:
        print(f"{PROG}: accuracy {accuracy:.4f} is below {args.require_accuracy}",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
