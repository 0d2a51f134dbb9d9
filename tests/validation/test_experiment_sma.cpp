// SPDX-License-Identifier: MIT
// Experiment E-4b, Song, Miller and Abbott (2000): competitive additive STDP drives the weights
// of 1000 Poisson inputs onto one conductance LIF neuron towards both bounds, and the output
// rate falls as the weights compete. Runs scenarios/experiments/song_miller_abbott.json as
// shipped (seed 1, 100 s); docs/experiments.md has the full measurements.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <vector>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

// Counts of the weights in 10 equal bins over [0, w_max] (w_max itself in the last bin).
std::array<int, 10> histogram(const std::vector<double>& w, double w_max) {
    std::array<int, 10> h{};
    for (double v : w) ++h[std::clamp(static_cast<int>(v / w_max * 10), 0, 9)];
    return h;
}

}  // namespace

TEST_CASE("Song-Miller-Abbott: STDP makes the weights bimodal and lowers the output rate") {
    // Why the full 100 s and not a shorter run: the distribution sharpens slowly. Within 10 % of a
    // bound: 20 % of the weights at the start, 39-41 % after 99 s (seeds 1-5), 77-79 % after 990 s
    // (seeds 1-3), and it is still sharpening then. After 50 s the upper end bin holds only
    // 1.58-1.74 times the mean interior bin. No protocol value the paper allows shortens this: the
    // scenario has the paper's learning rate (A_plus = 0.005 w_max), and Brian2's doubled one
    // barely helps in the first 100 s (seed 1: 45 % instead of 41 % near a bound) while broadening
    // the modes later; higher input rates (the paper used up to 40 Hz) cost more events per second
    // and first depress almost every weight (25 and 40 Hz: 6 % and 2 % near w_max after 40 s).
    // 100 s is the experiment's own length (its pass mark is the distribution after 100 s); a
    // release build needs about 6-8 s of CPU for it. One seed: every seed of 1-5 clears the
    // thresholds below with a similar margin.
    Json s = load_scenario_file(test::source_path("scenarios/experiments/song_miller_abbott.json"));
    const auto run = test::run_scenario(s);

    // Report w samples the 1000 weights every second: the first sample (t = 0) holds the
    // initial weights, the last one (t = 99 s) the learnt ones.
    const auto& samples = run.recorder->samples();
    REQUIRE(samples.size() == 100);
    REQUIRE(samples.front().time == 0);
    REQUIRE(samples.back().time == ms_to_ticks(99e3));
    const std::vector<double>& w0 = samples.front().values;
    const std::vector<double>& w = samples.back().values;
    REQUIRE(w.size() == 1000);
    const double w_max = 1e-4;  // 0.1 nS in uS, the unit of the report

    // The start is flat: uniform on [0, w_max), each bin holds 100 +- 9.5 (binomial sd).
    const auto h0 = histogram(w0, w_max);
    for (int b = 0; b < 10; ++b) CHECK(h0[b] < 140);

    // Bimodal end state, measured in 10 bins of 0.1 w_max. After 990 s both end bins are the modes
    // by far (seed 1: 436 and 353 of the 1000 weights, no interior bin above 66). After 99 s the
    // modes are there but the interior has not emptied yet: seeds 1-5 put 220-249 and 163-176
    // weights into the end bins and at most 78-94 into any interior bin, a ratio end / largest
    // interior bin of 1.78-2.90; without learning the distribution stays uniform (seed 1, rule
    // removed: end bins 120 and 109, largest interior bin 115, ratio 0.95-1.04). So: each end bin
    // holds at least 1.5 times the largest interior bin (this makes them the two modes), and
    // together they hold at least 35 % of the weights (uniform: 20 % +- 1.3 %; measured after 99 s:
    // 39-41 %).
    const auto h = histogram(w, w_max);
    INFO("final histogram: " << h[0] << " " << h[1] << " " << h[2] << " " << h[3] << " " << h[4]
                             << " " << h[5] << " " << h[6] << " " << h[7] << " " << h[8] << " "
                             << h[9]);
    const int interior = *std::max_element(h.begin() + 1, h.end() - 1);
    CHECK(h[0] >= 1.5 * interior);
    CHECK(h[9] >= 1.5 * interior);
    CHECK(h[0] + h[9] >= 350);

    // The output rate falls as the weights compete: 34-47 Hz over the first 10 s, 17-22 Hz over the
    // last 10 s (seeds 1-5, ratio 0.41-0.51); without STDP it stays put (seed 1, rule removed: 50.5
    // and 50.9 Hz; the Poisson count noise of a 10 s window is ~5 %). Require the last 10 s at most
    // 0.7 times the first 10 s, and the neuron still firing (competition regulates the rate, it
    // does not silence the neuron): at least 5 Hz.
    const auto t = run.recorder->times_ms(1, 0);  // population 1: the neuron
    const auto count = [&t](double from, double to) {
        return static_cast<double>(
            std::count_if(t.begin(), t.end(), [&](double v) { return v >= from && v < to; }));
    };
    const double first = count(0, 10e3) / 10.0;  // Hz
    const double last = count(90e3, 100e3) / 10.0;
    INFO("rate first 10 s " << first << " Hz, last 10 s " << last << " Hz");
    CHECK(last <= 0.7 * first);
    CHECK(last >= 5);
}
