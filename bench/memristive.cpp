// SPDX-License-Identifier: MIT
// Benchmark 5 of the performance plan: the memristive plastic network of the experiments scaled
// to 10^5 - 10^6 synapses. 1000 Poisson inputs (10 Hz) project all-to-all onto N delta-input
// LIF neurons (N = synapses / 1000, firing at ~10-20 Hz), delay 1 ms, through
//
//   1t1r       1T1R cells with binary RRAM under post_pulses: each postsynaptic spike drives a
//              1.2 V set pulse (1 ms) and, 10 ms later, a -1.6 V reset pulse; a presynaptic
//              spike opens the gate for 10 ms (scenarios/experiments/perceptron_1t1r.json);
//   2nd-order  two-terminal second-order memristors (volatile residual heat, tau_T 500 ns)
//              with non-overlap STDP: identical 100 ns, -1 V spikes on both lines (pre_waveform
//              and post_pulses, scenarios/protocols/second_order_window.json);
//   static     fixed weights uniform on [0.04, 0.4] mV (the devices' range, same mean), the
//              peer of the ratios.
//
// Device weights: read at 100 mV through a 40 Ohm gain, so an LRS cell (100 uS) delivers 0.4 mV,
// an HRS cell (10 uS) 0.04 mV; the RRAM cells start in LRS or HRS with p = 0.5, the
// second-order devices at w uniform on [1/11, 1] (G uniform on [10, 100] uS, 0.04 to 0.4 mV):
// every variant starts at a mean weight of 0.22 mV. Each variant runs on 1 thread and on each
// given thread count; the table gives the output rate, the mean weight at the end (in mV), the
// wall time of the event loop, synaptic events per second (and per thread), the ratio to the
// static network at the same thread count, the speed-up over 1 thread, and whether the output
// spikes, the final weights / conductances, the devices' energy and the event count equal those
// of the 1-thread run (the engine promises identical output; a difference prints "NO:" and what
// differs).
//
//   build/bench/memsnn_bench_memristive [duration_s=0.5] [synapses=100000,1000000] [threads...=2]
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "engine/io/build.hpp"
#include "engine/io/memory_recorder.hpp"
#include "engine/simulation.hpp"

using namespace memsnn;

namespace {

constexpr std::size_t kInputs = 1000;

enum class Variant { static_weights, one_t_one_r, second_order };

const char* name(Variant v) {
    switch (v) {
        case Variant::static_weights:
            return "static";
        case Variant::one_t_one_r:
            return "1t1r";
        case Variant::second_order:
            return "2nd-order";
    }
    return "";
}

Json network(double duration_s, std::size_t outputs, Variant v) {
    Json s = Json::parse(R"({
      "seed": 1,
      "populations": {
        "in": {"type": "poisson", "params": {"rate": "10 Hz"}},
        "out": {"type": "lif", "params": {"input": "delta", "tau_m": "20 ms", "E_L": "-95 mV",
                "V_th": "-50 mV", "V_reset": "-60 mV", "t_ref": "2 ms"},
                "init": {"V_m": {"uniform": ["-60 mV", "-50 mV"]}}}},
      "projections": [{"name": "syn", "source": "in", "target": "out",
        "connect": {"rule": "all_to_all"},
        "synapse": {"type": "static", "weight": {"uniform": ["0.04 mV", "0.4 mV"]},
                    "delay": "1 ms"}}],
      "record": [{"what": "spikes", "population": "out"}]
    })");
    s["duration"] = std::to_string(duration_s) + " s";
    s["populations"]["in"]["size"] = kInputs;
    s["populations"]["out"]["size"] = outputs;
    Json& p = s["projections"][0];
    // The final weights (static) or conductances (circuits), sampled once 1 ms before the end.
    Json report = Json::parse(R"({"projection": "syn", "interval": "1 ms", "name": "final"})");
    report["what"] = v == Variant::static_weights ? "weight" : "G";
    report["start"] = std::to_string(duration_s * 1000 - 1) + " ms";
    s["record"].push_back(report);
    if (v == Variant::one_t_one_r) {
        p["synapse"] = Json::parse(R"({"type": "1t1r", "gate_width": "10 ms",
            "read_voltage": "100 mV", "gain": "40 Ohm", "delay": "1 ms",
            "device": {"type": "rram", "params": {"mode": "binary", "levels": 2},
                       "init": {"x": {"uniform": [0, 1]}}}})");
        p["learning"] = Json::parse(R"({"type": "post_pulses", "params": {"post_waveform": [
            {"duration": "1 ms", "voltage": "1.2 V"}, {"duration": "9 ms", "voltage": "0 V"},
            {"duration": "1 ms", "voltage": "-1.6 V"}]}})");
    } else if (v == Variant::second_order) {
        p["synapse"] = Json::parse(R"({"type": "two_terminal", "read_voltage": "100 mV",
            "gain": "40 Ohm", "delay": "1 ms",
            "pre_waveform": [{"duration": "100 ns", "voltage": "-1 V"}],
            "device": {"type": "second_order", "init": {"w": {"uniform": [0.0909090909, 1]}}}})");
        p["learning"] = Json::parse(R"({"type": "post_pulses", "params": {"post_waveform": [
            {"duration": "100 ns", "voltage": "-1 V"}]}})");
    }
    return s;
}

struct Result {
    RunSummary summary;
    std::vector<MemoryRecorder::Spike> spikes;
    std::vector<double> final_state;  // weights or G of every synapse, 1 ms before the end
    unsigned threads = 1;             // the partitions the run used
};

Result run(const Json& scenario, unsigned threads) {
    BuiltRun b = build_run(scenario, default_registry(), std::nullopt, "bench");
    MemoryRecorder recorder;
    Simulation sim(*b.network, threads);
    sim.add_recorder(&recorder);
    recorder.begin(b.info);
    Result r{sim.run(b.duration), {}, {}, sim.threads()};
    r.spikes = recorder.spikes();
    for (const auto& sample : recorder.samples())
        r.final_state.insert(r.final_state.end(), sample.values.begin(), sample.values.end());
    return r;
}

// Mean final weight [mV]: a circuit delivers gain * V_read * G = 40 Ohm * 100 mV * G, i.e.
// 0.004 mV per uS.
double mean_weight(const Result& r, Variant v) {
    double sum = 0;
    for (const double x : r.final_state) sum += x;
    const double scale = v == Variant::static_weights ? 1.0 : 0.004;
    return r.final_state.empty() ? 0.0 : scale * sum / static_cast<double>(r.final_state.size());
}

// "yes", or what differs from the 1-thread run.
std::string compare(const Result& r, const Result& one) {
    std::string diff;
    if (r.spikes != one.spikes) diff += "spikes,";
    if (r.final_state != one.final_state) diff += "weights,";
    if (r.summary.projection_energy != one.summary.projection_energy) diff += "energy,";
    if (r.summary.synaptic_events != one.summary.synaptic_events) diff += "events,";
    if (diff.empty()) return "yes";
    diff.pop_back();
    return "NO:" + diff;
}

std::vector<std::size_t> parse_list(const char* text) {
    std::vector<std::size_t> out;
    for (char* end = nullptr;; text = end + 1) {
        out.push_back(std::strtoul(text, &end, 10));
        if (*end != ',') break;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const double duration = argc > 1 ? std::atof(argv[1]) : 0.5;
    const std::vector<std::size_t> sizes =
        argc > 2 ? parse_list(argv[2]) : std::vector<std::size_t>{100000, 1000000};
    std::vector<unsigned> counts{1};
    for (int k = 3; k < argc; ++k) counts.push_back(static_cast<unsigned>(std::atoi(argv[k])));
    if (counts.size() == 1) counts.push_back(2);
    std::printf(
        "benchmark 5: %zu Poisson (10 Hz) -> N LIF, all-to-all, delay 1 ms, %.3g s; issue 7 "
        "target >= 5e6 syn. events/s per core through volatile devices\n",
        kInputs, duration);
    std::printf("%9s %-9s %7s %7s %9s %11s %9s %11s %13s %9s %8s %s\n", "synapses", "synapse",
                "threads", "out Hz", "w end mV", "syn. events", "wall s", "syn. ev/s",
                "syn. ev/s/thr", "vs static", "speed-up", "identical");
    for (const std::size_t synapses : sizes) {
        const std::size_t outputs = synapses / kInputs > 0 ? synapses / kInputs : 1;
        std::vector<double> static_rate(counts.size(), 0);
        for (const Variant v :
             {Variant::static_weights, Variant::one_t_one_r, Variant::second_order}) {
            const Json s = network(duration, outputs, v);
            Result one;
            for (std::size_t i = 0; i < counts.size(); ++i) {
                Result r = run(s, counts[i]);
                if (i == 0) one = r;
                const double rate =
                    static_cast<double>(r.summary.synaptic_events) / r.summary.wall_time_s;
                if (v == Variant::static_weights) static_rate[i] = rate;
                std::printf(
                    "%9zu %-9s %7u %7.2f %9.4f %11.3g %9.3g %11.3g %13.3g %9.3f %8.2f %s\n",
                    outputs * kInputs, name(v), r.threads,
                    static_cast<double>(r.spikes.size()) / static_cast<double>(outputs) / duration,
                    mean_weight(r, v), static_cast<double>(r.summary.synaptic_events),
                    r.summary.wall_time_s, rate, rate / r.threads, rate / static_rate[i],
                    one.summary.wall_time_s / r.summary.wall_time_s, compare(r, one).c_str());
                std::fflush(stdout);
            }
        }
    }
    return 0;
}
