// SPDX-License-Identifier: MIT
// Brette et al. (2007) benchmark 4 (CUBA network with voltage jumps, event-driven) from
// scenarios/brette2007_cuba_jump.json: builds the published structure, runs, reports the rate.
#include <doctest/doctest.h>

#include <cmath>
#include <iostream>

#include "tests/support.hpp"

using namespace memsnn;

TEST_CASE("Brette 2007 benchmark 4 runs from its scenario and reports its rate") {
    Json s = load_scenario_file(test::source_path("scenarios/brette2007_cuba_jump.json"));
    apply_override(s, "duration=500 ms");
    const auto run = test::run_scenario(s);
    const Network& net = *run.built.network;
    REQUIRE(net.find_population("exc") == 0);
    REQUIRE(net.find_population("inh") == 1);
    CHECK(net.population(0).size() == 3200);
    CHECK(net.population(1).size() == 800);
    // 2 % connectivity without self-connections among the 4000 neurons, within 5 sd.
    double recurrent = 0;
    for (const auto& p : net.projections())
        if (p.source_population() < 2) recurrent += static_cast<double>(p.n_synapses());
    const double pairs = 4000.0 * 4000.0 - 4000.0;
    CHECK(std::abs(recurrent - 0.02 * pairs) < 5 * std::sqrt(pairs * 0.02 * 0.98));

    std::array<double, 2> count{};
    double late = 0;  // spikes in the last 100 ms, long after the 50 ms kick: self-sustained
    for (const auto& sp : run.recorder->spikes()) {
        REQUIRE(sp.population < 2);  // the kick sources are not recorded
        count[sp.population] += 1;
        if (ticks_to_ms(sp.time) >= 400) late += 1;
    }
    const double rate_exc = count[0] / 3200 / 0.5;
    const double rate_inh = count[1] / 800 / 0.5;
    std::cout << "Brette 2007 benchmark 4 (500 ms): exc " << rate_exc << " Hz, inh " << rate_inh
              << " Hz, " << run.recorder->summary().synaptic_events << " synaptic events\n";
    // Without synaptic input a neuron fires every t_ref + tau_m ln(11) = 52.96 ms (18.9 Hz).
    // Inhibition dominates (16 x 2.25 mV vs 64 x 0.25 mV per spike of all inputs), so the
    // network settles below that rate but stays active.
    CHECK(rate_exc > 1);
    CHECK(rate_exc < 18.9);
    CHECK(rate_inh > 1);
    CHECK(rate_inh < 18.9);
    CHECK(late > 0);
    // Refractoriness holds in a network too: no neuron fires twice within t_ref = 5 ms.
    std::vector<Tick> last(4000, -ms_to_ticks(10));
    for (const auto& sp : run.recorder->spikes()) {
        const std::size_t id = sp.population * 3200 + sp.node;
        CHECK(sp.time - last[id] >= ms_to_ticks(5));
        last[id] = sp.time;
    }
}
