#!/usr/bin/python3
"""Reference data for the hodgkin_huxley neuron from NEURON's `hh` mechanism.

usage: tools/hh_reference.py [--out FOLDER]   (default FOLDER: tests/validation/data)

Needs Debian's /usr/bin/python3 with python3-neuron (NEURON 8) and python3-numpy.

One isopotential compartment with the memsnn defaults: L = diam = sqrt(1e5/pi) um, so the
(lateral) area is 1e5 um2 = 1e-3 cm2 and 1 nA = 1 uA/cm2; cm = 1 uF/cm2; hh with gnabar 0.12,
gkbar 0.036, gl 0.0003 S/cm2, ena = 50 mV, ek = -77 mV, celsius = 6.3 degC.
Differences from NEURON's defaults, set here so NEURON runs the equations of
docs/hodgkin_huxley.md exactly:
  * el_hh: NEURON's default is -54.3 mV; memsnn (MODELS section 1.2) uses -54.387 mV, which puts
    the resting potential at -65 mV. The script sets el_hh = -54.387.
  * usetable_hh = 0: NEURON otherwise tabulates the rates in 1 mV steps (linear interpolation
    between table entries), an approximation memsnn does not make.
Solver: CVODE (variable order, variable step) with rtol = atol = 1e-9 (atol in mV for v and
absolute for the gates), v recorded every 0.0005 ms from CVODE's interpolant; a spike is an
upward crossing of 0 mV, linearly interpolated between those samples (re-armed below -20 mV),
like memsnn. A second run uses NEURON's fixed step dt = 0.01 ms with secondorder = 2
(Crank-Nicolson, the staggered scheme of NEURON's default fixed-step method) for comparison.

Protocols (all from rest, v_init = -65 mV, gates at steady state):
  hh_spike_times.csv  step current switched on at 10 ms and kept on, 100 ms runs, amplitudes
                      3, 5, 7, 10, 15, 20, 40 nA: every spike time (CVODE and fixed-step CN),
                      plus the peak of the first spike (CVODE)
  hh_fi.csv           constant current from t = 0, 500 ms (MODELS appendix A.1): steady rate
                      (n - 1)/(t_last - t_first) over the spikes after 200 ms
  hh_thresholds.csv   the same protocol, bisected to 1e-4 nA: the smallest current giving one
                      spike (single-spike threshold) and the smallest giving spikes after
                      200 ms (sustained-firing threshold), with the rate just above the latter
"""
import argparse
import math
import os
import sys

try:
    import numpy as np
    from neuron import h
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"hh_reference.py: {error.name} is missing; install python3-neuron and "
             "python3-numpy (apt-get install python3-neuron python3-numpy) and run with "
             "/usr/bin/python3")

AREA_UM2 = 1e5
E_L = -54.387
RECORD_DT = 0.0005  # ms
V_SPIKE, V_REARM = 0.0, -20.0


def make_cell():
    soma = h.Section(name="soma")
    soma.nseg = 1
    soma.L = soma.diam = math.sqrt(AREA_UM2 / math.pi)
    soma.cm = 1
    soma.insert("hh")
    seg = soma(0.5)
    seg.gnabar_hh, seg.gkbar_hh, seg.gl_hh, seg.el_hh = 0.12, 0.036, 0.0003, E_L
    seg.ena, seg.ek = 50.0, -77.0
    assert abs(seg.area() - AREA_UM2) < 1e-6 * AREA_UM2
    return soma


def crossings(t, v):
    """Upward crossings of V_SPIKE, linearly interpolated, re-armed below V_REARM."""
    up = np.nonzero((v[:-1] < V_SPIKE) & (v[1:] >= V_SPIKE))[0]
    below = np.nonzero(v[1:] < V_REARM)[0]  # step k ends below V_REARM
    out, last = [], None
    for k in up:
        # armed again if some step between the last accepted crossing and this one ended below
        if last is not None and not np.any((below >= last) & (below < k)):
            continue
        out.append(t[k] + (t[k + 1] - t[k]) * (V_SPIKE - v[k]) / (v[k + 1] - v[k]))
        last = k
    return out


class Runner:
    def __init__(self):
        h.load_file("stdrun.hoc")
        h.celsius = 6.3
        h.usetable_hh = 0
        self.soma = make_cell()
        self.stim = h.IClamp(self.soma(0.5))
        self.cvode = h.CVode()

    def run(self, amplitude, start, duration, method="cvode", record_dt=RECORD_DT):
        """Spike times [ms] and the trace (t, v) under a step of `amplitude` nA from `start`."""
        self.stim.delay, self.stim.dur, self.stim.amp = start, 1e9, amplitude
        if method == "cvode":
            self.cvode.active(1)
            self.cvode.rtol(1e-9)
            self.cvode.atol(1e-9)
            tv, vv = h.Vector(), h.Vector()
            tv.indgen(0, duration, record_dt)
            vv.record(self.soma(0.5)._ref_v, tv)
        else:
            self.cvode.active(0)
            h.secondorder = 2
            h.dt = 0.01
            h.steps_per_ms = 100
            tv, vv = h.Vector(), h.Vector()
            tv.record(h._ref_t)
            vv.record(self.soma(0.5)._ref_v)
        h.finitialize(-65)
        h.continuerun(duration)
        h.secondorder = 0
        t, v = np.array(tv), np.array(vv)
        n = min(len(t), len(v))
        return crossings(t[:n], v[:n]), t[:n], v[:n]


def steady_rate(spikes):
    late = [s for s in spikes if s > 200]
    if len(late) < 2:
        return 0.0
    return 1000.0 * (len(late) - 1) / (late[-1] - late[0])


def bisect(predicate, lo, hi, tol=1e-4):
    """Smallest current in (lo, hi] for which predicate holds (predicate(lo) false)."""
    assert not predicate(lo) and predicate(hi)
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        if predicate(mid):
            hi = mid
        else:
            lo = mid
    return lo, hi


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                      "..", "tests", "validation", "data"),
                        help="folder for the CSV files (default: tests/validation/data)")
    args = parser.parse_args()
    r = Runner()

    with open(os.path.join(args.out, "hh_spike_times.csv"), "w") as f:
        f.write("# tools/hh_reference.py: NEURON hh, step on at 10 ms, 100 ms; spike times [ms]\n")
        f.write("amplitude_nA,index,t_cvode_ms,t_cn_0.01_ms,first_peak_mV\n")
        for amp in (3, 5, 7, 10, 15, 20, 40):
            spikes, t, v = r.run(amp, 10.0, 100.0, "cvode")
            cn, _, _ = r.run(amp, 10.0, 100.0, "fixed")
            peak = ""
            if spikes:
                window = (t > spikes[0]) & (t < spikes[0] + 2)
                peak = "%.6f" % v[window].max()
            for k in range(max(len(spikes), len(cn))):
                a = "%.6f" % spikes[k] if k < len(spikes) else ""
                b = "%.6f" % cn[k] if k < len(cn) else ""
                f.write(f"{amp},{k},{a},{b},{peak if k == 0 else ''}\n")
            print(f"I = {amp} nA: {len(spikes)} spikes, max |cvode - cn| = "
                  f"{max([abs(x - y) for x, y in zip(spikes, cn)] or [0]):.2e} ms")

    with open(os.path.join(args.out, "hh_fi.csv"), "w") as f:
        f.write("# tools/hh_reference.py: NEURON hh (CVODE), constant current from t = 0, "
                "500 ms; rate over spikes after 200 ms\n")
        f.write("I_nA,rate_Hz,n_spikes\n")
        for amp in (2, 5, 6.5, 7, 8, 10, 15, 20, 30, 50, 100):
            spikes, _, _ = r.run(amp, 0.0, 500.0, "cvode")
            f.write(f"{amp},{steady_rate(spikes):.6f},{len(spikes)}\n")
            print(f"I = {amp} nA: rate {steady_rate(spikes):.3f} Hz ({len(spikes)} spikes)")

    def spikes_of(amp):
        return r.run(amp, 0.0, 500.0, "cvode", 0.005)[0]

    single = bisect(lambda a: len(spikes_of(a)) >= 1, 1.0, 5.0)
    sustained = bisect(lambda a: steady_rate(spikes_of(a)) > 0, 5.0, 8.0)
    rate_above = steady_rate(spikes_of(sustained[1]))
    with open(os.path.join(args.out, "hh_thresholds.csv"), "w") as f:
        f.write("# tools/hh_reference.py: NEURON hh (CVODE), constant current from t = 0, "
                "500 ms, bisected to 1e-4 nA\n")
        f.write("quantity,below_nA,above_nA,rate_above_Hz\n")
        f.write(f"single_spike,{single[0]:.6f},{single[1]:.6f},\n")
        f.write(f"sustained,{sustained[0]:.6f},{sustained[1]:.6f},{rate_above:.6f}\n")
    print(f"single-spike threshold in ({single[0]:.4f}, {single[1]:.4f}] nA")
    print(f"sustained-firing threshold in ({sustained[0]:.4f}, {sustained[1]:.4f}] nA, "
          f"rate just above {rate_above:.2f} Hz")


if __name__ == "__main__":
    main()
