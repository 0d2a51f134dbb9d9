#!/usr/bin/python3
"""Independent references for the izhikevich neuron (no memsnn code).

1. Brian2 (numpy runtime target, `euler` state updater, dt = 0.01 ms, threshold v >= 30,
   reset v = c; u += d) runs these protocols and writes Brian2's spike steps:
     - E-3: each preset of Izhikevich (2003) Fig. 2 under I = 10 from t = 0, v0 = -65,
       u0 = b v0, 300 ms (protocols RS, IB, CH, FS, LTS, TC, RZ);
     - TC_rebound: TC from v0 = -87, u0 = b v0, I = -10 for 100 ms, then 0, 300 ms;
     - RZ_doublet_<D>: RZ at rest (v0 = -62.5 = its fixed point, u0 = b v0), I = 0, and two
       inputs of 2.2 mV arriving at 11 ms and 11 + D ms (D = 0 means one input only), 150 ms.
       An input of w mV is I = w / dt for the one step that starts at its arrival, the semantics
       of memsnn's delta input (Izhikevich's network code adds the summed weights to I for one
       step); Brian2 gets it through a TimedArray on the dt grid.
   Brian2 stamps a spike with the START of the step at whose end v >= 30 (its state updater
   runs before the threshold), so `brian2_step` is k - 1 for the memsnn grid point k = t / dt.
   -> tests/validation/data/izhikevich_brian2.csv   (protocol, brian2_step)

2. The MATLAB program published with Izhikevich (2003) transliterated line by line (one neuron),
   for each preset under I = 10 for 300 loop iterations (1 ms each):
       for t = 1:300: fired = v >= 30; record t; v(fired) = c; u(fired) += d;
                      v += 0.5*(0.04*v^2 + 5*v + 140 - u + I)   (twice);  u += a*(b*v - u)
   The loop index t that records a spike is memsnn's grid point k = t - 1 (t = 1 checks the
   initial state).
   -> tests/validation/data/izhikevich_code2003.csv  (protocol, t)

It also prints to stderr how far Brian2's v trace is from a plain forward Euler written in the
paper's order of operations (sympy reorders the sum), and the smallest distance of v from
30 mV at the grid points around each spike (how safe spike-step identity is against rounding).

usage: /usr/bin/python3 tools/izhikevich_reference.py [OUT_DIR]   (default tests/validation/data)

Needs Debian's /usr/bin/python3 with python3-brian (Brian2) and python3-numpy.
"""
import os
import sys

try:
    import numpy as np
    import brian2 as b2
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"izhikevich_reference.py: {error.name} is missing; install python3-brian and "
             "python3-numpy (apt-get install python3-brian python3-numpy) and run with "
             "/usr/bin/python3")

PRESETS = {  # Izhikevich (2003) Fig. 2: a, b, c, d
    "RS": (0.02, 0.2, -65.0, 8.0),
    "IB": (0.02, 0.2, -55.0, 4.0),
    "CH": (0.02, 0.2, -50.0, 2.0),
    "FS": (0.1, 0.2, -65.0, 2.0),
    "LTS": (0.02, 0.25, -65.0, 2.0),
    "TC": (0.02, 0.25, -65.0, 0.05),
    "RZ": (0.1, 0.26, -65.0, 2.0),
}
DT_MS = 0.01
DOUBLET_W = 2.2  # mV
DOUBLET_FIRST = 11.0  # ms
DOUBLET_GAPS = [0, 5, 20, 40, 60]  # ms; 0 = a single input

EQUATIONS = """
dv/dt = (0.04*v**2 + 5*v + 140 - u + I_drive)/ms : 1
du/dt = a*(b*v - u)/ms : 1
I_drive = I + I_pulse(t) : 1
I : 1
a : 1
b : 1
c : 1
d : 1
"""


def brian2_run(abcd, v0, segments, pulses=(), record_v=False):
    """Runs one neuron; segments = [(duration_ms, I), ...]; pulses = arrival times [ms] of
    delta inputs of DOUBLET_W. Returns Brian2's spike steps (and the v trace)."""
    b2.start_scope()
    b2.prefs.codegen.target = "numpy"
    b2.defaultclock.dt = DT_MS * b2.ms
    total = sum(duration for duration, _ in segments)
    n_steps = int(round(total / DT_MS))
    drive = np.zeros(n_steps + 1)
    for arrival in pulses:
        drive[int(round(arrival / DT_MS))] += DOUBLET_W / DT_MS
    I_pulse = b2.TimedArray(drive, dt=DT_MS * b2.ms)  # noqa: F841 (used by the equations)
    group = b2.NeuronGroup(1, EQUATIONS, threshold="v >= 30", reset="v = c; u += d",
                           method="euler")
    group.a, group.b, group.c, group.d = abcd
    group.v = v0
    group.u = abcd[1] * v0
    spikes = b2.SpikeMonitor(group)
    trace = b2.StateMonitor(group, "v", record=True) if record_v else None
    for duration, current in segments:
        group.I = current
        b2.run(duration * b2.ms)
    steps = [int(round(float(t / b2.defaultclock.dt))) for t in spikes.t]
    return steps, (np.asarray(trace.v[0]) if record_v else None)


def plain_euler(abcd, v0, current, n_steps):
    """Forward Euler in the paper's order of operations; the v after each step (before reset
    at the spike steps) and the spike steps (memsnn grid points)."""
    a, b, c, d = abcd
    v, u = v0, b * v0
    after, spikes = [], []
    for k in range(n_steps):
        v, u = (v + DT_MS * (0.04 * (v * v) + 5 * v + 140 - u + current),
                u + DT_MS * (a * (b * v - u)))
        after.append(v)
        if v >= 30:
            spikes.append(k + 1)
            v, u = c, u + d
    return np.array(after), spikes


def code2003(abcd, current, n_loops=300):
    """Izhikevich's published loop for one neuron; returns the loop indices t of its spikes."""
    a, b, c, d = abcd
    v = -65.0
    u = b * v
    firings = []
    for t in range(1, n_loops + 1):
        if v >= 30:
            firings.append(t)
            v = c
            u = u + d
        v = v + 0.5 * (0.04 * v ** 2 + 5 * v + 140 - u + current)
        v = v + 0.5 * (0.04 * v ** 2 + 5 * v + 140 - u + current)
        u = u + a * (b * v - u)
    return firings


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "tests/validation/data")

    rows = []
    for name, abcd in PRESETS.items():
        steps, v_trace = brian2_run(abcd, -65.0, [(300.0, 10.0)], record_v=True)
        rows += [(name, k) for k in steps]
        # Diagnostics. Brian2's StateMonitor reads v at the start of each step, after the
        # previous step's reset: v_trace[j] is grid point j; after[j - 1] is grid point j
        # before its reset.
        after, plain_spikes = plain_euler(abcd, -65.0, 10.0, len(v_trace))
        same = plain_spikes == [k + 1 for k in steps]
        spike_grid = set(k + 1 for k in steps)
        keep = [j for j in range(1, len(v_trace)) if j not in spike_grid]
        diff = np.abs(v_trace[keep] - after[np.array(keep) - 1]).max()
        margin = np.abs(after - 30.0).min()
        worst = int(np.argmax(np.abs(v_trace[keep] - after[np.array(keep) - 1])))
        print(f"{name}: {len(steps)} spikes; plain Euler spike steps identical: {same}; "
              f"max |v_brian2 - v_plain| = {diff:.3g} mV (at v = {v_trace[keep][worst]:.4g} mV); closest grid v to 30 mV: "
              f"{margin:.3g} mV", file=sys.stderr)
    steps, _ = brian2_run(PRESETS["TC"], -87.0, [(100.0, -10.0), (200.0, 0.0)])
    rows += [("TC_rebound", k) for k in steps]
    for gap in DOUBLET_GAPS:
        pulses = [DOUBLET_FIRST] + ([DOUBLET_FIRST + gap] if gap > 0 else [])
        steps, _ = brian2_run(PRESETS["RZ"], -62.5, [(150.0, 0.0)], pulses)
        rows += [(f"RZ_doublet_{gap}", k) for k in steps]
        print(f"RZ doublet D = {gap} ms: {len(steps)} spikes", file=sys.stderr)

    with open(os.path.join(out_dir, "izhikevich_brian2.csv"), "w") as f:
        f.write("protocol,brian2_step\n")
        for name, k in rows:
            f.write(f"{name},{k}\n")

    with open(os.path.join(out_dir, "izhikevich_code2003.csv"), "w") as f:
        f.write("protocol,t\n")
        for name, abcd in PRESETS.items():
            for t in code2003(abcd, 10.0):
                f.write(f"{name},{t}\n")
    print(f"wrote {out_dir}/izhikevich_brian2.csv and izhikevich_code2003.csv", file=sys.stderr)


if __name__ == "__main__":
    main()
