// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cmath>

#include "engine/io/scenario.hpp"
#include "engine/population.hpp"
#include "neurons/mott_oscillator.hpp"

using namespace memsnn;
namespace mo = memsnn::mott_oscillator;

namespace {

std::unique_ptr<Population> make(const Json& params, const Json& init = Json::object(),
                                 std::size_t n = 1) {
    const ModelInfo m = mo::model_info();
    const ParamTable t = resolve_params(&params, "/p", m.params, n, 1, 0, false);
    const ParamTable i = resolve_params(&init, "/i", m.init, n, 1, 1, true);
    return m.make(PopulationArgs{"mott", n, 0, 1, &t, &i});
}

struct Transition {
    Tick t;
    bool spike;
};

// The engine's loop for one unconnected neuron: fire at each prediction, then predict again.
std::vector<Transition> run(Population& pop, std::size_t i, Tick from, Tick until) {
    std::vector<Transition> out;
    for (Tick next = pop.predict(i, from); next < until; next = pop.predict(i, next))
        out.push_back({next, pop.fire(i, next)});
    return out;
}

// MODELS.md §1.5.2 written with R_eq = R_s || R_D and the Thevenin source of I and V_dc.
struct Reference {
    mo::Params p;
    double R_eq(double R_D) const { return p.R_s * R_D / (p.R_s + R_D); }
    double V_inf(double R_D, double I) const {
        return I * R_eq(R_D) + p.V_dc * R_D / (p.R_s + R_D);
    }
    double t_up(double I) const {
        const double V = V_inf(p.R_off, I);
        return R_eq(p.R_off) * p.C * std::log((V - p.V_hold) / (V - p.V_th));
    }
    double t_dn(double I) const {
        const double V = V_inf(p.R_on, I);
        return R_eq(p.R_on) * p.C * std::log((p.V_th - V) / (p.V_hold - V));
    }
};

}  // namespace

TEST_CASE("mott_oscillator: evolving for the predicted time lands on the transition voltage") {
    const mo::Params p;
    for (double I : {25e3, 40e3, 1e5})
        for (double V0 : {0.0, 1300.0, 1700.0}) {
            const double t = mo::time_to_transition(p, false, V0, I);
            CHECK(mo::evolve(p, false, V0, I, t) == doctest::Approx(p.V_th).epsilon(1e-13));
        }
    for (double I : {0.0, 25e3, 1e5})
        for (double V0 : {1800.0, 2500.0}) {
            const double t = mo::time_to_transition(p, true, V0, I);
            CHECK(mo::evolve(p, true, V0, I, t) == doctest::Approx(p.V_hold).epsilon(1e-13));
        }
}

TEST_CASE("mott_oscillator: t_up and t_dn equal the RC closed forms of MODELS.md") {
    mo::Params p;
    for (double V_dc : {0.0, 5000.0})
        for (double I : {22e3, 30e3, 100e3, 500e3}) {
            p.V_dc = V_dc;
            const Reference ref{p};
            INFO("V_dc = " << V_dc << " mV, I = " << I << " nA");
            CHECK(mo::t_up(p, I) == doctest::Approx(ref.t_up(I)).epsilon(1e-13));
            CHECK(mo::t_dn(p, I) == doctest::Approx(ref.t_dn(I)).epsilon(1e-13));
            CHECK(mo::period(p, I) == doctest::Approx(ref.t_up(I) + ref.t_dn(I)).epsilon(1e-13));
        }
}

TEST_CASE("mott_oscillator: no oscillation at or below onset, none when latched ON") {
    const mo::Params p;
    const double onset = p.V_th * (1 / p.R_s + 1 / p.R_off);  // V_inf,off = V_th
    CHECK(onset == doctest::Approx(19800.0));
    CHECK(std::isinf(mo::period(p, onset)));
    CHECK(std::isinf(mo::period(p, 0.99 * onset)));
    CHECK(std::isfinite(mo::period(p, 1.01 * onset)));
    const double latch = p.V_hold * (1 / p.R_s + 1 / p.R_on);  // V_inf,on = V_hold
    CHECK(std::isfinite(mo::period(p, 0.99 * latch)));
    CHECK(std::isinf(mo::t_dn(p, latch)));
    // A voltage bias through R_s is the same Norton drive as I = V_dc / R_s.
    mo::Params v = p;
    v.V_dc = 30e3 * v.R_s;
    CHECK(mo::period(v, 0) == doctest::Approx(mo::period(p, 30e3)).epsilon(1e-13));
}

TEST_CASE("mott_oscillator: spikes follow the limit cycle, with ON->OFF wake-ups in between") {
    const double I = 30e3;
    auto pop = make(Json{{"I_e", "30 uA"}});
    const mo::Params p;
    const auto transitions = run(*pop, 0, 0, ms_to_ticks(100));
    // Spike k at t_first + k T exactly (continuous), emitted at the first tick at or after it.
    const double first = mo::time_to_transition(p, false, 0, I);
    const double T = mo::period(p, I);
    std::size_t k = 0;
    for (std::size_t j = 0; j < transitions.size(); ++j) {
        CHECK(transitions[j].spike == (j % 2 == 0));
        if (!transitions[j].spike) continue;
        const double exact = first + static_cast<double>(k) * T;
        CHECK(std::abs(transitions[j].t - ms_to_ticks_ceil(exact)) <= 1);
        ++k;
    }
    CHECK(k == static_cast<std::size_t>(std::floor((100 - first) / T)) + 1);
}

TEST_CASE("mott_oscillator: a jump to V_th fires at the arrival, a jump below V_hold ends ON") {
    auto pop = make(Json::object(), Json{{"V_C", "1000 mV"}});
    CHECK(pop->predict(0, 0) == kNever);  // no drive: V decays, never fires
    const Tick t1 = ms_to_ticks(1);
    const mo::Params p;
    const double V_before = mo::evolve(p, false, 1000, 0, 1);
    CHECK(pop->sample(0, 0, t1) == doctest::Approx(V_before).epsilon(1e-14));
    pop->deliver(0, t1, p.V_th + 1 - V_before);
    CHECK(pop->predict(0, t1) == t1);
    CHECK(pop->fire(0, t1));
    CHECK(pop->sample(0, 1, t1) == 1.0);  // ON
    // Discharge to V_hold takes C (R_s || R_on) ln(1801/1300) = 3.26 us; 2 us in, V is 1474 mV.
    const Tick t2 = t1 + ms_to_ticks(0.002);
    CHECK(pop->predict(0, t1) > t2);
    pop->deliver(0, t2, -1000);
    CHECK(pop->sample(0, 1, t2) == 0.0);  // OFF again, without a spike
    CHECK(pop->predict(0, t2) == kNever);
}

TEST_CASE("mott_oscillator: sampling leaves the trajectory unchanged") {
    auto a = make(Json{{"I_e", "45 uA"}});
    auto b = make(Json{{"I_e", "45 uA"}});
    const auto plain = run(*a, 0, 0, ms_to_ticks(20));
    std::vector<Transition> sampled;
    Tick next = b->predict(0, 0);
    for (Tick t = 0; t < ms_to_ticks(20); t += ms_to_ticks(0.0137)) {
        while (next <= t) {
            sampled.push_back({next, b->fire(0, next)});
            next = b->predict(0, next);
        }
        for (std::size_t v = 0; v < 3; ++v) CHECK(std::isfinite(b->sample(0, v, t)));
    }
    REQUIRE(plain.size() >= sampled.size());
    for (std::size_t j = 0; j < sampled.size(); ++j) {
        CHECK(plain[j].t == sampled[j].t);
        CHECK(plain[j].spike == sampled[j].spike);
    }
}
