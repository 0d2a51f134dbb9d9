// SPDX-License-Identifier: MIT
// vteam — VTEAM voltage-controlled threshold drift memristor (Kvatinsky et al. 2015).
//
//   dx/dt = +k_on  (V/v_on  - 1)^alpha_on  F(x)    for V < v_on < 0     (toward ON,  x -> 1)
//   dx/dt = -k_off (V/v_off - 1)^alpha_off F(x)    for V > v_off > 0    (toward OFF, x -> 0)
//   dx/dt = 0                                      for v_on <= V <= v_off (x EXACTLY unchanged)
//   I = V / R(x),  iv = linear:       R = R_on x + R_off (1 - x)
//                  iv = exponential:  R = R_on exp(lambda (1 - x)),  lambda = ln(R_off / R_on)
//
// State: x in [0, 1], x = 1 the conducting ON state (R_on), x = 0 OFF (R_off); in VTEAM's width w,
// x = (w_off - w) / (w_off - w_on). Polarity (VTEAM's): a voltage below v_on (negative) moves
// the device toward ON, a voltage above v_off (positive) toward OFF. k_on, k_off are the
// magnitudes of the rates of x (VTEAM writes k_on < 0 because w decreases toward ON).
// F is the window `window` of synapses/window.hpp (none | strukov | joglekar | biolek |
// prodromakis, exponent p, scale j); biolek uses the direction of motion of x.
//
// Parameters (memsnn defaults, not a fitted device: a 1 V, 1 us pulse moves x by 0.01 and the
// conductance spans 1..100 uS like `linear`):
//   v_on     -0.5 V    ON threshold (< 0)         v_off      0.5 V   OFF threshold (> 0)
//   k_on     10 kHz    ON rate of x               k_off     10 kHz   OFF rate of x
//   alpha_on  3        ON exponent                alpha_off  3       OFF exponent
//   R_on     10 kOhm   resistance at x = 1        R_off      1 MOhm  resistance at x = 0
//   iv  linear | exponential     window  none | ...     p 10 window exponent     j 1 scale
// Init: x (default 0, OFF). Variables: G [uS], x.
//
// Integration, per piecewise-constant segment: below threshold nothing moves (the charge is
// V t / R). Window none: x is linear in t (exact) until it reaches its bound, and the charge is
// the exact integral of V / R(x(t)):  with s = dx/dt, Delta = R_off - R_on,
//   linear       q = V ln(R(x0) / R(x1)) / (s Delta),
//   exponential  q = V (G(x1) - G(x0)) / (s lambda),
// plus V t / R(bound) for the rest of the segment. Other windows: classical RK4 on (x, q) with
// dq/dt = V / R(x), on sub-steps (sized at their start) that move x by at most 1e-3 F / max F
// and R by at most 0.1 %, x clipped to [0, 1]; once x stops moving (the window vanishes at a
// bound) the rest of the segment conducts at R(x).
// Reference: Kvatinsky, Ramadan, Friedman & Kolodny (2015) IEEE TCAS-II 62:786 (VTEAM);
// windows: Strukov et al. (2008), Joglekar & Wolf (2009), Biolek et al. (2009), Prodromakis et
// al. (2011).
#pragma once

#include "engine/model.hpp"
#include "synapses/window.hpp"

namespace memsnn::vteam {

enum class IV { linear, exponential };

struct Params {
    double v_on = -500;    // mV
    double v_off = 500;    // mV
    double k_on = 1e4;     // Hz
    double k_off = 1e4;    // Hz
    double alpha_on = 3;   // 1
    double alpha_off = 3;  // 1
    double R_on = 0.01;    // MOhm
    double R_off = 1;      // MOhm
    IV iv = IV::linear;
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
// dx/dt [1/ms] without the window: 0 between the thresholds.
double rate(const Params& p, double V);
// Drives the state with V [mV] for dt [ms]; returns the charge [pC].
double drive(const Params& p, State& s, double V, double dt);

ModelInfo model_info();

}  // namespace memsnn::vteam
