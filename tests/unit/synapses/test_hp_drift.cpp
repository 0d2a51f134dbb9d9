// SPDX-License-Identifier: MIT
// HP linear ion-drift device: the closed-form charge under constant V against a fine RK4 of the
// ODE, the window integrator against the same, bounds, Biolek edge behaviour, and the pinched
// hysteresis loop under a sinusoidal voltage.
#include <doctest/doctest.h>

#include "tests/unit/synapses/device_support.hpp"

#include <cmath>
#include <functional>
#include <memory>
#include <numbers>

#include "engine/device.hpp"
#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/io/scenario.hpp"
#include "synapses/hp_drift.hpp"

using namespace memsnn;

namespace {

// Biolek 2009 defaults in internal units (MOhm, pC).
constexpr double kRon = 1e-4, kRoff = 0.016, kRinit = 0.011;
constexpr double kQ0 = 1e8;  // (10 nm)^2 / (1e-14 m^2/(V s) * 100 Ohm) = 1e-4 C
constexpr double kDelta = kRoff - kRon;
constexpr double kX0 = (kRoff - kRinit) / (kRoff - kRon);

std::unique_ptr<Device> make(const Json& params, const Json& init = Json::object()) {
    return test::make_device("hp_drift", params, init);
}

double R(double x) {
    return kRon * x + kRoff * (1 - x);
}

// Reference: classical RK4 of dx/dt = V F(x) / (Q_0 R(x)) with n fixed steps; returns {x, q}.
std::pair<double, double> reference(double x, double V, double T, int n,
                                    const std::function<double(double)>& F) {
    auto f = [&](double y) { return V * F(y) / (kQ0 * R(y)); };
    auto g = [&](double y) { return V / R(y); };
    const double h = T / n;
    double q = 0;
    for (int k = 0; k < n; ++k) {
        const double k1 = f(x), k2 = f(x + h / 2 * k1), k3 = f(x + h / 2 * k2), k4 = f(x + h * k3);
        q += h / 6 * (g(x) + 2 * g(x + h / 2 * k1) + 2 * g(x + h / 2 * k2) + g(x + h * k3));
        x += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    return {x, q};
}

PulseResult pulse(Device& d, Tick& t, double V, double T) {
    const Segment seg{ms_to_ticks(T), V};
    const PulseResult r = d.apply(0, t, std::span(&seg, 1));
    t += seg.duration;
    return r;
}

double x_of(const Device& d, Tick t) {
    return d.sample(0, 1, t);
}

}  // namespace

TEST_CASE("hp_drift: defaults are Biolek's, the initial state follows R_init") {
    auto d = make(Json::object());
    CHECK(x_of(*d, 0) == doctest::Approx(kX0).epsilon(1e-15));
    CHECK(d->conductance(0, 0) == doctest::Approx(1 / kRinit).epsilon(1e-14));
    // The same device written in SI units.
    auto e = make(Json{{"R_on", "100 Ohm"}, {"R_off", "16 kOhm"}, {"Q_0", "100 uC"}});
    Tick t0 = 0, t1 = 0;
    CHECK(pulse(*d, t0, 1000, 50).charge == doctest::Approx(pulse(*e, t1, 1000, 50).charge));
}

TEST_CASE("hp_drift: the closed-form charge under constant V matches a fine RK4 of the ODE") {
    for (const double V : {1000.0, -1000.0, 300.0}) {
        CAPTURE(V);
        const double T = 200;  // ms: x moves by ~0.18 at 1 V
        // Closed form: R(q) dq/dt = V with R(q) = R0 - Delta q / Q_0.
        const double R0 = R(kX0);
        const double q_cf = 2 * V * T / (R0 + std::sqrt(R0 * R0 - 2 * kDelta * V * T / kQ0));
        const auto [x_ref, q_ref] = reference(kX0, V, T, 100000, [](double) { return 1.0; });
        CHECK(q_cf == doctest::Approx(q_ref).epsilon(1e-12));
        CHECK(kX0 + q_cf / kQ0 == doctest::Approx(x_ref).epsilon(1e-12));
        // The device: one segment, and the same time in 100 segments.
        auto d = make(Json::object());
        Tick t = 0;
        const PulseResult r = pulse(*d, t, V, T);
        CHECK(r.charge == doctest::Approx(q_ref).epsilon(1e-12));
        CHECK(r.energy == doctest::Approx(V * q_ref).epsilon(1e-12));
        CHECK(x_of(*d, t) == doctest::Approx(x_ref).epsilon(1e-12));
        CHECK(r.G_after == doctest::Approx(1 / R(x_ref)).epsilon(1e-12));
        auto e = make(Json::object());
        t = 0;
        double q = 0;
        for (int k = 0; k < 100; ++k) q += pulse(*e, t, V, T / 100).charge;
        CHECK(q == doctest::Approx(q_ref).epsilon(1e-12));
        CHECK(x_of(*e, t) == doctest::Approx(x_ref).epsilon(1e-12));
    }
}

TEST_CASE("hp_drift: window none reaches the bound in closed form and then stays") {
    const double V = 2000, T = 2000;
    // x = 1 when Q_0 int_x0^1 R(u) du = V t_b.
    const double t_b = kQ0 * (kRoff * (1 - kX0) - kDelta * (1 - kX0 * kX0) / 2) / V;
    REQUIRE(t_b < T);
    auto d = make(Json::object());
    Tick t = 0;
    const PulseResult r = pulse(*d, t, V, T);
    CHECK(x_of(*d, t) == 1.0);
    CHECK(r.charge == doctest::Approx(kQ0 * (1 - kX0) + V / kRon * (T - t_b)).epsilon(1e-12));
    const double t_0 = kQ0 * (kRoff - kDelta / 2) / V;  // from x = 1 back to 0 under -V
    const PulseResult back = pulse(*d, t, -V, T);
    CHECK(x_of(*d, t) == 0.0);
    CHECK(back.charge == doctest::Approx(-kQ0 - V / kRoff * (T - t_0)).epsilon(1e-12));
}

TEST_CASE("hp_drift: with a window the RK4 sub-steps match a fine reference RK4") {
    const double p = 10;
    auto joglekar = [&](double x) { return 1 - std::pow(2 * x - 1, 2 * p); };
    auto biolek_up = [&](double x) { return 1 - std::pow(x, 2 * p); };
    for (const auto& [name, F] :
         {std::pair<const char*, std::function<double(double)>>{"joglekar", joglekar},
          {"biolek", biolek_up}}) {
        CAPTURE(name);
        const double V = 1000, T = 1000;  // x: 0.31 -> near 0.9
        const auto [x_ref, q_ref] = reference(kX0, V, T, 200000, F);
        auto d = make(Json{{"window", name}});
        Tick t = 0;
        const PulseResult r = pulse(*d, t, V, T);
        CHECK(x_of(*d, t) == doctest::Approx(x_ref).epsilon(1e-10));
        CHECK(r.charge == doctest::Approx(q_ref).epsilon(1e-10));
    }
}

TEST_CASE("hp_drift: every window keeps x between 0 and 1") {
    for (const char* w : {"none", "strukov", "joglekar", "biolek", "prodromakis"}) {
        CAPTURE(w);
        auto d = make(Json{{"window", w}});
        Tick t = 0;
        for (int k = 0; k < 6; ++k) {
            pulse(*d, t, k % 2 ? -5000.0 : 5000.0, 1000);
            CHECK(x_of(*d, t) >= 0.0);
            CHECK(x_of(*d, t) <= 1.0);
        }
    }
}

TEST_CASE("hp_drift: the Biolek window never sticks at a bound, Joglekar's does") {
    for (const double x0 : {0.0, 1.0}) {
        CAPTURE(x0);
        const double out = x0 == 1 ? 1000 : -1000;  // pushes x beyond the bound
        auto b = make(Json{{"window", "biolek"}}, Json{{"x", x0}});
        Tick t = 0;
        pulse(*b, t, out, 100);
        CHECK(x_of(*b, t) == x0);
        // Leaving the bound F = 1 - (distance)^(2p) ~ 1: the motion is the window-free closed
        // form q = 2 V T / (R0 + sqrt(R0^2 - 2 Delta V T / Q_0)), here |dx| ~ 0.01.
        const double V = -out, T = x0 == 1 ? 0.1 : 10, R0 = R(x0);
        const double q = 2 * V * T / (R0 + std::sqrt(R0 * R0 - 2 * kDelta * V * T / kQ0));
        pulse(*b, t, V, T);
        CHECK(std::abs(q / kQ0) > 0.005);
        CHECK(x_of(*b, t) == doctest::Approx(x0 + q / kQ0).epsilon(1e-10));
        auto j = make(Json{{"window", "joglekar"}}, Json{{"x", x0}});
        t = 0;
        pulse(*j, t, -out, 100);
        CHECK(x_of(*j, t) == x0);
    }
}

TEST_CASE("hp_drift: a sinusoidal voltage gives a pinched hysteresis loop") {
    const double V0 = 1000, period = 1000;  // 1 V, 1 Hz (Biolek 2009)
    const int N = 2000;
    for (const char* w : {"none", "biolek"}) {
        CAPTURE(w);
        auto d = make(Json{{"window", w}});
        std::vector<double> V(N), I(N);
        Tick t = 0;
        for (int k = 0; k < N; ++k) {
            V[k] = k % (N / 2) == 0 ? 0.0 : V0 * std::sin(2 * std::numbers::pi * k / N);
            const PulseResult r = pulse(*d, t, V[k], period / N);
            I[k] = r.charge / (period / N);
            CHECK(std::abs(I[k]) <= std::abs(V[k]) / kRon);  // I -> 0 with V: pinched at 0
            if (V[k] == 0) CHECK(I[k] == 0.0);
        }
        // Same voltage on the rising and falling branches, different current: x moved between.
        for (const auto& [a, b] : {std::pair{N / 8, 3 * N / 8}, std::pair{5 * N / 8, 7 * N / 8}}) {
            CHECK(V[a] == doctest::Approx(V[b]).epsilon(1e-12));
            CHECK(std::abs(I[b] - I[a]) > 0.1 * std::abs(I[a]));
        }
        CHECK(I[3 * N / 8] > I[N / 8]);  // positive lobe: x grew, R fell
    }
}

TEST_CASE("hp_drift: inconsistent parameters are reported with their path") {
    CHECK_THROWS_AS(make(Json{{"R_on", "20 kOhm"}}), ConfigError);
    CHECK_THROWS_AS(make(Json{{"window", "joglekar"}, {"p", 1.5}}), ConfigError);
    try {
        make(Json{{"R_init", "50 Ohm"}});
        FAIL("no error");
    } catch (const ConfigError& e) {
        CHECK(e.path() == "/device/params/R_init");
    }
}
