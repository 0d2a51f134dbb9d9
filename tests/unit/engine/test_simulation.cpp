// SPDX-License-Identifier: MIT
// The engine's contract with populations: predictions, wake-ups that emit nothing, and spikes.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "engine/network.hpp"
#include "engine/plasticity.hpp"
#include "engine/simulation.hpp"
#include "tests/support.hpp"

namespace memsnn {
namespace {

// A stepped model in miniature: it looks ahead at most `horizon` ticks. When its next spike
// (every `period` ticks) lies beyond the horizon it asks to be woken at the horizon's end.
class Stepper : public Population {
  public:
    Stepper(Tick period, Tick horizon)
        : Population("stepper", 1), period_(period), horizon_(horizon) {}
    Tick predict(std::size_t, Tick now) override {
        const Tick spike = last_ + period_;
        return spike <= now + horizon_ ? spike : now + horizon_;
    }
    bool fire(std::size_t, Tick t) override {
        calls.push_back(t);
        if (t != last_ + period_) return false;
        last_ = t;
        spikes.push_back(t);
        return true;
    }
    const std::vector<VariableSpec>& variables() const override { return none_; }
    double sample(std::size_t, std::size_t, Tick) const override { return 0; }

    std::vector<Tick> calls, spikes;

  private:
    Tick period_, horizon_, last_ = 0;
    std::vector<VariableSpec> none_;
};

TEST_CASE("a wake-up advances a stepped model without emitting; its spikes come on time") {
    Network net;
    auto owned = std::make_unique<Stepper>(1000, 300);
    Stepper& s = *owned;
    net.add_population(std::move(owned));
    Simulation sim(net);
    const RunSummary summary = sim.run(2500);
    CHECK(s.spikes == std::vector<Tick>{1000, 2000});
    // Woken at 300, 600, 900, then the spike at 1000; again at 1300, 1600, 1900, spike 2000;
    // 2300 is the last wake-up before the end.
    CHECK(s.calls == std::vector<Tick>{300, 600, 900, 1000, 1300, 1600, 1900, 2000, 2300});
    CHECK(summary.spikes == 2);
    CHECK(summary.wake_ups == 7);
}

// Forwards to a rule but declares its on_pre non-local, so the engine delivers synapse by synapse.
class OneByOne final : public PlasticityRule {
  public:
    explicit OneByOne(std::shared_ptr<PlasticityRule> rule) : rule_(std::move(rule)) {}
    void on_pre(Projection& p, std::uint32_t k, Tick t) override { rule_->on_pre(p, k, t); }
    void on_post(Projection& p, std::uint32_t j, Tick t) override { rule_->on_post(p, j, t); }

  private:
    std::shared_ptr<PlasticityRule> rule_;
};

// 30 Poisson inputs onto 5 delta LIF neurons, 12 inputs each drawn with repeats (a target can
// appear twice in one delivery), pair or triplet STDP; spikes and final weights.
struct PlasticRun {
    std::vector<MemoryRecorder::Spike> spikes;
    std::vector<double> initial, final;
};
PlasticRun plastic_run(const std::string& rule, bool one_by_one) {
    const Json params = rule == "stdp"
                            ? Json{{"A_plus", "0.3 mV"}, {"A_minus", "0.35 mV"}, {"w_max", "6 mV"}}
                            : Json{{"A2_plus", "0.3 mV"},
                                   {"A3_plus", "0.1 mV"},
                                   {"A2_minus", "0.3 mV"},
                                   {"w_max", "6 mV"}};
    const Json scenario{
        {"duration", "300 ms"},
        {"populations",
         {{"in", {{"type", "poisson"}, {"size", 30}, {"params", {{"rate", "80 Hz"}}}}},
          {"out", {{"type", "lif"}, {"size", 5}, {"params", {{"I_e", "6 nA"}}}}}}},
        {"projections",
         {{{"name", "p"},
           {"source", "in"},
           {"target", "out"},
           {"connect", {{"rule", "fixed_indegree"}, {"indegree", 12}}},
           {"synapse",
            {{"type", "static"}, {"weight", {{"uniform", {"0 mV", "4 mV"}}}}, {"delay", "1 ms"}}},
           {"learning", {{"type", rule}, {"params", params}}}}}},
        {"record", {{{"what", "spikes"}, {"population", "out"}}}}};
    test::MemoryRun run;
    run.built = build_run(scenario, default_registry(), 7, "test", {});
    Network& net = *run.built.network;
    Projection& proj = net.projection(0);
    REQUIRE(proj.rule()->local_pre());
    if (one_by_one)
        proj.set_rule(std::make_shared<OneByOne>(proj.shared_rule()),
                      net.population(proj.target_population()).size());
    PlasticRun out;
    for (std::uint32_t id = 0; id < proj.n_synapses(); ++id)
        out.initial.push_back(proj.weight_by_id(id));
    Simulation sim(net);
    sim.add_recorder(run.recorder.get());
    run.recorder->begin(run.built.info);
    run.recorder->end(sim.run(run.built.duration));
    for (std::uint32_t id = 0; id < proj.n_synapses(); ++id)
        out.final.push_back(proj.weight_by_id(id));
    out.spikes = run.recorder->spikes();
    return out;
}

TEST_CASE("batched delivery with a local rule equals delivering synapse by synapse") {
    for (const std::string rule : {"stdp", "triplet"}) {
        CAPTURE(rule);
        const PlasticRun batched = plastic_run(rule, false);
        const PlasticRun single = plastic_run(rule, true);
        CHECK(batched.spikes.size() > 20);
        CHECK(batched.spikes == single.spikes);
        CHECK(batched.final == single.final);
        CHECK(batched.final != batched.initial);  // the rule acted
    }
}

}  // namespace
}  // namespace memsnn
