// SPDX-License-Identifier: MIT
// diffusive_lif — leaky integrate-and-fire neuron built from a volatile (Ag-based, diffusive)
// threshold switch D across a parallel-RC integrator (Wang Z. et al. 2018). Event-driven, no
// time step, no t_ref: refractoriness emerges from the relaxing device.
//
//   C dV/dt = I_e + I_stim - V / R_p - G_D(t) V
//   OFF (relaxing): G_D(t) = G_off + g_x(t), g_x decays as dg_x/dt = -g_x / tau_relax
//   ON:             G_D = G_on
// Switching OFF -> ON (the spike) is a voltage-dependent delay: at constant V >= V_th the
// switch closes after t_d = t_0 exp(-(V - V_th) / V_0). With V varying (an input, the RC
// charge, the relaxing device) the delay generalises to the incubation integral
//   H(t) = int ds / t_d(V(s)) over the time with V >= V_th;  switch when H reaches E,
// E = 1 (switching: deterministic; H restarts from 0 whenever V falls below V_th) or E ~ Exp(1)
// drawn from the element's counter-based stream (switching: stochastic; a Poisson switching
// event with rate 1/t_d(V): an exponential waiting time with mean t_d at constant V).
// ON -> OFF when V has discharged through G_on to V_hold: then g_x = G_on - G_off, so
// G_D(t) = G_off + (G_on - G_off) e^{-t/tau_relax} after the drop. While G_D is large the
// capacitor cannot recharge (V < I / (1/R_p + G_D(t)) whenever V rises), hence the refractory
// period: an ISI is at least tau_relax ln[(G_on - G_off) / (I / V_th - 1/R_p - G_off)].
// Rheobase: I_rh = V_th (1/R_p + G_off); the neuron latches ON when I >= V_hold (1/R_p + G_on).
//
// Parameters (name, default, unit, meaning) — MODELS.md §1.5.1 defaults:
//   C        1 nF     integrating capacitor        R_p   10 MOhm  parallel (leak) resistor
//   G_off    1 nS     relaxed device conductance   G_on 100 uS   ON conductance (> G_off)
//   V_th   0.5 V      switching threshold          V_hold 0.1 V  hold voltage (< V_th)
//   tau_relax 1 ms    filament relaxation time     I_e    0 nA   constant bias current
//   t_0      1 us     switching delay at V_th      V_0  0.1 V    delay voltage scale
//   switching  deterministic | stochastic
// Synaptic input: a spike of weight w [mV] makes V_C jump by w (a charge C w). Step currents
// add to I_stim.
// State: V_C [mV] (init, default 0 mV), device ON/OFF, excess conductance g_x [uS], the
// incubation integral H and its target E. Recordable: V_C [mV], G_D [uS], s (1 ON, 0 OFF), I_D
// [nA] (the output current G_D V_C).
//
// Integration (exact up to rounding; the unit test finds < 1e-12 relative from a fine RK4):
//   ON: closed-form RC exponential, hold time tau_on ln[(V - V_inf)/(V_hold - V_inf)].
//   OFF: linear ODE with the integrating factor K(t) = (g_L t + g_x tau_relax (1 -
//   e^{-t/tau_r}))/C,
//     V(t) = V0 e^{-K(t)} + (I/C) int_0^t e^{K(s)-K(t)} ds.
//     While b = g_x tau_relax / C > 1 the integral is 16-point Gauss-Legendre on sub-steps of
//     at most min(8 C/(g_L + g_x), tau_relax / 2) (error ~1e-25 relative per sub-step); once
//     b <= 1 the closed form from expanding exp(-b e^{-t/tau_r}) in powers of b is used, a fast
//     convergent series valid for any t (no step), reducing to the RC exponential when g_x = 0.
//   Threshold: between inputs V has at most one turning point while V > 0 (a minimum, because
//     G_D only decreases), so the times with V >= V_th are one interval before the minimum and
//     one after it; crossings are found to the last double (safeguarded Newton, bisection),
//     the incubation integral is Gauss-Legendre on pieces over which V changes by < V_0 / 2,
//     and the switch time is its root. The spike is emitted at the first 1 ps tick at or after
//     the switch; transitions are applied at their exact times (the ON -> OFF one is a
//     wake-up). While b > 1 a prediction looks at most four sub-steps ahead and otherwise asks
//     for a wake-up there, so inputs during the relaxation cost a bounded search.
// Equal-time behaviour: inputs at one instant are applied before the switch test.
// References: Wang Z. et al. 2018 Nat. Electron. 1, 137 (diffusive-memristor LIF neuron);
// Wang W. et al. 2019 Nat. Commun. 10, 81 (relaxation); MODELS.md §1.5.1.
#pragma once

#include "engine/model.hpp"
#include "engine/population.hpp"
#include "engine/rng.hpp"

namespace memsnn::diffusive_lif {

enum class Switching { deterministic, stochastic };

struct Params {
    double C = 1;          // nF
    double R_p = 10;       // MOhm
    double G_off = 0.001;  // uS
    double G_on = 100;     // uS
    double V_th = 500;     // mV
    double V_hold = 100;   // mV
    double tau_relax = 1;  // ms
    double t_0 = 0.001;    // ms
    double V_0 = 100;      // mV
    double I_e = 0;        // nA

    double g_L() const { return 1 / R_p + G_off; }  // uS, leak with the device relaxed
    double g_on() const { return 1 / R_p + G_on; }  // uS, leak with the device ON
};

struct State {
    double V = 0;       // mV, at t_last
    bool on = false;    // device ON (conducting filament)
    double g_x = 0;     // uS, G_D - G_off while OFF (decaying), at t_last
    double H = 0;       // incubation integral so far
    double E = 1;       // incubation target: 1, or an Exp(1) draw (stochastic)
    double I_stim = 0;  // nA
    int pending = 0;    // OFF -> ON switches not yet emitted as spikes
    Tick t_last = 0;
};

// Device conductance [uS].
double device_conductance(const Params& p, const State& s);

// Switching delay [ms] at constant V >= V_th.
double switching_delay(const Params& p, double V);

// ON phase: V after dt ms, and the time [ms] until V falls to V_hold (+inf when it never does).
double evolve_on(const Params& p, double V0, double I, double dt);
double time_to_hold(const Params& p, double V0, double I);

// OFF phase without switching: V after t ms from V0 with excess conductance g_x0 [uS] under a
// constant current I [nA].
double evolve_off(const Params& p, double V0, double g_x0, double I, double t);

// The OFF phase with incubation for at most `horizon` ms (may be +inf): stops at the switch.
struct OffRun {
    bool switched = false;
    double t = 0;    // ms: time of the switch, or the horizon
    double V = 0;    // mV at t
    double g_x = 0;  // uS at t
    double H = 0;    // incubation integral at t
};
OffRun run_off(const Params& p, Switching mode, double V0, double g_x0, double H0, double E,
               double I, double horizon);

// Instantaneous transitions after an input (ON with V <= V_hold starts the relaxation).
void settle(const Params& p, State& s);

// Advances to tick t, applying every transition at its exact time (new incubation targets of
// the stochastic mode are drawn from `rng`).
void advance(const Params& p, Switching mode, State& s, Tick t, RandomStream& rng);

ModelInfo model_info();

}  // namespace memsnn::diffusive_lif
