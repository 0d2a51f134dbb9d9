// SPDX-License-Identifier: MIT
// mtj_neuron — superparamagnetic magnetic tunnel junction (MTJ) neuron: the free layer flips
// at random between parallel (P, low resistance) and antiparallel (AP, high resistance) to the
// reference layer, a random telegraph process whose dwell times are thermally activated
// (Neel-Brown) and tilted by the spin-transfer torque of the current through the junction:
//   tau_P  = tau_0 exp[Delta (1 - I/I_c)]      mean dwell in P  (positive I destabilises P)
//   tau_AP = tau_0 exp[Delta (1 + I/I_c)]      mean dwell in AP
// I = I_e + I_stim + I_syn (the sign convention: positive current drives P -> AP). The neuron
// spikes at every P -> AP switch. `mode`:
//   telegraph  the junction returns to P by itself (free two-state process):
//              rate 1/(tau_P + tau_AP), largest at I = 0 (a bell-shaped tuning curve, cf.
//              Mizrahi et al. 2018); fraction of time in P = tau_P / (tau_P + tau_AP)
//   reset      the read circuit resets the junction to P at each spike (a reset pulse much
//              shorter than the dwell times, taken as instantaneous): intervals are P dwells,
//              rate 1/tau_P = exp[-Delta (1 - I/I_c)] / tau_0, rising with I (escape-rate neuron)
// Valid for |I| < I_c (thermally activated regime); beyond it the barrier is gone and the
// exponent is clamped at 0 (mean dwell tau_0).
//
// Sampling (exact, event-driven): each dwell has a clock E ~ Exp(1) drawn from the element's
// counter-based stream when the dwell starts; the hazard 1/tau(I) is piecewise constant between
// events, and the junction switches when the integrated hazard reaches E. When the current
// changes, the unused part of E carries over: by the memoryless property of the exponential
// the residual is again Exp(1), so this is the same as re-drawing the remaining dwell time at
// the new rate, without consuming random numbers (the result is exact in distribution for any
// piecewise-constant current, and deterministic for a seed whatever the inputs).
//
// Synaptic input: a spike of weight w [nA] adds a rectangular current pulse of amplitude w and
// duration t_syn to I_syn (pulse ends are handled inside the model, no engine event). Step
// currents add to I_stim.
// Parameters (name, default, unit, meaning):
//   tau_0  1 ns     attempt time              Delta  15    barrier E_b / k_B T (dimensionless)
//   I_c  100 uA     critical current          I_e  0 nA    constant bias current
//   t_syn  1 ms     synaptic pulse duration   mode   telegraph | reset
// Delta = 15 is at the edge of the superparamagnetic range (< 15, MODELS.md §1.5.4) and gives
// tau_P = tau_AP = 3.27 ms at I = 0, i.e. rates in the range of biological neurons.
// State: m (+1 P, -1 AP; init, default +1), the dwell clock. Recordable: m, I_in [nA].
// Transitions are applied at their exact times; the spike is emitted at the first 1 ps tick at
// or after the P -> AP switch (an AP -> P switch is a wake-up).
// References: Mizrahi et al. 2018 Nat. Commun. 9, 1533; Borders et al. 2019 Nature 573, 390;
// Brown 1963 (Neel-Brown thermal switching); MODELS.md §1.5.4.
#pragma once

#include <deque>

#include "engine/model.hpp"
#include "engine/population.hpp"
#include "engine/rng.hpp"

namespace memsnn::mtj_neuron {

enum class Mode { telegraph, reset };

struct Params {
    double tau_0 = 1e-6;  // ms (1 ns)
    double Delta = 15;    // 1
    double I_c = 1e5;     // nA (100 uA)
    double I_e = 0;       // nA
    double t_syn = 1;     // ms
};

struct Pulse {
    Tick end;
    double amplitude;  // nA
};

struct State {
    int m = 1;                 // +1 P, -1 AP
    double clock = 1;          // integrated hazard left in this dwell (starts as an Exp(1) draw)
    double I_stim = 0;         // nA
    double I_syn = 0;          // nA, sum of the active pulses
    std::deque<Pulse> pulses;  // active synaptic pulses, by end time
    int pending = 0;           // P -> AP switches not yet emitted as spikes
    Tick t_last = 0;
};

// Mean dwell times [ms] under a constant current I [nA] (exponent clamped at 0 beyond I_c).
double dwell_P(const Params& p, double I);
double dwell_AP(const Params& p, double I);

// Mean spike rate [Hz] under a constant current I.
double rate(const Params& p, Mode mode, double I);

// Total current [nA].
double current(const Params& p, const State& s);

// Advances to tick t: switches at their exact times, pulses end on their ticks.
void advance(const Params& p, Mode mode, State& s, Tick t, RandomStream& rng);

// The tick of the next switch (any direction) given no further input; kNever if none.
Tick next_switch(const Params& p, const State& s);

ModelInfo model_info();

}  // namespace memsnn::mtj_neuron
