#!/usr/bin/python3
"""Evaluates spatio-temporal pattern detection (Masquelier, Guyonneau & Thorpe 2008; experiment
E-11, scenarios/experiments/masquelier.json) from a memsnn output file.

usage: tools/pattern_detection.py OUT.h5 [--source NAME] [--neuron NAME] [--report NAME]
                                  [--last S] [--pattern-duration MS] [--w-max W]
                                  [--require-success]

Reads the pattern onsets that the `embedded_pattern` source stored
(/memsnn/populations/<source>/pattern_start, ms), the output spikes (/spikes/<neuron>) and,
when recorded, the weight report. A presentation is the window [onset, onset + D), D the
pattern duration (50 ms). Over the last --last seconds (default 150; only presentations that
end before the end of the run):

  hit rate         fraction of presentations with at least one output spike inside the window
  false alarms     output spikes outside every window, per second
  latency          mean time from onset to the first output spike of each hit presentation
  spikes to learn  output spikes from the start up to and including the last false alarm of
                   the run (the neuron is selective after it); "not selective" when that false
                   alarm falls in the evaluated interval or there is no hit in it
  bimodality       share of the final weights within 10 % of w_min or w_max, and the mean final
                   weight of the pattern afferents and of the others

The published success criterion (last 150 s: hit rate > 98 %, zero false alarms, mean latency
< 10 ms) is printed as PASS or FAIL; with --require-success a FAIL exits with status 1.
Needs Debian's python3-h5py and python3-numpy (run with /usr/bin/python3); exits with 77
(ctest's skip code) when one is missing.
"""

import argparse
import json
import re
import sys

try:
    import numpy as np
except ImportError:
    print("pattern_detection.py: needs numpy; install the Debian package python3-numpy",
          file=sys.stderr)
    sys.exit(77)
try:
    import h5py
except ImportError:
    print("pattern_detection.py: needs h5py; install the Debian package python3-h5py",
          file=sys.stderr)
    sys.exit(77)


def find_source(f, name):
    pops = f["memsnn/populations"] if "memsnn/populations" in f else {}
    if name:
        if name not in pops or "pattern_start" not in pops[name]:
            sys.exit(f"pattern_detection.py: no /memsnn/populations/{name}/pattern_start")
        return name
    names = [p for p in pops if "pattern_start" in pops[p]]
    if len(names) != 1:
        sys.exit("pattern_detection.py: expected one population with pattern_start, found "
                 f"{names}; give --source")
    return names[0]


def number(value):
    """Leading number of a scenario quantity such as "1 nA" (None if there is none)."""
    if isinstance(value, (int, float)):
        return float(value)
    m = re.match(r"\s*([-+0-9.eE]+)", str(value))
    return float(m.group(1)) if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--source", help="embedded_pattern population (default: the only one)")
    ap.add_argument("--neuron", help="output population (default: the only other one)")
    ap.add_argument("--report", help="weight report (default: the only projection report)")
    ap.add_argument("--last", type=float, default=150.0, help="evaluated interval [s] (150)")
    ap.add_argument("--pattern-duration", type=float, help="window length [ms] (default: "
                    "pattern_duration of the scenario, else 50)")
    ap.add_argument("--w-max", type=float, help="upper weight bound (default: from the scenario)")
    ap.add_argument("--require-success", action="store_true",
                    help="exit 1 unless the published criterion holds")
    args = ap.parse_args()

    with h5py.File(args.file, "r") as f:
        duration = float(f["memsnn"].attrs["duration_ms"])
        scenario = {}
        if "memsnn/scenario" in f:
            raw = f["memsnn/scenario"][()]
            scenario = json.loads(raw.decode() if isinstance(raw, bytes) else raw)
        source = find_source(f, args.source)
        group = f["memsnn/populations"][source]
        onsets = np.sort(group["pattern_start"][:].astype(float))
        pattern_aff = group["pattern_afferents"][:] if "pattern_afferents" in group else None
        spiking = [p for p in f.get("spikes", {}) if p != source]
        neuron = args.neuron or (spiking[0] if len(spiking) == 1 else None)
        if neuron is None or neuron not in f.get("spikes", {}):
            sys.exit(f"pattern_detection.py: give --neuron (recorded spikes: {spiking})")
        spikes = np.sort(f["spikes"][neuron]["timestamps"][:].astype(float))
        weights = None
        reports = [r for r in f.get("report", {}) if "element_ids" in f["report"][r]["mapping"]
                   and f["report"][r]["data"].shape[-1] > 1] if "report" in f else []
        rname = args.report or (reports[0] if len(reports) == 1 else
                                ("w" if "w" in reports else None))
        if rname is not None:
            weights = f["report"][rname]["data"][-1, :].astype(float)
            ids = f["report"][rname]["mapping"]["node_ids"][:]

    pop_params = scenario.get("populations", {}).get(source, {}).get("params", {})
    D = args.pattern_duration or number(pop_params.get("pattern_duration", 50)) or 50.0
    w_min, w_max = 0.0, args.w_max
    for proj in scenario.get("projections", []):
        lp = proj.get("learning", {}).get("params", {})
        if proj.get("source") == source and "w_max" in lp:
            w_max = w_max if w_max is not None else number(lp["w_max"])
            w_min = number(lp.get("w_min", 0)) or 0.0

    # Window of each spike: index of the last onset <= t; inside if t < onset + D.
    k = np.searchsorted(onsets, spikes, side="right") - 1
    inside = (k >= 0) & (spikes < onsets[np.maximum(k, 0)] + D)
    t0 = duration - 1000.0 * args.last
    ev = (onsets >= t0) & (onsets + D <= duration)
    ev_idx = np.nonzero(ev)[0]
    first = np.searchsorted(spikes, onsets[ev_idx], side="left")
    hit = (first < len(spikes)) & (spikes[np.minimum(first, len(spikes) - 1)] <
                                   onsets[ev_idx] + D)
    latency = spikes[first[hit]] - onsets[ev_idx][hit] if hit.any() else np.array([])
    hit_rate = hit.mean() if len(ev_idx) else float("nan")
    fa = (~inside) & (spikes >= t0)
    fa_rate = fa.sum() / args.last
    outside = np.nonzero(~inside)[0]
    last_fa = spikes[outside[-1]] if len(outside) else None
    learn_spikes = int(outside[-1]) + 1 if len(outside) else 0

    print(f"file {args.file}: {duration / 1000:g} s, source {source} "
          f"({len(onsets)} presentations of {D:g} ms), neuron {neuron}: {len(spikes)} spikes")
    for a, b in ((0.0, min(10000.0, duration)), (max(0.0, duration - 10000.0), duration)):
        n = ((spikes >= a) & (spikes < b)).sum()
        print(f"output rate {a / 1000:g}-{b / 1000:g} s: {n / ((b - a) / 1000):.2f} Hz")
    print(f"last {args.last:g} s: {len(ev_idx)} presentations, hit rate {100 * hit_rate:.2f} %, "
          f"false alarms {fa.sum()} ({fa_rate:.3f} /s), mean latency "
          + (f"{latency.mean():.2f} ms (median {np.median(latency):.2f}, max {latency.max():.2f})"
             if len(latency) else "n/a"))
    if not hit.any():
        print("spikes to learn: not selective (no hit in the evaluated interval)")
    elif last_fa is None:
        print("spikes to learn: 0 (no false alarm in the whole run)")
    elif last_fa >= t0:
        print(f"spikes to learn: not selective (last false alarm at {last_fa / 1000:.3f} s)")
    else:
        print(f"spikes to learn: {learn_spikes} (last false alarm at {last_fa / 1000:.3f} s)")
    if weights is not None:
        hi = w_max if w_max is not None else weights.max()
        span = hi - w_min
        near = ((weights <= w_min + 0.1 * span) | (weights >= hi - 0.1 * span)).mean()
        line = (f"final weights ({rname}): {100 * near:.1f} % within 10 % of a bound "
                f"[{w_min:g}, {hi:g}]")
        if pattern_aff is not None:
            in_pat = np.isin(ids, pattern_aff)
            line += (f"; mean {weights[in_pat].mean():.3f} (pattern afferents, "
                     f"{100 * (weights[in_pat] >= hi - 0.1 * span).mean():.1f} % near w_max), "
                     f"{weights[~in_pat].mean():.3f} (others, "
                     f"{100 * (weights[~in_pat] >= hi - 0.1 * span).mean():.1f} % near w_max)")
        print(line)
    ok = (len(ev_idx) > 0 and hit_rate > 0.98 and fa.sum() == 0 and len(latency) > 0
          and latency.mean() < 10.0)
    print(f"criterion (hit rate > 98 %, no false alarm, mean latency < 10 ms): "
          f"{'PASS' if ok else 'FAIL'}")
    if args.require_success and not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
