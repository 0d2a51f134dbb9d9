// SPDX-License-Identifier: MIT
#include "synapses/register.hpp"

#include "synapses/static.hpp"

namespace memsnn {

void register_synapses(Registry& registry) {
    registry.add(static_synapse::model_info());
}

}  // namespace memsnn
