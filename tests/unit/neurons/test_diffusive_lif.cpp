// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "engine/io/scenario.hpp"
#include "engine/population.hpp"
#include "neurons/diffusive_lif.hpp"

using namespace memsnn;
namespace dl = memsnn::diffusive_lif;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::unique_ptr<Population> make(const Json& params, const Json& init = Json::object(),
                                 std::size_t n = 1, std::uint64_t seed = 1) {
    const ModelInfo m = dl::model_info();
    const ParamTable t = resolve_params(&params, "/p", m.params, n, seed, 0, false);
    const ParamTable i = resolve_params(&init, "/i", m.init, n, seed, 1, true);
    return m.make(PopulationArgs{"d", n, 0, seed, &t, &i});
}

// Spike times [ms] of element i up to `until` (the engine's loop for an unconnected neuron).
std::vector<double> spikes(Population& pop, std::size_t i, Tick from, Tick until) {
    std::vector<double> out;
    for (Tick next = pop.predict(i, from); next < until; next = pop.predict(i, next))
        if (pop.fire(i, next)) out.push_back(ticks_to_ms(next));
    return out;
}

// Fine classical RK4 of C dV/dt = I - (g_L + g_x0 e^{-t/tau_r}) V, with steps of 1/500 of the
// fastest time scale (C / G, tau_relax): the independent reference of the relaxation phase.
double rk4_relax(const dl::Params& p, double V0, double g_x0, double I, double T) {
    auto f = [&](double t, double V) {
        return (I - (p.g_L() + g_x0 * std::exp(-t / p.tau_relax)) * V) / p.C;
    };
    double t = 0, V = V0;
    while (t < T) {
        const double g = p.g_L() + g_x0 * std::exp(-t / p.tau_relax);
        const double h = std::min(0.002 * std::min(p.C / g, p.tau_relax), T - t);
        const double k1 = f(t, V);
        const double k2 = f(t + h / 2, V + h / 2 * k1);
        const double k3 = f(t + h / 2, V + h / 2 * k2);
        const double k4 = f(t + h, V + h * k3);
        V += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        t += h;
    }
    return V;
}

// Composite Simpson rule with n (even) intervals.
template <class F>
double simpson(double a, double b, int n, F f) {
    const double h = (b - a) / n;
    double sum = f(a) + f(b);
    for (int k = 1; k < n; ++k) sum += (k % 2 ? 4 : 2) * f(a + k * h);
    return sum * h / 3;
}

// Incubation integral of an OFF trajectory V(s) (evolve_off) from its upward V_th crossing.
double incubation(const dl::Params& p, double V0, double g_x0, double I, double t_end) {
    auto V = [&](double s) { return dl::evolve_off(p, V0, g_x0, I, s); };
    double lo = 0, hi = t_end;  // V(lo) < V_th <= V(hi)
    if (V0 >= p.V_th) hi = 0;
    for (int k = 0; k < 200 && hi > 0; ++k) {
        const double mid = (lo + hi) / 2;
        (V(mid) >= p.V_th ? hi : lo) = mid;
    }
    return simpson(hi, t_end, 2000, [&](double s) { return 1 / dl::switching_delay(p, V(s)); });
}

}  // namespace

TEST_CASE("diffusive_lif: ON phase is the RC exponential through G_on, hold time closed form") {
    const dl::Params p;
    for (double I : {0.0, 100.0, 5000.0}) {
        const double V_inf = I / p.g_on();
        const double tau = p.C / p.g_on();
        for (double t : {0.0, 0.001, 0.01, 0.1})
            CHECK(dl::evolve_on(p, 520, I, t) ==
                  doctest::Approx(V_inf + (520 - V_inf) * std::exp(-t / tau)).epsilon(1e-14));
        const double t_h = dl::time_to_hold(p, 520, I);
        CHECK(t_h == doctest::Approx(tau * std::log((520 - V_inf) / (p.V_hold - V_inf))));
        CHECK(dl::evolve_on(p, 520, I, t_h) == doctest::Approx(p.V_hold).epsilon(1e-13));
    }
    // Latched: the ON equilibrium stays above V_hold.
    CHECK(std::isinf(dl::time_to_hold(p, 520, 1.01 * p.V_hold * p.g_on())));
}

TEST_CASE("diffusive_lif: the relaxation-phase solution equals a fine RK4 to 1e-11") {
    dl::Params p;
    struct Case {
        double tau_relax, V0, g_x0, I;
    };
    // Right after the drop (Gauss-Legendre regime, b = 100 and 1000), late relaxation (series
    // regime, b = 0.5), a relaxed device (g_x = 0), with and without drive above rheobase.
    const Case cases[] = {{1, 100, 99.999, 0},    {1, 100, 99.999, 60},    {1, 100, 99.999, 2000},
                          {10, 100, 99.999, 500}, {1, 300, 0.5, 80},       {1, 450, 0.5, 0},
                          {1, 520, 0, 30},        {0.05, 100, 99.999, 100}};
    for (const Case& c : cases) {
        p.tau_relax = c.tau_relax;
        for (double T : {0.003, 0.05, 0.5, 3.0, 20.0}) {
            if (c.tau_relax == 10 && T > 5) continue;  // keeps the reference fast
            INFO("tau_relax " << c.tau_relax << ", V0 " << c.V0 << ", g_x0 " << c.g_x0 << ", I "
                              << c.I << ", T " << T);
            const double ref = rk4_relax(p, c.V0, c.g_x0, c.I, T);
            CHECK(dl::evolve_off(p, c.V0, c.g_x0, c.I, T) == doctest::Approx(ref).epsilon(1e-11));
        }
    }
}

TEST_CASE("diffusive_lif: run_off follows evolve_off and the incubation integral") {
    const dl::Params p;
    // Without a switch (V stays below V_th) run_off ends on the evolve_off trajectory.
    const dl::OffRun r = dl::run_off(p, dl::Switching::deterministic, 100, 99.999, 0, 1, 40, 7.5);
    CHECK(!r.switched);
    CHECK(r.V == doctest::Approx(dl::evolve_off(p, 100, 99.999, 40, 7.5)).epsilon(1e-12));
    CHECK(r.g_x == doctest::Approx(99.999 * std::exp(-7.5)).epsilon(1e-13));
    CHECK(std::isinf(dl::run_off(p, dl::Switching::deterministic, 100, 99.999, 0, 1, 40, kInf).t));
}

TEST_CASE("diffusive_lif: at constant V the switch comes after t_d = t_0 exp(-(V - V_th)/V_0)") {
    const dl::Params p;
    for (double V : {500.0, 600.0, 800.0}) {
        const double I = V * p.g_L();  // V_inf = V: the voltage stays put
        const dl::OffRun r = dl::run_off(p, dl::Switching::deterministic, V, 0, 0, 1, I, kInf);
        REQUIRE(r.switched);
        CHECK(r.t == doctest::Approx(dl::switching_delay(p, V)).epsilon(1e-12));
        CHECK(dl::switching_delay(p, V) ==
              doctest::Approx(p.t_0 * std::exp(-(V - p.V_th) / p.V_0)).epsilon(1e-15));
    }
}

TEST_CASE("diffusive_lif: with V varying the switch is where the incubation integral reaches E") {
    dl::Params p;
    p.t_0 = 5;  // a slow switch, so V rises far above V_th while it incubates
    // Charging towards 792 mV through the relaxed device.
    const dl::OffRun rise = dl::run_off(p, dl::Switching::deterministic, 400, 0, 0, 1, 80, kInf);
    REQUIRE(rise.switched);
    CHECK(incubation(p, 400, 0, 80, rise.t) == doctest::Approx(1).epsilon(1e-9));
    CHECK(rise.V == doctest::Approx(dl::evolve_off(p, 400, 0, 80, rise.t)).epsilon(1e-12));
    // Inside the relaxation (Gauss-Legendre regime): strong drive recharges once G_D has fallen.
    p.t_0 = 0.05;
    const dl::OffRun relax =
        dl::run_off(p, dl::Switching::deterministic, 100, 99.999, 0, 1, 2000, kInf);
    REQUIRE(relax.switched);
    CHECK(relax.t > std::log(99.999 / (2000 / p.V_th - p.g_L())));  // G_D must fall first
    CHECK(incubation(p, 100, 99.999, 2000, relax.t) == doctest::Approx(1).epsilon(1e-9));
    // Stochastic targets: E = 0.3 and E = 2.5 of the same trajectory.
    for (double E : {0.3, 2.5}) {
        const dl::OffRun s =
            dl::run_off(p, dl::Switching::stochastic, 100, 99.999, 0, E, 2000, kInf);
        REQUIRE(s.switched);
        CHECK(incubation(p, 100, 99.999, 2000, s.t) == doctest::Approx(E).epsilon(1e-9));
    }
}

TEST_CASE("diffusive_lif: deterministic incubation restarts below V_th, stochastic carries on") {
    dl::Params p;
    p.t_0 = 5;
    // From 560 mV decaying towards 297 mV: above V_th for 2.57 ms, too short for t_0 = 5 ms.
    const double I = 30;
    CHECK(!dl::run_off(p, dl::Switching::deterministic, 560, 0, 0, 1, I, kInf).switched);
    const dl::OffRun early = dl::run_off(p, dl::Switching::stochastic, 560, 0, 0, 0.3, I, kInf);
    REQUIRE(early.switched);
    CHECK(incubation(p, 560, 0, I, early.t) == doctest::Approx(0.3).epsilon(1e-9));
    // A previous excursion's incubation (H0 = 0.9) is forgotten below V_th when deterministic,
    // kept (Poisson switching) when stochastic.
    const double I2 = 80;
    const dl::OffRun fresh = dl::run_off(p, dl::Switching::deterministic, 490, 0, 0, 1, I2, kInf);
    const dl::OffRun restarted =
        dl::run_off(p, dl::Switching::deterministic, 490, 0, 0.9, 1, I2, kInf);
    CHECK(restarted.t == fresh.t);
    const dl::OffRun kept = dl::run_off(p, dl::Switching::stochastic, 490, 0, 0.9, 1, I2, kInf);
    REQUIRE(kept.switched);
    CHECK(incubation(p, 490, 0, I2, kept.t) == doctest::Approx(0.1).epsilon(1e-9));
}

TEST_CASE("diffusive_lif: stochastic switching at constant V is exponential with mean t_d") {
    const dl::Params p;
    const std::size_t n = 4000;
    const double V = 600;
    auto pop = make(Json{{"switching", "stochastic"}, {"I_e", std::to_string(V * p.g_L()) + " nA"}},
                    Json{{"V_C", "600 mV"}}, n, 3);
    const double t_d = dl::switching_delay(p, V);
    double sum = 0;
    std::size_t later = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = ticks_to_ms(pop->predict(i, 0));
        sum += t;
        later += t > t_d;
    }
    const double mean = sum / n;
    CHECK(std::abs(mean / t_d - 1) < 4 / std::sqrt(double(n)));  // sd of the mean: t_d / sqrt(n)
    const double q = std::exp(-1.0);                             // P(T > t_d)
    CHECK(std::abs(double(later) / n - q) < 4 * std::sqrt(q * (1 - q) / n));
    // Deterministic: every element switches after t_d.
    auto det = make(Json{{"I_e", std::to_string(V * p.g_L()) + " nA"}}, Json{{"V_C", "600 mV"}});
    CHECK(std::abs(ticks_to_ms(det->predict(0, 0)) - t_d) <= 1e-9);
}

TEST_CASE(
    "diffusive_lif: an input during the relaxation cannot fire it; the same input later can") {
    const dl::Params p;
    // A kick to 505 mV from rest fires after about t_0 (V decays slowly through R_p).
    auto pop = make(Json::object());
    const Tick t1 = ms_to_ticks(1);
    pop->deliver(0, t1, 505);
    const Tick spike = pop->predict(0, t1);
    CHECK(ticks_to_ms(spike - t1) == doctest::Approx(dl::switching_delay(p, 505)).epsilon(1e-3));
    REQUIRE(pop->fire(0, spike));
    // 0.1 ms after the spike the filament still conducts ~90 uS: the same kick (V_hold + 405 mV)
    // leaks away through G_D within ~0.1 us, far less than the delay.
    const Tick t2 = spike + ms_to_ticks(0.1);
    Tick next = pop->predict(0, spike);
    while (next <= t2) {  // the ON -> OFF wake-up
        CHECK(!pop->fire(0, next));
        next = pop->predict(0, next);
    }
    CHECK(pop->sample(0, 2, t2) == 0.0);
    CHECK(pop->sample(0, 1, t2) > 80);  // G_D [uS]
    const double V2 = pop->sample(0, 0, t2);
    pop->deliver(0, t2, 505 - V2);
    // 30 tau_relax later the device has relaxed: no spike until then (only wake-ups while G_D
    // is large), and the same kick fires.
    const Tick t3 = spike + ms_to_ticks(30);
    CHECK(spikes(*pop, 0, t2, t3).empty());
    const double V3 = pop->sample(0, 0, t3);
    pop->deliver(0, t3, 505 - V3);
    CHECK(pop->predict(0, t3) < t3 + ms_to_ticks(0.01));
}

TEST_CASE("diffusive_lif: without t_ref the interval is bounded below by the relaxation") {
    // While V rises, V < I / (1/R_p + G_D(t)); switching needs V >= V_th, so G_D must first fall
    // below I / V_th - 1/R_p: ISI > tau_relax ln[(G_on - G_off) / (I / V_th - 1/R_p - G_off)].
    dl::Params p;
    const double I = 2000;
    double previous = 0;
    std::vector<double> excess;
    for (double tau : {0.25, 0.5, 1.0, 2.0}) {
        p.tau_relax = tau;
        auto pop = make(Json{{"I_e", "2 uA"}, {"tau_relax", std::to_string(tau) + " ms"}});
        const auto t = spikes(*pop, 0, 0, ms_to_ticks(100));
        REQUIRE(t.size() > 5);
        const double isi = t.back() - t[t.size() - 2];
        const double bound = tau * std::log((p.G_on - p.G_off) / (I / p.V_th - p.g_L()));
        INFO("tau_relax = " << tau << " ms, ISI = " << isi << " ms, bound " << bound << " ms");
        for (std::size_t k = 1; k < t.size(); ++k) CHECK(t[k] - t[k - 1] > bound);
        CHECK(isi > previous);
        previous = isi;
        excess.push_back(isi - bound);
    }
    // The bound takes all of the dependence on tau_relax (8x here): what is left, the recharge
    // after G_D has fallen (~C V_th / I = 0.25 ms), hardly changes.
    const auto [lo, hi] = std::minmax_element(excess.begin(), excess.end());
    CHECK(*hi / *lo < 1.15);
}

namespace {

// Brute-force reference of the whole neuron: classical RK4 on (V, H) with steps of 1/500 of the
// fastest time scale, the device state machine applied between steps, and every event (V_th
// crossing, H reaching 1, V_hold) located by bisecting the length of the step that passes it.
std::vector<double> reference_spikes(const dl::Params& p, double I, std::size_t n_spikes) {
    bool on = false;
    double t = 0, V = 0, H = 0, g_x0 = 0, t_drop = 0;
    auto g_x = [&](double s) { return g_x0 * std::exp(-(s - t_drop) / p.tau_relax); };
    // One RK4 step of length h from (t, V, H); H integrates only while `incubating`.
    auto step = [&](double h, bool incubating, double& V1, double& H1) {
        auto f = [&](double s, double v, double& dV, double& dH) {
            const double g = on ? p.g_on() : p.g_L() + g_x(s);
            dV = (I - g * v) / p.C;
            dH = incubating ? 1 / dl::switching_delay(p, v) : 0;
        };
        double a1, b1, a2, b2, a3, b3, a4, b4;
        f(t, V, a1, b1);
        f(t + h / 2, V + h / 2 * a1, a2, b2);
        f(t + h / 2, V + h / 2 * a2, a3, b3);
        f(t + h, V + h * a3, a4, b4);
        V1 = V + h / 6 * (a1 + 2 * a2 + 2 * a3 + a4);
        H1 = H + h / 6 * (b1 + 2 * b2 + 2 * b3 + b4);
    };
    // Largest h' <= h after which `passed` is still false (bisection on the step length).
    auto land = [&](double h, bool incubating, auto passed) {
        double lo = 0, hi = h, V1, H1;
        for (int k = 0; k < 200; ++k) {
            const double mid = (lo + hi) / 2;
            if (mid <= lo || mid >= hi) break;
            step(mid, incubating, V1, H1);
            (passed(V1, H1) ? hi : lo) = mid;
        }
        return hi;
    };
    std::vector<double> out;
    while (out.size() < n_spikes && t < 1000) {
        const double g = on ? p.g_on() : p.g_L() + g_x(t);
        const double h = 0.002 * std::min(p.C / g, p.tau_relax);
        const bool incubating = !on && V >= p.V_th;
        double V1, H1;
        step(h, incubating, V1, H1);
        if (on && V1 <= p.V_hold) {  // ON -> OFF, the relaxation starts
            const double hh = land(h, false, [&](double v, double) { return v <= p.V_hold; });
            step(hh, false, V1, H1);
            t += hh;
            V = V1;
            on = false;
            g_x0 = p.G_on - p.G_off;
            t_drop = t;
            H = 0;
            continue;
        }
        if (!on && !incubating && V1 >= p.V_th) {  // reaches V_th: incubation starts
            const double hh = land(h, false, [&](double v, double) { return v >= p.V_th; });
            step(hh, false, V1, H1);
            t += hh;
            V = std::max(V1, p.V_th);
            H = 0;
            continue;
        }
        if (incubating && H1 >= 1) {  // the switch: a spike
            const double hh = land(h, true, [&](double, double hz) { return hz >= 1; });
            step(hh, true, V1, H1);
            t += hh;
            V = V1;
            on = true;
            H = 0;
            out.push_back(t);
            continue;
        }
        if (incubating && V1 < p.V_th) H1 = 0;  // fell back below: incubation restarts
        t += h;
        V = V1;
        H = H1;
    }
    return out;
}

}  // namespace

TEST_CASE("diffusive_lif: spike times equal a brute-force RK4 of the whole neuron") {
    // 60 nA: the switch in the relaxed tail (series regime); 300 nA: early in the series regime;
    // 2 uA: while G_D is still large (Gauss-Legendre regime).
    dl::Params p;
    for (double I : {60.0, 300.0, 2000.0}) {
        const auto ref = reference_spikes(p, I, 4);
        auto pop = make(Json{{"I_e", std::to_string(I) + " nA"}});
        const auto t = spikes(*pop, 0, 0, ms_to_ticks(ref.back() + 1));
        INFO("I = " << I << " nA");
        REQUIRE(t.size() == ref.size());
        for (std::size_t k = 0; k < t.size(); ++k) {
            INFO("spike " << k << ": " << t[k] << " ms, reference " << ref[k] << " ms");
            // Emitted at the first 1 ps tick at or after the switch (10 fs for the reference).
            CHECK(t[k] >= ref[k] - 1e-11);
            CHECK(t[k] <= ref[k] + 1e-9 + 1e-11);
        }
    }
}
