// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "tests/unit/synapses/device_support.hpp"

#include <cmath>
#include <memory>

#include "engine/device.hpp"
#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/io/scenario.hpp"

using namespace memsnn;

namespace {

std::unique_ptr<Device> make(const Json& params, const Json& init = Json::object(),
                             std::size_t n = 1, std::uint64_t seed = 1) {
    return test::make_device("pulse_map", params, init, n, seed);
}

// One pulse of V [mV], 1 us wide, at 1 ms spacing; returns G after it.
struct Pulser {
    Device& d;
    int k = 0;
    PulseResult operator()(double V, double width_ms = 1e-3) {
        const Segment s{ms_to_ticks(width_ms), V};
        return d.apply(0, ms_to_ticks(++k), std::span(&s, 1));
    }
};

constexpr double kGmin = 1, kGmax = 100, kR = kGmax - kGmin;  // defaults

}  // namespace

TEST_CASE("pulse_map linear: N equal steps sweep the range exactly, then G stays at the bound") {
    auto d = make(Json{{"map", "linear"}, {"N_p", 10}, {"N_d", 20}});
    Pulser pulse{*d};
    for (int p = 1; p <= 10; ++p) {
        const PulseResult r = pulse(1000);
        CHECK(r.G_after - r.G_before == doctest::Approx(kR / 10).epsilon(1e-12));
    }
    CHECK(d->conductance(0, ms_to_ticks(100)) == doctest::Approx(kGmax).epsilon(1e-14));
    CHECK(pulse(1000).G_after == doctest::Approx(kGmax).epsilon(1e-14));  // bounded
    for (int p = 1; p <= 20; ++p) {
        const PulseResult r = pulse(-1000);
        CHECK(r.G_after - r.G_before == doctest::Approx(-kR / 20).epsilon(1e-10));
    }
    CHECK(d->conductance(0, ms_to_ticks(100)) == doctest::Approx(kGmin).epsilon(1e-12));
    CHECK(pulse(-1000).G_after == kGmin);
}

TEST_CASE("pulse_map nonlinear: G after p pulses is the NeuroSim curve G_P(p), LTD its mirror") {
    const double A_p = 20, N_p = 50, A_d = 8, N_d = 30;
    auto d =
        make(Json{{"map", "nonlinear"}, {"A_p", A_p}, {"N_p", N_p}, {"A_d", A_d}, {"N_d", N_d}});
    Pulser pulse{*d};
    const double B_p = kR / (1 - std::exp(-N_p / A_p));
    for (int p = 1; p <= 50; ++p) {
        const double G_P = B_p * (1 - std::exp(-p / A_p)) + kGmin;
        CHECK(pulse(1000).G_after == doctest::Approx(G_P).epsilon(1e-12));
    }
    CHECK(d->conductance(0, ms_to_ticks(100)) == doctest::Approx(kGmax).epsilon(1e-12));
    // Depression from G_max, indexed from P_max downwards: G_D(N_d - k) after k pulses.
    const double B_d = kR / (1 - std::exp(-N_d / A_d));
    for (int k = 1; k <= 30; ++k) {
        const double p = N_d - k;
        const double G_D = -B_d * (1 - std::exp((p - N_d) / A_d)) + kGmax;
        CHECK(pulse(-1000).G_after == doctest::Approx(G_D).epsilon(1e-10));
    }
    CHECK(d->conductance(0, ms_to_ticks(100)) == doctest::Approx(kGmin).epsilon(1e-10));
}

TEST_CASE("pulse_map soft_bound: G_max - (G_max - G_0)(1 - alpha)^p, and its LTD mirror") {
    const double a_p = 0.1, a_d = 0.03, x0 = 0.2;
    auto d = make(Json{{"map", "soft_bound"}, {"alpha_p", a_p}, {"alpha_d", a_d}}, Json{{"x", x0}});
    Pulser pulse{*d};
    const double G0 = kGmin + kR * x0;
    for (int p = 1; p <= 40; ++p)
        CHECK(pulse(1000).G_after ==
              doctest::Approx(kGmax - (kGmax - G0) * std::pow(1 - a_p, p)).epsilon(1e-12));
    const double G1 = d->conductance(0, ms_to_ticks(100));
    for (int p = 1; p <= 40; ++p)
        CHECK(pulse(-1000).G_after ==
              doctest::Approx(kGmin + (G1 - kGmin) * std::pow(1 - a_d, p)).epsilon(1e-12));
}

TEST_CASE("pulse_map exponential: each step is the Querlioz update of the present G") {
    const double a_p = 3, b_p = 4, a_d = 2, b_d = 1.5;
    auto d = make(Json{{"map", "exponential"},
                       {"dG0_p", std::to_string(a_p) + " uS"},
                       {"beta_p", b_p},
                       {"dG0_d", std::to_string(a_d) + " uS"},
                       {"beta_d", b_d}});
    Pulser pulse{*d};
    double G = kGmin;
    for (int p = 1; p <= 60; ++p) {
        G = std::min(kGmax, G + a_p * std::exp(-b_p * (G - kGmin) / kR));
        CHECK(pulse(1000).G_after == doctest::Approx(G).epsilon(1e-12));
    }
    for (int p = 1; p <= 60; ++p) {
        G = std::max(kGmin, G - a_d * std::exp(-b_d * (kGmax - G) / kR));
        CHECK(pulse(-1000).G_after == doctest::Approx(G).epsilon(1e-12));
    }
}

TEST_CASE("pulse_map: LTP and LTD are parameterised separately (asymmetric)") {
    // Same map and same range, different nonlinearity: the first LTP step at G_min and the
    // first LTD step at G_max differ, and N_p LTP then N_p LTD pulses do not return to G_min.
    auto d = make(Json{{"map", "nonlinear"}, {"A_p", 10}, {"A_d", 100}, {"N_p", 50}, {"N_d", 50}});
    Pulser pulse{*d};
    const double up = pulse(1000).G_after - kGmin;
    for (int p = 2; p <= 50; ++p) pulse(1000);
    const double down = kGmax - pulse(-1000).G_after;
    CHECK(up == doctest::Approx(kR * (1 - std::exp(-0.1)) / (1 - std::exp(-5.0))));
    CHECK(down == doctest::Approx(kR * (1 - std::exp(-0.01)) / (1 - std::exp(-0.5))));
    CHECK(up > 2 * down);
    // soft_bound with alpha_p != alpha_d from the middle of the range.
    auto s =
        make(Json{{"map", "soft_bound"}, {"alpha_p", 0.2}, {"alpha_d", 0.05}}, Json{{"x", 0.5}});
    Pulser sp{*s};
    const PulseResult u = sp(1000);
    CHECK(u.G_after - u.G_before == doctest::Approx(0.2 * kR * 0.5));
    auto s2 =
        make(Json{{"map", "soft_bound"}, {"alpha_p", 0.2}, {"alpha_d", 0.05}}, Json{{"x", 0.5}});
    Pulser sp2{*s2};
    const PulseResult v = sp2(-1000);
    CHECK(v.G_after - v.G_before == doctest::Approx(-0.05 * kR * 0.5));
}

TEST_CASE("pulse_map: below-threshold pulses do nothing, at-threshold pulses step") {
    for (const char* map : {"linear", "nonlinear", "soft_bound", "exponential"}) {
        CAPTURE(map);
        auto d = make(Json{{"map", map}, {"V_p", "0.8 V"}, {"V_d", "-1.2 V"}}, Json{{"x", 0.5}});
        Pulser pulse{*d};
        for (double V : {799.0, 500.0, 100.0, -100.0, -1199.0}) {
            const PulseResult r = pulse(V, 1.0);  // long pulses: width never matters
            CHECK_FALSE(r.changed);
            CHECK(r.G_after == r.G_before);
            CHECK(r.charge == doctest::Approx(V * 1.0 * r.G_before));  // I = G V, pC
        }
        CHECK(pulse(800).G_after > kGmin + kR * 0.5);
        const double G = d->conductance(0, ms_to_ticks(100));
        CHECK(pulse(-1200).G_after < G);
    }
}

TEST_CASE("pulse_map: bounds hold for every map, even with steps larger than the range") {
    for (const char* map : {"linear", "nonlinear", "soft_bound", "exponential"}) {
        CAPTURE(map);
        auto d = make(Json{{"map", map}});
        Pulser pulse{*d};
        for (int p = 0; p < 300; ++p) {
            const double G = pulse(p % 7 < 4 ? 1000 : -1000).G_after;
            CHECK(G >= kGmin);
            CHECK(G <= kGmax);
        }
    }
    auto big = make(Json{{"map", "exponential"}, {"dG0_p", "500 uS"}, {"dG0_d", "500 uS"}});
    Pulser pulse{*big};
    CHECK(pulse(1000).G_after == kGmax);
    CHECK(pulse(-1000).G_after == kGmin);
}

TEST_CASE("pulse_map: with the shared levels every conductance sits on a level") {
    auto onlevel = [](double G, double levels) {
        const double k = (G - kGmin) / kR * (levels - 1);
        return std::abs(k - std::round(k)) < 1e-9;
    };
    auto lin = make(Json{{"map", "linear"}, {"N_p", 10}, {"N_d", 10}, {"levels", 11}});
    Pulser lp{*lin};
    for (int p = 1; p <= 10; ++p) {
        const double G = lp(1000).G_after;
        CHECK(onlevel(G, 11));
        CHECK(G == doctest::Approx(kGmin + kR * p / 10));
    }
    auto nl = make(Json{{"map", "nonlinear"}, {"N_p", 10}, {"N_d", 10}, {"A_p", 3}, {"levels", 9}});
    Pulser np{*nl};
    for (int p = 0; p < 30; ++p) CHECK(onlevel(np(p < 15 ? 1000 : -1000).G_after, 9));
}

TEST_CASE("pulse_map: optional width scaling by t_ref_pulse; charge is the trapezoid") {
    auto d = make(Json{{"map", "linear"}, {"N_p", 10}, {"t_ref_pulse", "1 us"}});
    Pulser pulse{*d};
    const PulseResult half = pulse(1000, 0.5e-3);
    CHECK(half.G_after - half.G_before == doctest::Approx(kR / 20));
    CHECK(half.charge == doctest::Approx(1000 * 0.5e-3 * (half.G_before + half.G_after) / 2));
    CHECK(half.energy == doctest::Approx(1000 * half.charge));
    const PulseResult dbl = pulse(1000, 2e-3);
    CHECK(dbl.G_after - dbl.G_before == doctest::Approx(kR / 5));
    auto off = make(Json{{"map", "linear"}, {"N_p", 10}});  // default: width does not matter
    Pulser p2{*off};
    const PulseResult r = p2(1000, 2e-3);
    CHECK(r.G_after - r.G_before == doctest::Approx(kR / 10));
}

TEST_CASE("pulse_map: inconsistent parameters are configuration errors naming the key") {
    CHECK_THROWS_WITH_AS(make(Json{{"G_min", "100 uS"}, {"G_max", "50 uS"}}),
                         "/device/params/G_max: must be above G_min", ConfigError);
    CHECK_THROWS_WITH_AS(make(Json{{"V_d", "0.5 V"}}), "/device/params/V_d: must be negative",
                         ConfigError);
    CHECK_THROWS_WITH_AS(make(Json{{"map", "linear"}, {"A_p", 10}}),
                         "/device/params/A_p: does not apply to map \"linear\"", ConfigError);
    CHECK_THROWS_AS(make(Json{{"map", "soft_bound"}, {"alpha_p", 1.5}}), ConfigError);
    CHECK_THROWS_AS(make(Json{{"map", "cubic"}}), ConfigError);
    CHECK_NOTHROW(make(Json{{"map", "nonlinear"}, {"A_p", 10}, {"N_d", 40}}));
}
