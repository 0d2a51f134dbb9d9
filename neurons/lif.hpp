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
//   exp_conductance  |w| [uS] is added to g_ex (w > 0) or g_in (w < 0), decaying likewise, and
//                I_syn = g_ex (E_ex - V) + g_in (E_in - V)
//
// Parameters (name, default, unit, meaning):
//   tau_m       20 ms   membrane time constant            C_m     2 nF    membrane capacitance
//   E_L        -65 mV   resting potential                 V_th  -50 mV    threshold
//   V_reset    -65 mV   reset potential (< V_th)          t_ref   2 ms    absolute refractory
//   I_e          0 nA   constant bias current             tau_syn_ex 5 ms, tau_syn_in 10 ms
//   E_ex         0 mV   excitatory reversal potential     E_in  -80 mV    inhibitory reversal
//   refractory_input  discard | accumulate (delta input only): inputs arriving during t_ref are
//                lost, or summed and added to V when the refractory period ends (NEST-style).
//   theta_plus   0 mV   adaptive threshold (Diehl & Cook 2015): the threshold is V_th + theta,
//   tau_theta  1e7 ms   theta += theta_plus at each spike, d theta/dt = -theta / tau_theta
// State: V_m [mV] (starts at E_L unless "init" sets it), I_syn_ex, I_syn_in [nA] or g_ex, g_in
// [uS], theta [mV].
//
// With theta > 0 the threshold V_th + theta(t) decays between spikes and every crossing test
// below is made against it exactly: for delta and exponential-current input the decaying term
// -theta e^{-t/tau_theta} joins the sum of exponentials; the conductance search compares V with
// the threshold at each point and, when V is bounded below the present threshold, sleeps until
// the threshold could have decayed to the bound.
//
// Integration: closed form between events. Next threshold crossing: for delta input
//   t* = tau_m ln[(V_inf - V)/(V_inf - V_th)], V_inf = E_L + R I, if V_inf > V_th;
// for exponential currents V(t) - V_th is a sum of exponentials whose first upward zero is found
// by isolating monotone intervals and bisecting to the last double (engine/exp_sum.hpp); the
// search is skipped when a termwise bound shows no crossing within four times the last interval
// between inputs (the neuron is then woken there and looks again).
// With conductances the linear ODE dV/dt = -a(t) V + b(t) has the exact solution
//   V(t) = V0 e^{-K(t)} + int_0^t b(s) e^{K(s) - K(t)} ds,   K(t) = int_0^t a  (closed form);
// the integral is evaluated with 8-point Gauss-Legendre on sub-steps of at most a quarter of the
// fastest time constant (error far below 1e-12 mV). The crossing is searched step by step,
// stopping as soon as a rigorous bound (V can never exceed the largest instantaneous
// equilibrium reachable with the decaying conductances) stays below V_th; a maximum inside a
// step is located from the sign of dV/dt, and the crossing is bisected to the last double.
// A bound on dV/dt (V never falls below min(V0, E_L + R I, E_ex, E_in) and the conductances only
// decay) ends the search early when V cannot reach the threshold before the search horizon,
// and stops the bisection for a maximum as soon as it cannot reach it inside the bracket.
// The spike is emitted at the first 1 ps tick at or after the crossing.
// (The conductance propagator and search are in neurons/lif_conductance.cpp.)
//
// Equal-time behaviour: the refractory interval is [t_spike, t_spike + t_ref): an input arriving
// exactly at t_spike + t_ref counts. Inputs arriving at the same instant are all applied before
// the threshold test (engine/event.hpp).
// Reference: Gerstner & Kistler (2002) Spiking Neuron Models, ch. 4; closed forms in
// docs/models.md.
#pragma once

#include <limits>
#include <vector>

#include "engine/model.hpp"
#include "engine/population.hpp"

namespace memsnn::lif {

enum class Input { delta, exp_current, exp_conductance };
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
    double E_ex = 0;         // mV
    double E_in = -80;       // mV
    double theta_plus = 0;   // mV, threshold increment per spike
    double tau_theta = 1e7;  // ms, decay of the threshold increment

    double R() const { return tau_m / C_m; }  // MOhm
    bool operator==(const Params&) const = default;
};

struct State {
    double V_m = -65;    // mV, at t_last
    double syn_ex = 0;   // at t_last: I_syn_ex [nA] or g_ex [uS], by input variant
    double syn_in = 0;   // at t_last: I_syn_in [nA] or g_in [uS]
    double I_stim = 0;   // nA, piecewise constant (step currents)
    double pending = 0;  // mV, inputs held back during t_ref (refractory_input = accumulate)
    double theta = 0;    // mV, adaptive threshold increment at t_last
    Tick t_last = 0;
    Tick ref_end = 0;  // refractory while t < ref_end
};

// Membrane after dt ms of free evolution with constant current I [nA] and delta input.
double evolve_delta(const Params& p, double V0, double I, double dt);

// The threshold functions below take theta0, the adaptive increment at the start: the threshold
// at time t is V_th + theta0 e^{-t/tau_theta}. V0 must be below it.

// Time [ms] until V first reaches V_th from V0 < V_th under constant I; +inf if never.
double time_to_threshold_delta(const Params& p, double V0, double I, double theta0 = 0);

// Membrane after dt ms with constant I and synaptic currents I_ex0, I_in0 decaying from t = 0.
double evolve_exp_current(const Params& p, double V0, double I, double I_ex0, double I_in0,
                          double dt);

// Time [ms] until V first reaches V_th from V0 < V_th with exponential currents; +inf if never.
// With a finite `horizon` [ms]: NaN when a bound shows there is no crossing within it (the
// caller looks again there), so inputs that come sooner never pay for the full search.
double time_to_threshold_exp_current(const Params& p, double V0, double I, double I_ex0,
                                     double I_in0, double theta0 = 0,
                                     double horizon = std::numeric_limits<double>::infinity());

// Membrane after dt ms with constant I and conductances g_ex0, g_in0 [uS] decaying from t = 0.
double evolve_exp_conductance(const Params& p, double V0, double I, double g_ex0, double g_in0,
                              double dt);

// A conductance threshold search: the crossing [ms], or, when it is +inf, a time `resume` [ms]
// before which there is no crossing and from which the search has to be repeated (+inf: never).
struct ConductanceSearch {
    double crossing = std::numeric_limits<double>::infinity();
    double resume = std::numeric_limits<double>::infinity();
};

// Searches the first crossing with decaying conductances g_ex0, g_in0 [uS], stopping after
// `horizon` ms (resume = where it stopped) or when V is bounded below a threshold that is still
// decaying (resume = when the threshold could have reached the bound).
ConductanceSearch search_threshold_exp_conductance(const Params& p, double V0, double I,
                                                   double g_ex0, double g_in0, double horizon,
                                                   double theta0 = 0);

// Time [ms] until V first reaches V_th from V0 < V_th with decaying conductances; +inf if never;
// NaN if the search stopped undecided (the caller looks again later).
double time_to_threshold_exp_conductance(const Params& p, double V0, double I, double g_ex0,
                                         double g_in0,
                                         double horizon = std::numeric_limits<double>::infinity(),
                                         double theta0 = 0);

// Advances one neuron's state to tick t (no threshold test: the engine fires at predictions).
void advance(const Params& p, Input input, State& s, Tick t);

ModelInfo model_info();

}  // namespace memsnn::lif
