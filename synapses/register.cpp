// SPDX-License-Identifier: MIT
#include "synapses/register.hpp"

#include "synapses/atomic_switch.hpp"
#include "synapses/diffusive.hpp"
#include "synapses/ferroelectric.hpp"
#include "synapses/hp_drift.hpp"
#include "synapses/linear.hpp"
#include "synapses/pcm.hpp"
#include "synapses/pulse_map.hpp"
#include "synapses/rram.hpp"
#include "synapses/second_order.hpp"
#include "synapses/static.hpp"
#include "synapses/vteam.hpp"

namespace memsnn {

// One line per model. Devices are listed after the synapse types.
void register_synapses(Registry& registry) {
    registry.add(static_synapse::model_info());
    registry.add(linear::model_info());
    registry.add(pulse_map::model_info());
    registry.add(pcm::model_info());
    registry.add(rram::model_info());
    registry.add(vteam::model_info());
    registry.add(hp_drift::model_info());
    registry.add(diffusive::model_info());
    registry.add(atomic_switch::model_info());
    registry.add(second_order::model_info());
    registry.add(ferroelectric::model_info());
}

}  // namespace memsnn
