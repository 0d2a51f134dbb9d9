// SPDX-License-Identifier: MIT
// pulse_map — behavioural pulse-response (update-map) device: each programming pulse whose
// amplitude reaches a threshold moves the conductance by one step of a state-dependent map,
// parameterised separately for potentiation (LTP) and depression (LTD). No threshold crossing,
// no change; no volatility. I = G V (linear read).
//
//   V >= V_p (> 0): one LTP step    V <= V_d (< 0): one LTD step    otherwise: nothing
//   x = (G - G_min) / (G_max - G_min) in [0, 1],   R = G_max - G_min
//
// Maps (`map`), with p/d parameters for LTP/LTD:
//   linear       dG+ = R / N_p,   dG- = -R / N_d   (exactly N pulses sweep the range)
//   nonlinear    linearity-coefficient model (Chen et al. 2015, NeuroSim):
//                G_P(p) = B (1 - e^{-p/A}) + G_min,  B = R / (1 - e^{-P_max/A}), P_max = N_p;
//                step form dG+ = (B_p + G_min - G)(1 - e^{-1/A_p}),
//                          dG- = -(G - G_max + B_d)(1 - e^{-1/A_d}),  B_d with N_d and A_d.
//                G after p LTP pulses from G_min is G_P(p); N_p pulses sweep the range exactly.
//   soft_bound   dG+ = alpha_p (G_max - G),   dG- = -alpha_d (G - G_min);
//                after p LTP pulses G = G_max - (G_max - G_0)(1 - alpha_p)^p.
//   exponential  (Querlioz et al. 2011, 2013)
//                dG+ = dG0_p exp(-beta_p (G - G_min) / R),
//                dG- = -dG0_d exp(-beta_d (G_max - G) / R)
// G is clipped to [G_min, G_max] after each step.
//
// One pulse (one non-zero segment of a waveform) is one step regardless of its width, unless
// t_ref_pulse > 0: then the step is scaled by t_pulse / t_ref_pulse, each segment from the state
// at its start (so a shaped waveform of many short above-threshold segments moves G about as
// much as one pulse of their total width; exactly so for the linear map).
// Charge: V t_pulse (G_before + G_after) / 2 (G assumed to move linearly during the pulse).
//
// Parameters (name, default, unit, meaning):
//   map   linear | nonlinear | soft_bound | exponential
//   G_min 1 uS, G_max 100 uS       conductance range
//   V_p   0.5 V, V_d -0.5 V        LTP / LTD pulse thresholds
//   N_p, N_d      100              pulses for the full range (linear, nonlinear: P_max)
//   A_p, A_d      50               nonlinear: pulse constant (A -> inf is linear; nu = N / A)
//   alpha_p, alpha_d  0.02         soft_bound: fraction of the remaining range per pulse
//   dG0_p, dG0_d  1 uS             exponential: step at the starting bound (alpha in Querlioz)
//   beta_p, beta_d    3            exponential: state-dependence of the step
//   t_ref_pulse   0 ms             width scaling reference (0: off, one pulse = one step)
// Parameters of another map than the chosen one are rejected when given.
// Init: x (default 0). Variables: G [uS], x.
#pragma once

#include "engine/model.hpp"

namespace memsnn::pulse_map {

enum class Map { linear, nonlinear, soft_bound, exponential };

struct Params {
    Map map = Map::linear;
    double G_min = 1;    // uS
    double G_max = 100;  // uS
    double V_p = 500;    // mV
    double V_d = -500;   // mV
    double N_p = 100, N_d = 100;
    double A_p = 50, A_d = 50;
    double alpha_p = 0.02, alpha_d = 0.02;
    double dG0_p = 1, dG0_d = 1;  // uS
    double beta_p = 3, beta_d = 3;
    double t_ref_pulse = 0;  // ms; 0 = one pulse, one step
};

struct State {
    double x = 0;
};

double conductance(const Params& p, const State& s);
// The change of the normalised state x by one full LTP (up = true) or LTD step, unclipped.
double step(const Params& p, double x, bool up);
// Applies V [mV] for dt [ms]; returns the charge [pC].
double drive(const Params& p, State& s, double V, double dt);

ModelInfo model_info();

}  // namespace memsnn::pulse_map
