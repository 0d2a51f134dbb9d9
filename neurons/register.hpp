// SPDX-License-Identifier: MIT
// Adds every neuron model and spike source of this folder to a registry.
#pragma once

#include "engine/model.hpp"

namespace memsnn {

void register_neurons(Registry& registry);

}  // namespace memsnn
