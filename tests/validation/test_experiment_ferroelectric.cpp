// SPDX-License-Identifier: MIT
// Experiment E-13, Boyn et al. (2017): 9 pixels onto 5 winner-take-all LIF neurons through
// ferroelectric two-terminal synapses trained by overlap STDP learn three noisy 3x3 bars.
// Runs scenarios/experiments/ferroelectric_bars.json at full length (a run takes about 0.05 s)
// over seeds 1-10 at low and high pixel-flip noise, and with learning switched off from the
// start; the recognition is computed as tools/ferroelectric_bars.py does. docs/experiments.md
// has the measurements over 20 seeds.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

constexpr int kOutputs = 5;
constexpr int kClasses = 3;
constexpr double kSlot = 40;     // ms, as in the scenario
constexpr double kStop = 24000;  // ms, the learning block's stop time in the scenario
constexpr std::size_t kLabel = 150;

Json scenario(double flip, bool learning) {
    Json s = load_scenario_file(test::source_path("scenarios/experiments/ferroelectric_bars.json"));
    REQUIRE(s["projections"][0]["learning"]["stop"] == "24 s");
    s["populations"]["pixels"]["params"]["p_drop"] = flip;
    s["populations"]["pixels"]["params"]["p_extra"] = flip;
    if (!learning) s["projections"][0]["learning"]["stop"] = "0 ms";
    s["record"] = Json::array({Json{{"what", "spikes"}, {"population", "out"}}});
    return s;
}

// Recognition of one run: the pattern slots from kStop on are the frozen pass; each output
// neuron is labelled with the class it fired most for (per presentation) in the first kLabel of
// them, and each later one counts as recognised when the first output neuron to fire in it
// (equal times: more spikes in the slot, then the lower index) is labelled with its class.
double recognition(const Json& s, std::uint64_t seed) {
    const auto run = test::run_scenario(s, seed);
    const auto& columns = run.recorder->info().populations[0].columns;
    REQUIRE(columns.size() == 2);
    const std::vector<double>& start = columns[0].values;
    const std::vector<double>& shown = columns[1].values;
    std::vector<double> starts;
    std::vector<int> classes;
    for (std::size_t k = 0; k < start.size(); ++k)
        if (shown[k] >= 0 && start[k] >= kStop) {
            starts.push_back(start[k]);
            classes.push_back(static_cast<int>(shown[k]));
        }
    REQUIRE(starts.size() == 450);  // 750 epochs, the first 300 train
    std::vector<std::array<int, kOutputs>> counts(starts.size(), std::array<int, kOutputs>{});
    std::vector<int> first(starts.size(), -1);
    std::vector<double> first_time(starts.size(), 0);
    std::size_t k = 0;
    for (const auto& spike : run.recorder->spikes()) {  // in time order
        if (spike.population != 1) continue;            // population 1 is "out"
        const double t = ticks_to_ms(spike.time);
        while (k < starts.size() && t >= starts[k] + kSlot) ++k;
        if (k == starts.size()) break;
        if (t < starts[k]) continue;
        const auto n = static_cast<int>(spike.node);
        ++counts[k][static_cast<std::size_t>(n)];
        if (first[k] < 0 ||
            (t == first_time[k] && counts[k][static_cast<std::size_t>(n)] >
                                       counts[k][static_cast<std::size_t>(first[k])])) {
            first[k] = n;
            first_time[k] = t;
        }
    }
    std::array<std::array<double, kOutputs>, kClasses> mean{};
    std::array<int, kClasses> shows{};
    for (std::size_t j = 0; j < kLabel; ++j) {
        const auto c = static_cast<std::size_t>(classes[j]);
        ++shows[c];
        for (std::size_t n = 0; n < kOutputs; ++n) mean[c][n] += counts[j][n];
    }
    std::array<int, kOutputs> label{};
    for (std::size_t n = 0; n < kOutputs; ++n) {
        label[n] = -1;
        double best = 0;
        for (std::size_t c = 0; c < kClasses; ++c) {
            const double m = shows[c] > 0 ? mean[c][n] / shows[c] : 0;
            if (m > best) {
                best = m;
                label[n] = static_cast<int>(c);
            }
        }
    }
    int correct = 0;
    for (std::size_t j = kLabel; j < starts.size(); ++j)
        correct += first[j] >= 0 && label[static_cast<std::size_t>(first[j])] == classes[j];
    return static_cast<double>(correct) / static_cast<double>(starts.size() - kLabel);
}

}  // namespace

// Measured over seeds 1-20 at full length (docs/experiments.md): flip probability 0.02:
// recognition 99.3-100 % with learning; with learning off from the start (the random initial
// weights alone, labelled the same way) 36.5-95.5 %, never 97 %. Flip probability 0.2:
// 68.3-82.3 %, mean 77.5 % (chance 33 %, the Bayes-optimal classifier 82.8 %). Thresholds: at
// least 9 of 10 seeds >= 97 % with learning and at most 1 of 10 without (one seed of slack each,
// so that a harmless change of the random streams does not fail the test); at 0.2 the mean over
// 10 seeds >= 70 % and every seed above 55 %. Thirty 60 s runs take about 2 s.
TEST_CASE("ferroelectric bars: near-perfect recognition at low noise after training") {
    const Json s = scenario(0.02, true);
    int good = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        const double r = recognition(s, seed);
        INFO("seed " << seed << ": recognition " << r);
        good += r >= 0.97;
        CHECK(r > 0.9);
    }
    CHECK(good >= 9);
}

TEST_CASE("ferroelectric bars: without learning the random weights do not recognise") {
    const Json s = scenario(0.02, false);
    int good = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) good += recognition(s, seed) >= 0.97;
    CHECK(good <= 1);
}

TEST_CASE("ferroelectric bars: clearly above chance at high noise") {
    const Json s = scenario(0.2, true);
    double sum = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        const double r = recognition(s, seed);
        INFO("seed " << seed << ": recognition " << r);
        CHECK(r > 0.55);
        sum += r;
    }
    CHECK(sum / 10 >= 0.70);
}
