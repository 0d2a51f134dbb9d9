// SPDX-License-Identifier: MIT
// Adds every synapse model of this folder to a registry.
#pragma once

#include "engine/model.hpp"

namespace memsnn {

void register_synapses(Registry& registry);

}  // namespace memsnn
