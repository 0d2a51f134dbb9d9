#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Brian2 twin of bench/scenarios/stdp_song.json: Song, Miller and Abbott (2000).

Brian2's own STDP example (examples/synapses/STDP.py), unchanged in model and parameters:
1000 Poisson afferents (PoissonGroup) at 15 Hz onto one conductance LIF neuron (tau_m 10 ms,
E_L -74 mV, V_th -54 mV, V_reset -60 mV, no refractory period, dimensionless g_e with tau 5 ms
and E_ex 0 mV), all-to-all additive pair STDP through per-synapse traces (tau 20 ms, dApre =
0.01 g_max, dApost = -1.05 dApre, w clipped to [0, g_max], g_max = 0.01), initial weights uniform
in [0, g_max], zero delay, 100 s; v starts at E_L (as memsnn's; the example leaves it at 0 mV,
one spike at t = 0). Forward Euler at dt 0.1 ms as in the example (A.6 of the
protocols); C++ standalone, one thread. memsnn's weights are these times g_L = 10 nS.

Needs Debian's /usr/bin/python3 with python3-brian and python3-numpy, and g++.
Usually started by bench/compare_brian2.py; alone: bench/brian2/stdp_song.py [--duration S].
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

args = harness.parse_args(__doc__, default_duration_s=100.0)
b2 = harness.start(args)
import numpy as np  # noqa: E402
from brian2 import (Hz, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses,  # noqa: E402
                    defaultclock, ms, mV, run, second)

defaultclock.dt = 0.1 * ms
N = 1000
taum, taupre, taupost = 10 * ms, 20 * ms, 20 * ms
Ee, vt, vr, El, taue = 0 * mV, -54 * mV, -60 * mV, -74 * mV, 5 * ms
F = 15 * Hz
gmax = 0.01
dApre = 0.01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax
dApre *= gmax

eqs = """
dv/dt = (ge * (Ee - v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
"""
inputs = PoissonGroup(N, rates=F)
neuron = NeuronGroup(1, eqs, threshold="v > vt", reset="v = vr", method="euler")
neuron.v = El
S = Synapses(inputs, neuron,
             """w : 1
                dApre/dt = -Apre / taupre : 1 (event-driven)
                dApost/dt = -Apost / taupost : 1 (event-driven)""",
             on_pre="""ge += w
                       Apre += dApre
                       w = clip(w + Apost, 0, gmax)""",
             on_post="""Apost += dApost
                        w = clip(w + Apre, 0, gmax)""")
S.connect()
S.w = "rand() * gmax"
M = SpikeMonitor(neuron)
Min = SpikeMonitor(inputs, record=False)
run(args.duration * second)


def weights():
    w = np.asarray(S.w[:]) / gmax
    return {"w_mean_rel": float(w.mean()), "w_low_frac": float((w < 0.1).mean()),
            "w_high_frac": float((w > 0.9).mean()),
            "rate_first_10s_hz": float((np.asarray(M.t[:] / second) < 10).sum() /
                                       min(10.0, args.duration))}


harness.finish(args, "stdp_song", {"neuron": M}, [(lambda: Min.count[:], S)], extra=weights)
