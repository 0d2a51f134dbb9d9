// SPDX-License-Identifier: MIT
#include "neurons/register.hpp"

#include "neurons/correlated_poisson.hpp"
#include "neurons/diffusive_lif.hpp"
#include "neurons/embedded_pattern.hpp"
#include "neurons/hodgkin_huxley.hpp"
#include "neurons/image_poisson.hpp"
#include "neurons/izhikevich.hpp"
#include "neurons/lif.hpp"
#include "neurons/mott_oscillator.hpp"
#include "neurons/mtj_neuron.hpp"
#include "neurons/pattern_slots.hpp"
#include "neurons/pcm_neuron.hpp"
#include "neurons/poisson.hpp"
#include "neurons/regular.hpp"
#include "neurons/spike_times.hpp"

namespace memsnn {

void register_neurons(Registry& registry) {
    registry.add(diffusive_lif::model_info());
    registry.add(hodgkin_huxley::model_info());
    registry.add(izhikevich::model_info());
    registry.add(lif::model_info());
    registry.add(mott_oscillator::model_info());
    registry.add(mtj_neuron::model_info());
    registry.add(pcm_neuron::model_info());
    registry.add(poisson::model_info());
    registry.add(regular::model_info());
    registry.add(spike_times::model_info());
    registry.add(pattern_slots::model_info());
    registry.add(correlated_poisson::model_info());
    registry.add(image_poisson::model_info());
    registry.add(embedded_pattern::model_info());
}

}  // namespace memsnn
