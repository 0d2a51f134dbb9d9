// SPDX-License-Identifier: MIT
// static — a fixed synapse: each presynaptic spike arrives `delay` later at the target with
// `weight`. The weight's unit follows the target's input: mV for voltage-jump (delta) neurons,
// nA for current synapses; its sign selects excitatory (>= 0) or inhibitory (< 0).
//
// Keys of the "synapse" object: weight (per synapse: a value, a list of one value per synapse
// in creation order, or a distribution), delay (per synapse, > 0, default 1 ms; rounded to the
// 1 ps tick).
#pragma once

#include "engine/model.hpp"

namespace memsnn::static_synapse {

ModelInfo model_info();

}  // namespace memsnn::static_synapse
