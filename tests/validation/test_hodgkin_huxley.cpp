// SPDX-License-Identifier: MIT
// E-2: the Hodgkin-Huxley neuron against NEURON's hh mechanism on the same protocols
// (tests/validation/data/hh_*.csv, made by tools/hh_reference.py: one compartment of 1e5 um2,
// el = -54.387 mV, celsius 6.3, rate tables off, CVODE at rtol = atol = 1e-9).
//
// Tolerances. The CVODE reference is accurate to ~1e-6 ms in spike times (tightening its
// tolerances to 1e-11 moves them by 1.3e-6 ms). memsnn's rk4 at dt = 0.01 ms carries its own
// discretisation error: its spike times move by up to 3.5e-5 ms between dt = 0.01 and 0.001 ms
// over 100 ms (integration error ~dt^4 plus the linear interpolation of the crossing, ~dt^2),
// so rk4 must agree to 1e-4 ms. exponential_euler (second order in spike times) moves by up to
// 5.7e-3 ms between dt = 0.01 and 0.001 ms, so it must agree to 1e-2 ms — the size of NEURON's
// own fixed-step error at the same dt (Crank-Nicolson, 3e-3 ms, in the same file).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

using Row = std::vector<std::string>;

// Rows of a reference CSV: '#' lines are comments, the first other line is the header.
std::vector<Row> read_csv(const std::string& name) {
    std::ifstream in(test::source_path("tests/validation/data/" + name));
    REQUIRE(in.good());
    std::vector<Row> rows;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        Row row;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ',')) row.push_back(cell);
        if (!line.empty() && line.back() == ',') row.emplace_back();
        rows.push_back(row);
    }
    return rows;
}

std::string nA(double I) {
    std::ostringstream s;
    s.precision(17);
    s << I << " nA";
    return s.str();
}

// `currents.size()` neurons; neuron k gets currents[k] from `start` on (from t = 0 through I_e
// when start is 0, as in MODELS appendix A.1).
Json protocol(const std::vector<double>& currents, double start_ms, const char* duration,
              const char* integrator, bool record_V) {
    Json s = {{"duration", duration},
              {"dt", "0.01 ms"},
              {"populations",
               {{"n",
                 {{"type", "hodgkin_huxley"},
                  {"size", currents.size()},
                  {"params", {{"integrator", integrator}}}}}}},
              {"record", Json::array({{{"what", "spikes"}, {"population", "n"}}})}};
    if (start_ms == 0) {
        Json I = Json::array();
        for (double c : currents) I.push_back(nA(c));
        s["populations"]["n"]["params"]["I_e"] = I;
    } else {
        s["stimuli"] = Json::array();
        for (std::size_t k = 0; k < currents.size(); ++k)
            s["stimuli"].push_back({{"type", "step_current"},
                                    {"target", "n"},
                                    {"neurons", {k}},
                                    {"start", std::to_string(start_ms) + " ms"},
                                    {"amplitude", nA(currents[k])}});
    }
    if (record_V) s["record"].push_back({{"what", "V_m"}, {"population", "n"}});
    return s;
}

// MODELS appendix A.1: (n - 1) / (t_last - t_first) over the spikes after 200 ms.
double steady_rate_hz(const std::vector<double>& spikes) {
    std::vector<double> late;
    for (double t : spikes)
        if (t > 200) late.push_back(t);
    if (late.size() < 2) return 0;
    return 1000.0 * static_cast<double>(late.size() - 1) / (late.back() - late.front());
}

// Spike trains of neurons under constant currents from t = 0 for `duration`.
std::vector<std::vector<double>> spike_trains(const std::vector<double>& currents,
                                              const char* duration) {
    const auto run = test::run_scenario(protocol(currents, 0, duration, "rk4", false));
    std::vector<std::vector<double>> out;
    for (std::size_t k = 0; k < currents.size(); ++k) out.push_back(run.recorder->times_ms(0, k));
    return out;
}

// Smallest current in (lo, hi] whose spike train satisfies `fires`, to `resolution`, refining
// with 10 neurons per run. Requires !fires(lo) and fires(hi).
template <class F>
std::pair<double, double> bisect(double lo, double hi, double resolution, const char* duration,
                                 F fires) {
    while (hi - lo > resolution) {
        std::vector<double> currents;
        for (int k = 0; k <= 10; ++k) currents.push_back(lo + (hi - lo) * k / 10);
        const auto trains = spike_trains(currents, duration);
        REQUIRE(!fires(trains.front()));
        REQUIRE(fires(trains.back()));
        std::size_t first = 10;
        while (first > 0 && fires(trains[first - 1])) --first;
        // Firing must be monotone in the current inside the bracket.
        for (std::size_t k = 0; k < first; ++k) CHECK(!fires(trains[k]));
        const double new_lo = currents[first - 1], new_hi = currents[first];
        lo = new_lo;
        hi = new_hi;
    }
    return {lo, hi};
}

}  // namespace

TEST_CASE("spike times agree with NEURON's hh: steps from rest at 10 ms, 100 ms") {
    std::map<double, std::vector<double>> reference;
    std::map<double, double> peak;
    for (const Row& r : read_csv("hh_spike_times.csv")) {
        const double I = std::stod(r[0]);
        reference[I].push_back(std::stod(r[2]));
        if (r.size() > 4 && !r[4].empty()) peak[I] = std::stod(r[4]);
    }
    REQUIRE(reference.size() >= 5);
    std::vector<double> currents;
    for (const auto& [I, times] : reference) currents.push_back(I);

    for (const auto& [integrator, tolerance] :
         {std::pair{"rk4", 1e-4}, std::pair{"exponential_euler", 1e-2}}) {
        INFO(std::string(integrator));
        const auto run = test::run_scenario(protocol(currents, 10, "100 ms", integrator, true));
        double worst = 0;
        for (std::size_t k = 0; k < currents.size(); ++k) {
            const double I = currents[k];
            INFO("I = " << I << " nA");
            const auto spikes = run.recorder->times_ms(0, k);
            REQUIRE(spikes.size() == reference[I].size());
            for (std::size_t j = 0; j < spikes.size(); ++j) {
                worst = std::max(worst, std::abs(spikes[j] - reference[I][j]));
                CHECK(std::abs(spikes[j] - reference[I][j]) < tolerance);
            }
            // The first spike's peak, sampled every dt, against NEURON's (sampled every 0.5 us):
            // near +40 mV (class-II HH overshoot), within the sampling error of a 0.01 ms grid
            // at the peak (|V''| dt^2 / 8 < 0.01 mV for |V''| < 800 mV/ms^2).
            double V_max = -1e9;
            for (const auto& sample : run.recorder->samples())
                if (ticks_to_ms(sample.time) > spikes[0] &&
                    ticks_to_ms(sample.time) < spikes[0] + 2)
                    V_max = std::max(V_max, sample.values[k]);
            CHECK(V_max > 35);
            CHECK(V_max < 45);
            if (std::string(integrator) == "rk4") CHECK(std::abs(V_max - peak[I]) < 0.01);
        }
        CHECK(worst < tolerance);
    }
}

TEST_CASE("f-I curve: class II, steady rates equal NEURON's") {
    std::vector<double> currents, rates;
    std::vector<std::size_t> counts;
    for (const Row& r : read_csv("hh_fi.csv")) {
        currents.push_back(std::stod(r[0]));
        rates.push_back(std::stod(r[1]));
        counts.push_back(std::stoul(r[2]));
    }
    REQUIRE(currents.size() >= 8);
    const auto trains = spike_trains(currents, "500 ms");
    double previous = 0;
    int firing = 0;
    for (std::size_t k = 0; k < currents.size(); ++k) {
        INFO("I = " << currents[k] << " nA");
        const double rate = steady_rate_hz(trains[k]);
        CHECK(trains[k].size() == counts[k]);
        // 500 ms of spike-time error below 1e-3 ms moves a 50-120 Hz rate by < 1e-3 Hz.
        CHECK(rate == doctest::Approx(rates[k]).epsilon(1e-4).scale(0.01));
        if (rate > 0) {
            ++firing;
            CHECK(rate >= 40);  // sustained firing never starts from zero (class II)
            CHECK(rate > previous);
            previous = rate;
        }
    }
    CHECK(firing >= 6);
}

TEST_CASE("current thresholds: single spike, then sustained firing at a non-zero rate") {
    // MODELS appendix A.1 protocol (current from t = 0, 500 ms; sustained = spikes after
    // 200 ms); the brackets from NEURON are 6e-5 (single) and 9e-5 nA (sustained) wide.
    std::map<std::string, Row> reference;
    for (const Row& r : read_csv("hh_thresholds.csv")) reference[r[0]] = r;
    const double single_lo = std::stod(reference["single_spike"][1]);
    const double single_hi = std::stod(reference["single_spike"][2]);
    const double sustained_lo = std::stod(reference["sustained"][1]);
    const double sustained_hi = std::stod(reference["sustained"][2]);
    const double rate_above = std::stod(reference["sustained"][3]);

    // A spike after 100 ms of constant drive no longer happens near the single-spike
    // threshold: its latency there is below 20 ms.
    const auto single = bisect(1.0, 5.0, 1e-4, "100 ms", [](const auto& s) { return !s.empty(); });
    const auto sustained =
        bisect(5.0, 8.0, 1e-4, "500 ms", [](const auto& s) { return steady_rate_hz(s) > 0; });
    // The thresholds agree with NEURON's to the two bisections' resolution.
    CHECK(single.first < single_hi + 1e-4);
    CHECK(single.second > single_lo - 1e-4);
    CHECK(sustained.first < sustained_hi + 1e-4);
    CHECK(sustained.second > sustained_lo - 1e-4);
    // Class II: between the thresholds exactly one spike; above the sustained threshold the
    // rate jumps to a non-zero value. At NEURON's upper bracket (above memsnn's threshold too)
    // the rate equals NEURON's there to 1e-3 (measured 3e-4): this close to the fold of the
    // limit cycle the slow passage amplifies the 1e-4 ms spike-time differences ~100-fold.
    REQUIRE(sustained.second <= sustained_hi);
    const auto trains = spike_trains(
        {single.second, 0.5 * (single.second + sustained.first), sustained.first, sustained_hi},
        "500 ms");
    CHECK(trains[0].size() == 1);
    CHECK(trains[1].size() == 1);
    CHECK(steady_rate_hz(trains[2]) == 0);
    const double onset_rate = steady_rate_hz(trains[3]);
    CHECK(onset_rate > 40);
    CHECK(onset_rate == doctest::Approx(rate_above).epsilon(1e-3));
}

TEST_CASE("scenarios/hodgkin_huxley.json: silent, one spike, repetitive firing") {
    const Json s = load_scenario_file(test::source_path("scenarios/hodgkin_huxley.json"));
    const auto run = test::run_scenario(s);
    const auto& stimuli = s["stimuli"];
    REQUIRE(stimuli.size() == 4);
    // Amplitudes against NEURON's thresholds (hh_thresholds.csv): 1.5 < 2.24 < 3 < 6.26 < 7, 20.
    CHECK(run.recorder->times_ms(0, 0).empty());
    CHECK(run.recorder->times_ms(0, 1).size() == 1);
    for (std::uint64_t k : {2, 3}) {
        const auto spikes = run.recorder->times_ms(0, k);
        REQUIRE(spikes.size() >= 5);
        // Firing stops with the step (110 ms), and starts within a few ms of its onset.
        CHECK(spikes.front() > 10);
        CHECK(spikes.front() < 15);
        CHECK(spikes.back() < 110);
    }
    CHECK(run.recorder->times_ms(0, 3).size() > run.recorder->times_ms(0, 2).size());
}
