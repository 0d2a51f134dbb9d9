// SPDX-License-Identifier: MIT
// Experiment E-14(b): 16 pixels onto 2 outputs with lateral inhibition through stochastic
// binary 1T1R RRAM cells (p_switch 0.5) learning with E-10's set/reset pulses; each output
// specialises on a different one of the two 4x4 patterns X and O. Runs
// scenarios/experiments/wta_binary.json at full length (600 epochs, about 0.03 s a run) over
// seeds 1-10, and two controls that must fail: without lateral inhibition, and with
// deterministic switching (p_switch 1) from the shipped identical start (every cell LRS).
// docs/experiments.md has the measurements over 100 seeds.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

constexpr std::size_t kPixels = 16;
constexpr std::size_t kOutputs = 2;
constexpr std::size_t kEpochs = 600;  // 300 per pattern, shuffled
constexpr std::size_t kLast = 100;    // epochs over which the outcome is judged
constexpr double kSlot = 10;          // ms
constexpr double kThreshold = 55;     // uS: LRS 100, HRS 10

// X (pattern 0) and its complement O (pattern 1), pixel = 4 row + column.
const std::array<int, 8> kX = {0, 3, 5, 6, 9, 10, 12, 15};

bool in_x(std::size_t pixel) {
    for (int i : kX)
        if (static_cast<std::size_t>(i) == pixel) return true;
    return false;
}

Json scenario() {
    Json s = load_scenario_file(test::source_path("scenarios/experiments/wta_binary.json"));
    REQUIRE(s["projections"][0]["synapse"]["device"]["params"]["p_switch"] == 0.5);
    REQUIRE(s["projections"][1]["name"] == "wta");
    REQUIRE(s["projections"][2]["name"] == "wta_hold");
    return s;
}

struct Outcome {
    bool specialised = false;  // the two majority maps equal X and O, one each
    double correct = 0;        // share of the last kLast pattern slots answered by (only) the
                               // output whose map is that pattern
    double mean_hamming = 0;   // mean over the last kLast samples and both outputs of the
                               // Hamming distance between the binary map and its pattern
};

// The map of output k in a sample of report G (synapse = 2 pixel + output, creation order of
// all_to_all). The majority map of the last kLast samples: pixel LRS when it is LRS in more than
// half of them. An output's pattern is the one its majority map equals exactly (-1 if neither).
Outcome outcome(const Json& s, std::uint64_t seed) {
    const auto run = test::run_scenario(s, seed);
    const auto& samples = run.recorder->samples();
    REQUIRE(samples.size() == kEpochs);  // G once per epoch, 10 ms into it
    std::array<std::array<int, kPixels>, kOutputs> lrs{};
    for (std::size_t e = kEpochs - kLast; e < kEpochs; ++e) {
        REQUIRE(samples[e].values.size() == kPixels * kOutputs);
        for (std::size_t p = 0; p < kPixels; ++p)
            for (std::size_t k = 0; k < kOutputs; ++k)
                lrs[k][p] += samples[e].values[kOutputs * p + k] > kThreshold ? 1 : 0;
    }
    std::array<int, kOutputs> pattern{};
    for (std::size_t k = 0; k < kOutputs; ++k) {
        bool is_x = true;
        bool is_o = true;
        for (std::size_t p = 0; p < kPixels; ++p) {
            const bool on = 2 * lrs[k][p] > static_cast<int>(kLast);
            is_x = is_x && on == in_x(p);
            is_o = is_o && on != in_x(p);
        }
        pattern[k] = is_x ? 0 : is_o ? 1 : -1;
    }
    Outcome out;
    out.specialised = pattern[0] >= 0 && pattern[1] >= 0 && pattern[0] != pattern[1];
    if (!out.specialised) return out;

    double hamming = 0;
    for (std::size_t e = kEpochs - kLast; e < kEpochs; ++e)
        for (std::size_t k = 0; k < kOutputs; ++k)
            for (std::size_t p = 0; p < kPixels; ++p) {
                const bool on = samples[e].values[kOutputs * p + k] > kThreshold;
                const bool want = in_x(p) == (pattern[k] == 0);
                hamming += on != want ? 1 : 0;
            }
    out.mean_hamming = hamming / (kLast * kOutputs);

    // Which output fired in each pattern slot (slot 2e) of the last kLast epochs.
    const auto& columns = run.recorder->info().populations[0].columns;
    REQUIRE(columns.size() == 2);  // slot_start, slot_pattern
    const std::vector<double>& shown = columns[1].values;
    REQUIRE(shown.size() == 2 * kEpochs);
    std::vector<std::array<bool, kOutputs>> fired(kEpochs, std::array<bool, kOutputs>{});
    for (const auto& spike : run.recorder->spikes()) {
        if (spike.population != 1) continue;  // population 1 is "out"
        const auto slot = static_cast<std::size_t>(ticks_to_ms(spike.time) / kSlot);
        if (slot % 2 == 0 && slot / 2 < kEpochs) fired[slot / 2][spike.node] = true;
    }
    int correct = 0;
    for (std::size_t e = kEpochs - kLast; e < kEpochs; ++e) {
        const int q = static_cast<int>(shown[2 * e]);
        bool ok = true;
        for (std::size_t k = 0; k < kOutputs; ++k) ok = ok && fired[e][k] == (pattern[k] == q);
        correct += ok ? 1 : 0;
    }
    out.correct = static_cast<double>(correct) / kLast;
    return out;
}

int specialised_seeds(const Json& s, int n) {
    int count = 0;
    for (int seed = 1; seed <= n; ++seed)
        count += outcome(s, static_cast<std::uint64_t>(seed)).specialised ? 1 : 0;
    return count;
}

}  // namespace

// Measured over seeds 1-100 at full length: 100 / 100 specialise (majority map of the last 100
// epochs equal to X for one output and O for the other); over the last 100 epochs 99.99 % of the
// pattern slots are answered by the right output alone (worst seed 99 %), and the instantaneous
// maps are 0.7-1.5 pixels from their pattern on average (stochastic switching keeps flipping a
// pixel or two). The thresholds leave room for a change of the random streams: 9 of 10 seeds,
// 95 % correct, mean Hamming distance below 2.
TEST_CASE("WTA with stochastic binary synapses: each output specialises on a different pattern") {
    const Json s = scenario();
    int specialised = 0;
    for (int seed = 1; seed <= 10; ++seed) {
        const Outcome o = outcome(s, static_cast<std::uint64_t>(seed));
        INFO("seed " << seed << ": correct " << o.correct << ", mean Hamming " << o.mean_hamming);
        if (!o.specialised) continue;
        ++specialised;
        CHECK(o.correct >= 0.95);
        CHECK(o.mean_hamming < 2);
    }
    CHECK(specialised >= 9);
}

// Without lateral inhibition both outputs fire for both patterns and their maps drift towards
// the union of the two (measured 0 / 100 seeds specialise).
TEST_CASE("WTA with stochastic binary synapses: without lateral inhibition no output specialises") {
    Json s = scenario();
    s["projections"][1]["synapse"]["weight"] = "0 uS";
    s["projections"][2]["synapse"]["weight"] = "0 uS";
    CHECK(specialised_seeds(s, 10) == 0);
}

// Deterministic switching from the identical start: both outputs see the same input, so they
// stay identical, fire together and learn the same thing (measured 0 / 100). With a random start
// deterministic switching does specialise (docs/experiments.md); the stochastic switching is what
// breaks the symmetry here.
TEST_CASE("WTA with stochastic binary synapses: deterministic switching keeps both outputs equal") {
    Json s = scenario();
    s["projections"][0]["synapse"]["device"]["params"]["p_switch"] = 1;
    CHECK(specialised_seeds(s, 10) == 0);
}
