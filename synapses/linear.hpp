// SPDX-License-Identifier: MIT
// linear — the ideal linear memristor: flux-controlled, no threshold, no volatility.
//
//   dx/dt = V / Phi_0,   x in [0, 1] (clipped),   G = G_min + (G_max - G_min) x,   I = G V
//
// A pulse of amplitude V and width t_p moves x by V t_p / Phi_0 exactly; the charge is the exact
// integral of G(x(t)) V over the pulse (x is linear in t between clip points).
//
// Parameters: G_min 1 uS, G_max 100 uS, Phi_0 100 uWb (flux that sweeps the whole range, e.g.
// 100 pulses of 1 V x 1 us). Init: x (default 0). Variables: G [uS], x.
#pragma once

#include "engine/model.hpp"
#include "engine/units.hpp"

namespace memsnn::linear {

struct Params {
    double G_min = 1;    // uS
    double G_max = 100;  // uS
    double Phi_0 = 100;  // mV ms (= 100 uWb)
};

struct State {
    double x = 0;
};

double conductance(const Params& p, const State& s);
// Drives the state with V [mV] for dt [ms]; returns the charge [pC].
double drive(const Params& p, State& s, double V, double dt);

ModelInfo model_info();

}  // namespace memsnn::linear
