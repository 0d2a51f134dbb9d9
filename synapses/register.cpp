// SPDX-License-Identifier: MIT
#include "synapses/register.hpp"

#include "synapses/linear.hpp"
#include "synapses/static.hpp"

namespace memsnn {

// One line per model. Devices are listed after the synapse types.
void register_synapses(Registry& registry) {
    registry.add(static_synapse::model_info());
    registry.add(linear::model_info());
}

}  // namespace memsnn
