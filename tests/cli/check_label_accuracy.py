#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Checks tools/label_accuracy.py (the E-12 evaluation).

  1. evaluate() on hand-made responses: neurons are labelled with the class they answered most
     on training presentations only, test presentations are classified by the mean response of
     each class's neurons, presentations without a spike count as wrong, silent neurons get no
     vote; the accuracy is the hand-counted one.
  2. The whole command on a tiny E-12 run (10 + 10 neurons, 20 training images, an evaluation
     pass of 40): it reads the schedule and spikes, prints the accuracy line, draws the weight
     maps, and --require-accuracy 1.01 fails with exit code 1; a run without an evaluation pass
     is refused with a message.

usage: check_label_accuracy.py --memsnn PATH --workdir DIR REPO_ROOT
Exit code 0 when everything holds, 1 otherwise, 77 (skipped) without python3-h5py,
python3-numpy or python3-matplotlib. Needs Debian's /usr/bin/python3.
"""
import argparse
import pathlib
import subprocess
import sys

try:
    import h5py  # noqa: F401
    import matplotlib  # noqa: F401
    import numpy as np
except ImportError as error:
    print(f"check_label_accuracy.py: skipped, {error.name} is missing (install python3-h5py, "
          "python3-numpy, python3-matplotlib)", file=sys.stderr)
    sys.exit(77)

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def check_evaluate(tool):
    # 4 neurons, classes 0 and 1. Training presentations (labelling): neurons 0, 1 answer class 0,
    # neuron 2 class 1, neuron 3 never fires.
    counts = np.array([[5, 3, 0, 0],   # train, class 0
                       [4, 2, 1, 0],   # train, class 0
                       [0, 1, 6, 0],   # train, class 1
                       [9, 9, 0, 0],   # test, class 1: class-0 neurons answer -> wrong
                       [0, 0, 2, 0],   # test, class 1 -> right
                       [3, 1, 0, 0],   # test, class 0 -> right
                       [0, 0, 0, 0]])  # test, class 0, no spike -> wrong
    labels = np.array([0, 0, 1, 1, 1, 0, 0])
    training = np.array([True, True, True, False, False, False, False])
    assigned, silent, correct, undecided = tool.evaluate(counts, labels, training)
    check(list(assigned[:3]) == [0, 0, 1], f"labels of the firing neurons: {assigned}")
    check(list(silent) == [False, False, False, True], f"silent neurons: {silent}")
    check(list(correct) == [False, True, True, False], f"correct test presentations: {correct}")
    check(list(undecided) == [False, False, False, True], f"undecided: {undecided}")


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def check_command(memsnn, workdir, root):
    scenario = root / "scenarios/experiments/diehl_cook_digits.json"
    out = workdir / "digits.h5"
    common = [memsnn, "run", str(scenario), "-q", "-o", str(out),
              "--set", "populations.exc.size=10", "--set", "populations.inh.size=10",
              "--set", "populations.input.params.count=20",
              "--set", "populations.input.params.repeat=1",
              "--set", "projections.0.learning.stop=10 s",
              "--set", "record.1.start=9.9 s", "--set", "record.2.start=9.9 s"]
    r = run(common + ["--set", "duration=30 s", "--set", "populations.input.params.eval_count=40"])
    check(r.returncode == 0, f"memsnn run: {r.stderr}")
    tool = str(root / "tools/label_accuracy.py")
    png = workdir / "weights.png"
    r = run([sys.executable, tool, str(out), "--weights", "w", "--plot", str(png)])
    check(r.returncode == 0, f"label_accuracy.py: {r.stderr}")
    check("test accuracy" in r.stdout and "(" in r.stdout, f"accuracy line: {r.stdout}")
    check("labelled with 20 training presentations; 20 test presentations" in r.stdout,
          f"labelling / test split: {r.stdout}")
    check(png.exists() and png.stat().st_size > 1000, "weight maps PNG")
    r = run([sys.executable, tool, str(out), "--require-accuracy", "1.01"])
    check(r.returncode == 1 and "below" in r.stderr, f"--require-accuracy: {r.returncode}")
    r = run(common + ["--set", "duration=10 s", "--set", "populations.input.params.eval_count=0"])
    check(r.returncode == 0, f"memsnn run without evaluation pass: {r.stderr}")
    r = run([sys.executable, tool, str(out)])
    check(r.returncode != 0 and "evaluation pass" in r.stderr, f"no pass refused: {r.stderr}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--memsnn", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("root")
    args = ap.parse_args()
    root = pathlib.Path(args.root)
    workdir = pathlib.Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(root / "tools"))
    import label_accuracy  # noqa: E402
    check_evaluate(label_accuracy)
    check_command(args.memsnn, workdir, root)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
