// SPDX-License-Identifier: MIT
// triplet_pulses — triplet STDP on a second-order memristor (Pfister & Gerstner 2006 mapped
// onto device physics, after Kim et al. 2015 and Wang Z. et al. 2020): both neurons emit the
// same short pulse on their own line, so the presynaptic pulse crosses the device with one
// polarity and the postsynaptic pulse with the other (non-overlap STDP). The device supplies
// the fast traces; the neurons' drivers supply the slow ones as pulse amplitudes.
//
// Mapping of the triplet model's variables (second_order device, synapses/second_order.hpp):
//   r1, o1 (fast pre/post traces, tau_plus, tau_minus)  ->  the device's residual heat T_res,
//          which every pulse raises and which decays with tau_T: a pulse finds the heat of the
//          spikes before it, and its drift grows as exp(-E_a / k_B (T_0 + dT_p + T_res)).
//          One physical variable serves both traces, so tau_plus = tau_minus = tau_T.
//   A2+, A2-  ->  the Arrhenius enhancement of a pulse by residual heat (pair terms).
//   r2, o2 (slow pre/post traces, tau_x, tau_y)  ->  traces held by the neuron's pulse driver
//          (all_to_all: +1 per spike; nearest: reset to 1), read before the spike's own
//          increment, that scale the amplitude of its next pulse:
//            presynaptic pulse   V_pre  = pulse * (1 + beta_minus * r2)
//            postsynaptic pulse  V_post = pulse * (1 + beta_plus  * o2)
//          A larger pulse heats more (dT_p ~ V^2) and drifts faster: the triplet terms A3+, A3-.
// So a post spike that follows a pre spike potentiates (pair), more so when other post spikes
// came shortly before (triplet); with beta_plus = beta_minus = 0 the rule is the plain
// non-overlap pair rule of post_pulses with identical pre and post pulses.
// Time scale: the window is set by tau_T (500 ns by default), so biological protocols run
// compressed by tau_T / tau_plus; tau_x and tau_y are given on the same compressed scale.
//
// Parameters: pulse (waveform, required; e.g. 100 ns at -1 V — the voltage on the neuron's own
// line), beta_plus 0, beta_minus 0 (amplitude gain per unit trace), tau_x 3 us, tau_y 3.4 us
// (Pfister's 101 ms and 114 ms compressed by 500 ns / 16.8 ms), pairing all_to_all | nearest.
// Needs a two_terminal synapse (the presynaptic pulse drives the presynaptic line). Equal-time
// convention: see engine/plasticity.hpp.
#pragma once

#include "engine/model.hpp"

namespace memsnn::triplet_pulses {

ModelInfo model_info();

}  // namespace memsnn::triplet_pulses
