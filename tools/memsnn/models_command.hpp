// SPDX-License-Identifier: MIT
// `memsnn models [TYPE]`: every registered model with its parameters, defaults and units.
#pragma once

#include <ostream>
#include <string>

#include "engine/model.hpp"

namespace memsnn::cli {

// Prints all models, or the one named `type` (ConfigError with a suggestion when unknown).
void print_models(const Registry& registry, const std::string& type, std::ostream& out);

}  // namespace memsnn::cli
