// SPDX-License-Identifier: MIT
// Neuron-model throughput: 1000 unconnected neurons of each model, each driven by its own
// Poisson input (100 Hz, through static synapses whose weight suits the model) on top of a
// bias that keeps it firing, 1 s of model time (Mott oscillators and MTJs run on their own
// microsecond scale: 10 ms). Printed per model: input events, spikes, wall time, events per
// second (inputs + spikes + wake-ups) and, for the models stepped on the dt grid, neuron
// updates (steps) per second; the ratio column compares events per second with lif in the same
// run. The scenario dt is 0.01 ms for the stepped models.
//
//   build/bench/memsnn_bench_neurons [n_neurons]
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/simulation.hpp"

using namespace memsnn;

namespace {

struct Model {
    const char* label;
    const char* type;
    const char* params;  // JSON object
    const char* weight;  // of each Poisson input
    const char* duration;
    bool stepped;
};

const std::vector<Model> kModels{
    {"lif (delta)", "lif", R"({"I_e": "1.6 nA"})", "0.5 mV", "1 s", false},
    {"lif (exp_current)", "lif", R"({"I_e": "1.6 nA", "input": "exp_current"})", "0.05 nA", "1 s",
     false},
    {"lif (exp_cond.)", "lif", R"({"I_e": "1.6 nA", "input": "exp_conductance"})", "0.002 uS",
     "1 s", false},
    {"hodgkin_huxley", "hodgkin_huxley", R"({"I_e": "10 nA"})", "0.05 nA", "1 s", true},
    {"hh (rk4)", "hodgkin_huxley", R"({"I_e": "10 nA", "integrator": "rk4"})", "0.05 nA", "1 s",
     true},
    {"izhikevich", "izhikevich", R"({"I_e": "10 nA"})", "0.5 mV", "1 s", true},
    {"diffusive_lif", "diffusive_lif", R"({"I_e": "100 nA"})", "1 mV", "1 s", false},
    {"mott_oscillator", "mott_oscillator", R"({"I_e": "30 uA"})", "1 mV", "10 ms", false},
    {"pcm_neuron", "pcm_neuron", R"({})", "2 V", "1 s", false},
    {"mtj_neuron", "mtj_neuron", R"({"I_e": "5 uA"})", "1 nA", "10 ms", false},
};

}  // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000;
    std::printf("neuron models: %zu neurons each, own Poisson input at 100 Hz, one thread\n", n);
    std::printf("%-18s %8s %12s %12s %9s %13s %13s %9s\n", "model", "time", "inputs", "all spikes",
                "wall s", "events/s", "updates/s", "vs lif");
    double lif_rate = 0;
    for (const Model& m : kModels) {
        Json s = Json::parse(R"({"dt": "0.01 ms", "record": []})");
        s["duration"] = m.duration;
        s["populations"]["n"] = {{"type", m.type}, {"size", n}, {"params", Json::parse(m.params)}};
        s["populations"]["in"] = {
            {"type", "poisson"}, {"size", n}, {"params", {{"rate", "100 Hz"}}}};
        s["projections"] = Json::array(
            {{{"source", "in"},
              {"target", "n"},
              {"connect", {{"rule", "one_to_one"}}},
              {"synapse", {{"type", "static"}, {"weight", m.weight}, {"delay", "0.1 ms"}}}}});
        BuiltRun b;
        try {
            b = build_run(s, default_registry(), 1, "bench");
        } catch (const ConfigError& e) {
            std::printf("%-18s cannot be built: %s\n", m.label, e.what());
            continue;
        }
        Simulation sim(*b.network);
        const RunSummary r = sim.run(b.duration);
        const double events =
            static_cast<double>(r.synaptic_events + r.spikes + r.wake_ups) / r.wall_time_s;
        if (lif_rate == 0) lif_rate = events;
        const double seconds = ticks_to_ms(b.duration) / 1000;
        const double updates =
            m.stepped ? static_cast<double>(n) * seconds / 1e-5 / r.wall_time_s : 0;
        std::printf("%-18s %8s %12llu %12llu %9.3f %13.3e %13s %9.3f\n", m.label, m.duration,
                    static_cast<unsigned long long>(r.synaptic_events),
                    static_cast<unsigned long long>(r.spikes), r.wall_time_s, events,
                    m.stepped ? std::to_string(updates).substr(0, 10).c_str() : "-",
                    events / lif_rate);
    }
    return 0;
}
