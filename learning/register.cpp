// SPDX-License-Identifier: MIT
#include "learning/register.hpp"

#include "learning/bcm.hpp"
#include "learning/post_pulses.hpp"
#include "learning/srdp.hpp"
#include "learning/stdp.hpp"
#include "learning/triplet.hpp"
#include "learning/triplet_pulses.hpp"
#include "learning/tsodyks_markram.hpp"

namespace memsnn {

void register_learning(Registry& registry) {
    registry.add(stdp::model_info());
    registry.add(triplet::model_info());
    registry.add(post_pulses::model_info());
    registry.add(tsodyks_markram::model_info());
    registry.add(bcm::model_info());
    registry.add(srdp::model_info());
    registry.add(triplet_pulses::model_info());
}

}  // namespace memsnn
