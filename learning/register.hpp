// SPDX-License-Identifier: MIT
// Adds every learning rule of this folder to a registry.
#pragma once

#include "engine/model.hpp"

namespace memsnn {

void register_learning(Registry& registry);

}  // namespace memsnn
