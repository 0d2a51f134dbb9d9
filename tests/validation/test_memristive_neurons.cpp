// SPDX-License-Identifier: MIT
// E-9: memristive neurons under a bias sweep (scenarios/memristive_neurons.json).
//   (a) Mott relaxation oscillator: silent below onset, period = closed-form t_up + t_dn above,
//       rate rising with bias.
//   (b) Diffusive LIF: silent at and below rheobase, rate rising with input, intervals bounded
//       below by the device relaxation (no t_ref exists).
//   (c) PCM neuron: without reset noise every interval is the closed-form pulse count; with it
//       the count varies; fewer pulses for larger amplitude or width.
//   (d) MTJ neuron: same seed, same spikes; reset-mode rate 1/tau_P rising with the current.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "neurons/diffusive_lif.hpp"
#include "neurons/mott_oscillator.hpp"
#include "neurons/mtj_neuron.hpp"
#include "neurons/pcm_neuron.hpp"
#include "tests/support.hpp"

using namespace memsnn;

namespace {

Json scenario() {
    return load_scenario_file(test::source_path("scenarios/memristive_neurons.json"));
}

// The scenario reduced to some of its populations (with the projections among them) and to their
// spikes, so each case runs only what it checks.
Json only(Json s, const std::set<std::string>& keep) {
    Json populations = Json::object();
    for (const auto& [name, pop] : s["populations"].items())
        if (keep.count(name)) populations[name] = pop;
    s["populations"] = populations;
    Json projections = Json::array();
    for (const auto& proj : s["projections"])
        if (keep.count(proj["source"]) && keep.count(proj["target"])) projections.push_back(proj);
    s["projections"] = projections;
    Json record = Json::array();
    for (const auto& r : s["record"])
        if (keep.count(r["population"]) && r["what"] == "spikes") record.push_back(r);
    s["record"] = record;
    return s;
}

double quantity(const Json& v) {
    std::string error;
    return parse_quantity(v.get<std::string>(), error)->value;
}

std::vector<double> quantities(const Json& list) {
    std::vector<double> out;
    for (const auto& v : list) out.push_back(quantity(v));
    return out;
}

std::uint32_t population_index(const test::MemoryRun& run, const std::string& name) {
    const auto& net = *run.built.network;
    for (std::uint32_t p = 0; p < net.n_populations(); ++p)
        if (net.population(p).name() == name) return p;
    FAIL("no population " << name);
    return 0;
}

// Mean interval [ms] from the first to the last spike.
double mean_interval(const std::vector<double>& t) {
    return (t.back() - t.front()) / static_cast<double>(t.size() - 1);
}

}  // namespace

TEST_CASE("E-9a: Mott oscillator period equals t_up + t_dn above onset, nothing below") {
    const Json s = only(scenario(), {"mott"});
    const auto run = test::run_scenario(s);
    const std::uint32_t pop = population_index(run, "mott");
    const Json& params = s["populations"]["mott"]["params"];
    mott_oscillator::Params p;
    p.C = quantity(params["C"]);
    const double onset = p.V_th * (1 / p.R_s + 1 / p.R_off);
    const auto currents = quantities(params["I_e"]);
    int silent = 0, firing = 0;
    double previous_rate = 0;
    for (std::size_t i = 0; i < currents.size(); ++i) {
        const auto t = run.recorder->times_ms(pop, i);
        INFO("I_e = " << currents[i] << " nA");
        if (currents[i] <= onset) {
            CHECK(t.empty());
            ++silent;
            continue;
        }
        ++firing;
        REQUIRE(t.size() > 20);
        const double T = mott_oscillator::period(p, currents[i]);
        CHECK(std::abs(mean_interval(t) / T - 1) < 1e-9);
        for (std::size_t k = 1; k < t.size(); ++k)
            CHECK(std::abs(t[k] - t[k - 1] - T) <= 1.001e-9);  // each interval to the 1 ps tick
        const double rate = 1000 / mean_interval(t);
        CHECK(rate > previous_rate);
        previous_rate = rate;
    }
    CHECK(silent >= 2);
    CHECK(firing >= 4);
}

TEST_CASE("E-9b: diffusive LIF: silent to rheobase, rate rising, refractory from relaxation") {
    const ModelInfo info = diffusive_lif::model_info();
    for (const auto& spec : info.params) CHECK(spec.name != "t_ref");
    Json s = only(scenario(), {"diffusive"});
    const diffusive_lif::Params p;  // the scenario keeps the defaults except I_e
    const double rheobase = p.V_th * p.g_L();
    const auto currents = quantities(s["populations"]["diffusive"]["params"]["I_e"]);
    std::vector<double> strongest;  // mean interval at the largest current, per tau_relax
    for (double tau_relax : {1.0, 3.0}) {
        apply_override(
            s, "populations.diffusive.params.tau_relax=" + std::to_string(tau_relax) + " ms");
        const auto run = test::run_scenario(s);
        const std::uint32_t pop = population_index(run, "diffusive");
        int silent = 0, firing = 0;
        double previous_rate = 0;
        for (std::size_t i = 0; i < currents.size(); ++i) {
            const double I = currents[i];
            const auto t = run.recorder->times_ms(pop, i);
            INFO("tau_relax = " << tau_relax << " ms, I_e = " << I << " nA");
            if (I <= rheobase) {
                CHECK(t.empty());
                ++silent;
                continue;
            }
            ++firing;
            REQUIRE(t.size() > 10);
            const double rate = 1000 / mean_interval(t);
            CHECK(rate > previous_rate);
            previous_rate = rate;
            // While V rises, V < I / (1/R_p + G_D(t)), so a new switch needs G_D < I / V_th -
            // 1/R_p.
            const double floor = tau_relax * std::log((p.G_on - p.G_off) / (I / p.V_th - p.g_L()));
            for (std::size_t k = 1; k < t.size(); ++k) CHECK(t[k] - t[k - 1] > floor);
            if (i + 1 == currents.size()) strongest.push_back(mean_interval(t));
        }
        CHECK(silent == 2);
        CHECK(firing == 4);
    }
    // At strong drive the interval is set by the relaxation: it scales with tau_relax.
    REQUIRE(strongest.size() == 2);
    CHECK(strongest[1] / strongest[0] > 2);
}

TEST_CASE("E-9c: PCM neuron: closed-form pulse counts without reset noise, spread with it") {
    Json s = only(scenario(), {"pulses", "pcm"});
    const auto amplitudes = quantities(s["projections"][0]["synapse"]["weight"]);
    const double period_ms = 1;  // 1 kHz pulses
    pcm_neuron::Params p;
    auto counts = [&](const Json& scen, std::size_t i) {
        const auto run = test::run_scenario(scen);
        const auto t = run.recorder->times_ms(population_index(run, "pcm"), i);
        std::vector<long> n;
        for (std::size_t k = 1; k < t.size(); ++k)
            n.push_back(std::lround((t[k] - t[k - 1]) / period_ms));
        return n;
    };
    SUBCASE("deterministic") {
        apply_override(s, "populations.pcm.params.sigma_r=0");
        for (double t_p : {50e-6, 100e-6}) {
            apply_override(s, "populations.pcm.params.t_p=" + std::to_string(t_p * 1e6) + " ns");
            p.t_p = t_p;
            const auto run = test::run_scenario(s);
            const std::uint32_t pop = population_index(run, "pcm");
            long previous = std::numeric_limits<long>::max();
            for (std::size_t i = 0; i < amplitudes.size(); ++i) {
                const long N = pcm_neuron::pulses_to_fire(p, amplitudes[i], t_p);
                const auto t = run.recorder->times_ms(pop, i);
                INFO("t_p = " << t_p * 1e6 << " ns, V_p = " << amplitudes[i] << " mV, N = " << N);
                REQUIRE(t.size() > 10);
                // Pulses arrive at 1, 2, 3, ... ms: the first spike is the N-th pulse.
                CHECK(t.front() ==
                      doctest::Approx(static_cast<double>(N) * period_ms).epsilon(1e-12));
                for (std::size_t k = 1; k < t.size(); ++k)
                    CHECK(t[k] - t[k - 1] ==
                          doctest::Approx(static_cast<double>(N) * period_ms).epsilon(1e-12));
                CHECK(N < previous);  // fewer pulses for a larger amplitude
                previous = N;
                if (t_p > 50e-6) CHECK(N < pcm_neuron::pulses_to_fire(p, amplitudes[i], 50e-6));
            }
        }
    }
    SUBCASE("reset noise") {
        // sigma_r = 0.15 in the scenario: the 2 V neuron (N = 10 without noise) varies.
        const auto n = counts(s, 2);
        REQUIRE(n.size() > 100);
        const std::set<long> distinct(n.begin(), n.end());
        CHECK(distinct.size() >= 3);
        CHECK(*distinct.begin() < 10);
        CHECK(*distinct.rbegin() > 10);
    }
}

TEST_CASE("E-9d: MTJ neuron: seed-deterministic, reset-mode rate 1/tau_P rising with current") {
    Json s = only(scenario(), {"mtj"});
    apply_override(s, "populations.mtj.params.mode=reset");
    const auto a = test::run_scenario(s, 21);
    const auto b = test::run_scenario(s, 21);
    const auto c = test::run_scenario(s, 22);
    const std::uint32_t pop = population_index(a, "mtj");
    const auto currents = quantities(s["populations"]["mtj"]["params"]["I_e"]);
    const mtj_neuron::Params p;
    const double duration_s = 2;
    double previous = 0;
    for (std::size_t i = 0; i < currents.size(); ++i) {
        const auto ta = a.recorder->times_ms(pop, i);
        CHECK(ta == b.recorder->times_ms(pop, i));
        CHECK(ta != c.recorder->times_ms(pop, i));
        const double count = static_cast<double>(ta.size());
        const double expected = mtj_neuron::rate(p, mtj_neuron::Mode::reset, currents[i]) *
                                duration_s;  // Poisson count: sd = sqrt(expected)
        INFO("I_e = " << currents[i] << " nA: " << count << " spikes, expected " << expected);
        CHECK(std::abs(count - expected) < 4 * std::sqrt(expected));
        CHECK(count > previous);
        previous = count;
    }
}
