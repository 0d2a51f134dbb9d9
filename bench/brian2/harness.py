#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Shared part of the Brian2 benchmark scripts in bench/brian2/ (imported by them).

Needs Debian's /usr/bin/python3 with python3-brian (Brian2) and python3-numpy, and a C++
compiler (g++): the scripts run Brian2's C++ standalone device on one thread.

A benchmark script builds its network and calls `finish()`, which generates, compiles and runs
the C++ project and reports, as one JSON object (stdout, or the file given by --json):

  codegen_s    Python: building the objects and generating the C++ code
  compile_s    `make` of the generated project (a fresh directory: everything is compiled)
  binary_s     running the compiled `main` (its own setup, the simulation, writing results)
  sim_s        the simulation loop alone: Brian2's own timer around Network::run
               (results/last_run_info.txt); with --repeat the fastest of the runs
  setup_s      codegen_s + binary_s - sim_s (everything but the compile and the loop)
  peak_rss_kb  peak resident memory of the `main` process alone (measured_command())
  spikes       spikes of every monitored neuron group; synaptic_events: presynaptic spikes
               times their number of outgoing synapses, summed over the pathways given

Peak memory: a process's maximum resident set size includes whatever its parent held when it
forked, so a program started from a large Python process would report that process's size.
measured_command() therefore starts it through GNU time (/usr/bin/time, Debian package `time`),
a small C program; without it, through `harness.py --rusage FILE CMD...` (a small Python
process: values below its own ~12 MB are not measurable then, and are reported as that floor).
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))


def missing_requirements():
    """Names what is missing to run the Brian2 side, as a list of readable lines."""
    missing = []
    try:
        import numpy  # noqa: F401
    except ImportError:
        missing.append("numpy is not importable: apt-get install python3-numpy")
    try:
        with warnings.catch_warnings():  # pythran, imported by brian2, warns about numpy
            warnings.simplefilter("ignore")
            import brian2  # noqa: F401
    except ImportError:
        missing.append("brian2 is not importable: apt-get install python3-brian "
                       "(run with Debian's /usr/bin/python3)")
    compiler = os.environ.get("CXX") or "g++"
    if shutil.which(compiler) is None and shutil.which("c++") is None:
        missing.append(f"no C++ compiler ({compiler}, c++) on PATH: apt-get install g++")
    if shutil.which("make") is None:
        missing.append("make is not on PATH (Brian2's standalone build uses it): "
                       "apt-get install make")
    return missing


def parse_args(doc, default_duration_s, add_arguments=None):
    p = argparse.ArgumentParser(description=doc.strip().split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=float, default=default_duration_s,
                   help=f"simulated time in s (default {default_duration_s:g})")
    p.add_argument("--seed", type=int, default=1, help="Brian2 and numpy seed (default 1)")
    p.add_argument("--dir", help="standalone project directory (default: a new temporary "
                                 "directory, deleted afterwards)")
    p.add_argument("--repeat", type=int, default=1,
                   help="run the compiled binary this many times, report the fastest loop")
    p.add_argument("--json", help="write the measurements to this file instead of stdout")
    if add_arguments:
        add_arguments(p)
    args = p.parse_args()
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    return args


def start(args):
    """Selects the C++ standalone device (one thread) and seeds Brian2; call before building."""
    missing = missing_requirements()
    if missing:
        sys.exit("brian2 benchmark: cannot run:\n  " + "\n  ".join(missing))
    import numpy as np
    import brian2
    brian2.prefs.logging.console_log_level = "WARNING"
    args.own_dir = args.dir is None
    if args.own_dir:
        args.dir = tempfile.mkdtemp(prefix="memsnn-brian2-")
    brian2.set_device("cpp_standalone", directory=args.dir, build_on_run=False)
    brian2.prefs.devices.cpp_standalone.openmp_threads = 0
    brian2.prefs.devices.cpp_standalone.run_cmd_unix = measured_command(["./main"],
                                                                        "maxrss.txt")
    brian2.seed(args.seed)
    np.random.seed(args.seed)
    args.t_start = time.perf_counter()
    return brian2


def poisson_kick(n, rate_hz, stop_s, dt_s=1e-4):
    """A SpikeGeneratorGroup of n Poisson trains at rate_hz over [0, stop_s), drawn with numpy
    (a PoissonGroup would draw n random numbers on every step of the whole run). Times are on
    the dt grid, at most one spike per neuron and step (a second one in the same step is
    dropped: at 100 Hz and 0.1 ms about 0.5 % of the spikes)."""
    import numpy as np
    import brian2
    count = np.random.poisson(rate_hz * stop_s, size=n)
    idx = np.repeat(np.arange(n), count)
    steps = np.floor(np.random.uniform(0, stop_s, size=idx.size) / dt_s).astype(np.int64)
    pairs = np.unique(np.stack([steps, idx], axis=1), axis=0)
    group = brian2.SpikeGeneratorGroup(n, pairs[:, 1], pairs[:, 0] * dt_s * brian2.second)
    return group, np.bincount(pairs[:, 1], minlength=n)


GNU_TIME = "/usr/bin/time"


def measured_command(cmd, out_file):
    """cmd prefixed so that its peak resident memory lands in out_file (read_peak_kb)."""
    if os.access(GNU_TIME, os.X_OK):
        return [GNU_TIME, "-f", "%M", "-o", out_file] + cmd
    return [sys.executable, os.path.join(HERE, "harness.py"), "--rusage", out_file] + cmd


def read_peak_kb(out_file):
    with open(out_file) as f:
        text = f.read().strip()
    if text.startswith("{"):
        return json.loads(text)["maxrss_kb"]
    return int(text.splitlines()[-1])  # GNU time: "Command exited ..." may come first


def _rerun(directory):
    subprocess.run(measured_command(["./main"], "maxrss.txt"), cwd=directory, check=True,
                   stdout=subprocess.DEVNULL)
    with open(os.path.join(directory, "results", "last_run_info.txt")) as f:
        return float(f.read().split()[0])


def _peak_rss(directory):
    return read_peak_kb(os.path.join(directory, "maxrss.txt"))


def finish(args, name, monitors, pathways, extra=None):
    """Builds and runs the project, then reports.

    monitors: {label: SpikeMonitor} of the neuron groups whose spikes are the benchmark's output;
    pathways: [(counts, synapses)], counts() returning the spike count of each neuron of the
    synapses' source group (read after the run) -- for the synaptic event count.
    """
    import numpy as np
    from brian2 import device
    t_build = time.perf_counter()
    device.build(directory=args.dir, compile=True, run=True, with_output=False)
    t_end = time.perf_counter()
    compile_s = (device.timers["compile"]["make"] or 0.0) + (device.timers["compile"]["clean"]
                                                             or 0.0)
    binary_s = device.timers["run_binary"]
    sims = [device._last_run_time]
    peak = _peak_rss(args.dir)
    for _ in range(args.repeat - 1):
        sims.append(_rerun(args.dir))
        peak = max(peak, _peak_rss(args.dir))
    codegen_s = (t_build - args.t_start) + (t_end - t_build) - compile_s - binary_s
    events = 0
    for counts, syn in pathways:
        c = np.asarray(counts(), dtype=np.int64)
        outdegree = np.bincount(np.asarray(syn.i[:]), minlength=len(c))
        events += int(np.dot(c, outdegree))
    result = {
        "benchmark": name,
        "simulator": "brian2",
        "version": __import__("brian2").__version__,
        "duration_s": args.duration,
        "seed": args.seed,
        "codegen_s": codegen_s,
        "compile_s": compile_s,
        "binary_s": binary_s,
        "sim_s": min(sims),
        "sim_s_runs": sims,
        "setup_s": codegen_s + binary_s - sims[0],
        "peak_rss_kb": peak,
        "spikes": {k: int(m.num_spikes) for k, m in monitors.items()},
        "neurons": {k: int(len(m.source)) for k, m in monitors.items()},
        "synapses": int(sum(len(s) for _, s in pathways)),
        "synaptic_events": events,
    }
    if extra:
        result.update(extra())
    text = json.dumps(result, indent=1)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    else:
        print(text)
    if args.own_dir:
        shutil.rmtree(args.dir, ignore_errors=True)
    return result


def _rusage_main(argv):
    out, cmd = argv[0], argv[1:]
    rc = subprocess.call(cmd)
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w") as f:
        json.dump({"maxrss_kb": ru.ru_maxrss, "user_s": ru.ru_utime, "sys_s": ru.ru_stime}, f)
    return rc


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--rusage":
        sys.exit(_rusage_main(sys.argv[2:]))
    sys.exit(__doc__)
