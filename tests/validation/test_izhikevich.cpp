// SPDX-License-Identifier: MIT
// E-3: the firing classes of Izhikevich (2003) Fig. 2 (scenarios/izhikevich.json: I = 10 from
// t = 0, v0 = -65 mV, u0 = b v0, forward Euler at 0.01 ms, 300 ms; TC rebound from -87 mV).
//  - spike steps identical to Brian2's euler on the same protocols (tools/izhikevich_reference.py);
//  - the half-step integrator at dt = 1 ms identical to Izhikevich's published loop;
//  - each class's signature, defined by ISI statistics (docs/izhikevich.md has the numbers);
//  - RZ's resonance: a doublet of sub-threshold inputs fires only near the natural period.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "neurons/izhikevich.hpp"
#include "tests/support.hpp"

using namespace memsnn;

namespace {

const std::vector<std::string> kPresets{"RS", "IB", "CH", "FS", "LTS", "TC", "RZ"};

// protocol -> integer column of a reference CSV (header line first).
std::map<std::string, std::vector<std::int64_t>> read_reference(const std::string& file) {
    std::ifstream in(test::source_path("tests/validation/data/" + file));
    REQUIRE(in.good());
    std::map<std::string, std::vector<std::int64_t>> out;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        out[line.substr(0, comma)].push_back(std::stoll(line.substr(comma + 1)));
    }
    return out;
}

// Spike grid points (t / dt) of every population, by name.
std::map<std::string, std::vector<std::int64_t>> spike_steps(const test::MemoryRun& run, Tick dt) {
    std::map<std::string, std::vector<std::int64_t>> out;
    for (const auto& p : run.built.info.populations) out[p.name];
    for (const auto& s : run.recorder->spikes()) {
        REQUIRE(s.time % dt == 0);  // spikes lie on the grid
        out[run.built.info.populations[s.population].name].push_back(s.time / dt);
    }
    return out;
}

Json e3_scenario() {
    return load_scenario_file(test::source_path("scenarios/izhikevich.json"));
}

struct Train {
    std::vector<double> t;    // spike times [ms]
    std::vector<double> isi;  // inter-spike intervals [ms]
};

Train train(const std::vector<std::int64_t>& steps, double dt_ms) {
    Train tr;
    for (auto k : steps) tr.t.push_back(static_cast<double>(k) * dt_ms);
    for (std::size_t j = 1; j < tr.t.size(); ++j) tr.isi.push_back(tr.t[j] - tr.t[j - 1]);
    return tr;
}

double max_of(const std::vector<double>& v, std::size_t from = 0) {
    double m = -INFINITY;
    for (std::size_t j = from; j < v.size(); ++j) m = std::max(m, v[j]);
    return m;
}
double min_of(const std::vector<double>& v, std::size_t from = 0) {
    double m = INFINITY;
    for (std::size_t j = from; j < v.size(); ++j) m = std::min(m, v[j]);
    return m;
}
// (max - min) / mean of v[from:]: how regular a tonic train is.
double spread(const std::vector<double>& v, std::size_t from) {
    double sum = 0;
    for (std::size_t j = from; j < v.size(); ++j) sum += v[j];
    const double mean = sum / static_cast<double>(v.size() - from);
    return (max_of(v, from) - min_of(v, from)) / mean;
}

// Spikes come on a 0.01 ms grid: two intervals of a periodic train can differ by a few steps.
constexpr double kGridJitter = 0.05;  // ms

bool non_decreasing(const std::vector<double>& isi, std::size_t from, std::size_t to) {
    for (std::size_t j = from + 1; j < to && j < isi.size(); ++j)
        if (isi[j] < isi[j - 1] - kGridJitter) return false;
    return true;
}

}  // namespace

TEST_CASE("E-3: spike steps are identical to Brian2's forward Euler on every protocol") {
    const auto run = test::run_scenario(e3_scenario());
    const Tick dt = ms_to_ticks(0.01);
    const auto memsnn = spike_steps(run, dt);
    const auto brian2 = read_reference("izhikevich_brian2.csv");
    std::vector<std::string> protocols = kPresets;
    protocols.push_back("TC_rebound");
    for (const auto& name : protocols) {
        INFO(name);
        REQUIRE(brian2.count(name) == 1);
        // Brian2 stamps a spike with the start of the step at whose end v >= 30; memsnn with
        // the grid point at that end, one step later.
        std::vector<std::int64_t> expected;
        for (auto k : brian2.at(name)) expected.push_back(k + 1);
        CHECK(memsnn.at(name) == expected);
        CHECK(!expected.empty());
    }
}

TEST_CASE("the half-step integrator at dt = 1 ms is Izhikevich's published loop") {
    Json s = e3_scenario();
    s["dt"] = "1 ms";
    s["populations"].erase("TC_rebound");
    s["stimuli"] = Json::array();
    s["record"] = Json::array();
    for (const auto& name : kPresets) {
        s["populations"][name]["params"]["integrator"] = "izhikevich_half_step";
        s["record"].push_back({{"what", "spikes"}, {"population", name}});
    }
    const auto memsnn = spike_steps(test::run_scenario(s), ms_to_ticks(1.0));
    const auto code = read_reference("izhikevich_code2003.csv");
    for (const auto& name : kPresets) {
        INFO(name);
        // The loop index t that records a spike checks the state after t - 1 steps.
        std::vector<std::int64_t> expected;
        for (auto t : code.at(name)) expected.push_back(t - 1);
        CHECK(memsnn.at(name) == expected);
        CHECK(expected.size() >= 5);
    }
}

TEST_CASE("E-3 signatures of the seven firing classes (ISI statistics)") {
    const auto run = test::run_scenario(e3_scenario());
    const auto steps = spike_steps(run, ms_to_ticks(0.01));
    auto get = [&](const char* name) { return train(steps.at(name), 0.01); };

    SUBCASE("RS: tonic, no bursts, frequency adaptation") {
        const Train rs = get("RS");
        REQUIRE(rs.isi.size() >= 5);
        CHECK(min_of(rs.isi) > 10.0);                     // no burst
        CHECK(rs.isi.front() < 0.6 * rs.isi.back());      // the first interval is short
        CHECK(non_decreasing(rs.isi, 0, rs.isi.size()));  // intervals lengthen, never shorten
        CHECK(1000.0 / rs.isi.back() < 30.0);             // adapted rate is low
        CHECK(spread(rs.isi, 1) < 0.01);                  // then regular
    }
    SUBCASE("IB: an initial burst, then tonic spikes") {
        const Train ib = get("IB");
        REQUIRE(ib.isi.size() >= 6);
        CHECK(max_of({ib.isi[0], ib.isi[1]}) < 5.0);  // 3-spike burst at onset
        CHECK(min_of(ib.isi, 2) > 20.0);              // then no more short intervals
        CHECK(spread(ib.isi, 3) < 0.01);              // regular tonic firing
    }
    SUBCASE("CH: repetitive bursts (chattering)") {
        const Train ch = get("CH");
        // Bimodal intervals: within bursts < 5 ms, between bursts > 40 ms, nothing between.
        std::vector<std::size_t> burst_sizes{1};
        std::vector<double> gaps;
        for (double isi : ch.isi) {
            CHECK((isi < 5.0 || isi > 40.0));
            if (isi < 5.0) {
                ++burst_sizes.back();
            } else {
                burst_sizes.push_back(1);
                gaps.push_back(isi);
            }
        }
        burst_sizes.pop_back();  // the last burst may be cut by the end of the run
        CHECK(burst_sizes.size() >= 4);
        for (std::size_t n : burst_sizes) CHECK(n >= 3);
        CHECK(spread(gaps, 0) < 0.05);  // bursts repeat regularly
    }
    SUBCASE("FS: fast, no sustained adaptation") {
        const Train fs = get("FS");
        REQUIRE(fs.isi.size() >= 20);
        CHECK(1000.0 / fs.isi.back() > 100.0);  // steady rate above 100 Hz
        // Settles within the first three intervals (13 ms) and stays there: no slow adaptation.
        CHECK(spread(fs.isi, 3) < 0.01);
        CHECK(fs.isi.front() > 0.5 * fs.isi.back());
        CHECK(min_of(fs.isi) > 4.0);  // tonic, no burst
    }
    SUBCASE("LTS: high initial rate with strong, gradual adaptation") {
        const Train lts = get("LTS");
        REQUIRE(lts.isi.size() >= 10);
        CHECK(lts.isi.front() < 5.0);               // > 200 Hz at onset
        CHECK(non_decreasing(lts.isi, 0, 7));       // slows over (at least) six intervals
        CHECK(lts.isi[5] > 3.0 * lts.isi.front());  // strongly
        CHECK(lts.isi.back() > 3.0 * lts.isi.front());
        CHECK(1000.0 / lts.isi.back() > 50.0);  // and still fires fast when adapted
        CHECK(spread(lts.isi, 7) < 0.01);
    }
    SUBCASE("TC: tonic firing when depolarised") {
        const Train tc = get("TC");
        REQUIRE(tc.isi.size() >= 50);
        CHECK(max_of(tc.isi) < 5.0);
        CHECK(non_decreasing(tc.isi, 0, tc.isi.size()));
        CHECK(tc.t.back() > 295.0);  // fires to the end
    }
    SUBCASE("TC: rebound burst after hyperpolarisation") {
        const Train rb = get("TC_rebound");
        REQUIRE(rb.t.size() >= 3);
        CHECK(rb.t.front() > 100.0);   // silent while hyperpolarised (I = -10)
        CHECK(rb.t.front() < 110.0);   // fires at once when released
        CHECK(rb.isi.front() < 10.0);  // a burst
        CHECK(rb.t.back() < 150.0);    // then silent at I = 0
    }
    SUBCASE("RZ: tonic under I = 10") {
        const Train rz = get("RZ");
        REQUIRE(rz.isi.size() >= 20);
        CHECK(spread(rz.isi, 6) < 0.01);
        CHECK(max_of(rz.isi) < 6.0);
    }
}

TEST_CASE("TC fires after hyperpolarisation only: at rest with I = 0 it is silent") {
    Json s = e3_scenario();
    s["stimuli"] = Json::array();
    s["populations"]["TC_rebound"]["init"]["V_m"] = "-65 mV";
    const auto steps = spike_steps(test::run_scenario(s), ms_to_ticks(0.01));
    CHECK(steps.at("TC_rebound").empty());
}

TEST_CASE("RZ resonates: a sub-threshold doublet fires near the natural period only, RS does not") {
    // RZ at its resting fixed point (v = -62.5 mV, u = b v), I = 0. Inputs of 2.2 mV (delta)
    // arrive at 11 ms and 11 + D ms. Linearised at rest the model is a damped oscillator:
    //   J = [[0.08 v + 5, -1], [a b, -a]], period T = 2 pi / sqrt(det J - (tr J / 2)^2).
    const izhikevich::Abcd rz = *izhikevich::preset("RZ");
    const double v = -62.5;
    const double tr = 0.08 * v + 5 - rz.a, det = -(0.08 * v + 5) * rz.a + rz.a * rz.b;
    const double T = 2 * std::numbers::pi / std::sqrt(det - tr * tr / 4);  // ~41 ms
    const auto brian2 = read_reference("izhikevich_brian2.csv");
    // Spike steps of `preset` at rest (v0) under inputs of w arriving at 11 and 11 + D ms
    // (D = 0: one input).
    auto doublet = [](const char* preset, const char* v0, const char* w, int gap) {
        Json times = Json::array({"10 ms"});
        if (gap > 0) times.push_back(std::to_string(10 + gap) + " ms");
        const Json s{
            {"duration", "150 ms"},
            {"dt", "0.01 ms"},
            {"populations",
             {{"src", {{"type", "spike_times"}, {"size", 1}, {"params", {{"spike_times", times}}}}},
              {"n",
               {{"type", "izhikevich"},
                {"size", 1},
                {"params", {{"preset", preset}}},
                {"init", {{"V_m", v0}}}}}}},
            {"projections",
             {{{"source", "src"},
               {"target", "n"},
               {"connect", {{"rule", "all_to_all"}}},
               {"synapse", {{"type", "static"}, {"weight", w}, {"delay", "1 ms"}}}}}},
            {"record", {{{"what", "spikes"}, {"population", "n"}}}}};
        return spike_steps(test::run_scenario(s), ms_to_ticks(0.01)).at("n");
    };
    std::map<int, bool> fired;
    for (int gap : {0, 5, 20, 40, 60}) {
        const auto steps = doublet("RZ", "-62.5 mV", "2.2 mV", gap);
        INFO("D = " << gap << " ms");
        std::vector<std::int64_t> expected;
        const std::string name = "RZ_doublet_" + std::to_string(gap);
        if (brian2.count(name))
            for (auto k : brian2.at(name)) expected.push_back(k + 1);
        CHECK(steps == expected);
        fired[gap] = !steps.empty();
    }
    CHECK(!fired[0]);   // one input is sub-threshold
    CHECK(fired[5]);    // two close inputs add up
    CHECK(!fired[20]);  // the second input arrives in the trough (about T/2)
    CHECK(fired[40]);   // ... at the next crest (about T): resonance
    CHECK(!fired[60]);  // ... in the next trough again
    CHECK(std::abs(20 - T / 2) < 0.25 * T / 2);
    CHECK(std::abs(40 - T) < 0.1 * T);
    // An integrator does not resonate: RS at its rest (-70 mV, a fixed point) fires for a
    // close pair of 12 mV inputs and for no longer interval.
    CHECK(doublet("RS", "-70 mV", "12 mV", 0).empty());
    CHECK(!doublet("RS", "-70 mV", "12 mV", 2).empty());
    for (int gap : {20, 40, 60}) CHECK(doublet("RS", "-70 mV", "12 mV", gap).empty());
}
