// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "tests/unit/synapses/device_support.hpp"

#include <cmath>
#include <memory>

#include "engine/device.hpp"
#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/io/scenario.hpp"
#include "synapses/diffusive.hpp"

using namespace memsnn;

namespace {

std::unique_ptr<Device> make(const Json& params, const Json& init = Json::object()) {
    return test::make_device("diffusive", params, init);
}

// int_0^T s(t)^beta dt from the closed-form s(t), by 8-point Gauss-Legendre on 20000 panels.
double reference_integral(const diffusive::Params& p, double s0, double V, double T) {
    static const double x[4] = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
                                0.9602898564975363};
    static const double w[4] = {0.3626837833783620, 0.3137066458778873, 0.2223810344533745,
                                0.1012285362903763};
    const double r = diffusive::rate(p, V);
    auto s_beta = [&](double t) {
        const double s = V > 0 ? 1 - (1 - s0) * std::exp(-r * t) : s0 * std::exp(-r * t);
        return std::pow(s, p.beta);
    };
    const int panels = 20000;
    const double h = T / panels;
    long double sum = 0;
    for (int k = 0; k < panels; ++k) {
        const double mid = (k + 0.5) * h;
        for (int j = 0; j < 4; ++j)
            sum += w[j] * (s_beta(mid - x[j] * h / 2) + s_beta(mid + x[j] * h / 2)) * h / 2;
    }
    return static_cast<double>(sum);
}

}  // namespace

TEST_CASE("diffusive device: zero-bias relaxation is exactly exponential") {
    auto d = make(Json{{"tau_relax", "0.2 ms"}}, Json{{"s", 0.8}});
    for (double t : {0.0, 0.05, 0.2, 0.5, 1.0, 3.0}) {
        CHECK(d->sample(0, 1, ms_to_ticks(t)) ==
              doctest::Approx(0.8 * std::exp(-t / 0.2)).epsilon(1e-14).scale(0));
    }
    // Lazy relaxation before a pulse: a zero-volt segment and a gap are the same thing.
    const Segment idle{ms_to_ticks(0.1), 0};
    d->apply(0, ms_to_ticks(0.1), std::span(&idle, 1));
    CHECK(d->sample(0, 1, ms_to_ticks(0.3)) ==
          doctest::Approx(0.8 * std::exp(-0.3 / 0.2)).epsilon(1e-14).scale(0));
    const double G = d->conductance(0, ms_to_ticks(0.3));
    const double s = 0.8 * std::exp(-0.3 / 0.2);
    CHECK(G == doctest::Approx(1e-3 + (100 - 1e-3) * std::pow(s, 4)).epsilon(1e-13).scale(0));
}

TEST_CASE("diffusive device: drive follows the closed forms in both polarities") {
    auto d = make(Json::object(), Json{{"s", 0.2}});
    const double r_up = 1e3 * std::sinh(3.0);  // k_d = 1e6 1/s = 1e3 1/ms, V/V_0 = 3
    const Segment up{ms_to_ticks(5e-5), 300};  // 50 ns at 0.3 V
    d->apply(0, 0, std::span(&up, 1));
    const double s1 = 1 - 0.8 * std::exp(-r_up * 5e-5);
    CHECK(d->sample(0, 1, ms_to_ticks(5e-5)) == doctest::Approx(s1).epsilon(1e-13).scale(0));
    const double r_down = 1e3 * std::sinh(2.0);  // -0.2 V
    const Segment down{ms_to_ticks(1e-4), -200};
    d->apply(0, ms_to_ticks(5e-5), std::span(&down, 1));
    CHECK(d->sample(0, 1, ms_to_ticks(1.5e-4)) ==
          doctest::Approx(s1 * std::exp(-r_down * 1e-4)).epsilon(1e-13).scale(0));
}

TEST_CASE("diffusive: segment charge matches a fine quadrature to 1e-10") {
    struct Case {
        double beta, s0, V, T;
    };
    const Case cases[] = {
        {4, 0.0, 300, 1e-4},  {4, 0.0, 300, 1e-3},  {4, 0.0, 200, 1e-5},  {4, 0.5, 300, 1e-7},
        {4, 0.9, 1000, 1e-6}, {4, 0.3, 500, 2e-6},  {4, 0.7, -300, 1e-4}, {4, 1.0, -150, 1e-3},
        {1, 0.1, 300, 1e-4},  {2, 0.6, 250, 3e-4},  {7, 0.0, 400, 1e-3},  {16, 0.2, 300, 5e-4},
        {16, 0.0, 300, 1e-4}, {3, 0.74, 300, 1e-9}, {4, 0.76, 300, 1e-9}, {4, 0.999, 300, 1e-4},
    };
    for (const Case& c : cases) {
        diffusive::Params p;
        p.beta = c.beta;
        INFO("beta " << c.beta << " s0 " << c.s0 << " V " << c.V << " T " << c.T);
        const double ref = reference_integral(p, c.s0, c.V, c.T);
        const double got = diffusive::integral_s_beta(p, c.s0, c.V, c.T);
        CHECK(got == doctest::Approx(ref).epsilon(1e-10).scale(0));
        diffusive::State s{c.s0};
        const double q = diffusive::drive(p, s, c.V, c.T);
        CHECK(q == doctest::Approx(c.V * (p.G_off * c.T + (p.G_on - p.G_off) * ref))
                       .epsilon(1e-10)
                       .scale(0));
    }
    // Through the device: charge and energy of a waveform are the sums over its segments.
    auto d = make(Json::object());
    const Segment wave[] = {
        {ms_to_ticks(1e-4), 300}, {ms_to_ticks(1e-4), 0}, {ms_to_ticks(1e-4), -300}};
    const PulseResult r = d->apply(0, 0, wave);
    diffusive::Params p;
    diffusive::State s;
    const double q1 = diffusive::drive(p, s, 300, 1e-4);
    diffusive::relax(p, s, 1e-4);
    const double q3 = diffusive::drive(p, s, -300, 1e-4);
    CHECK(r.charge == doctest::Approx(q1 + q3).epsilon(1e-13).scale(0));
    CHECK(r.energy == doctest::Approx(300 * q1 - 300 * q3).epsilon(1e-13).scale(0));
}

TEST_CASE("diffusive device: state and conductance stay in bounds") {
    auto d = make(Json::object());
    const Segment huge{ms_to_ticks(1e-3), 100000};  // 100 V: sinh overflows, s -> 1 at once
    const PulseResult r = d->apply(0, 0, std::span(&huge, 1));
    CHECK(std::isfinite(r.charge));
    CHECK(d->sample(0, 1, ms_to_ticks(1e-3)) == 1.0);
    CHECK(d->conductance(0, ms_to_ticks(1e-3)) == doctest::Approx(100));
    const Segment reverse{ms_to_ticks(1e-3), -2000};
    d->apply(0, ms_to_ticks(1e-3), std::span(&reverse, 1));
    const double s = d->sample(0, 1, ms_to_ticks(2e-3));
    CHECK(s >= 0.0);
    CHECK(s < 1e-12);
    CHECK(d->conductance(0, ms_to_ticks(2e-3)) >= 1e-3);
}

TEST_CASE("diffusive device: invalid parameters name their path") {
    CHECK_THROWS_WITH_AS(make(Json{{"beta", 2.5}}), doctest::Contains("/device/params/beta"),
                         ConfigError);
    CHECK_THROWS_WITH_AS(make(Json{{"G_on", "1 nS"}, {"G_off", "2 nS"}}),
                         doctest::Contains("/device/params/G_on"), ConfigError);
}
