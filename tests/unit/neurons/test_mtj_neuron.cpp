// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cmath>
#include <functional>

#include "engine/io/scenario.hpp"
#include "engine/population.hpp"
#include "neurons/mtj_neuron.hpp"

using namespace memsnn;
namespace mtj = memsnn::mtj_neuron;

namespace {

std::unique_ptr<Population> make(const Json& params, std::size_t n = 1, std::uint64_t seed = 1) {
    const ModelInfo m = mtj::model_info();
    const Json no_init = Json::object();
    const ParamTable t = resolve_params(&params, "/p", m.params, n, seed, 0, false);
    const ParamTable i = resolve_params(&no_init, "/i", m.init, n, seed, 1, true);
    return m.make(PopulationArgs{"mtj", n, 0, seed, &t, &i});
}

struct Transition {
    Tick t;
    bool spike;  // P -> AP
};

struct Input {
    Tick t;
    std::function<void(Population&, Tick)> apply;
};

// The engine's loop for one neuron: inputs at t come before a transition at t.
std::vector<Transition> run(Population& pop, Tick until, const std::vector<Input>& inputs = {},
                            std::size_t max_transitions = 1'000'000) {
    std::vector<Transition> out;
    Tick next = pop.predict(0, 0);
    std::size_t k = 0;
    while (out.size() < max_transitions) {
        const Tick t_in = k < inputs.size() ? inputs[k].t : kNever;
        if (t_in <= next && t_in < until) {
            inputs[k++].apply(pop, t_in);
            next = pop.predict(0, t_in);
            continue;
        }
        if (next >= until) break;
        out.push_back({next, pop.fire(0, next)});
        next = pop.predict(0, next);
    }
    return out;
}

struct Stats {
    double mean = 0, var = 0;
    std::size_t n = 0;
};

Stats stats(const std::vector<double>& x) {
    Stats s;
    s.n = x.size();
    for (double v : x) s.mean += v;
    s.mean /= static_cast<double>(s.n);
    for (double v : x) s.var += (v - s.mean) * (v - s.mean);
    s.var /= static_cast<double>(s.n - 1);
    return s;
}

// |mean / expected - 1| within 4 standard errors of an exponential sample (sd = mean).
void check_exponential(const std::vector<double>& x, double expected) {
    const Stats s = stats(x);
    INFO("n = " << s.n << ", mean " << s.mean << " ms, expected " << expected << " ms");
    CHECK(std::abs(s.mean / expected - 1) < 4 / std::sqrt(static_cast<double>(s.n)));
    // Exponential: coefficient of variation 1 (the sample variance has relative sd sqrt(8/n)).
    CHECK(std::abs(s.var / (s.mean * s.mean) - 1) < 4 * std::sqrt(8 / static_cast<double>(s.n)));
}

}  // namespace

TEST_CASE("mtj_neuron: dwell times and rates are the Neel-Brown closed forms") {
    const mtj::Params p;
    for (double I : {-30e3, 0.0, 20e3}) {
        CHECK(mtj::dwell_P(p, I) == doctest::Approx(1e-6 * std::exp(15 * (1 - I / 1e5))));
        CHECK(mtj::dwell_AP(p, I) == doctest::Approx(1e-6 * std::exp(15 * (1 + I / 1e5))));
        CHECK(mtj::rate(p, mtj::Mode::reset, I) == doctest::Approx(1000 / mtj::dwell_P(p, I)));
        CHECK(mtj::rate(p, mtj::Mode::telegraph, I) ==
              doctest::Approx(1000 / (mtj::dwell_P(p, I) + mtj::dwell_AP(p, I))));
    }
    CHECK(mtj::dwell_P(p, 0) == doctest::Approx(3.269017e0).epsilon(1e-6));  // e^15 ns
    // No barrier left beyond I_c: the dwell is the attempt time.
    CHECK(mtj::dwell_P(p, 1e5) == p.tau_0);
    CHECK(mtj::dwell_P(p, 1e7) == p.tau_0);
    CHECK(mtj::dwell_AP(p, -3e5) == p.tau_0);
    // Telegraph: the rate peaks at I = 0 (tuning curve); reset: it rises with I.
    CHECK(mtj::rate(p, mtj::Mode::telegraph, 0) > mtj::rate(p, mtj::Mode::telegraph, 10e3));
    CHECK(mtj::rate(p, mtj::Mode::telegraph, 0) > mtj::rate(p, mtj::Mode::telegraph, -10e3));
    CHECK(mtj::rate(p, mtj::Mode::reset, 10e3) > mtj::rate(p, mtj::Mode::reset, 0));
}

TEST_CASE(
    "mtj_neuron: telegraph dwell times are exponential with means tau_0 e^{Delta(1 -+ I/I_c)}") {
    const mtj::Params p;
    for (double I_uA : {0.0, 20.0, -10.0}) {
        const double I = I_uA * 1e3;
        auto pop = make(Json{{"I_e", std::to_string(I_uA) + " uA"}});
        const auto tr = run(*pop, kNever, {}, 40000);
        REQUIRE(tr.size() == 40000);
        std::vector<double> in_P, in_AP;
        Tick last = 0;
        for (std::size_t k = 0; k < tr.size(); ++k) {
            CHECK(tr[k].spike == (k % 2 == 0));  // starts in P: P -> AP, AP -> P, ...
            (tr[k].spike ? in_P : in_AP).push_back(ticks_to_ms(tr[k].t - last));
            last = tr[k].t;
        }
        INFO("I = " << I_uA << " uA");
        check_exponential(in_P, mtj::dwell_P(p, I));
        check_exponential(in_AP, mtj::dwell_AP(p, I));
    }
}

TEST_CASE("mtj_neuron: reset mode fires at rate 1/tau_P, rising with the current") {
    const mtj::Params p;
    double previous = 0;
    for (double I_uA : {-20.0, 0.0, 20.0, 40.0}) {
        auto pop = make(Json{{"I_e", std::to_string(I_uA) + " uA"}, {"mode", "reset"}});
        const auto tr = run(*pop, kNever, {}, 10000);
        std::vector<double> isi;
        Tick last = 0;
        for (const auto& x : tr) {
            CHECK(x.spike);  // every switch is P -> AP, reset at once
            isi.push_back(ticks_to_ms(x.t - last));
            last = x.t;
        }
        INFO("I = " << I_uA << " uA");
        check_exponential(isi, mtj::dwell_P(p, I_uA * 1e3));
        const double rate = 1000 * static_cast<double>(isi.size()) / ticks_to_ms(last);
        CHECK(rate > previous);
        previous = rate;
    }
}

TEST_CASE("mtj_neuron: a current step changes the hazard exactly (survival exp(-int rate))") {
    // 20000 junctions in P, 0 uA until t1 = 2 ms, then 30 uA: P(no switch by t) is
    // exp(-t/tau_P(0)) before t1 and exp(-t1/tau_P(0) - (t - t1)/tau_P(30 uA)) after.
    const mtj::Params p;
    const std::size_t n = 20000;
    auto pop = make(Json{{"mode", "reset"}}, n, 9);
    const Tick t1 = ms_to_ticks(2);
    std::vector<double> first(n);
    for (std::size_t i = 0; i < n; ++i) {
        Tick t = pop->predict(i, 0);
        if (t >= t1) {
            pop->add_current(i, t1, 30e3);
            t = pop->predict(i, t1);
        }
        first[i] = ticks_to_ms(t);
    }
    const double tau0 = mtj::dwell_P(p, 0), tau1 = mtj::dwell_P(p, 30e3);
    for (double t : {0.5, 1.0, 2.0, 2.01, 2.03, 2.1}) {
        double alive = 0;
        for (double x : first) alive += x > t;
        alive /= static_cast<double>(n);
        const double exact = t <= 2 ? std::exp(-t / tau0) : std::exp(-2 / tau0 - (t - 2) / tau1);
        INFO("t = " << t << " ms: survival " << alive << ", exact " << exact);
        CHECK(std::abs(alive - exact) < 4 * std::sqrt(exact * (1 - exact) / n) + 1e-12);
    }
}

TEST_CASE("mtj_neuron: a synaptic pulse acts like a step current of the same length") {
    // Same seed, same element: a 30 uA, 1 ms pulse every 3 ms delivered as synaptic input or as
    // two step changes gives the same switches (to the tick).
    std::vector<Input> as_synapse, as_steps;
    for (int k = 0; k < 30; ++k) {
        const Tick on = ms_to_ticks(1 + 3 * k), off = ms_to_ticks(2 + 3 * k);
        as_synapse.push_back({on, [](Population& pop, Tick t) { pop.deliver(0, t, 30e3); }});
        as_steps.push_back({on, [](Population& pop, Tick t) { pop.add_current(0, t, 30e3); }});
        as_steps.push_back({off, [](Population& pop, Tick t) { pop.add_current(0, t, -30e3); }});
    }
    auto a = make(Json{{"t_syn", "1 ms"}});
    auto b = make(Json{{"t_syn", "1 ms"}});
    const auto ta = run(*a, ms_to_ticks(100), as_synapse);
    const auto tb = run(*b, ms_to_ticks(100), as_steps);
    REQUIRE(ta.size() > 20);
    REQUIRE(ta.size() == tb.size());
    for (std::size_t k = 0; k < ta.size(); ++k) {
        CHECK(std::abs(ta[k].t - tb[k].t) <= 1);
        CHECK(ta[k].spike == tb[k].spike);
    }
    // The pulse shows in the recorded current while it lasts.
    auto c = make(Json{{"I_e", "5 uA"}});
    c->deliver(0, ms_to_ticks(1), 30e3);
    CHECK(c->sample(0, 1, ms_to_ticks(1.5)) == doctest::Approx(35e3));
    CHECK(c->sample(0, 1, ms_to_ticks(2)) == doctest::Approx(5e3));
}
