// SPDX-License-Identifier: MIT
// Network construction: a sparse network of n LIF neurons, each with 100 random inputs
// (fixed_indegree, one delay), built from its scenario; prints the construction rate (synapses
// per second, including drawing the connections, weights and delays and packing the CSR) and
// the memory per synapse held by the projection. Twice: with a weight drawn per synapse
// (uniform distribution), and with one weight for all synapses (as benchmark 4,
// bench/scenarios/sparse_static.json), which the projection stores once.
//
//   build/bench/memsnn_bench_build [n_neurons]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/io/build.hpp"

using namespace memsnn;

namespace {

void measure(std::size_t n, const char* weight, const char* what) {
    Json s = Json::parse(R"({"duration": "1 ms", "record": [],
      "projections": [{"source": "n", "target": "n",
        "connect": {"rule": "fixed_indegree", "indegree": 100},
        "synapse": {"type": "static", "delay": "1.5 ms"}}]})");
    s["populations"]["n"] = {{"type", "lif"}, {"size", n}};
    s["projections"][0]["synapse"]["weight"] = Json::parse(weight);
    const auto start = std::chrono::steady_clock::now();
    const BuiltRun b = build_run(s, default_registry(), 1, "bench");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const Projection& p = b.network->projections()[0];
    const double synapses = static_cast<double>(p.n_synapses());
    std::printf("network construction, %s: %zu neurons x 100 inputs = %.0f synapses, one thread\n",
                what, n, synapses);
    std::printf("  build time           %.3f s\n", seconds);
    std::printf("  synapses per second  %.3e\n", synapses / seconds);
    std::printf("  bytes per synapse    %.1f (CSR target 4%s, delay groups%s)\n",
                static_cast<double>(p.memory_bytes()) / synapses,
                p.weight_stride() == 1 ? " + weight 8" : ", one shared weight",
                p.has_id_maps() ? " + id maps 8" : "; no id maps: no report, rule or circuit");
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
    measure(n, R"({"uniform": ["0 mV", "0.5 mV"]})", "weight per synapse");
    measure(n, R"("0.25 mV")", "one weight");
    return 0;
}
