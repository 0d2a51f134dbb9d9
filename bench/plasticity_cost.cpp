// SPDX-License-Identifier: MIT
// Plasticity cost: synaptic events per second of one network (1000 Poisson afferents at 15 Hz
// onto 100 voltage-jump LIF neurons, all-to-all, 10 s) with static synapses and each weight rule
// (pair STDP, triplet STDP, BCM), then through memristive synapse circuits without and with each
// device rule; every rate printed with its ratio to the static run in the same process.
//
//   build/bench/memsnn_bench_plasticity [duration_s]
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/io/build.hpp"
#include "engine/simulation.hpp"

using namespace memsnn;

namespace {

RunSummary run(const Json& synapse, const Json& learning, double duration_s) {
    Json s = Json::parse(R"({
      "populations": {
        "in": {"type": "poisson", "size": 1000, "params": {"rate": "15 Hz"}},
        "n": {"type": "lif", "size": 100, "params": {"tau_m": "10 ms", "C_m": "0.25 nF",
              "E_L": "-74 mV", "V_th": "-54 mV", "V_reset": "-60 mV"}}},
      "projections": [{"source": "in", "target": "n", "connect": {"rule": "all_to_all"},
        "synapse": {"type": "static", "weight": {"uniform": ["0 mV", "0.2 mV"]},
                    "delay": "1 ms"}}],
      "record": []})");
    s["duration"] = std::to_string(duration_s) + " s";
    if (!synapse.is_null()) s["projections"][0]["synapse"] = synapse;
    if (!learning.is_null()) s["projections"][0]["learning"] = learning;
    BuiltRun b = build_run(s, default_registry(), 1, "bench");
    Simulation sim(*b.network);
    return sim.run(b.duration);
}

}  // namespace

int main(int argc, char** argv) {
    const double duration = argc > 1 ? std::atof(argv[1]) : 10.0;
    const Json stdp = Json::parse(R"({"type": "stdp", "params": {"A_plus": "0.001 mV",
        "A_minus": "0.00105 mV", "w_max": "0.2 mV", "tau_plus": "20 ms", "tau_minus": "20 ms"}})");
    const Json triplet = Json::parse(R"({"type": "triplet", "params": {"A2_plus": "1e-8 mV",
        "A3_plus": "0.000124 mV", "A2_minus": "0.00014 mV", "A3_minus": "0.0000046 mV",
        "w_min": "0 mV", "w_max": "0.2 mV"}})");
    const Json bcm = Json::parse(R"({"type": "bcm", "params": {"eta": "2e-8 mV",
        "w_max": "0.2 mV"}})");
    // Circuits: transimpedance gains chosen so the initial weights are 0.1 mV, the static mean.
    const Json second_order = Json::parse(R"({"type": "two_terminal", "gain": "20 Ohm",
        "delay": "1 ms", "device": {"type": "second_order", "init": {"w": 0.5}}})");
    const Json one_t_one_r = Json::parse(R"({"type": "1t1r", "gain": "100 Ohm", "delay": "1 ms",
        "gate_width": "10 ms", "device": {"type": "rram", "params": {"mode": "gradual"}}})");
    const Json post_pulses_short = Json::parse(R"({"type": "post_pulses", "params": {
        "post_waveform": [{"duration": "100 ns", "voltage": "-1 V"}]}})");
    const Json triplet_pulses = Json::parse(R"({"type": "triplet_pulses", "params": {
        "pre_pulse": [{"duration": "20 ns", "voltage": "-0.8 V"}],
        "post_pulse": [{"duration": "20 ns", "voltage": "-0.6 V"}], "beta_plus": 0.15}})");
    const Json feedback = Json::parse(R"({"type": "post_pulses", "params": {"post_waveform": [
        {"duration": "1 ms", "voltage": "1.2 V"}, {"duration": "9 ms", "voltage": "0 V"},
        {"duration": "1 ms", "voltage": "-1.6 V"}]}})");
    const Json srdp = Json::parse(R"({"type": "srdp", "params": {
        "ltp_waveform": [{"duration": "1 ms", "voltage": "1.2 V"}],
        "ltd_waveform": [{"duration": "1 ms", "voltage": "-1.6 V"}], "p_ltd": 0.1}})");
    struct Row {
        const char* name;
        Json synapse, learning;
    };
    const std::vector<Row> rows{
        {"static", Json(), Json()},
        {"stdp", Json(), stdp},
        {"triplet", Json(), triplet},
        {"bcm", Json(), bcm},
        {"2nd-order", second_order, Json()},
        {"+post_pulses", second_order, post_pulses_short},
        {"+triplet_pulses", second_order, triplet_pulses},
        {"1t1r rram", one_t_one_r, Json()},
        {"+post_pulses", one_t_one_r, feedback},
        {"+srdp", one_t_one_r, srdp},
    };
    std::printf(
        "plasticity cost: 1000 Poisson (15 Hz) -> 100 LIF, all-to-all, %.3g s, one thread\n",
        duration);
    std::printf("%-16s %14s %14s %16s %12s\n", "synapses", "syn. events", "all spikes",
                "syn. events/s", "vs static");
    double base_rate = 0;
    for (const Row& row : rows) {
        const RunSummary r = run(row.synapse, row.learning, duration);
        const double rate = static_cast<double>(r.synaptic_events) / r.wall_time_s;
        if (base_rate == 0) base_rate = rate;
        std::printf("%-16s %14llu %14llu %16.3e %12.3f\n", row.name,
                    static_cast<unsigned long long>(r.synaptic_events),
                    static_cast<unsigned long long>(r.spikes), rate, rate / base_rate);
    }
    return 0;
}
