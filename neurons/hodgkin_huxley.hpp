// SPDX-License-Identifier: MIT
// hodgkin_huxley — the 1952 squid-axon model (modern convention, rest at -65 mV), one
// isopotential compartment stepped on the scenario's dt grid.
//
//   C_m dV/dt = J_e - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L) + J_syn
//   dx/dt = phi [alpha_x(V) (1 - x) - beta_x(V) x],  x in {m, h, n},  phi = 3^((T - 6.3 degC)/10)
//   alpha_n = 0.01 (V+55) / (1 - e^{-(V+55)/10})   beta_n = 0.125 e^{-(V+65)/80}
//   alpha_m = 0.1 (V+40) / (1 - e^{-(V+40)/10})    beta_m = 4 e^{-(V+65)/18}
//   alpha_h = 0.07 e^{-(V+65)/20}                  beta_h = 1 / (1 + e^{-(V+35)/10})
// (rates in 1/ms, V in mV; alpha_n -> 0.1 at -55 mV and alpha_m -> 1 at -40 mV).
// Units: the channel parameters are densities as in the literature (uF/cm2, mS/cm2); inputs
// are absolute like lif's (nA, uS). `area` [um2] converts: J = I / area. The default area,
// 1e5 um2 = 1e-3 cm2, makes 1 nA = 1 uA/cm2 and 1 uS = 1 mS/cm2 (and C = 1 nF).
//   J_e = (I_e + I_stim) / area;  J_syn = (I_syn_ex + I_syn_in) / area           (exp_current)
//                                 J_syn = (g_ex (E_ex - V) + g_in (E_in - V)) / area
//                                 (exp_conductance)
// Synaptic input (`input`): exp_current adds w [nA] to I_syn_ex (w >= 0) or I_syn_in;
// exp_conductance adds |w| [uS] to g_ex (w >= 0) or g_in; both decay with tau_syn_ex/in.
//
// Parameters (name, default, unit, meaning):
//   C_m 1 uF/cm2, g_Na 120 mS/cm2, g_K 36 mS/cm2, g_L 0.3 mS/cm2, E_Na 50 mV, E_K -77 mV,
//   E_L -54.387 mV (rest -64.996 mV), T 279.45 K (6.3 degC, phi = 1), area 1e5 um2,
//   I_e 0 nA, tau_syn_ex 5 ms, tau_syn_in 10 ms, E_ex 0 mV, E_in -80 mV,
//   V_spike 0 mV (spike threshold), V_rearm -20 mV (detector re-arms below), lookahead 1 ms.
// State: V_m [mV] (init default -65 mV), m, h, n (init default: steady state at V_m),
// I_syn_ex, I_syn_in [nA] or g_ex, g_in [uS]; the drive I_stim [nA]; the grid index k.
//
// Integration: fixed step dt = the scenario's "dt" (0.1 ms default; use 0.01 ms for HH). The
// state lives on grid points t_k = k dt. `integrator`:
//   exponential_euler (default): gates x_{k+1} = x_inf + (x_k - x_inf) e^{-dt/tau_x} with the
//     rates frozen at V_k (Rush-Larsen), then V relaxes exactly towards its instantaneous
//     equilibrium with the conductances of the new gates (staggered like NEURON's scheme);
//     stable for any dt, spike times converge as dt^2 (measured: ~5e-3 ms after 100 ms at
//     dt = 0.01 ms), ~1.5x faster per step than rk4 (10 instead of 24 exponentials).
//   rk4: classical fourth order, the accurate reference (~3e-5 ms at 0.01 ms); diverges for
//     dt >= 0.1 ms at 6.3 degC (a non-finite V is reported as an error).
//   Both let the synaptic variables decay in closed form (rk4 sees them at the stage times,
//   exponential_euler their exact mean over the step).
// Equal-time behaviour / grid convention: an input (spike, step-current change) arriving at
// time t is applied at grid point ceil(t / dt) — at t itself when t is on the grid — after the
// step into that point and before the step out of it; all inputs applied at one point are
// summed first. So the result does not depend on how the engine slices time (lazy advancing
// equals stepping every dt, for any `lookahead`).
// Spike: V rises through V_spike within a step (V_k < V_spike <= V_k+1) while armed; the time
// is linearly interpolated in the step and the spike is emitted at the first 1 ps tick at or
// after it; the detector disarms and re-arms at the first grid point with V < V_rearm (armed at
// start). No reset: the dynamics go on.
// Look-ahead: predict steps a copy ahead (cached until the state changes) by as many steps as
// have passed since the last input, at least 1 and at most `lookahead`; with no crossing it
// asks to be woken at the end, and fire() then returns false. A state that one step maps onto
// itself bit for bit is a fixed point: no wake-ups until an input.
// sample(t) returns the grid value at ceil(t/dt) from the inputs received so far (exactly the
// state there when t is on the grid, as with the default report interval dt).
// Reference: Hodgkin & Huxley (1952) J. Physiol. 117:500; NEURON's hh mechanism (the same
// equations with el = -54.3 mV); docs/hodgkin_huxley.md.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/model.hpp"
#include "engine/population.hpp"

namespace memsnn::hodgkin_huxley {

enum class Input { exp_current, exp_conductance };
enum class Integrator { rk4, exponential_euler };

inline constexpr double kReferenceTemperature = 279.45;  // K, 6.3 degC: phi = 1
inline constexpr double kDefaultArea = 1e5;              // um2 = 1e-3 cm2

struct Params {
    double C_m = 1;                    // uF/cm2
    double g_Na = 120;                 // mS/cm2
    double g_K = 36;                   // mS/cm2
    double g_L = 0.3;                  // mS/cm2
    double E_Na = 50;                  // mV
    double E_K = -77;                  // mV
    double E_L = -54.387;              // mV
    double T = kReferenceTemperature;  // K
    double area = kDefaultArea;        // um2
    double I_e = 0;                    // nA
    double tau_syn_ex = 5;             // ms
    double tau_syn_in = 10;            // ms
    double E_ex = 0;                   // mV
    double E_in = -80;                 // mV
    double V_spike = 0;                // mV
    double V_rearm = -20;              // mV
    double lookahead = 1;              // ms

    double phi() const;  // temperature factor 3^((T - 279.45 K) / 10 K)
    // uA/cm2 per nA (and mS/cm2 per uS) through `area`: 1e5 / area [um2].
    double density_per_nA() const { return kDefaultArea / area; }
};

// The variables the ODE evolves.
struct Vars {
    double V_m = -65;  // mV
    double m = 0, h = 0, n = 0;
    double syn_ex = 0;  // I_syn_ex [nA] or g_ex [uS], by input variant
    double syn_in = 0;  // I_syn_in [nA] or g_in [uS]
    friend bool operator==(const Vars&, const Vars&) = default;
};

struct State {
    Vars x;                    // at grid point k
    double I_stim = 0;         // nA, step currents in effect from grid point k on
    std::int64_t k = 0;        // grid index: the state is at t = k dt
    bool armed = true;         // spike detector armed
    bool fixed_point = false;  // one step maps x onto itself bit for bit (and nothing pending)
    Tick spike = kNever;       // crossing found in the step into k, not yet emitted
};

// Rate functions [1/ms] at phi = 1, V in mV; the 0/0 points take their limits.
double alpha_n(double V);
double beta_n(double V);
double alpha_m(double V);
double beta_m(double V);
double alpha_h(double V);
double beta_h(double V);

// Steady-state gates alpha / (alpha + beta) at V.
Vars steady_state(double V);

// Ionic current density g_Na m^3 h (V - E_Na) + g_K n^4 (V - E_K) + g_L (V - E_L) [uA/cm2].
double ionic_current(const Params& p, double V, double m, double h, double n);

// Per-element constants of a step of dt ms: temperature factor, unit scale, synaptic decay.
struct StepConstants {
    double dt = 0.01;  // ms
    double phi = 1;
    double scale = 1;                   // uA/cm2 per nA
    double decay_ex = 1, decay_in = 1;  // e^{-dt/tau_syn}
    double half_ex = 1, half_in = 1;    // e^{-dt/(2 tau_syn)}
    double mean_ex = 1, mean_in = 1;    // mean of e^{-s/tau_syn} over [0, dt]
};
StepConstants step_constants(const Params& p, double dt_ms);

// One step of dt with the external current I [nA] (I_e + I_stim) constant over it.
Vars step_rk4(const Params& p, Input input, const StepConstants& c, const Vars& x, double I);
Vars step_exponential_euler(const Params& p, Input input, const StepConstants& c, const Vars& x,
                            double I);
Vars step(const Params& p, Input input, Integrator integrator, const StepConstants& c,
          const Vars& x, double I);

// Advances s to grid point k_target (> s.k), detecting crossings. With stop_at_spike it stops
// at the first grid point whose step crossed (s.spike then holds the emission tick).
void advance(const Params& p, Input input, Integrator integrator, const StepConstants& c, Tick dt,
             State& s, std::int64_t k_target, bool stop_at_spike);

ModelInfo model_info();

}  // namespace memsnn::hodgkin_huxley
