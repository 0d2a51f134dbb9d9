// SPDX-License-Identifier: MIT
// The engine's contract with populations: predictions, wake-ups that emit nothing, and spikes.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "engine/network.hpp"
#include "engine/simulation.hpp"

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

}  // namespace
}  // namespace memsnn
