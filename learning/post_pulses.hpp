// SPDX-License-Identifier: MIT
// post_pulses — the device rule of spike-driven memristive synapses: every postsynaptic spike
// drives `post_waveform` on the postsynaptic line of each incoming synapse circuit, while each
// presynaptic spike drives the circuit's own `pre_waveform`. What the device then does is the
// device's and the circuit's business:
//   - two_terminal with a second-order device and identical short spikes: non-overlap STDP
//     (the residual heat of the first spike gates the second; Kim et al. 2015);
//   - 1t1r: the feedback reaches the device only while the presynaptic gate is open, also when
//     the gate opens after the feedback started, giving a rectangular window
//     (Ambrogio et al. 2016; Pedretti et al. 2017);
//   - 1s1r: spike-rate-dependent plasticity through the volatile selector.
// Learning is not the device: the same rule runs on any circuit and device.
//
// Parameter: post_waveform, a list of {"duration", "voltage"} segments (voltage on the post
// line; a two-terminal device sees it with the opposite sign).
#pragma once

#include "engine/model.hpp"

namespace memsnn::post_pulses {

ModelInfo model_info();

}  // namespace memsnn::post_pulses
