// SPDX-License-Identifier: MIT
// Benchmark 4 of the performance plan and the parallel engine: a large sparse network, 100 000
// voltage-jump LIF neurons (80 000 excitatory, 20 000 inhibitory; CUBA-like weights, resting
// potential above threshold so the network is active without input), 100 incoming synapses
// each (80 excitatory, 20 inhibitory), delay 1 ms, run with static synapses and with pair STDP
// on the excitatory-to-excitatory synapses. Each variant runs on 1 thread and on each given
// thread count; the table gives wall time of the event loop, synaptic events per second (and
// per thread), the speed-up over 1 thread, and whether the spikes are identical to 1 thread's.
//
//   build/bench/memsnn_bench_threads [duration_s=1] [neurons=100000] [threads...=2]
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/io/build.hpp"
#include "engine/io/memory_recorder.hpp"
#include "engine/simulation.hpp"

using namespace memsnn;

namespace {

Json network(double duration_s, std::size_t neurons, bool stdp) {
    Json s = Json::parse(R"({
      "populations": {
        "exc": {"type": "lif", "params": {"tau_m": "20 ms", "E_L": "-49 mV", "V_th": "-50 mV",
                "V_reset": "-60 mV", "t_ref": "5 ms"},
                "init": {"V_m": {"uniform": ["-60 mV", "-50 mV"]}}},
        "inh": {"type": "lif", "params": {"tau_m": "20 ms", "E_L": "-49 mV", "V_th": "-50 mV",
                "V_reset": "-60 mV", "t_ref": "5 ms"},
                "init": {"V_m": {"uniform": ["-60 mV", "-50 mV"]}}}},
      "projections": [
        {"source": "exc", "target": "exc", "connect": {"rule": "fixed_indegree", "indegree": 80},
         "synapse": {"type": "static", "weight": "0.25 mV", "delay": "1 ms"}},
        {"source": "exc", "target": "inh", "connect": {"rule": "fixed_indegree", "indegree": 80},
         "synapse": {"type": "static", "weight": "0.25 mV", "delay": "1 ms"}},
        {"source": "inh", "target": "exc", "connect": {"rule": "fixed_indegree", "indegree": 20},
         "synapse": {"type": "static", "weight": "-2.25 mV", "delay": "1 ms"}},
        {"source": "inh", "target": "inh", "connect": {"rule": "fixed_indegree", "indegree": 20},
         "synapse": {"type": "static", "weight": "-2.25 mV", "delay": "1 ms"}}],
      "record": [{"what": "spikes", "population": "exc"}, {"what": "spikes", "population": "inh"}]
    })");
    s["duration"] = std::to_string(duration_s) + " s";
    s["populations"]["exc"]["size"] = neurons * 4 / 5;
    s["populations"]["inh"]["size"] = neurons - neurons * 4 / 5;
    if (stdp)
        s["projections"][0]["learning"] = Json::parse(R"({"type": "stdp", "params": {
            "A_plus": "0.001 mV", "A_minus": "0.00105 mV", "w_max": "0.5 mV",
            "tau_plus": "20 ms", "tau_minus": "20 ms"}})");
    return s;
}

struct Result {
    RunSummary summary;
    std::vector<MemoryRecorder::Spike> spikes;
};

Result run(const Json& scenario, unsigned threads) {
    BuiltRun b = build_run(scenario, default_registry(), 1, "bench");
    MemoryRecorder recorder;
    Simulation sim(*b.network, threads);
    sim.add_recorder(&recorder);
    recorder.begin(b.info);
    Result r{sim.run(b.duration), {}};
    r.spikes = recorder.spikes();
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    const double duration = argc > 1 ? std::atof(argv[1]) : 1.0;
    const std::size_t neurons = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 100000;
    std::vector<unsigned> counts;
    for (int k = 3; k < argc; ++k) counts.push_back(static_cast<unsigned>(std::atoi(argv[k])));
    if (counts.empty()) counts = {2};
    std::printf("benchmark 4: %zu LIF neurons, 100 synapses each, delay 1 ms, %.3g s\n", neurons,
                duration);
    std::printf("%-7s %7s %10s %10s %12s %14s %9s %10s\n", "synapse", "threads", "spikes", "wall s",
                "syn. ev/s", "syn. ev/s/thr", "speed-up", "identical");
    for (const bool stdp : {false, true}) {
        const Json s = network(duration, neurons, stdp);
        const Result one = run(s, 1);
        auto line = [&](unsigned threads, const Result& r) {
            const double rate =
                static_cast<double>(r.summary.synaptic_events) / r.summary.wall_time_s;
            std::printf("%-7s %7u %10llu %10.3g %12.3g %14.3g %9.2f %10s\n",
                        stdp ? "stdp" : "static", threads,
                        static_cast<unsigned long long>(r.summary.spikes), r.summary.wall_time_s,
                        rate, rate / threads, one.summary.wall_time_s / r.summary.wall_time_s,
                        r.spikes == one.spikes ? "yes" : "NO");
        };
        line(1, one);
        for (const unsigned threads : counts) line(threads, run(s, threads));
    }
    return 0;
}
