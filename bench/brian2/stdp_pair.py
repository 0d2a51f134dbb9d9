#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Brian2 twin of bench/scenarios/stdp_pair.json: 100 000 synapses with pair STDP.

1000 Poisson afferents (PoissonGroup) at 15 Hz onto 100 LIF neurons with exponential synaptic
current (tau_m 10 ms, C_m 0.25 nF, E_L -74 mV, V_th -54 mV, V_reset -60 mV, t_ref 2 ms, tau_syn
5 ms), all-to-all, delay 1 ms, initial weights uniform in [0, w_max], w_max = 0.013 nA; additive
pair STDP, all-to-all pairing through per-synapse traces (tau 20 ms, A_plus = 0.01 w_max,
A_minus = 1.05 A_plus, w clipped to [0, w_max]); 10 s. Brian2 method 'exact' at dt 0.1 ms;
C++ standalone, one thread.

Needs Debian's /usr/bin/python3 with python3-brian and python3-numpy, and g++.
Usually started by bench/compare_brian2.py; alone: bench/brian2/stdp_pair.py [--duration S].
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

args = harness.parse_args(__doc__, default_duration_s=10.0)
b2 = harness.start(args)
import numpy as np  # noqa: E402
from brian2 import (Hz, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses,  # noqa: E402
                    defaultclock, ms, mV, nA, nF, run, second)

defaultclock.dt = 0.1 * ms
taum, C, El, Vt, Vr, taus = 10 * ms, 0.25 * nF, -74 * mV, -54 * mV, -60 * mV, 5 * ms
R = taum / C
wmax = 0.013 * nA
Aplus, Aminus, taupre, taupost = 0.01 * wmax, 0.0105 * wmax, 20 * ms, 20 * ms

inputs = PoissonGroup(1000, rates=15 * Hz)
neurons = NeuronGroup(100, """dv/dt = (El - v + R * I) / taum : volt (unless refractory)
                              dI/dt = -I / taus : amp""",
                      threshold="v > Vt", reset="v = Vr", refractory=2 * ms, method="exact")
neurons.v = El
S = Synapses(inputs, neurons,
             """w : amp
                dapre/dt = -apre / taupre : amp (event-driven)
                dapost/dt = -apost / taupost : amp (event-driven)""",
             on_pre="""I_post += w
                       apre += Aplus
                       w = clip(w - apost, 0 * nA, wmax)""",
             on_post="""apost += Aminus
                        w = clip(w + apre, 0 * nA, wmax)""",
             delay=1 * ms)
S.connect()
S.w = "rand() * wmax"
M = SpikeMonitor(neurons)
Min = SpikeMonitor(inputs, record=False)
run(args.duration * second)


def weights():
    w = np.asarray(S.w[:] / wmax)
    return {"w_mean_rel": float(w.mean())}


harness.finish(args, "stdp_pair", {"neurons": M}, [(lambda: Min.count[:], S)], extra=weights)
