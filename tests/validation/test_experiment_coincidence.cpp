// SPDX-License-Identifier: MIT
// Experiment E-14(a), coincidence detection (MODELS 4.6; Sebastian et al. 2017, Prezioso et al.
// 2018): 20 Poisson inputs onto one LIF neuron with pair STDP, inputs 0-4 also fire together
// with a shared 5 Hz train; STDP must single out the five synchronous synapses. Runs
// scenarios/experiments/coincidence.json shortened to 60 s over seeds 1-10, and a rate-matched
// variant with and without the correlation; docs/experiments.md has the full measurements.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

constexpr int kInputs = 20;
constexpr int kSync = 5;  // inputs 0-4 are the correlated ones

// The experiment's success criterion on the final weights: inputs 0-4 hold the five largest
// weights (strictly above every other one) and each is at least twice the mean of the other 15.
bool learnt(const std::vector<double>& w) {
    const double min_sync = *std::min_element(w.begin(), w.begin() + kSync);
    const double max_rest = *std::max_element(w.begin() + kSync, w.end());
    const double mean_rest =
        std::accumulate(w.begin() + kSync, w.end(), 0.0) / static_cast<double>(kInputs - kSync);
    return min_sync > max_rest && min_sync >= 2 * mean_rest;
}

Json shortened() {
    Json s = load_scenario_file(test::source_path("scenarios/experiments/coincidence.json"));
    s["duration"] = "60 s";
    return s;
}

// Runs s with seeds 1..n and counts the seeds whose last weight sample meets the criterion;
// report_misses prints the weights of the seeds that miss it (for runs expected to succeed).
int successes(const Json& s, int n, bool report_misses) {
    int count = 0;
    for (int seed = 1; seed <= n; ++seed) {
        const auto run = test::run_scenario(s, static_cast<std::uint64_t>(seed));
        const auto& samples = run.recorder->samples();
        REQUIRE(samples.size() == 60);  // report w every 1 s over 60 s: t = 0, 1, ..., 59 s
        const std::vector<double>& w = samples.back().values;
        REQUIRE(w.size() == kInputs);
        if (learnt(w))
            ++count;
        else if (report_misses)
            MESSAGE("seed " << seed << " not learnt: w0-4 " << w[0] << " " << w[1] << " " << w[2]
                            << " " << w[3] << " " << w[4] << ", max of the rest "
                            << *std::max_element(w.begin() + kSync, w.end()));
    }
    return count;
}

// Every input fires 10 Hz in total: the correlated ones 5 Hz alone + 5 Hz shared, the others
// 10 Hz alone. Rates then say nothing about which inputs are synchronous.
Json rate_matched(bool correlated) {
    Json s = shortened();
    Json& p = s["populations"]["inputs"]["params"];
    if (correlated) {
        Json rates = Json::array();
        for (int i = 0; i < kInputs; ++i) rates.push_back(i < kSync ? "5 Hz" : "10 Hz");
        p["rate"] = rates;
    } else {
        p["rate"] = "10 Hz";
        p["correlated"] = Json::array();
    }
    return s;
}

}  // namespace

// Why 60 s and 10 seeds: with the shipped parameters the criterion holds from 11-18 s on until
// the end of the 300 s run for every seed of 1-20, and at 30 s and 60 s for every seed of 1-50.
// 60 s keeps a margin of more than 3x over the slowest seed measured; ten 60 s runs take well
// under a second. Threshold 9 of 10: measured 10 of 10; one miss is allowed so that a harmless
// change of the random streams does not fail the test, while chance alone (no learning, or
// learning without correlation) gives 0 (the five synchronous inputs being the top five by
// chance has probability 1/C(20,5) = 1/15504 per seed, and the 2x margin is not reached either).
TEST_CASE("coincidence detection: STDP picks out the five synchronous inputs") {
    const Json s = shortened();
    // The learning rule and the correlation are what the criterion depends on: all weights start
    // equal (2 mV), so without STDP no input is above another.
    REQUIRE(s["projections"][0]["synapse"]["weight"] == "2 mV");
    const int n = successes(s, 10, true);
    INFO("successes " << n << " of 10");
    CHECK(n >= 9);
}

// The shipped experiment gives the synchronous inputs twice the rate of the others (5 Hz alone +
// 5 Hz shared, as MODELS 4.6 prescribes). To show that the synchrony, not the rate, is learnt,
// the same network with every input at 10 Hz: with the shared train the five synchronous inputs
// win (measured over 300 s: 20 of 20 seeds; 60 s: 10 of 10), without it (all 20 inputs
// independent at 10 Hz) the weights still split to the bounds but the winners are random
// (300 s: 0 of 20 seeds meet the criterion).
TEST_CASE("coincidence detection: rate-matched inputs, with and without the shared train") {
    const int with = successes(rate_matched(true), 10, true);
    const int without = successes(rate_matched(false), 10, false);
    INFO("rate-matched successes: correlated " << with << " of 10, uncorrelated " << without
                                               << " of 10");
    CHECK(with >= 9);
    CHECK(without <= 1);
}
