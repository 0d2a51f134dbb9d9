// SPDX-License-Identifier: MIT
// pcm — phase-change memory cell (e.g. GST) as a statistical pulse-response model in the spirit
// of Nandakumar et al. 2018 (J. Appl. Phys. 124, 152135): gradual set by partial
// crystallisation, abrupt reset by melt-quench, power-law conductance drift, read noise.
// Unipolar: only the pulse amplitude |V| matters (Joule heating). I = G V (linear read).
//
//   V_set <= |V| < V_reset:  G <- G + mu(G) (1 + sigma_c xi),  mu(G) = mu_0 (G_max - G) / R
//   |V| >= V_reset:          G <- G_min (1 + sigma_r zeta)              (abrupt, from any G)
//   |V| < V_set:             no programming (the pulse time counts as drift time)
//   R = G_max - G_min,  xi, zeta ~ N(0, 1) from the device's own stream
//
// Without noise the set steps shrink geometrically: after p set pulses from G_0
//   G_p = G_max - (G_max - G_0)(1 - mu_0 / R)^p.
// The non-volatile level is x = (G - G_min) / R; the shared non-idealities act on it after the
// physics, and clip it to [0, 1] — so a noisy reset below G_min is clipped to G_min.
//
// Drift (Ielmini et al. 2007, IEEE TED 54, 308): after the end t_p of the last programming
// pulse (set or reset) the conductance decays as
//   G(t) = G_prog ((t - t_p) / t_0)^(-nu)     for t - t_p >= t_0,   G_prog for t - t_p < t_0,
// where G_prog is the programmed conductance, i.e. the one read at t_0 after the pulse (the law
// has no meaning at shorter times). Drift is applied lazily and exactly (ratio of the power law
// between the two ages) whenever time passes — at reads, samples and before the next pulse,
// whose step starts from the drifted conductance and restarts the drift clock. The drifted
// conductance is not clipped: it can fall below G_min.
// The initial state counts as programmed at t = 0. Any pulse at or above V_set restarts the
// drift clock, also one that the shared p_switch lets fail.
// Charge of a pulse: V t_pulse (G_before + G_after) / 2.
//
// Parameters (name, default, unit, meaning) — the noise and drift defaults are the ideal device:
//   G_min 0.1 uS, G_max 25 uS      reset (amorphous) / fully crystallised conductance
//   V_set 1 V, V_reset 2 V         set (crystallisation) and reset (melting) pulse amplitudes
//   mu_0  2.5 uS                   set step at G_min (<= G_max - G_min)
//   sigma_c 0                      relative spread of each set step (typical 0.3 ... 1)
//   sigma_r 0                      relative spread of the reset conductance
//   nu 0                           drift exponent (typical 0.05, range 0.01 ... 0.1)
//   t_0  1 ms                      drift reference time after programming
// Read noise: the shared sigma_read. Init: x (default 0). Variables: G [uS], x, age [ms] (time
// since the last programming pulse).
#pragma once

#include "engine/model.hpp"
#include "engine/rng.hpp"

namespace memsnn::pcm {

struct Params {
    double G_min = 0.1;     // uS
    double G_max = 25;      // uS
    double V_set = 1000;    // mV
    double V_reset = 2000;  // mV
    double mu_0 = 2.5;      // uS
    double sigma_c = 0;
    double sigma_r = 0;
    double nu = 0;
    double t_0 = 1;  // ms
};

struct State {
    double x = 0;    // (G - G_min) / (G_max - G_min), including drift
    double age = 0;  // ms since the end of the last programming pulse
};

double conductance(const Params& p, const State& s);
// Drift over dt [ms] without bias.
void relax(const Params& p, State& s, double dt);
// Applies |V| [mV] for dt [ms]; returns the charge [pC].
double drive(const Params& p, State& s, double V, double dt, RandomStream& rng);

ModelInfo model_info();

}  // namespace memsnn::pcm
