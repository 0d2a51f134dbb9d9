// SPDX-License-Identifier: MIT
// mott_oscillator — threshold-switch (Mott insulator-metal transition, NbO2 / VO2) relaxation
// oscillator neuron: a capacitor C in parallel with a volatile threshold switch D, fed by a
// current I and by a voltage V_dc through a series resistor R_s. Event-exact, no time step.
//
//   C dV/dt = J - g(s) V,   J = I_e + I_stim + V_dc / R_s,   g(s) = 1/R_s + 1/R_D(s)
//   R_D = R_off while the switch is OFF, R_on while it is ON
//   OFF -> ON when V reaches V_th (the spike, time-stamped at that instant)
//   ON -> OFF when V falls to V_hold (no spike)
// In each state V relaxes exponentially to V_inf(s) = J / g(s) with tau(s) = C / g(s), so
// (MODELS.md §1.5.2 in Norton form; R_s || R_D is the R_eq of the reference):
//   t_up = tau_off ln[(V_inf,off - V_hold) / (V_inf,off - V_th)]    charging, OFF
//   t_dn = tau_on  ln[(V_th - V_inf,on) / (V_hold - V_inf,on)]      discharging, ON
//   period T = t_up + t_dn; no oscillation when V_inf,off <= V_th (all-or-none onset); the
//   device latches ON after one spike when V_inf,on >= V_hold (too much drive).
//
// Parameters (name, default, unit, meaning):
//   C       10 nF      capacitor in parallel with the switch
//   R_on     1 kOhm    ON resistance of the switch       R_off  100 kOhm  OFF resistance
//   R_s      1 MOhm    series resistor from the V_dc source (a load to ground when V_dc = 0)
//   V_dc     0 V       supply behind R_s                 I_e      0 nA    constant bias current
//   V_th   1.8 V       OFF -> ON threshold               V_hold 1.3 V     ON -> OFF hold voltage
// With the defaults the onset current is V_th (1/R_s + 1/R_off) = 19.8 uA (cf. Pickett 2013's
// 20 uA bias), and the device latches ON above V_hold (1/R_s + 1/R_on) = 1.3 mA.
// Synaptic input: a spike of weight w [mV] makes V_C jump by w (a charge C w onto the
// capacitor). A jump to V >= V_th while OFF switches the device at once (spike at the arrival);
// a jump to V <= V_hold while ON switches it OFF at once. Step currents add to I_stim.
// State: V_C [mV] (init, default 0 mV), switch state s (0 OFF, 1 ON; starts OFF).
// Recordable: V_C [mV], s, I_D [nA] (current through the switch, V_C / R_D).
//
// Integration: closed form between events; transitions are applied at their exact continuous
// time inside `advance`, so the oscillation phase carries no tick rounding; each transition is
// predicted at the first 1 ps tick at or after it (the ON -> OFF one as a wake-up).
// Equal-time behaviour: inputs at one instant are applied before the threshold test
// (engine/event.hpp); a spike at t arrives at its targets after their delay.
// References: Pickett & Williams 2012 (Nanotechnology 23, 215202) and Pickett et al. 2013
// (Nat. Mater. 12, 114) for the threshold-switch relaxation oscillator; S4 Fig. 18 (V_hold of
// NbOx about 1.3 V). Numbers otherwise DEFAULT (docs/memristive_neurons.md).
#pragma once

#include "engine/model.hpp"
#include "engine/population.hpp"

namespace memsnn::mott_oscillator {

struct Params {
    double C = 10;         // nF
    double R_on = 0.001;   // MOhm
    double R_off = 0.1;    // MOhm
    double R_s = 1;        // MOhm
    double V_dc = 0;       // mV
    double V_th = 1800;    // mV
    double V_hold = 1300;  // mV
    double I_e = 0;        // nA
};

struct State {
    double V = 0;       // mV, at t_last
    bool on = false;    // switch state
    double I_stim = 0;  // nA, step currents
    int pending = 0;    // OFF -> ON transitions not yet emitted as spikes
    Tick t_last = 0;
};

// Total conductance at the node [uS] in switch state `on`.
double conductance(const Params& p, bool on);

// Norton drive current J = I + V_dc / R_s [nA] for a bias current I [nA].
double drive(const Params& p, double I);

// Asymptotic voltage J / g [mV] in switch state `on` under bias current I.
double v_inf(const Params& p, bool on, double I);

// V after dt ms in a fixed switch state.
double evolve(const Params& p, bool on, double V0, double I, double dt);

// Time [ms] until the next transition from V0 in state `on` (0 when V0 is already past the
// transition voltage, +inf when V_inf never reaches it).
double time_to_transition(const Params& p, bool on, double V0, double I);

// Closed forms of the limit cycle under bias current I: charging time V_hold -> V_th, discharging
// time V_th -> V_hold, and the period (+inf below onset or when the device latches ON).
double t_up(const Params& p, double I);
double t_dn(const Params& p, double I);
double period(const Params& p, double I);

// Applies instantaneous transitions (OFF with V >= V_th, ON with V <= V_hold).
void settle(const Params& p, State& s);

// Advances to tick t, applying every transition at its exact time.
void advance(const Params& p, State& s, Tick t);

ModelInfo model_info();

}  // namespace memsnn::mott_oscillator
