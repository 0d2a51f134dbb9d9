// SPDX-License-Identifier: MIT
// stdp — pair-based spike-timing-dependent plasticity with an exponential window
// (Bi & Poo 1998; Song, Miller & Abbott 2000; schemes after Morrison, Diesmann & Gerstner 2008).
//
//   dt = t_post - t_pre:   dw = +A_plus  f+(w) exp(-dt / tau_plus)    for dt >= 0
//                          dw = -A_minus f-(w) exp( dt / tau_minus)   for dt < 0
//   f+(w) = ((w_max - w) / (w_max - w_min))^mu_plus,  f-(w) = ((w - w_min) / (w_max -
//   w_min))^mu_minus (mu = 0: additive with hard bounds; mu = 1: multiplicative / soft bounds; else
//   Guetig power law), then w is clipped to [w_min, w_max].
//
// Pairing (`pairing`):
//   all_to_all         every pre pairs with every post (traces x, y incremented by 1)
//   nearest_symmetric  each post pairs with the latest preceding pre, each pre with the latest
//                      preceding post (traces reset to 1)
//   nearest_reduced    a pair counts only when the two spikes are immediate neighbours: only the
//                      first post after a pre potentiates and only the first pre after a post
//                      depresses, so potentiation and depression alternate
//
// Parameters: A_plus, A_minus, w_min (0), w_max in the unit of the target's weights (mV, nA or
// uS); tau_plus 16.8 ms, tau_minus 33.7 ms (Bi & Poo data as used by Pfister & Gerstner 2006);
// mu_plus, mu_minus 0.
// State: per synapse the pre trace x and its time; per target neuron the post trace y and its
// time. Traces decay exactly between events (x(t) = x(t0) exp(-(t - t0)/tau)).
// Timing and equal-time convention: see engine/plasticity.hpp (pre at the synapse = arrival;
// simultaneous pre and post count as pre-before-post, dt = 0 potentiates).
#pragma once

#include "engine/model.hpp"

namespace memsnn::stdp {

enum class Pairing { all_to_all, nearest_symmetric, nearest_reduced };

struct Params {
    double A_plus = 0.01;
    double A_minus = 0.0105;
    double tau_plus = 16.8;   // ms
    double tau_minus = 33.7;  // ms
    double w_min = 0;
    double w_max = 1;
    double mu_plus = 0;
    double mu_minus = 0;
    Pairing pairing = Pairing::all_to_all;
};

// Weight after potentiation by `trace` (the pre trace at the post spike).
double potentiate(const Params& p, double w, double trace);
// Weight after depression by `trace` (the post trace at the pre spike).
double depress(const Params& p, double w, double trace);

ModelInfo model_info();

}  // namespace memsnn::stdp
