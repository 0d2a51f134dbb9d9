#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Checks tools/plot.py (and tools/plot_traces.py, whose readers it shares) on a run it makes.

  1. Writes a tiny scenario to WORKDIR (a 4-pair STDP protocol as in scenarios/protocols/, plus
     16 Poisson inputs onto 2 LIF neurons through an all_to_all STDP projection and a random
     fixed_probability one) and runs memsnn on it.
  2. --list, raster (with rate; with --marks on a copy given an input schedule), traces,
     weights (grid and per target), hist and window each write a non-empty PNG; the
     per-target maps hold the weights of the right synapses.
  3. A bad subcommand, a missing report and a grid that does not fit fail with exit code != 0,
     a message naming the problem, and no PNG.
  4. The command lines as a user runs them: exit code 2 for a bad subcommand, and
     tools/plot_traces.py's own command line still works.

usage: check_plot.py --memsnn PATH --workdir DIR REPO_ROOT
Exit code 0 when everything holds, 1 otherwise, 77 (skipped) when python3-h5py, python3-numpy
or python3-matplotlib is missing. Needs Debian's /usr/bin/python3.
"""
import argparse
import contextlib
import io
import json
import pathlib
import subprocess
import sys

try:
    import h5py  # noqa: F401
    import matplotlib  # noqa: F401
    import numpy as np
except ImportError as error:
    print(f"check_plot: skipped, the Python module {error.name} is missing (install "
          "python3-h5py python3-numpy python3-matplotlib)")
    sys.exit(77)

SCENARIO = {
    "name": "plot_check",
    "seed": 3,
    "duration": "200 ms",
    "populations": {
        "pre": {"type": "spike_times", "size": 4,
                "params": {"spike_times": [["49 ms"], ["49 ms"], ["49 ms"], ["49 ms"]]}},
        "post_drive": {"type": "spike_times", "size": 4,
                       "params": {"spike_times": [["29 ms"], ["44 ms"], ["54 ms"], ["69 ms"]]}},
        "post": {"type": "lif", "size": 4, "params": {"t_ref": "0.5 ms"}},
        "noise": {"type": "poisson", "size": 16, "params": {"rate": "40 Hz"}},
        "out": {"type": "lif", "size": 2},
    },
    "projections": [
        {"name": "plastic", "source": "pre", "target": "post", "connect": {"rule": "one_to_one"},
         "synapse": {"type": "static", "weight": "1 mV", "delay": "1 ms"},
         "learning": {"type": "stdp",
                      "params": {"A_plus": "0.1 mV", "A_minus": "0.1 mV", "w_max": "10 mV"}}},
        {"name": "kick", "source": "post_drive", "target": "post",
         "connect": {"rule": "one_to_one"},
         "synapse": {"type": "static", "weight": "20 mV", "delay": "1 ms"}},
        {"name": "learn", "source": "noise", "target": "out", "connect": {"rule": "all_to_all"},
         "synapse": {"type": "static", "weight": {"uniform": ["1 mV", "5 mV"]}, "delay": "1 ms"},
         "learning": {"type": "stdp",
                      "params": {"A_plus": "0.5 mV", "A_minus": "0.5 mV", "w_max": "10 mV"}}},
        {"name": "random", "source": "noise", "target": "out",
         "connect": {"rule": "fixed_probability", "p": 0.5},
         "synapse": {"type": "static", "weight": "0.5 mV", "delay": "1 ms"}},
    ],
    "record": [
        {"what": "spikes", "population": "noise"},
        {"what": "spikes", "population": "post"},
        {"what": "spikes", "population": "out"},
        {"what": "weight", "projection": "plastic", "interval": "10 ms", "name": "w"},
        {"what": "weight", "projection": "learn", "interval": "20 ms", "name": "learn_w"},
        {"what": "weight", "projection": "random", "interval": "50 ms", "name": "random_w"},
        {"what": "V_m", "population": "out", "interval": "1 ms", "name": "out_V"},
    ],
}

failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def png_ok(path):
    return path.is_file() and path.stat().st_size > 1000 and \
        path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def run_plot(plot, argv):
    """plot.main(argv) in this process: (exit code, stdout + stderr text)."""
    out = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            plot.main(argv)
        except SystemExit as exit:
            if isinstance(exit.code, str):  # sys.exit("message"): exit code 1
                out.write(exit.code + "\n")
                code = 1
            else:
                code = exit.code or 0
    return code, out.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=pathlib.Path)
    parser.add_argument("--memsnn", required=True)
    parser.add_argument("--workdir", type=pathlib.Path, required=True)
    args = parser.parse_args()
    tools = args.root / "tools"
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    for old in work.glob("*.png"):
        old.unlink()
    scenario = work / "plot_check.json"
    scenario.write_text(json.dumps(SCENARIO, indent=1))
    out = work / "plot_check.h5"
    run = subprocess.run([args.memsnn, "run", str(scenario), "-o", str(out), "-q"],
                         capture_output=True, text=True)
    check(run.returncode == 0 and out.is_file(),
          f"memsnn runs the tiny scenario ({run.stderr.strip()})")
    if failures:
        return 1

    sys.path.insert(0, str(tools))
    import memsnn_h5
    import plot

    # 1. Every subcommand writes a PNG.
    code, text = run_plot(plot, ["--list", str(out)])
    check(code == 0 and "learn_w: weight [mV] of projection learn, shape 10 samples x 32 synapses"
          in text and "noise (poisson, size 16)" in text,
          "--list names the reports with their shapes and the spiking populations")
    cases = {
        "raster": ["raster", str(out), "--rate", "--bin", "10"],
        "raster_window": ["raster", str(out), "--populations", "out", "noise", "--start", "50",
                          "--stop", "150"],
        "traces": ["traces", str(out), "--report", "out_V", "--spikes"],
        "weights_grid": ["weights", str(out), "--report", "learn_w", "--shape", "4x8",
                         "--at", "0", "100", "180"],
        "weights_target": ["weights", str(out), "--report", "learn_w", "--per-target",
                           "--shape", "4x4"],
        "hist": ["hist", str(out), "--report", "learn_w", "--bins", "12"],
        "window": ["window", str(out), "--report", "w"],
    }
    for name, argv in cases.items():
        png = work / f"{name}.png"
        code, text = run_plot(plot, argv + ["-o", str(png)])
        check(code == 0 and png_ok(png), f"{' '.join(argv[:1])} writes a PNG ({name}.png) "
              f"{text.strip().splitlines()[-1] if text.strip() else ''}")

    # 2. Per-target maps: the value drawn at (target t, source s) is synapse s * 2 + t
    #    (all_to_all creation order: by source, then target).
    with h5py.File(out, "r") as f:
        sources, targets, _, _, reason = memsnn_h5.synapse_mapping(f, "learn")
        report = memsnn_h5.read_report(f, "learn_w")

        class Options:
            targets = None
            shape = (4, 4)
        maps, columns, _ = plot.target_maps(f, Options, report, [0, len(report["time"]) - 1])
        random_sources, random_targets, _, _, random_reason = memsnn_h5.synapse_mapping(
            f, "random")
        random_width = f["report/random_w/data"].shape[1]
    check(reason is None and list(sources[:4]) == [0, 0, 1, 1] and
          list(targets[:4]) == [0, 1, 0, 1],
          "the all_to_all mapping is rebuilt in creation order")
    last = report["data"][-1]
    check(columns == ["target 0", "target 1"] and
          np.array_equal(maps[1][1].ravel(), last[1::2]) and
          np.array_equal(maps[1][0].ravel(), last[0::2]),
          "--per-target places each synapse's weight at its source index")
    check(not np.array_equal(report["data"][0], last),
          "the weights change during the run (the maps are not trivially equal)")
    check(random_reason is None and len(random_sources) == random_width and
          len(random_targets) == random_width and
          list(random_sources) == sorted(random_sources),
          "a fixed_probability projection's mapping is read from the file")
    png = work / "random_per_target.png"
    code, text = run_plot(plot, ["weights", str(out), "--report", "random_w", "--per-target",
                                 "-o", str(png)])
    check(code == 0 and png_ok(png), "--per-target works on a random projection with a report")

    # Input schedules (as pattern and image sources store them) are marked on the raster.
    marked = work / "plot_check_marks.h5"
    marked.write_bytes(out.read_bytes())
    with h5py.File(marked, "r+") as f:
        f["memsnn/populations/noise/slot_start"] = np.array([20.0, 70.0, 120.0])
        f["memsnn/populations/noise/slot_pattern"] = np.array([1.0, 0.0, 1.0])
    with h5py.File(marked, "r") as f:
        marks = plot.encoder_marks(f)
    check(len(marks) == 1 and marks[0][:2] == ("noise", "slot_start") and
          list(marks[0][3]) == [1.0, 0.0, 1.0], "--marks finds the schedule and its labels")
    png = work / "raster_marks.png"
    code, text = run_plot(plot, ["raster", str(marked), "--marks", "-o", str(png)])
    check(code == 0 and png_ok(png), "raster --marks writes a PNG")
    code, text = run_plot(plot, ["raster", str(out), "--marks", "-o", str(work / "bad.png")])
    check(code == 1 and "holds no input schedule" in text,
          "raster --marks without a schedule fails")

    # 3. Errors: exit code != 0, a clear message, no file.
    bad = {
        "bad subcommand": (["scatter", str(out)], "invalid choice: 'scatter'"),
        "missing report": (["weights", str(out), "--report", "nope"],
                           "no report \"nope\" in"),
        "missing hist report": (["hist", str(out), "--report", "nope"], "it has: w, learn_w"),
        "grid does not fit": (["weights", str(out), "--report", "learn_w", "--shape", "3x3"],
                              "holds 9 values, but report \"learn_w\" has 32"),
        "missing population": (["raster", str(out), "--populations", "pre"],
                               "no spikes of population \"pre\""),
        "time outside": (["hist", str(out), "--report", "learn_w", "--at", "5000"],
                         "no sample near 5000 ms"),
        "window report": (["window", str(out), "--report", "nope"], "no report \"nope\""),
        "traces report": (["traces", str(out), "--report", "out_V", "nope"],
                          "plot.py traces: no report \"nope\""),
    }
    for name, (argv, message) in bad.items():
        png = work / "bad.png"
        code, text = run_plot(plot, argv + ["-o", str(png)])
        shown = text.strip().splitlines()[-1] if text.strip() else "-"
        check(code != 0 and message in text and not png.exists(),
              f"{name}: exit {code}, message {shown}")

    # 4. Both command lines as a user runs them (exit codes through the process).
    process = subprocess.run([sys.executable, str(tools / "plot.py"), "scatter", str(out)],
                             capture_output=True, text=True)
    check(process.returncode == 2 and "invalid choice: 'scatter'" in process.stderr,
          "tools/plot.py with a bad subcommand exits 2")
    png = work / "plot_traces.png"
    process = subprocess.run([sys.executable, str(tools / "plot_traces.py"), str(out), "-o",
                              str(png), "--report", "out_V"], capture_output=True, text=True)
    check(process.returncode == 0 and png_ok(png), "tools/plot_traces.py still writes a PNG")

    print(f"{len(failures)} failure(s)" if failures else "all checks hold")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
