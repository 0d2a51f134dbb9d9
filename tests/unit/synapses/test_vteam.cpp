// SPDX-License-Identifier: MIT
// VTEAM device against its closed forms: exact stillness below threshold, x linear in time with
// window none, window edge values, the I-V relations, and the charge/energy of a pulse against a
// fine quadrature of V^2 / R(x(t)).
#include <doctest/doctest.h>

#include "tests/unit/synapses/device_support.hpp"

#include <cmath>
#include <functional>
#include <memory>
#include <string>

#include "engine/device.hpp"
#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/io/scenario.hpp"
#include "synapses/vteam.hpp"

using namespace memsnn;

namespace {

// Defaults of the model, in internal units (mV, Hz, MOhm), restated for the closed forms.
constexpr double kVon = -500, kVoff = 500, kK = 1e4, kAlpha = 3, kRon = 0.01, kRoff = 1;

std::unique_ptr<Device> make(const Json& params, const Json& init = Json::object(),
                             std::size_t n = 1) {
    return test::make_device("vteam", params, init, n);
}

// dx/dt [1/ms] for window none, from the VTEAM equations.
double rate(double V, double alpha_on = kAlpha, double alpha_off = kAlpha) {
    if (V < kVon) return kK / 1000 * std::pow(V / kVon - 1, alpha_on);
    if (V > kVoff) return -kK / 1000 * std::pow(V / kVoff - 1, alpha_off);
    return 0;
}

double r_linear(double x) {
    return kRon * x + kRoff * (1 - x);
}
double r_exponential(double x) {
    return kRon * std::exp(std::log(kRoff / kRon) * (1 - x));
}

// Composite Simpson of f on [a, b] with n (even) intervals.
double simpson(const std::function<double(double)>& f, double a, double b, int n = 20000) {
    const double h = (b - a) / n;
    double s = f(a) + f(b);
    for (int k = 1; k < n; ++k) s += (k % 2 ? 4 : 2) * f(a + k * h);
    return s * h / 3;
}

PulseResult pulse(Device& d, Tick& t, double V, double t_p) {
    const Segment seg{ms_to_ticks(t_p), V};
    const PulseResult r = d.apply(0, t, std::span(&seg, 1));
    t += seg.duration + ms_to_ticks(0.01);
    return r;
}

double x_of(const Device& d, Tick t) {
    return d.sample(0, 1, t);
}

}  // namespace

TEST_CASE("vteam: below-threshold pulses leave the state exactly unchanged") {
    auto d = make(Json::object(), Json{{"x", 0.37}});
    Tick t = 0;
    const double G0 = d->conductance(0, 0);
    for (const double V : {-500.0, -499.9, -300.0, -1.0, 1.0, 250.0, 499.9, 500.0}) {
        for (int k = 0; k < 200; ++k) {
            const PulseResult r = pulse(*d, t, V, 1e-3);
            CHECK_FALSE(r.changed);
            CHECK(r.G_after == r.G_before);
            CHECK(r.charge == doctest::Approx(V * 1e-3 * G0).epsilon(1e-12));
        }
        CHECK(x_of(*d, t) == 0.37);  // exactly
    }
    CHECK(d->conductance(0, t) == G0);
}

TEST_CASE("vteam: window none moves x by k (V/v - 1)^alpha t_p per pulse until the bound") {
    auto d = make(Json{{"alpha_off", 2}});
    Tick t = 0;
    const double t_p = 1e-3;
    const double up = rate(-750) * t_p;  // 10/ms * 0.5^3 * 1 us = 0.00125
    double expected = 0;
    for (int k = 0; k < 1000; ++k) {  // reaches x = 1 after 800 pulses, then stays
        const PulseResult r = pulse(*d, t, -750, t_p);
        expected = std::min(1.0, expected + up);
        CHECK(x_of(*d, t) == doctest::Approx(expected).epsilon(1e-12));
        CHECK(r.G_after == doctest::Approx(1 / r_linear(expected)).epsilon(1e-12));
    }
    CHECK(x_of(*d, t) == 1.0);
    const double down = rate(1200, kAlpha, 2) * t_p;  // -10/ms * 1.4^2 * 1 us = -0.0196
    CHECK(down == doctest::Approx(-0.0196));
    for (int k = 0; k < 60; ++k) {
        pulse(*d, t, 1200, t_p);
        expected = std::max(0.0, expected + down);
        CHECK(x_of(*d, t) == doctest::Approx(expected).epsilon(1e-12));
    }
    CHECK(x_of(*d, t) == 0.0);
    CHECK(d->conductance(0, t) == doctest::Approx(1 / kRoff).epsilon(1e-15));
}

TEST_CASE("vteam: bounds hold for every window under long strong pulses") {
    for (const char* w : {"none", "strukov", "joglekar", "biolek", "prodromakis"}) {
        CAPTURE(w);
        auto d = make(Json{{"window", w}}, Json{{"x", 0.5}});
        Tick t = 0;
        for (int k = 0; k < 6; ++k) {
            pulse(*d, t, k % 2 ? 2000.0 : -2000.0, 2.0);
            const double x = x_of(*d, t);
            CHECK(x >= 0.0);
            CHECK(x <= 1.0);
        }
    }
}

TEST_CASE("vteam: window edge values") {
    const double t_p = 1e-4;
    SUBCASE("joglekar: F(0) = F(1) = 0 holds the state at a bound in both directions") {
        for (const double x0 : {0.0, 1.0}) {
            auto d = make(Json{{"window", "joglekar"}}, Json{{"x", x0}});
            Tick t = 0;
            pulse(*d, t, -1000, t_p);
            pulse(*d, t, 1000, t_p);
            CHECK(x_of(*d, t) == x0);
        }
        auto d = make(Json{{"window", "joglekar"}}, Json{{"x", 0.5}});
        Tick t = 0;
        pulse(*d, t, -1000, 10.0);  // 100 times the full range: x creeps toward 1 only
        CHECK(x_of(*d, t) <= 1.0);
        CHECK(x_of(*d, t) > 0.999);
    }
    SUBCASE("biolek: stays at a bound pushed outward, leaves it at full rate inward") {
        auto d = make(Json{{"window", "biolek"}}, Json{{"x", 1.0}});
        Tick t = 0;
        pulse(*d, t, -1000, t_p);
        CHECK(x_of(*d, t) == 1.0);
        pulse(*d, t, 1000, 1e-5);  // F(1, decreasing) = 1 - 0^(2p) = 1
        CHECK(x_of(*d, t) == doctest::Approx(1 + rate(1000) * 1e-5).epsilon(1e-12));
        auto e = make(Json{{"window", "biolek"}}, Json{{"x", 0.0}});
        t = 0;
        pulse(*e, t, 1000, t_p);
        CHECK(x_of(*e, t) == 0.0);
        pulse(*e, t, -1000, 1e-5);
        CHECK(x_of(*e, t) == doctest::Approx(rate(-1000) * 1e-5).epsilon(1e-12));
    }
    SUBCASE("prodromakis: F = j (1 - [(x - 0.5)^2 + 0.75]^p) peaks at x = 0.5, zero at bounds") {
        const double j = 0.5, p = 10;
        auto F = [&](double x) { return j * (1 - std::pow((x - 0.5) * (x - 0.5) + 0.75, p)); };
        const double tiny = 1e-6;  // x moves by ~1e-5 F: compare with F at the midpoint
        double best = 0, best_x = -1;
        for (const double x0 : {0.1, 0.3, 0.5, 0.7, 0.9}) {
            auto d = make(Json{{"window", "prodromakis"}, {"j", j}, {"p", p}}, Json{{"x", x0}});
            Tick t = 0;
            pulse(*d, t, -1000, tiny);
            const double dx = x_of(*d, t) - x0;
            CHECK(dx / (rate(-1000) * tiny) == doctest::Approx(F(x0 + dx / 2)).epsilon(1e-8));
            if (dx > best) best = dx, best_x = x0;
        }
        CHECK(best_x == 0.5);
        CHECK(best / (rate(-1000) * tiny) == doctest::Approx(j * (1 - std::pow(0.75, p))));
        for (const double x0 : {0.0, 1.0}) {
            auto d = make(Json{{"window", "prodromakis"}}, Json{{"x", x0}});
            Tick t = 0;
            pulse(*d, t, -1000, t_p);
            pulse(*d, t, 1000, t_p);
            CHECK(x_of(*d, t) == x0);
        }
    }
}

TEST_CASE("vteam: linear and exponential I-V give G = 1 / R(x)") {
    const Json xs{{"x", Json::array({0.0, 0.25, 0.5, 0.75, 1.0})}};
    auto lin = make(Json::object(), xs, 5);
    auto ex = make(Json{{"iv", "exponential"}}, xs, 5);
    for (std::size_t k = 0; k < 5; ++k) {
        const double x = 0.25 * static_cast<double>(k);
        CHECK(lin->conductance(k, 0) == doctest::Approx(1 / r_linear(x)).epsilon(1e-14));
        CHECK(ex->conductance(k, 0) == doctest::Approx(1 / r_exponential(x)).epsilon(1e-14));
        CHECK(ex->read(k, 0, 100) == doctest::Approx(100 / r_exponential(x)).epsilon(1e-14));
    }
    CHECK(ex->conductance(0, 0) == doctest::Approx(1 / kRoff).epsilon(1e-14));
    CHECK(ex->conductance(4, 0) == doctest::Approx(1 / kRon).epsilon(1e-14));
}

TEST_CASE("vteam: the charge and energy of a pulse are the integrals of V/R and V^2/R") {
    const double V = -1000;
    const double r = rate(V);  // 10/ms
    for (const char* iv : {"linear", "exponential"}) {
        CAPTURE(iv);
        auto R = std::string(iv) == "linear" ? r_linear : r_exponential;
        SUBCASE("window none, inside the range") {
            auto d = make(Json{{"iv", iv}}, Json{{"x", 0.2}});
            Tick t = 0;
            const PulseResult res = pulse(*d, t, V, 0.05);  // x: 0.2 -> 0.7
            const double E = simpson([&](double s) { return V * V / R(0.2 + r * s); }, 0, 0.05);
            CHECK(res.energy == doctest::Approx(E).epsilon(1e-10));
            CHECK(res.charge == doctest::Approx(E / V).epsilon(1e-10));
        }
        SUBCASE("window none, reaching the bound mid-pulse") {
            auto d = make(Json{{"iv", iv}}, Json{{"x", 0.8}});
            Tick t = 0;
            const PulseResult res = pulse(*d, t, V, 0.05);
            const double t_b = 0.2 / r;  // x = 1 at 0.02 ms, then constant
            const double E = simpson([&](double s) { return V * V / R(0.8 + r * s); }, 0, t_b) +
                             V * V / R(1) * (0.05 - t_b);
            CHECK(res.energy == doctest::Approx(E).epsilon(1e-10));
        }
        SUBCASE("strukov window: logistic x(t)") {
            auto d = make(Json{{"iv", iv}, {"window", "strukov"}}, Json{{"x", 0.1}});
            Tick t = 0;
            const PulseResult res = pulse(*d, t, V, 0.3);
            // dx/dt = r x (1 - x)  ->  x(s) = 1 / (1 + (1/x0 - 1) e^{-r s})
            auto x = [&](double s) { return 1 / (1 + (1 / 0.1 - 1) * std::exp(-r * s)); };
            CHECK(x_of(*d, t) == doctest::Approx(x(0.3)).epsilon(1e-10));
            const double E = simpson([&](double s) { return V * V / R(x(s)); }, 0, 0.3);
            CHECK(res.energy == doctest::Approx(E).epsilon(1e-9));
        }
    }
}

TEST_CASE("vteam: inconsistent parameters are reported with their path") {
    CHECK_THROWS_AS(make(Json{{"v_on", "0.1 V"}}), ConfigError);
    CHECK_THROWS_AS(make(Json{{"v_off", "-0.1 V"}}), ConfigError);
    CHECK_THROWS_AS(make(Json{{"R_on", "2 MOhm"}}), ConfigError);
    CHECK_THROWS_AS(make(Json{{"window", "biolek"}, {"p", 2.5}}), ConfigError);
    try {
        make(Json{{"R_off", "5 kOhm"}});
        FAIL("no error");
    } catch (const ConfigError& e) {
        CHECK(e.path() == "/device/params/R_off");
    }
    // Units as a scenario writes them.
    auto d = make(Json{{"k_on", "10 kHz"}, {"v_on", "-0.5 V"}, {"R_on", "10 kOhm"}});
    Tick t = 0;
    pulse(*d, t, -1000, 1e-3);
    CHECK(x_of(*d, t) == doctest::Approx(0.01).epsilon(1e-12));
}
