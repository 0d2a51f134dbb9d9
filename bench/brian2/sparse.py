#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Brian2 twin of bench/scenarios/sparse_static.json and (--stdp) sparse_stdp.json.

Benchmark 4 of the performance plan: 100 000 voltage-jump LIF neurons, 80 000 excitatory and
20 000 inhibitory (tau_m 20 ms, E_L -49 mV above V_th -50 mV so the network is active without
input, V_reset -60 mV, t_ref 5 ms, initial V uniform in [-60, -50] mV), inputs during t_ref are
discarded (memsnn's default); fixed in-degree: every neuron gets 80 excitatory and 20 inhibitory
sources drawn uniformly with numpy (repeats and autapses allowed, as memsnn's `fixed_indegree`),
passed to connect() as explicit index arrays (connect(p=...) would give a binomial in-degree);
V jumps by +0.25 mV / -2.25 mV, delay 1 ms; 1 s. With --stdp the 6.4 million excitatory-to-
excitatory synapses learn with additive pair STDP in Brian2's standard trace formulation
(event-driven traces apre/apost, all-to-all pairing, tau 20 ms both sides, A_plus 0.001 mV,
A_minus 0.00105 mV, w clipped to [0, 0.5 mV], initial w 0.25 mV); excitatory-to-inhibitory and
inhibitory synapses stay static. Clock-driven, dt 0.1 ms, exact integration between steps
(Brian2 method 'exact'); C++ standalone, one thread.

Needs Debian's /usr/bin/python3 with python3-brian and python3-numpy, and g++.
Usually started by bench/compare_brian2.py; alone: bench/brian2/sparse.py [--stdp] [--duration S].
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

args = harness.parse_args(
    __doc__, default_duration_s=1.0,
    add_arguments=lambda p: p.add_argument(
        "--stdp", action="store_true",
        help="pair STDP on the excitatory-to-excitatory synapses (sparse_stdp)"))
b2 = harness.start(args)
import numpy as np  # noqa: E402
from brian2 import (NeuronGroup, SpikeMonitor, Synapses, defaultclock, ms, mV,  # noqa: E402
                    run, second)

N_E, N_I, K_E, K_I = 80000, 20000, 80, 20
defaultclock.dt = 0.1 * ms
taum, El, Vt, Vr = 20 * ms, -49 * mV, -50 * mV, -60 * mV
wmax, Aplus, Aminus, taupre, taupost = 0.5 * mV, 0.001 * mV, 0.00105 * mV, 20 * ms, 20 * ms
P = NeuronGroup(N_E + N_I, "dv/dt = (El - v) / taum : volt (unless refractory)",
                threshold="v > Vt", reset="v = Vr", refractory=5 * ms, method="exact")
P.v = "Vr + rand() * (Vt - Vr)"
Pe, Pi = P[:N_E], P[N_E:]


def fixed_indegree(n_sources, n_targets, k):
    """k sources per target, uniform with repeats; synapses ordered by target."""
    return (np.random.randint(0, n_sources, size=n_targets * k),
            np.repeat(np.arange(n_targets), k))


# Inputs during t_ref are lost, as with memsnn's refractory_input "discard".
static_model, static_pre = "w : volt (shared, constant)", \
    "v_post += w * int(not_refractory_post)"
if args.stdp:
    # E -> E plastic, E -> I static; the same statistics as one E -> all projection.
    Cee = Synapses(Pe, Pe,
                   """w : volt
                      dapre/dt = -apre / taupre : volt (event-driven)
                      dapost/dt = -apost / taupost : volt (event-driven)""",
                   on_pre="""v_post += w * int(not_refractory_post)
                             apre += Aplus
                             w = clip(w - apost, 0 * mV, wmax)""",
                   on_post="""apost += Aminus
                              w = clip(w + apre, 0 * mV, wmax)""",
                   delay=1 * ms)
    i, j = fixed_indegree(N_E, N_E, K_E)
    Cee.connect(i=i, j=j)
    Cee.w = 0.25 * mV
    Cei = Synapses(Pe, Pi, static_model, on_pre=static_pre, delay=1 * ms)
    i, j = fixed_indegree(N_E, N_I, K_E)
    Cei.connect(i=i, j=j)
    Cei.w = 0.25 * mV
    excitatory = [Cee, Cei]
else:
    Ce = Synapses(Pe, P, static_model, on_pre=static_pre, delay=1 * ms)
    i, j = fixed_indegree(N_E, N_E + N_I, K_E)
    Ce.connect(i=i, j=j)
    Ce.w = 0.25 * mV
    excitatory = [Ce]
Ci = Synapses(Pi, P, static_model, on_pre=static_pre, delay=1 * ms)
i, j = fixed_indegree(N_I, N_E + N_I, K_I)
Ci.connect(i=i, j=j)
Ci.w = -2.25 * mV
del i, j
M = SpikeMonitor(P)
run(args.duration * second)


def counts(lo, hi):
    return lambda: M.count[:][lo:hi]


def weights():
    if not args.stdp:
        return {}
    w = np.asarray(Cee.w[:] / wmax)
    return {"w_mean_rel": float(w.mean()), "w_low_frac": float((w < 0.1).mean()),
            "w_high_frac": float((w > 0.9).mean())}


harness.finish(args, "sparse_stdp" if args.stdp else "sparse_static", {"neurons": M},
               [(counts(0, N_E), C) for C in excitatory] + [(counts(N_E, N_E + N_I), Ci)],
               extra=weights)
