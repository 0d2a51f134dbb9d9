#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Brian2 twin of bench/scenarios/coba.json: Brette et al. (2007) benchmark 1 (COBA).

The Vogels-Abbott COBA network: 3200 excitatory and 800 inhibitory LIF neurons (tau_m 20 ms,
C_m 200 pF, E_L -60 mV, V_th -50 mV, V_reset -60 mV, t_ref 5 ms), 2 % connectivity without
self-connections, exponential conductances (+6 nS, tau 5 ms, E_ex 0 mV; +67 nS inhibitory,
tau 10 ms, E_in -80 mV), zero delay. Started as in PyNN's VAbenchmarks.py: V uniform in
[V_reset, V_th], 20 Poisson sources at 100 Hz during the first 50 ms, each connected with
probability 0.01 and 100 nS; then self-sustained. Clock-driven, dt 0.1 ms, exponential Euler
(Brian2 has no exact solver for this system); C++ standalone, one thread.

Needs Debian's /usr/bin/python3 with python3-brian and python3-numpy, and g++.
Usually started by bench/compare_brian2.py; alone: bench/brian2/coba.py [--duration S].
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

args = harness.parse_args(__doc__, default_duration_s=10.0)
b2 = harness.start(args)
from brian2 import (NeuronGroup, SpikeMonitor, Synapses, defaultclock, ms, mV,  # noqa: E402
                    pF, run, second)

defaultclock.dt = 0.1 * ms
C, taum = 200 * pF, 20 * ms
gl = C / taum
El, Vt, Vr, Ee, Ei = -60 * mV, -50 * mV, -60 * mV, 0 * mV, -80 * mV
taue, taui = 5 * ms, 10 * ms
eqs = """
dv/dt = (gl * (El - v) + ge * (Ee - v) + gi * (Ei - v)) / C : volt (unless refractory)
dge/dt = -ge / taue : siemens
dgi/dt = -gi / taui : siemens
"""
P = NeuronGroup(4000, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms,
                method="exponential_euler")
P.v = "Vr + rand() * (Vt - Vr)"
Pe, Pi = P[:3200], P[3200:]
Ce = Synapses(Pe, P, on_pre="ge_post += 6 * nS")
Ce.connect("i != j", p=0.02)
Ci = Synapses(Pi, P, on_pre="gi_post += 67 * nS")
Ci.connect("i + 3200 != j", p=0.02)
stim, stim_counts = harness.poisson_kick(20, 100.0, 0.050)
Cs = Synapses(stim, P, on_pre="ge_post += 100 * nS")
Cs.connect(p=0.01)
M = SpikeMonitor(P)
run(args.duration * second)


def counts(lo, hi):
    return lambda: M.count[:][lo:hi]


harness.finish(args, "coba", {"neurons": M},
               [(counts(0, 3200), Ce), (counts(3200, 4000), Ci), (lambda: stim_counts, Cs)],
               extra=lambda: {"spikes_exc": int((M.i[:] < 3200).sum())})
