// SPDX-License-Identifier: MIT
#include "neurons/register.hpp"

#include "neurons/lif.hpp"
#include "neurons/poisson.hpp"
#include "neurons/regular.hpp"
#include "neurons/spike_times.hpp"

namespace memsnn {

void register_neurons(Registry& registry) {
    registry.add(lif::model_info());
    registry.add(poisson::model_info());
    registry.add(regular::model_info());
    registry.add(spike_times::model_info());
}

}  // namespace memsnn
