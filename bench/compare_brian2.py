#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Side-by-side benchmarks: memsnn against Brian2's C++ standalone device, one thread each.

Each benchmark is a memsnn scenario in bench/scenarios/ and its Brian2 twin in bench/brian2/
(same model, parameters, connectivity statistics and duration). Both run in this one command;
the table gives, per simulator, the setup time (memsnn: reading the scenario, building the
network, writing the output; Brian2: code generation and the compiled program's own setup), the
C++ compile time of the generated Brian2 project, the simulation wall time (memsnn: the event
loop, /memsnn wall_time_s; Brian2: its timer around the network run), the spikes of the
benchmark's neurons and their mean rate (equal work), the synaptic events and their rate, the
peak memory of the simulating process, and the ratio memsnn / Brian2 of the simulation times
(below 1: memsnn is faster).

Needs Debian's /usr/bin/python3 with python3-h5py and python3-numpy, and for the Brian2 side
python3-brian, g++ and make; a release build of memsnn (default build/tools/memsnn).

  bench/compare_brian2.py                       # all benchmarks, full size
  bench/compare_brian2.py --quick               # shorter runs
  bench/compare_brian2.py --only cuba,coba --repeat 3 --markdown
"""
import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "brian2"))
import harness  # noqa: E402  (bench/brian2/harness.py: requirement checks)

# name: scenario / Brian2 script stem, simulated seconds (full, quick), the memsnn populations
# whose spikes are the output, the memsnn model types needed, w_max of the plastic weights in
# memsnn's internal unit (for the final-weight summary), issue 7 speed-up target.
# Optional: brian2 = (script stem, extra arguments) when the twin is not bench/brian2/NAME.py;
# rate_target = issue 7 target on memsnn's synaptic events per second per core (one thread).
BENCHMARKS = {
    "cuba": dict(duration=(10.0, 1.0), populations=["exc", "inh"], target=5.0,
                 title="Brette 2007 benchmark 4: 4000 LIF, voltage jumps"),
    "coba": dict(duration=(10.0, 1.0), populations=["exc", "inh"], target=4.0,
                 title="Brette 2007 benchmark 1: 4000 LIF, exponential conductances"),
    "stdp_song": dict(duration=(100.0, 10.0), populations=["neuron"], target=10.0,
                      w_max=1e-4, title="Song-Miller-Abbott: 1000 Poisson -> 1 LIF, pair STDP"),
    "stdp_pair": dict(duration=(10.0, 2.0), populations=["neurons"], w_max=0.013,
                      title="1000 Poisson -> 100 LIF all-to-all, pair STDP"),
    "stdp_triplet": dict(duration=(10.0, 2.0), populations=["neurons"], w_max=0.013,
                         title="1000 Poisson -> 100 LIF all-to-all, triplet STDP"),
    "hh": dict(duration=(1.0, 0.2), populations=["neurons"], models=["hodgkin_huxley"],
               title="1000 Hodgkin-Huxley neurons, Poisson input, dt 0.01 ms"),
    "izhikevich": dict(duration=(1.0, 0.2), populations=["exc", "inh"], models=["izhikevich"],
                       title="Izhikevich (2003) 1000-neuron network, dt 0.1 ms"),
    "sparse_static": dict(duration=(1.0, 0.2), populations=["exc", "inh"],
                          brian2=("sparse", []), rate_target=50e6,
                          title="benchmark 4: 100 000 LIF, 10 M synapses, static"),
    "sparse_stdp": dict(duration=(1.0, 0.2), populations=["exc", "inh"],
                        brian2=("sparse", ["--stdp"]), rate_target=20e6, w_max=0.5,
                        title="benchmark 4: 100 000 LIF, 10 M synapses, pair STDP on E->E"),
}


def fail(msg):
    sys.exit(f"compare_brian2: {msg}")


def shown_path(path):
    """path relative to the repository when inside it."""
    rel = os.path.relpath(os.path.abspath(path), ROOT)
    return path if rel.startswith("..") else rel


def check_requirements(args):
    missing = []
    try:
        import h5py  # noqa: F401
        import numpy  # noqa: F401
    except ImportError as e:
        missing.append(f"{e.name} is not importable: apt-get install python3-{e.name} "
                       "(run with Debian's /usr/bin/python3)")
    if "brian2" in args.simulators:
        missing += harness.missing_requirements()
    if "memsnn" in args.simulators and not os.access(args.memsnn, os.X_OK):
        missing.append(f"no memsnn binary at {shown_path(args.memsnn)}: build one with "
                       "`cmake --preset release && cmake --build --preset release --target "
                       "memsnn`, or pass --memsnn PATH")
    if missing:
        fail("cannot run:\n  " + "\n  ".join(missing))


def build_type(memsnn):
    cache = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(memsnn))),
                         "CMakeCache.txt")
    try:
        with open(cache) as f:
            m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", f.read(), re.M)
            return m.group(1) if m else "?"
    except OSError:
        return "?"


def machine():
    cpu = platform.processor() or "?"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
        cpu = "{} ({} CPUs, {} threads per core)".format(
            fields.get("Model name", "?").strip(), fields.get("CPU(s)", "?").strip(),
            fields.get("Thread(s) per core", "?").strip())
    except OSError:
        pass
    cxx = "?"
    for c in (os.environ.get("CXX"), "g++", "c++"):
        if c and shutil.which(c):
            cxx = subprocess.run([c, "--version"], capture_output=True,
                                 text=True).stdout.splitlines()[0]
            break
    return cpu, cxx


def models_available(memsnn):
    out = subprocess.run([memsnn, "models"], capture_output=True, text=True).stdout
    return set(re.findall(r"^(\w+) — ", out, re.M))


def run_measured(cmd, **kw):
    """Runs cmd; returns (wall seconds, resource usage of it and its children, stderr)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return wall, ru, err


def run_memsnn(args, name, spec, duration, tmp):
    import h5py
    import numpy as np
    scenario = os.path.join(HERE, "scenarios", name + ".json")
    with open(scenario) as f:
        records = json.load(f).get("record", [])
    out = os.path.join(tmp, name + ".h5")
    cmd = [args.memsnn, "run", scenario, "-o", out, "-q", "--seed", str(args.seed),
           "--set", f"duration={duration:g} s"]
    # Weight reports sample once, 1 ms before the end, whatever the duration.
    for k, r in enumerate(records):
        if r.get("what") == "weight":
            cmd += ["--set", f"record.{k}.start={duration * 1000 - 1:g} ms"]
    runs = []
    peak_file = os.path.join(tmp, name + "_maxrss.txt")
    for _ in range(args.repeat):
        wall, ru, _ = run_measured(harness.measured_command(cmd, peak_file))
        with h5py.File(out, "r") as f:
            meta = f["memsnn"].attrs
            runs.append(dict(total=wall, sim=float(meta["wall_time_s"]),
                             peak_kb=harness.read_peak_kb(peak_file),
                             cpu=ru.ru_utime + ru.ru_stime))
            spikes = {p: int(f[f"spikes/{p}/timestamps"].shape[0]) for p in spec["populations"]}
            sizes = {p: int(f[f"memsnn/populations/{p}"].attrs["size"])
                     for p in spec["populations"]}
            syn_events = int(meta["synaptic_events"])
            extra = {}
            if "report/w_end" in f:
                w = np.asarray(f["report/w_end/data"][-1]) / spec["w_max"]
                extra = {"w_mean_rel": float(w.mean()), "w_low_frac": float((w < 0.1).mean()),
                         "w_high_frac": float((w > 0.9).mean())}
            if name == "stdp_song":
                t = np.asarray(f["spikes/neuron/timestamps"])
                extra["rate_first_10s_hz"] = float((t < 10000).sum() / min(10.0, duration))
    best = min(runs, key=lambda r: r["sim"])
    return {
        "benchmark": name, "simulator": "memsnn", "duration_s": duration,
        "setup_s": runs[0]["total"] - runs[0]["sim"], "compile_s": None,
        "sim_s": best["sim"], "sim_s_runs": [r["sim"] for r in runs],
        "cpu_s": runs[0]["cpu"], "peak_rss_kb": max(r["peak_kb"] for r in runs),
        "spikes": spikes, "neurons": sizes, "synaptic_events": syn_events, **extra,
    }


def run_brian2(args, name, duration, tmp):
    out = os.path.join(tmp, name + "_brian2.json")
    script, script_args = BENCHMARKS[name].get("brian2", (name, []))
    cmd = [sys.executable, os.path.join(HERE, "brian2", script + ".py"), *script_args,
           "--duration", f"{duration:g}", "--seed", str(args.seed), "--repeat",
           str(args.repeat), "--json", out]
    if args.keep:
        cmd += ["--dir", os.path.join(tmp, name + "_brian2")]
    run_measured(cmd)
    with open(out) as f:
        return json.load(f)


def fmt(x, digits=3):
    if x is None:
        return "-"
    if isinstance(x, str):
        return x
    if x == 0:
        return "0"
    if abs(x) >= 1e5 or abs(x) < 1e-2:
        return f"{x:.{digits - 1}e}"
    return f"{x:.{digits}g}"


def rows_for(results):
    rows = []
    for name, per_sim in results.items():
        mem, b2 = per_sim.get("memsnn"), per_sim.get("brian2")
        ratio = (mem["sim_s"] / b2["sim_s"]) if isinstance(mem, dict) and isinstance(
            b2, dict) else None
        for sim, r in (("memsnn", mem), ("brian2", b2)):
            if r is None:
                continue
            if isinstance(r, str):
                rows.append([name, sim, r] + [""] * 8)
                continue
            spikes = sum(r["spikes"].values())
            neurons = sum(r["neurons"].values())
            rows.append([
                name, sim, fmt(r["setup_s"]), fmt(r["compile_s"]), fmt(r["sim_s"]),
                str(spikes), fmt(spikes / neurons / r["duration_s"]),
                fmt(r["synaptic_events"]), fmt(r["synaptic_events"] / r["sim_s"]),
                fmt(r["peak_rss_kb"] / 1024), fmt(ratio) if sim == "memsnn" else ""])
    return rows


HEADER = ["benchmark", "simulator", "setup s", "compile s", "sim s", "spikes", "rate Hz",
          "syn. events", "syn. ev/s", "peak MB", "memsnn/brian2"]


def print_table(rows, markdown):
    if markdown:
        print("| " + " | ".join(HEADER) + " |")
        print("|" + "|".join("---" if k < 2 else "---:" for k in range(len(HEADER))) + "|")
        for r in rows:
            print("| " + " | ".join(r) + " |")
        return
    widths = [max(len(HEADER[k]), *(len(r[k]) for r in rows)) for k in range(len(HEADER))]
    line = lambda r: "  ".join(c.ljust(w) if k < 2 else c.rjust(w)  # noqa: E731
                               for k, (c, w) in enumerate(zip(r, widths)))
    print(line(HEADER))
    for r in rows:
        print(line(r))


def main():
    p = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="benchmarks: " + ", ".join(BENCHMARKS))
    p.add_argument("--quick", action="store_true", help="shorter simulated durations")
    p.add_argument("--only", help="comma-separated benchmark names")
    p.add_argument("--repeat", type=int, default=1,
                   help="runs per simulator (Brian2 compiles once); the fastest simulation "
                        "counts (default 1)")
    p.add_argument("--simulators", default="memsnn,brian2",
                   help="comma-separated: memsnn, brian2 (default both)")
    p.add_argument("--memsnn", default=os.path.join(ROOT, "build", "tools", "memsnn"),
                   help="memsnn binary (default build/tools/memsnn)")
    p.add_argument("--seed", type=int, default=1, help="seed of both simulators (default 1)")
    p.add_argument("--json", help="also write every measurement to this JSON file")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    p.add_argument("--keep", help="keep outputs and Brian2 projects in this directory")
    args = p.parse_args()
    args.simulators = [s.strip() for s in args.simulators.split(",") if s.strip()]
    if not set(args.simulators) <= {"memsnn", "brian2"} or not args.simulators:
        p.error("--simulators takes memsnn, brian2 or both")
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    names = list(BENCHMARKS)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in BENCHMARKS]
        if unknown:
            p.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from "
                    f"{', '.join(BENCHMARKS)}")
    check_requirements(args)

    cpu, cxx = machine()
    print(f"machine: {cpu}; {cxx}; load average {os.getloadavg()[0]:.2f}")
    if "memsnn" in args.simulators:
        version = subprocess.run([args.memsnn, "--version"], capture_output=True,
                                 text=True).stdout.strip()
        print(f"memsnn: {shown_path(args.memsnn)} ({version or '?'}, "
              f"CMAKE_BUILD_TYPE {build_type(args.memsnn)})")
        have = models_available(args.memsnn)
    if "brian2" in args.simulators:
        import brian2
        print(f"brian2 {brian2.__version__}: cpp_standalone, openmp_threads 0, default "
              f"compiler flags ({' '.join(brian2.prefs.codegen.cpp.extra_compile_args_gcc)})")
    print("one thread each; times in seconds; rate = mean rate of the benchmark's neurons; "
          "memsnn/brian2 = ratio of the simulation times\n", flush=True)

    tmp = args.keep or tempfile.mkdtemp(prefix="memsnn-vs-brian2-")
    os.makedirs(tmp, exist_ok=True)
    results = {}
    try:
        for name in names:
            spec = BENCHMARKS[name]
            duration = spec["duration"][1 if args.quick else 0]
            print(f"{name}: {spec['title']}, {duration:g} s ...", file=sys.stderr, flush=True)
            results[name] = {}
            if "memsnn" in args.simulators:
                absent = [m for m in spec.get("models", []) if m not in have]
                if absent:
                    results[name]["memsnn"] = f"no model {', '.join(absent)}"
                else:
                    results[name]["memsnn"] = run_memsnn(args, name, spec, duration, tmp)
            if "brian2" in args.simulators:
                results[name]["brian2"] = run_brian2(args, name, duration, tmp)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    print_table(rows_for(results), args.markdown)
    notes = []
    for name, per_sim in results.items():
        mem, b2 = per_sim.get("memsnn"), per_sim.get("brian2")
        rate_target = BENCHMARKS[name].get("rate_target")
        if rate_target and isinstance(mem, dict):
            rate = mem["synaptic_events"] / mem["sim_s"]
            verdict = "met" if rate >= rate_target else "not met"
            notes.append(f"{name}: issue 7 target memsnn >= {rate_target:.3g} synaptic events/s "
                         f"per core: measured {rate:.3g} on one thread ({verdict})")
        if isinstance(mem, dict) and isinstance(b2, dict):
            for key in ("w_mean_rel", "w_low_frac", "w_high_frac", "rate_first_10s_hz"):
                if key in mem and key in b2:
                    notes.append(f"{name}: {key} memsnn {mem[key]:.3g}, brian2 {b2[key]:.3g}")
            target = BENCHMARKS[name].get("target")
            if target:
                speedup = b2["sim_s"] / mem["sim_s"]
                verdict = "met" if speedup >= target else "not met"
                notes.append(f"{name}: issue 7 target memsnn >= {target:g}x faster than Brian2: "
                             f"measured {speedup:.3g}x ({verdict})")
    if notes:
        print()
        print("\n".join(notes))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": {"cpu": cpu, "compiler": cxx}, "quick": args.quick,
                       "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
