// SPDX-License-Identifier: MIT
#include <limits>

#include "engine/io/build.hpp"
#include "learning/register.hpp"
#include "neurons/register.hpp"
#include "synapses/register.hpp"

namespace memsnn {

const Registry& default_registry() {
    static const Registry registry = [] {
        Registry r;
        register_neurons(r);
        register_synapses(r);
        register_learning(r);
        r.add(ModelInfo{"step_current",
                        ModelKind::stimulus,
                        "a current step into chosen neurons (keys of a \"stimuli\" entry)",
                        "switches on at start, off at stop",
                        {{"target",
                          Dim::dimensionless,
                          kRequired,
                          "population name",
                          Check::any,
                          ParamKind::number,
                          {},
                          "(required)",
                          "name"},
                         {"neurons",
                          Dim::dimensionless,
                          0,
                          "list of neuron indices",
                          Check::any,
                          ParamKind::number,
                          {},
                          "all",
                          "list"},
                         {"start", Dim::time, 0, "switch-on time", Check::nonnegative},
                         {"stop", Dim::time, std::numeric_limits<double>::infinity(),
                          "switch-off time (default: never)", Check::nonnegative},
                         {"amplitude", Dim::current, kRequired, "current added while on"}},
                        {},
                        {},
                        nullptr});
        return r;
    }();
    return registry;
}

}  // namespace memsnn
