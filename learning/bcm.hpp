// SPDX-License-Identifier: MIT
// bcm — Bienenstock–Cooper–Munro rate rule with a sliding threshold, driven by spikes
// (Bienenstock, Cooper & Munro 1982; spike form after Izhikevich & Desai 2003).
//
//   dw/dt = eta x y (y - theta),   theta = <y^2> / y_0
//
// with the rates estimated by exponential traces: x_i (presynaptic, tau_x) and y_j
// (postsynaptic, tau_y) jump by 1/tau at each spike, so they read in Hz. With the postsynaptic
// activity a spike train, y dt integrates to one per postsynaptic spike, and the rule becomes
//   at each postsynaptic spike of neuron j:  w_ij += eta x_i (y_j - theta_j)   for every input i,
// y_j read before the spike's own increment. The sliding threshold low-passes y^2 / y_0:
//   tau_theta dtheta/dt = y^2 / y_0 - theta,
// solved exactly between spikes (y^2 decays with tau_y / 2):
//   theta(t) = theta_0 e^{-t/tau_theta}
//              + (Y^2 / y_0) (e^{-2t/tau_y} - e^{-t/tau_theta}) / (1 - 2 tau_theta / tau_y).
// A neuron firing steadily at rate r above y_0 pushes theta above r and depresses its inputs;
// below y_0 it potentiates them: the rate settles near y_0 (homeostasis), and inputs that are
// active when the neuron fires above threshold grow at the expense of the others (selectivity).
//
// Parameters: eta (weight per Hz^2, in the target's weight unit), tau_x 50 ms, tau_y 50 ms,
// tau_theta 1 s, y_0 10 Hz, theta_0 (initial threshold, default y_0), w_min 0, w_max 1.
// State: per synapse x; per target neuron y and theta, each with the time it was last updated.
// Equal-time convention: see engine/plasticity.hpp (a presynaptic arrival at the instant of a
// postsynaptic spike is counted in x before the update).
#pragma once

#include "engine/model.hpp"

namespace memsnn::bcm {

struct Params {
    double eta = 1e-6;        // weight unit / Hz^2
    double tau_x = 50;        // ms
    double tau_y = 50;        // ms
    double tau_theta = 1000;  // ms
    double y_0 = 10;          // Hz
    double theta_0 = 10;      // Hz
    double w_min = 0;
    double w_max = 1;
};

// The sliding threshold after `dt` ms, from theta and the postsynaptic rate y [Hz] at the start.
double theta_after(const Params& p, double theta, double y, double dt);

ModelInfo model_info();

}  // namespace memsnn::bcm
