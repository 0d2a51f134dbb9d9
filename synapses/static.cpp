// SPDX-License-Identifier: MIT
#include "synapses/static.hpp"

namespace memsnn::static_synapse {

ModelInfo model_info() {
    ModelInfo m;
    m.type = "static";
    m.kind = ModelKind::synapse;
    m.summary = "fixed weight and delay";
    m.integrator = "none (no state)";
    m.params = {
        {"weight", Dim::dimensionless, kRequired,
         "synaptic weight; unit follows the target: mV (delta input) or nA (exp_current); "
         "negative = inhibitory"},
        {"delay", Dim::time, 1, "axonal delay, > 0", Check::positive},
    };
    return m;
}

}  // namespace memsnn::static_synapse
