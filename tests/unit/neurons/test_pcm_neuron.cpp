// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "engine/io/scenario.hpp"
#include "engine/population.hpp"
#include "neurons/pcm_neuron.hpp"

using namespace memsnn;
namespace pcm = memsnn::pcm_neuron;

namespace {

std::unique_ptr<Population> make(const Json& params, std::size_t n = 1, std::uint64_t seed = 1) {
    const ModelInfo m = pcm::model_info();
    const Json no_init = Json::object();
    const ParamTable t = resolve_params(&params, "/p", m.params, n, seed, 0, false);
    const ParamTable i = resolve_params(&no_init, "/i", m.init, n, seed, 1, true);
    return m.make(PopulationArgs{"pcm", n, 0, seed, &t, &i});
}

// Pulses of amplitude V [mV] every ms into element i; the pulse counts at which it fired.
std::vector<long> pulses_at_spikes(Population& pop, std::size_t i, double V, long pulses) {
    std::vector<long> out;
    for (long k = 1; k <= pulses; ++k) {
        const Tick t = ms_to_ticks(static_cast<double>(k));
        pop.deliver(i, t, V);
        const Tick next = pop.predict(i, t);
        if (next == kNever) continue;
        CHECK(next == t);
        CHECK(pop.fire(i, t));
        CHECK(pop.predict(i, t) == kNever);
        out.push_back(k);
    }
    return out;
}

// Independent transcription of the per-pulse step (Arrhenius growth, Joule heating ~ V^2).
double reference_step(double V_mV, double t_ms) {
    const double k_B = 8.617333262e-5;  // eV/K
    const double T = 300 + 300 * (V_mV / 2000) * (V_mV / 2000);
    return 0.1 * (t_ms / 5e-5) * std::exp(-0.5 / k_B * (1 / T - 1 / 600.0));
}

}  // namespace

TEST_CASE("pcm_neuron: G(u_a) spans G_reset to G_set and crosses G_th at u_th") {
    const pcm::Params p;
    CHECK(pcm::conductance(p, 1) == doctest::Approx(p.G_reset).epsilon(1e-15));
    CHECK(pcm::conductance(p, 0) == doctest::Approx(p.G_set).epsilon(1e-15));
    const double u_th = pcm::u_threshold(p);
    CHECK(u_th == doctest::Approx((1.0 - 0.1) / (10 - 0.1)).epsilon(1e-15));
    CHECK(pcm::conductance(p, u_th) == doctest::Approx(p.G_th).epsilon(1e-14));
    for (double u = 0; u < 1; u += 0.125)
        CHECK(pcm::conductance(p, u) > pcm::conductance(p, u + 0.125));
}

TEST_CASE("pcm_neuron: the step grows with amplitude (Arrhenius) and width (linear)") {
    const pcm::Params p;
    CHECK(pcm::step(p, 2000, 5e-5) == doctest::Approx(0.1).epsilon(1e-15));
    for (double V : {1500.0, 2000.0, 2500.0, 3000.0})
        for (double t : {2e-5, 5e-5, 1e-4}) {
            CHECK(pcm::step(p, V, t) == doctest::Approx(reference_step(V, t)).epsilon(1e-9));
            CHECK(pcm::step(p, V * 1.1, t) > pcm::step(p, V, t));
            CHECK(pcm::step(p, V, 2 * t) == doctest::Approx(2 * pcm::step(p, V, t)).epsilon(1e-15));
        }
    CHECK(pcm::temperature(p, 4000) == doctest::Approx(1500));
}

TEST_CASE("pcm_neuron: without noise every interval is the closed-form pulse count") {
    // N = ceil((1 - u_th) / du): 10 at 2 V, 50 ns (the MODELS.md default), fewer for more.
    const pcm::Params p;
    const double u_th = (1 / 1.0 - 1 / 10.0) / (1 / 0.1 - 1 / 10.0);
    for (double V : {1800.0, 2000.0, 2300.0, 3000.0}) {
        const double ratio = (1 - u_th) / reference_step(V, 5e-5);
        REQUIRE(std::abs(ratio - std::round(ratio)) > 1e-6);  // away from a tie
        const long N = static_cast<long>(std::ceil(ratio));
        CHECK(pcm::pulses_to_fire(p, V, 5e-5) == N);
        auto pop = make(Json{{"sigma_r", 0}});
        const auto fired = pulses_at_spikes(*pop, 0, V, 5 * N);
        REQUIRE(fired.size() == 5);
        for (std::size_t k = 0; k < fired.size(); ++k)
            CHECK(fired[k] == static_cast<long>(k + 1) * N);
    }
    CHECK(pcm::pulses_to_fire(p, 2000, 5e-5) == 10);
    CHECK(pcm::pulses_to_fire(p, 2000, 1e-4) < pcm::pulses_to_fire(p, 2000, 5e-5));
    CHECK(pcm::pulses_to_fire(p, 2500, 5e-5) < pcm::pulses_to_fire(p, 2000, 5e-5));
}

TEST_CASE("pcm_neuron: reset noise spreads the pulses to fire, deterministically per seed") {
    auto intervals = [](std::uint64_t seed) {
        auto pop = make(Json{{"sigma_r", 0.2}}, 1, seed);
        const auto fired = pulses_at_spikes(*pop, 0, 2000, 3000);
        std::vector<long> out;
        for (std::size_t k = 1; k < fired.size(); ++k) out.push_back(fired[k] - fired[k - 1]);
        return out;
    };
    const auto a = intervals(5);
    REQUIRE(a.size() > 200);
    CHECK(a == intervals(5));
    CHECK(a != intervals(6));
    const std::set<long> distinct(a.begin(), a.end());
    CHECK(distinct.size() >= 4);
    // u_a = 1 + 0.2 zeta needs ceil((u_a - u_th) / 0.1) pulses: mean of that over zeta.
    double expected = 0, mass = 0;
    const double u_th = (1 / 1.0 - 1 / 10.0) / (1 / 0.1 - 1 / 10.0);
    for (double z = -8; z <= 8; z += 1e-4) {
        const double u = 1 + 0.2 * z;
        if (u <= u_th) continue;  // redrawn
        const double w = std::exp(-z * z / 2);
        expected += w * std::ceil((u - u_th) / 0.1);
        mass += w;
    }
    expected /= mass;
    double mean = 0, var = 0;
    for (long x : a) mean += static_cast<double>(x);
    mean /= static_cast<double>(a.size());
    for (long x : a) var += (static_cast<double>(x) - mean) * (static_cast<double>(x) - mean);
    var /= static_cast<double>(a.size() - 1);
    CHECK(std::abs(mean - expected) < 4 * std::sqrt(var / static_cast<double>(a.size())));
}

TEST_CASE("pcm_neuron: step noise, ignored inputs and the refractory time") {
    // sigma_c alone also spreads the intervals.
    auto noisy = make(Json{{"sigma_r", 0}, {"sigma_c", 0.3}});
    const auto fired = pulses_at_spikes(*noisy, 0, 2000, 500);
    std::set<long> distinct;
    for (std::size_t k = 1; k < fired.size(); ++k) distinct.insert(fired[k] - fired[k - 1]);
    CHECK(distinct.size() >= 2);
    // Non-positive weights trigger no pulse.
    auto pop = make(Json{{"sigma_r", 0}, {"t_ref", "3.5 ms"}});
    pop->deliver(0, 1, -2000);
    pop->deliver(0, 2, 0);
    CHECK(pop->sample(0, 1, 3) == 1.0);
    // With t_ref = 3.5 ms the pulses at +1, +2, +3 ms after a spike are ignored: 13 apart.
    const auto with_ref = pulses_at_spikes(*pop, 0, 2000, 40);
    REQUIRE(with_ref.size() == 3);
    CHECK(with_ref[0] == 10);
    CHECK(with_ref[1] == 23);
    CHECK(with_ref[2] == 36);
}
