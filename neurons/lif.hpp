// SPDX-License-Identifier: MIT
// lif — leaky integrate-and-fire neuron with absolute refractory period, integrated exactly
// from event to event (no time step).
//
//   tau_m dV/dt = -(V - E_L) + R (I_e + I_stim + I_syn),   R = tau_m / C_m
//   V >= V_th  ->  spike at that instant, V <- V_reset, clamped for t_ref
//
// Input variants (`input`):
//   delta        a spike of weight w [mV] makes V jump by w (Brette 2007 benchmark 4 style)
//   exp_current  w [nA] is added to I_syn_ex (w > 0) or I_syn_in (w < 0), which decay with
//                tau_syn_ex / tau_syn_in:  dI/dt = -I/tau_syn
//
// Parameters (name, default, unit, meaning):
//   tau_m       20 ms   membrane time constant            C_m     2 nF    membrane capacitance
//   E_L        -65 mV   resting potential                 V_th  -50 mV    threshold
//   V_reset    -65 mV   reset potential (< V_th)          t_ref   2 ms    absolute refractory
//   I_e          0 nA   constant bias current             tau_syn_ex 5 ms, tau_syn_in 10 ms
//   refractory_input  discard | accumulate (delta input only): inputs arriving during t_ref are
//                lost, or summed and added to V when the refractory period ends (NEST-style).
// State: V_m [mV] (starts at E_L unless "init" sets it), I_syn_ex, I_syn_in [nA].
//
// Integration: closed form between events. Next threshold crossing: for delta input
//   t* = tau_m ln[(V_inf - V)/(V_inf - V_th)], V_inf = E_L + R I, if V_inf > V_th;
// for exponential currents V(t) - V_th is a sum of exponentials whose first upward zero is found
// by isolating monotone intervals and bisecting to the last double (engine/exp_sum.hpp). The
// spike is emitted at the first 1 ps tick at or after the exact crossing.
//
// Equal-time behaviour: the refractory interval is [t_spike, t_spike + t_ref): an input arriving
// exactly at t_spike + t_ref counts. Inputs arriving at the same instant are all applied before
// the threshold test (engine/event.hpp).
// Reference: Gerstner & Kistler (2002) Spiking Neuron Models, ch. 4; closed forms in
// docs/models.md.
#pragma once

#include <vector>

#include "engine/model.hpp"
#include "engine/population.hpp"

namespace memsnn::lif {

enum class Input { delta, exp_current };
enum class RefractoryInput { discard, accumulate };

struct Params {
    double tau_m = 20;       // ms
    double C_m = 2;          // nF
    double E_L = -65;        // mV
    double V_th = -50;       // mV
    double V_reset = -65;    // mV
    double t_ref = 2;        // ms
    double I_e = 0;          // nA
    double tau_syn_ex = 5;   // ms
    double tau_syn_in = 10;  // ms

    double R() const { return tau_m / C_m; }  // MOhm
};

struct State {
    double V_m = -65;     // mV, at t_last
    double I_syn_ex = 0;  // nA, at t_last
    double I_syn_in = 0;  // nA, at t_last
    double I_stim = 0;    // nA, piecewise constant (step currents)
    double pending = 0;   // mV, inputs held back during t_ref (refractory_input = accumulate)
    Tick t_last = 0;
    Tick ref_end = 0;     // refractory while t < ref_end
};

// Membrane after dt ms of free evolution with constant current I [nA] and delta input.
double evolve_delta(const Params& p, double V0, double I, double dt);

// Time [ms] until V first reaches V_th from V0 < V_th under constant I; +inf if never.
double time_to_threshold_delta(const Params& p, double V0, double I);

// Membrane after dt ms with constant I and synaptic currents I_ex0, I_in0 decaying from t = 0.
double evolve_exp_current(const Params& p, double V0, double I, double I_ex0, double I_in0,
                          double dt);

// Time [ms] until V first reaches V_th from V0 < V_th with exponential currents; +inf if never.
double time_to_threshold_exp_current(const Params& p, double V0, double I, double I_ex0,
                                     double I_in0);

// Advances one neuron's state to tick t (no threshold test: the engine fires at predictions).
void advance(const Params& p, Input input, State& s, Tick t);

ModelInfo model_info();

}  // namespace memsnn::lif
