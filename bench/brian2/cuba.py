#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Brian2 twin of bench/scenarios/cuba.json: Brette et al. (2007) benchmark 4.

The Vogels-Abbott CUBA network with voltage-jump synapses: 3200 excitatory and 800 inhibitory
LIF neurons (tau_m 20 ms, E_L -49 mV above V_th -50 mV, V_reset -60 mV, t_ref 5 ms, all start
at -60 mV), 2 % connectivity without self-connections, V jumps by +0.25 mV / -2.25 mV at a spike
arrival with zero delay, inputs during t_ref are discarded (memsnn's default); 100 Hz Poisson
kicks of 10 mV (one per neuron) during the first 50 ms start the activity. Clock-driven, dt
0.1 ms, exact integration between steps (Brian2 method 'exact'); C++ standalone, one thread.

Needs Debian's /usr/bin/python3 with python3-brian and python3-numpy, and g++.
Usually started by bench/compare_brian2.py; alone: bench/brian2/cuba.py [--duration S].
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

args = harness.parse_args(__doc__, default_duration_s=10.0)
b2 = harness.start(args)
from brian2 import (NeuronGroup, SpikeMonitor, Synapses, defaultclock, ms, mV,  # noqa: E402
                    run, second)

defaultclock.dt = 0.1 * ms
taum, El, Vt, Vr = 20 * ms, -49 * mV, -50 * mV, -60 * mV
P = NeuronGroup(4000, "dv/dt = (El - v) / taum : volt (unless refractory)", threshold="v > Vt",
                reset="v = Vr", refractory=5 * ms, method="exact")
P.v = Vr
Pe, Pi = P[:3200], P[3200:]
# Inputs during t_ref are lost, as with memsnn's refractory_input "discard".
Ce = Synapses(Pe, P, "w : volt (shared, constant)",
              on_pre="v_post += w * int(not_refractory_post)")
Ce.connect("i != j", p=0.02)
Ce.w = 0.25 * mV
Ci = Synapses(Pi, P, "w : volt (shared, constant)",
              on_pre="v_post += w * int(not_refractory_post)")
Ci.connect("i + 3200 != j", p=0.02)
Ci.w = -2.25 * mV
kick, kick_counts = harness.poisson_kick(4000, 100.0, 0.050)
Ck = Synapses(kick, P, on_pre="v_post += 10 * mV * int(not_refractory_post)")
Ck.connect(j="i")
M = SpikeMonitor(P)
run(args.duration * second)


def counts(lo, hi):
    return lambda: M.count[:][lo:hi]


harness.finish(args, "cuba", {"neurons": M},
               [(counts(0, 3200), Ce), (counts(3200, 4000), Ci), (lambda: kick_counts, Ck)],
               extra=lambda: {"spikes_exc": int((M.i[:] < 3200).sum())})
