// SPDX-License-Identifier: MIT
// From a scenario (JSON after overrides) to a runnable network: every key is checked against
// its rule, every value converted to internal units, every model built through the registry.
// Nothing is run and nothing is written here; a ConfigError leaves no trace.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "engine/io/scenario.hpp"
#include "engine/model.hpp"
#include "engine/network.hpp"
#include "engine/recorder.hpp"

namespace memsnn {

struct BuiltRun {
    std::unique_ptr<Network> network;
    RunInfo info;  // everything a recorder needs to know before the run
    Tick duration = 0;
    std::string output;  // the scenario's "output", or "<name>.h5"
};

// `default_name` names the run when the scenario has no "name" (the CLI passes the file stem).
BuiltRun build_run(const Json& scenario, const Registry& registry,
                   std::optional<std::uint64_t> seed_override, const std::string& default_name);
// The same for a scenario read from a file in `scenario_dir`: relative file parameters
// (image_poisson "file") are taken from there instead of the working directory.
BuiltRun build_run(const Json& scenario, const Registry& registry,
                   std::optional<std::uint64_t> seed_override, const std::string& default_name,
                   const std::filesystem::path& scenario_dir);

// The registry of every built-in model (neurons, sources, synapses).
const Registry& default_registry();

}  // namespace memsnn
