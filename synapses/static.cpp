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
        {"weight",
         Dim::dimensionless,
         kRequired,
         "synaptic weight; unit follows the target's input: mV (delta), nA (exp_current), "
         "uS (exp_conductance); negative = inhibitory",
         Check::any,
         ParamKind::number,
         {},
         "",
         "mV|nA|uS"},
        {"delay", Dim::time, 1, "axonal delay", Check::positive},
    };
    return m;
}

}  // namespace memsnn::static_synapse
