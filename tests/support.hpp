// SPDX-License-Identifier: MIT
// Test helpers: build and run a scenario in memory.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "engine/io/build.hpp"
#include "engine/io/memory_recorder.hpp"
#include "engine/simulation.hpp"

namespace memsnn::test {

struct MemoryRun {
    BuiltRun built;
    std::unique_ptr<MemoryRecorder> recorder = std::make_unique<MemoryRecorder>();
};

// `scenario_dir`: where relative file parameters are taken from (a scenario file's folder).
inline MemoryRun run_scenario(const Json& scenario, std::optional<std::uint64_t> seed = {},
                              unsigned threads = 1,
                              const std::filesystem::path& scenario_dir = {}) {
    MemoryRun run;
    run.built = build_run(scenario, default_registry(), seed, "test", scenario_dir);
    Simulation sim(*run.built.network, threads);
    sim.add_recorder(run.recorder.get());
    run.recorder->begin(run.built.info);
    run.recorder->end(sim.run(run.built.duration));
    return run;
}

inline std::string source_path(const std::string& relative) {
    return std::string(MEMSNN_SOURCE_DIR) + "/" + relative;
}

}  // namespace memsnn::test
