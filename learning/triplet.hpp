// SPDX-License-Identifier: MIT
// triplet — triplet STDP (Pfister & Gerstner 2006, J. Neurosci. 26:9673).
//
// Four traces decay exponentially between spikes: r1 (pre, tau_plus), r2 (pre, tau_x),
// o1 (post, tau_minus), o2 (post, tau_y).
//   pre spike at t:   w -= o1(t) [A2_minus + A3_minus r2(t-)],   then r1, r2 updated
//   post spike at t:  w += r1(t) [A2_plus  + A3_plus  o2(t-)],   then o1, o2 updated
// (t- = before the spike's own increment). Updates: all_to_all r <- r + 1; nearest r <- 1.
// Then w is clipped to [w_min, w_max] (default unbounded). `levels`, `sigma_device` and
// `sigma_cycle` make the updates those of a few-level, variable device
// (learning/weight_update.hpp).
//
// Parameters: A2_plus, A3_plus, A2_minus, A3_minus in the unit of the target's weights;
// tau_plus 16.8 ms, tau_minus 33.7 ms, tau_x 101 ms, tau_y 125 ms (visual-cortex all-to-all
// row); `pairing` all_to_all | nearest. Timing and equal-time convention as for every rule
// (engine/plasticity.hpp).
#pragma once

#include "engine/model.hpp"

namespace memsnn::triplet {

ModelInfo model_info();

}  // namespace memsnn::triplet
