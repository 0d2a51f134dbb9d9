// SPDX-License-Identifier: MIT
// rram — bipolar filamentary RRAM cell (1T1R, transistor fully on) as a pulse-response model:
// set at positive, reset at negative top-electrode voltage; the set compliance current I_C
// limits the filament and so fixes the low-resistance state (Ielmini 2011, IEEE TED 58, 4309):
//
//   G_LRS = I_C / V_C          (V_C: the critical voltage of filament growth)
//   x = (G - G_HRS) / (G_LRS - G_HRS) in [0, 1],   I = G V (linear read)
//
// Modes (`mode`):
//   binary    V >= V_set:      G <- G_LRS
//             V <= -V_reset:   G <- G_HRS
//   gradual   V >= V_set:      G <- G + gamma_set (G_LRS - G)                 (toward G_LRS)
//             V <= -V_reset:   G <- G - gamma_reset (G - G_floor(|V|))  if G > G_floor
//             G_floor(|V|) = max(G_HRS, G_LRS exp(-(|V| - V_reset) / dV_reset)):
//             the reset stops at a conductance that falls with the pulse depth (deeper |V| →
//             lower final G); the step shrinks as G approaches it (state-dependent).
//   otherwise nothing. Neither mode potentiates beyond G_LRS nor depresses below G_HRS, so a set
//   pulse at LRS and a reset pulse at HRS change nothing.
// Stochastic set/reset: the shared p_switch (probability that a programming pulse takes effect);
// cycle-to-cycle spread: the shared sigma_c2c; one- or multi-bit cells: the shared levels.
// Charge of a pulse: V t_pulse (G_before + G_after) / 2.
//
// Parameters (name, default, unit, meaning):
//   mode    binary | gradual
//   G_HRS   10 uS               high-resistance state
//   I_C     50 uA, V_C 0.5 V    set compliance current and critical voltage (G_LRS = 100 uS)
//   V_read  0.1 V               read voltage of the recorded read current I_read
//   V_set   1 V, V_reset 1.5 V  set (V >= V_set) and reset (V <= -V_reset) thresholds
//   gamma_set 0.5, gamma_reset 0.5, dV_reset 0.2 V   gradual mode only
// Init: x (default 0, HRS). Variables: G [uS], x, I_read [nA].
#pragma once

#include "engine/model.hpp"

namespace memsnn::rram {

enum class Mode { binary, gradual };

struct Params {
    Mode mode = Mode::binary;
    double G_HRS = 10;      // uS
    double I_C = 50000;     // nA
    double V_C = 500;       // mV
    double V_read = 100;    // mV
    double V_set = 1000;    // mV
    double V_reset = 1500;  // mV, magnitude
    double gamma_set = 0.5;
    double gamma_reset = 0.5;
    double dV_reset = 200;  // mV
};

struct State {
    double x = 0;
};

// Compliance-limited low-resistance state [uS].
inline double G_LRS(const Params& p) {
    return p.I_C / p.V_C;
}  // nA / mV = uS
double conductance(const Params& p, const State& s);
// Where a gradual reset at amplitude V [mV] (V <= -V_reset) stops [uS].
double reset_floor(const Params& p, double V);
// Applies V [mV] for dt [ms]; returns the charge [pC].
double drive(const Params& p, State& s, double V, double dt);

ModelInfo model_info();

}  // namespace memsnn::rram
