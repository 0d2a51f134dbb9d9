// SPDX-License-Identifier: MIT
// Plasticity cost: synaptic events per second of one network (1000 Poisson afferents at 15 Hz
// onto 100 LIF neurons, all-to-all, 10 s) with static synapses, pair STDP and triplet STDP,
// each printed with its ratio to the static run in the same process.
//
//   build/bench/memsnn_bench_plasticity [duration_s]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/io/build.hpp"
#include "engine/simulation.hpp"

using namespace memsnn;

namespace {

RunSummary run(const Json& learning, double duration_s) {
    Json s = Json::parse(R"({
      "populations": {
        "in": {"type": "poisson", "size": 1000, "params": {"rate": "15 Hz"}},
        "n": {"type": "lif", "size": 100, "params": {"input": "exp_current", "tau_m": "10 ms",
              "C_m": "0.25 nF", "E_L": "-74 mV", "V_th": "-54 mV", "V_reset": "-60 mV",
              "tau_syn_ex": "5 ms", "tau_syn_in": "2 ms"}}},
      "projections": [{"source": "in", "target": "n", "connect": {"rule": "all_to_all"},
        "synapse": {"type": "static", "weight": {"uniform": ["0 nA", "0.01 nA"]},
                    "delay": "1 ms"}}],
      "record": []})");
    s["duration"] = std::to_string(duration_s) + " s";
    if (!learning.is_null()) s["projections"][0]["learning"] = learning;
    BuiltRun b = build_run(s, default_registry(), 1, "bench");
    Simulation sim(*b.network);
    return sim.run(b.duration);
}

}  // namespace

int main(int argc, char** argv) {
    const double duration = argc > 1 ? std::atof(argv[1]) : 10.0;
    const Json stdp = Json::parse(R"({"type": "stdp", "params": {"A_plus": "0.00005 nA",
        "A_minus": "0.0000525 nA", "w_max": "0.01 nA", "tau_plus": "20 ms", "tau_minus": "20 ms"}})");
    const Json triplet = Json::parse(R"({"type": "triplet", "params": {"A2_plus": "5e-10 nA",
        "A3_plus": "0.0062 nA", "A2_minus": "0.007 nA", "A3_minus": "0.00023 nA",
        "w_min": "0 nA", "w_max": "0.01 nA"}})");
    std::printf(
        "plasticity cost: 1000 Poisson (15 Hz) -> 100 LIF, all-to-all, %.3g s, one thread\n",
        duration);
    std::printf("%-10s %14s %14s %16s %12s\n", "synapses", "syn. events", "all spikes",
                "syn. events/s", "vs static");
    const RunSummary base = run(Json(), duration);
    const double base_rate = static_cast<double>(base.synaptic_events) / base.wall_time_s;
    for (const auto& [name, rule] :
         {std::pair<const char*, Json>{"static", Json()}, {"stdp", stdp}, {"triplet", triplet}}) {
        const RunSummary r = std::string(name) == "static" ? base : run(rule, duration);
        const double rate = static_cast<double>(r.synaptic_events) / r.wall_time_s;
        std::printf("%-10s %14llu %14llu %16.3e %12.3f\n", name,
                    static_cast<unsigned long long>(r.synaptic_events),
                    static_cast<unsigned long long>(r.spikes), rate, rate / base_rate);
    }
    return 0;
}
