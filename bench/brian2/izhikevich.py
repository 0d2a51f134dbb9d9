#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Brian2 twin of bench/scenarios/izhikevich.json: Izhikevich's (2003) 1000-neuron network.

800 excitatory (a 0.02, b 0.2, c = -65 + 15 r^2 mV, d = 8 - 6 r^2) and 200 inhibitory (a = 0.02 +
0.08 r, b = 0.25 - 0.05 r, c -65 mV, d 2) Izhikevich neurons, r ~ U(0, 1) per neuron (the values
are read from the memsnn scenario, so both simulators use the same ones), v0 -65 mV, u0 = b v0;
all-to-all (1 000 000 synapses, autapses included as in the paper's code) voltage kicks of
0.5 U(0, 1) mV (excitatory) and -U(0, 1) mV (inhibitory), delay 1 ms. The paper's thalamic input
is a Gaussian current, 5 N(0, 1) (excitatory) and 2 N(0, 1) (inhibitory) held for each 1 ms
step; memsnn has no noise-current source, so both simulators use instead its Poisson
equivalent with the same zero mean and the same variance per millisecond: two Poisson trains per
neuron at 500 Hz, kicks of +sigma and -sigma mV (sigma 5 or 2). Forward Euler at dt 0.1 ms
(v >= 30 mV: spike, v <- c, u <- u + d), 1 s; C++ standalone, one thread.

Needs Debian's /usr/bin/python3 with python3-brian and python3-numpy, and g++.
Usually started by bench/compare_brian2.py; alone: bench/brian2/izhikevich.py [--duration S].
`izhikevich.py --write-scenario` (re)writes bench/scenarios/izhikevich.json (numpy seed 1).
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

SCENARIO = os.path.join(os.path.dirname(harness.HERE), "scenarios", "izhikevich.json")
THALAMIC_RATE_HZ = 500.0
SIGMA = {"exc": 5.0, "inh": 2.0}  # mV per ms, the paper's noise amplitudes


def write_scenario(path):
    import numpy as np
    rng = np.random.RandomState(1)
    re_, ri = rng.uniform(size=800), rng.uniform(size=200)
    num = lambda x: float(f"{x:.6g}")  # noqa: E731
    scenario = {
        "$schema": "../../scenarios/scenario.schema.json",
        "name": "izhikevich",
        "description": (
            "Izhikevich (2003) network demo (MODELS 1.3): 800 excitatory and 200 inhibitory "
            "neurons with heterogeneous a, b, c, d (r ~ U(0,1) per neuron, values listed here), "
            "all-to-all voltage kicks 0.5 U(0,1) mV and -U(0,1) mV with delay 1 ms; instead of "
            "the paper's Gaussian thalamic current (5 N(0,1) / 2 N(0,1) per 1 ms step) every "
            "neuron receives two 500 Hz Poisson trains of +sigma and -sigma mV kicks (sigma 5 "
            "or 2 mV: same zero mean, same variance per ms); forward Euler at dt 0.1 ms, 1 s. "
            "Written by bench/brian2/izhikevich.py --write-scenario; twin: "
            "bench/brian2/izhikevich.py."),
        "seed": 1,
        "duration": "1 s",
        "dt": "0.1 ms",
        "populations": {
            "exc": {"type": "izhikevich", "size": 800, "params": {
                "a": 0.02, "b": 0.2, "c": [f"{num(-65 + 15 * r * r)} mV" for r in re_],
                "d": [num(8 - 6 * r * r) for r in re_], "integrator": "euler"}},
            "inh": {"type": "izhikevich", "size": 200, "params": {
                "a": [num(0.02 + 0.08 * r) for r in ri], "b": [num(0.25 - 0.05 * r) for r in ri],
                "c": "-65 mV", "d": 2, "integrator": "euler"}},
        },
        "projections": [],
        "record": [{"what": "spikes", "population": "exc"},
                   {"what": "spikes", "population": "inh"}],
        "output": "izhikevich.h5",
    }
    for pop, size in (("exc", 800), ("inh", 200)):
        for sign, name in ((1, "plus"), (-1, "minus")):
            src = f"thalamic_{pop}_{name}"
            scenario["populations"][src] = {"type": "poisson", "size": size,
                                            "params": {"rate": f"{THALAMIC_RATE_HZ:g} Hz"}}
            scenario["projections"].append({
                "name": src, "source": src, "target": pop, "connect": {"rule": "one_to_one"},
                "synapse": {"type": "static", "weight": f"{sign * SIGMA[pop]:g} mV",
                            "delay": "1 ms"}})
    for src, w in (("exc", ["0 mV", "0.5 mV"]), ("inh", ["-1 mV", "0 mV"])):
        for tgt in ("exc", "inh"):
            scenario["projections"].append({
                "name": f"{src}_{tgt}", "source": src, "target": tgt,
                "connect": {"rule": "all_to_all"},
                "synapse": {"type": "static", "weight": {"uniform": w}, "delay": "1 ms"}})
    text = json.dumps(scenario, indent=2)
    # Lists of scalars on one line each.
    text = re.sub(r"\[\s+([^\[\]{}]*?)\s+\]",
                  lambda m: "[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]",
                  text)
    with open(path, "w") as f:
        f.write(text + "\n")


def read_params():
    with open(SCENARIO) as f:
        pops = json.load(f)["populations"]

    def values(p, key, size):
        v = pops[p]["params"][key]
        v = v if isinstance(v, list) else [v] * size
        return [float(str(x).replace("mV", "")) for x in v]

    return {p: {k: values(p, k, n) for k in "abcd"} for p, n in (("exc", 800), ("inh", 200))}


if "--write-scenario" in sys.argv[1:]:
    write_scenario(SCENARIO)
    print(f"wrote {os.path.relpath(SCENARIO)}")
    sys.exit(0)

args = harness.parse_args(__doc__, default_duration_s=1.0, add_arguments=lambda p: p.add_argument(
    "--write-scenario", action="store_true", help="write the memsnn scenario and exit"))
b2 = harness.start(args)
import numpy as np  # noqa: E402
from brian2 import (Hz, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses,  # noqa: E402
                    defaultclock, ms, mV, run, second)

defaultclock.dt = 0.1 * ms
params = read_params()
eqs = """dv/dt = (0.04 / mV * v**2 + 5 * v + 140 * mV - u) / ms : volt
         du/dt = a * (b * v - u) / ms : volt
         a : 1 (constant)
         b : 1 (constant)
         c : volt (constant)
         d : volt (constant)"""
P = NeuronGroup(1000, eqs, threshold="v >= 30 * mV", reset="v = c; u += d", method="euler")
for key in "abcd":
    values = np.concatenate([params["exc"][key], params["inh"][key]])
    setattr(P, key, values * mV if key in "cd" else values)
P.v = -65 * mV
P.u = "b * v"
Pe, Pi = P[:800], P[800:]
Se = Synapses(Pe, P, "w : volt (constant)", on_pre="v_post += w", delay=1 * ms)
Se.connect()
Se.w = "0.5 * rand() * mV"
Si = Synapses(Pi, P, "w : volt (constant)", on_pre="v_post += w", delay=1 * ms)
Si.connect()
Si.w = "-rand() * mV"
sigma = np.concatenate([np.full(800, SIGMA["exc"]), np.full(200, SIGMA["inh"])]) * mV
# Named variables, not a loop: run() collects only the objects visible in this namespace.
T_plus = PoissonGroup(1000, rates=THALAMIC_RATE_HZ * Hz)
T_minus = PoissonGroup(1000, rates=THALAMIC_RATE_HZ * Hz)
S_plus = Synapses(T_plus, P, "w : volt (constant)", on_pre="v_post += w", delay=1 * ms)
S_plus.connect(j="i")
S_plus.w = sigma
S_minus = Synapses(T_minus, P, "w : volt (constant)", on_pre="v_post += w", delay=1 * ms)
S_minus.connect(j="i")
S_minus.w = -sigma
M_plus = SpikeMonitor(T_plus, record=False)
M_minus = SpikeMonitor(T_minus, record=False)
M = SpikeMonitor(P)
run(args.duration * second)

harness.finish(args, "izhikevich", {"neurons": M},
               [(lambda: M.count[:][:800], Se), (lambda: M.count[:][800:], Si),
                (lambda: M_plus.count[:], S_plus), (lambda: M_minus.count[:], S_minus)],
               extra=lambda: {"spikes_exc": int((M.i[:] < 800).sum())})
