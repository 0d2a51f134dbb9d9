// SPDX-License-Identifier: MIT
// Test helpers: build and run a scenario in memory.
#pragma once

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

inline MemoryRun run_scenario(const Json& scenario, std::optional<std::uint64_t> seed = {},
                              unsigned threads = 1) {
    MemoryRun run;
    run.built = build_run(scenario, default_registry(), seed, "test");
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
