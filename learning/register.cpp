// SPDX-License-Identifier: MIT
#include "learning/register.hpp"

#include "learning/stdp.hpp"

namespace memsnn {

void register_learning(Registry& registry) {
    registry.add(stdp::model_info());
}

}  // namespace memsnn
