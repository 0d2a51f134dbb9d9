// SPDX-License-Identifier: MIT
// Experiment E-10, Pedretti et al. (2017): a one-layer perceptron with binary 1T1R RRAM synapses
// (MODELS 4.1) learns the 4x4 patterns X, O and C one after the other, each time forgetting the
// previous one. Runs scenarios/experiments/perceptron_1t1r.json with 60 instead of 300 epochs per
// phase over seeds 1-20, and the same without the learning rule; docs/experiments.md has the
// full measurements.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

constexpr int kPixels = 16;
constexpr int kEpochs = 60;    // per phase (the scenario: 300)
constexpr double kG_HRS = 10;  // uS
constexpr double kG_LRS = 100;

// The patterns of the scenario, as in MODELS 4.1 (pixel = 4 row + column).
const std::array<std::vector<int>, 3> kPatterns = {
    std::vector<int>{0, 3, 5, 6, 9, 10, 12, 15}, std::vector<int>{1, 2, 4, 7, 8, 11, 13, 14},
    std::vector<int>{0, 1, 2, 3, 4, 8, 12, 13, 14, 15}};

std::array<bool, kPixels> mask(int pattern) {
    std::array<bool, kPixels> m{};
    for (int i : kPatterns[static_cast<std::size_t>(pattern)])
        m[static_cast<std::size_t>(i)] = true;
    return m;
}

Json shortened(bool learning) {
    Json s = load_scenario_file(test::source_path("scenarios/experiments/perceptron_1t1r.json"));
    s["populations"]["pre"]["params"]["phases"] = Json::array(
        {Json::array({0, kEpochs}), Json::array({1, kEpochs}), Json::array({2, kEpochs})});
    s["duration"] = std::to_string(3 * kEpochs * 20) + " ms";
    if (!learning) s["projections"][0].erase("learning");
    return s;
}

std::string map_of(const std::vector<double>& G) {
    std::string out;
    for (int i = 0; i < kPixels; ++i) out += G[static_cast<std::size_t>(i)] > 55 ? '1' : '0';
    return out;
}

// Runs s with seeds 1..n; counts the phases at whose end (last sample of the phase: the state
// after its last pattern slot) the binary weight map equals the current pattern exactly: the
// pattern's pixels at G_LRS, every other pixel, in particular those of the previous pattern, at
// G_HRS (binary devices, so this leaves no trace of the previous pattern). report_misses prints
// the maps of the phases that miss.
int learnt_phases(const Json& s, int n, bool report_misses) {
    int count = 0;
    for (int seed = 1; seed <= n; ++seed) {
        const auto run = test::run_scenario(s, static_cast<std::uint64_t>(seed));
        const auto& samples = run.recorder->samples();
        REQUIRE(samples.size() == 3 * kEpochs);  // report G once per epoch, 10 ms into it
        for (int phase = 0; phase < 3; ++phase) {
            const auto& last = samples[static_cast<std::size_t>((phase + 1) * kEpochs - 1)];
            REQUIRE(last.time == ms_to_ticks(((phase + 1) * kEpochs - 1) * 20.0 + 10));
            const std::vector<double>& G = last.values;
            REQUIRE(G.size() == kPixels);
            const auto m = mask(phase);
            bool ok = true;
            for (std::size_t i = 0; i < kPixels; ++i) ok = ok && G[i] == (m[i] ? kG_LRS : kG_HRS);
            if (ok)
                ++count;
            else if (report_misses)
                MESSAGE("seed " << seed << " phase " << phase << ": map " << map_of(G));
        }
    }
    return count;
}

}  // namespace

// Why 60 epochs and 20 seeds: with the shipped parameters the map, once equal to the current
// pattern, never leaves it (a pattern slot always fires the POST and sets the pattern, the noise
// slot after it resets only what the next pattern slot sets again). Over 100 seeds at full length
// (300 epochs per phase) it got there after 2-23 epochs for X, 7-42 for O, 1-32 for C, every phase
// of every seed; with 60 epochs per phase also every phase of seeds 1-100 (at most 40 epochs
// needed), with 40 epochs per phase 299 of 300. Twenty 3.6 s runs take a few milliseconds.
// Threshold 59 of 60 phases: measured 60 of 60; one miss is allowed so that a harmless change of
// the random streams (a slow seed, ~1 % of the phases need more than 30 epochs) does not fail the
// test. Without learning the map stays at its random start (each pixel LRS with p = 0.5), equal to
// a pattern with probability 2^-16 per phase: measured 0 of 60.
TEST_CASE("1T1R perceptron: learns X, then O, then C, forgetting each previous pattern") {
    const int learnt = learnt_phases(shortened(true), 20, true);
    INFO("phases learnt with the rule: " << learnt << " of 60");
    CHECK(learnt >= 59);
}

TEST_CASE("1T1R perceptron: without the learning rule the weights keep their random start") {
    const int learnt = learnt_phases(shortened(false), 20, false);
    INFO("phases learnt without the rule: " << learnt << " of 60");
    CHECK(learnt == 0);
}
