#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Brian2 twin of bench/scenarios/hh.json: 1000 Hodgkin-Huxley neurons with Poisson input.

Squid-axon Hodgkin-Huxley neurons (MODELS 1.2: C_m 1 uF/cm2, g_Na 120, g_K 36, g_L 0.3 mS/cm2,
E_Na 50, E_K -77, E_L -54.387 mV, 6.3 degC) of area 1e-3 cm2, starting at -65 mV with the gates
at steady state; each receives 100 of 1000 independent Poisson sources at 20 Hz (fixed
in-degree, drawn with numpy, repeats allowed as in memsnn's fixed_indegree) through
exponential conductances (10 nS, tau 5 ms, E_ex 0 mV, delay 1 ms). A spike is an upward
crossing of 0 mV, re-armed below -20 mV (Brian2: threshold v > 0 mV, refractory while
v > -20 mV). Exponential Euler at dt 0.01 ms, 1 s; C++ standalone, one thread.

Needs Debian's /usr/bin/python3 with python3-brian and python3-numpy, and g++.
Usually started by bench/compare_brian2.py; alone: bench/brian2/hh.py [--duration S].
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

args = harness.parse_args(__doc__, default_duration_s=1.0)
b2 = harness.start(args)
import numpy as np  # noqa: E402
from brian2 import (Hz, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, cm,  # noqa: E402
                    defaultclock, mS, ms, mV, run, second, uF)

defaultclock.dt = 0.01 * ms
area = 1e-3 * cm**2
Cm, gNa, gK, gL = 1 * uF / cm**2 * area, 120 * mS / cm**2 * area, 36 * mS / cm**2 * area, \
    0.3 * mS / cm**2 * area
ENa, EK, EL, Ee, taue = 50 * mV, -77 * mV, -54.387 * mV, 0 * mV, 5 * ms
# alpha_m and alpha_n through exprel(x) = (e^x - 1)/x: finite at -40 and -55 mV.
eqs = """
dv/dt = (gL * (EL - v) - gNa * m**3 * h * (v - ENa) - gK * n**4 * (v - EK)
         + ge * (Ee - v)) / Cm : volt
dm/dt = alpham * (1 - m) - betam * m : 1
dh/dt = alphah * (1 - h) - betah * h : 1
dn/dt = alphan * (1 - n) - betan * n : 1
dge/dt = -ge / taue : siemens
alpham = 1 / exprel(-(v + 40 * mV) / (10 * mV)) / ms : Hz
betam = 4 * exp(-(v + 65 * mV) / (18 * mV)) / ms : Hz
alphah = 0.07 * exp(-(v + 65 * mV) / (20 * mV)) / ms : Hz
betah = 1 / (1 + exp(-(v + 35 * mV) / (10 * mV))) / ms : Hz
alphan = 0.1 / exprel(-(v + 55 * mV) / (10 * mV)) / ms : Hz
betan = 0.125 * exp(-(v + 65 * mV) / (80 * mV)) / ms : Hz
"""
P = NeuronGroup(1000, eqs, threshold="v > 0 * mV", refractory="v > -20 * mV",
                method="exponential_euler")
P.v = -65 * mV
# Steady-state gates at -65 mV (the same formulas in numpy).
v0 = -65.0
am, bm = (v0 + 40) / 10 / (1 - np.exp(-(v0 + 40) / 10)), 4 * np.exp(-(v0 + 65) / 18)
ah, bh = 0.07 * np.exp(-(v0 + 65) / 20), 1 / (1 + np.exp(-(v0 + 35) / 10))
an, bn = 0.01 * (v0 + 55) / (1 - np.exp(-(v0 + 55) / 10)), 0.125 * np.exp(-(v0 + 65) / 80)
P.m, P.h, P.n = am / (am + bm), ah / (ah + bh), an / (an + bn)
inputs = PoissonGroup(1000, rates=20 * Hz)
S = Synapses(inputs, P, on_pre="ge_post += 10 * nS", delay=1 * ms)
S.connect(i=np.random.randint(0, 1000, size=100 * 1000), j=np.repeat(np.arange(1000), 100))
M = SpikeMonitor(P)
Min = SpikeMonitor(inputs, record=False)
run(args.duration * second)

harness.finish(args, "hh", {"neurons": M}, [(lambda: Min.count[:], S)])
