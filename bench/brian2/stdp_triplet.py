#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Brian2 twin of bench/scenarios/stdp_triplet.json: 100 000 synapses with triplet STDP.

The network of stdp_pair.py (1000 Poisson afferents at 15 Hz, 100 exponential-current LIF
neurons, all-to-all, delay 1 ms, initial weights uniform in [0, w_max], w_max = 0.013 nA) with
triplet STDP (Pfister & Gerstner 2006) through Pfister's four traces r1, r2 (presynaptic) and
o1, o2 (postsynaptic), all-to-all (each spike adds 1), kept per synapse as usual in Brian2: at a
presynaptic arrival w -= o1 (A2- + A3- r2), at a postsynaptic spike w += r1 (A2+ + A3+ o2), each
reading the traces before the spike's own increment, w clipped to [0, w_max]; the visual-cortex
all-to-all row (A2+ 5e-10, A3+ 6.2e-3, A2- 7e-3, A3- 2.3e-4, tau+ 16.8 ms, tau- 33.7 ms, tau_x
101 ms, tau_y 125 ms) with amplitudes in units of w_max / 100 (BCM-like without a sliding
threshold, the rule lets the rate run away up or down from small early differences at full
amplitude; at 1 % both simulators stay near 20 Hz and do equal work); 10 s. Brian2 method
'exact' at dt 0.1 ms; C++ standalone, one thread.

Needs Debian's /usr/bin/python3 with python3-brian and python3-numpy, and g++.
Usually started by bench/compare_brian2.py; alone: bench/brian2/stdp_triplet.py [--duration S].
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
unit = wmax / 100
A2p, A3p, A2m, A3m = 5e-10 * unit, 6.2e-3 * unit, 7e-3 * unit, 2.3e-4 * unit
tau_plus, tau_minus, tau_x, tau_y = 16.8 * ms, 33.7 * ms, 101 * ms, 125 * ms

inputs = PoissonGroup(1000, rates=15 * Hz)
neurons = NeuronGroup(100, """dv/dt = (El - v + R * I) / taum : volt (unless refractory)
                              dI/dt = -I / taus : amp""",
                      threshold="v > Vt", reset="v = Vr", refractory=2 * ms, method="exact")
neurons.v = El
S = Synapses(inputs, neurons,
             """w : amp
                dr1/dt = -r1 / tau_plus : 1 (event-driven)
                dr2/dt = -r2 / tau_x : 1 (event-driven)
                do1/dt = -o1 / tau_minus : 1 (event-driven)
                do2/dt = -o2 / tau_y : 1 (event-driven)""",
             on_pre="""I_post += w
                       w = clip(w - o1 * (A2m + A3m * r2), 0 * nA, wmax)
                       r1 += 1
                       r2 += 1""",
             on_post="""w = clip(w + r1 * (A2p + A3p * o2), 0 * nA, wmax)
                        o1 += 1
                        o2 += 1""",
             delay=1 * ms)
S.connect()
S.w = "rand() * wmax"
M = SpikeMonitor(neurons)
Min = SpikeMonitor(inputs, record=False)
run(args.duration * second)


def weights():
    w = np.asarray(S.w[:] / wmax)
    return {"w_mean_rel": float(w.mean())}


harness.finish(args, "stdp_triplet", {"neurons": M}, [(lambda: Min.count[:], S)],
               extra=weights)
