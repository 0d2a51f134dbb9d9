// SPDX-License-Identifier: MIT
// hp_drift — HP linear ion-drift memristor (Strukov et al. 2008) with optional window functions.
//
//   V = R(x) I,   R(x) = R_on x + R_off (1 - x)
//   dx/dt = I F(x) / Q_0,   Q_0 = D^2 / (mu_v R_on)   (the charge that sweeps x from 0 to 1)
//
// State: x = w / D in [0, 1], the doped fraction; x = 1 is the conducting ON state (R_on).
// Polarity: positive current (positive V) moves x toward ON, negative toward OFF.
// Current-controlled, no threshold: any non-zero voltage moves the state. F is the window
// `window` of synapses/window.hpp (none | strukov | joglekar | biolek | prodromakis, exponent p,
// scale j); biolek uses the sign of the current.
//
// Parameters (Biolek et al. 2009 SPICE defaults):
//   R_on    100 Ohm   resistance at x = 1          R_off   16 kOhm   resistance at x = 0
//   R_init  11 kOhm   initial resistance (x0 = (R_off - R_init) / (R_off - R_on))
//   Q_0     100 uC    = D^2 / (mu_v R_on) with D = 10 nm, mu_v = 1e-14 m^2/(V s), R_on = 100 Ohm
//                     (given as a charge: D and mu_v enter only through Q_0, and Q_0 does not
//                     follow a changed R_on by itself)
//   window  none | ...     p 10 window exponent     j 1 window scale (prodromakis)
// Init: x (default: from R_init). Variables: G = 1 / R(x) [uS], x.
//
// Integration, per piecewise-constant segment V: window none has a closed form. With the charge
// q = Q_0 (x - x0) and R0 = R(x0), Delta = R_off - R_on, R(q) dq/dt = V with R(q) = R0 - Delta
// q / Q_0 integrates to R0 q - Delta q^2 / (2 Q_0) = V t, so
//   q(t) = 2 V t / (R0 + sqrt(R0^2 - 2 Delta V t / Q_0)),   x(t) = x0 + q(t) / Q_0,
// until x reaches its bound (1 for V > 0, 0 for V < 0) at t_b = Q_0 |int_x0^bound R(u) du| / |V|;
// afterwards x stays there and the charge grows by V / R(bound) per ms. With a window: classical
// RK4 on (x, q), dx/dt = V F(x) / (Q_0 R(x)), dq/dt = V / R(x), on sub-steps (sized at their
// start) that move x by at most 1e-3 F / max F and R by at most 0.1 % (the rate is stiff near
// R_on), x clipped to [0, 1]; once x stops moving (the window vanishes at a bound) the rest of
// the segment conducts at R(x).
// References: Strukov, Snider, Stewart & Williams (2008) Nature 453:80; Biolek, Biolek &
// Biolkova (2009) Radioengineering 18:210; windows as in synapses/window.hpp.
#pragma once

#include "engine/model.hpp"
#include "synapses/window.hpp"

namespace memsnn::hp_drift {

struct Params {
    double R_on = 1e-4;     // MOhm
    double R_off = 0.016;   // MOhm
    double R_init = 0.011;  // MOhm
    double Q_0 = 1e8;       // pC
    window::Kind window = window::Kind::none;
    double p = 10;  // window exponent
    double j = 1;   // window scale (prodromakis)
};

struct State {
    double x = 0;
};

// R(x) [MOhm] and G(x) = 1 / R(x) [uS].
double resistance(const Params& p, double x);
double conductance(const Params& p, const State& s);
// Drives the state with V [mV] for dt [ms]; returns the charge [pC].
double drive(const Params& p, State& s, double V, double dt);

ModelInfo model_info();

}  // namespace memsnn::hp_drift
