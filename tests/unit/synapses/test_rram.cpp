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
    return test::make_device("rram", params, init, n, seed);
}

struct Pulser {
    Device& d;
    std::size_t k = 0;
    int n = 0;
    PulseResult operator()(double V, double width_ms = 1e-4) {
        const Segment s{ms_to_ticks(width_ms), V};
        return d.apply(k, ms_to_ticks(++n), std::span(&s, 1));
    }
};

constexpr double kGHRS = 10, kGLRS = 100;  // defaults: I_C 50 uA / V_C 0.5 V

}  // namespace

TEST_CASE("rram binary: set reaches exactly I_C / V_C, reset exactly G_HRS") {
    const Json params{{"I_C", "30 uA"}, {"V_C", "0.4 V"}, {"G_HRS", "7 uS"}};
    auto d = make(params);
    // I_C / V_C of the resolved values (unit conversion may round 30 uA / 0.4 V by an ulp).
    const ParamTable t = resolve_params(&params, "/device/params",
                                        default_registry().find("rram")->params, 1, 1, 0, false);
    const double G_LRS = t.number("I_C", 0) / t.number("V_C", 0);
    CHECK(G_LRS == doctest::Approx(75.0).epsilon(1e-14));
    Pulser pulse{*d};
    CHECK(d->conductance(0, 0) == 7.0);  // starts in the HRS
    const PulseResult set = pulse(1000);
    CHECK(set.changed);
    CHECK(set.G_after == G_LRS);  // nA / mV = uS, exactly
    CHECK(set.charge == doctest::Approx(1000 * 1e-4 * (7.0 + 75.0) / 2));
    const PulseResult reset = pulse(-1500);
    CHECK(reset.G_after == 7.0);
    CHECK(d->sample(0, 2, ms_to_ticks(10)) == doctest::Approx(7.0 * 100));  // I_read at 0.1 V
    CHECK(d->read(0, ms_to_ticks(10), 100) == doctest::Approx(700));
}

TEST_CASE("rram: no LTP from the LRS, no LTD from the HRS (both modes)") {
    for (const char* mode : {"binary", "gradual"}) {
        CAPTURE(mode);
        auto lrs = make(Json{{"mode", mode}}, Json{{"x", 1.0}});
        Pulser up{*lrs};
        for (double V : {1000.0, 2000.0}) {
            const PulseResult r = up(V);
            CHECK_FALSE(r.changed);
            CHECK(r.G_after == kGLRS);
        }
        auto hrs = make(Json{{"mode", mode}});
        Pulser down{*hrs};
        for (double V : {-1500.0, -3000.0}) {
            const PulseResult r = down(V);
            CHECK_FALSE(r.changed);
            CHECK(r.G_after == kGHRS);
        }
    }
}

TEST_CASE("rram: sub-threshold pulses do nothing, threshold pulses switch") {
    for (const char* mode : {"binary", "gradual"}) {
        CAPTURE(mode);
        auto d = make(Json{{"mode", mode}}, Json{{"x", 0.5}});
        Pulser pulse{*d};
        const double G = kGHRS + 0.5 * (kGLRS - kGHRS);
        for (double V : {999.0, 100.0, -100.0, -1499.0}) {
            const PulseResult r = pulse(V, 1.0);
            CHECK_FALSE(r.changed);
            CHECK(r.G_after == G);
        }
        CHECK(pulse(1000).G_after > G);
        const double G1 = d->conductance(0, ms_to_ticks(100));
        // At exactly -V_reset a binary reset is complete; a gradual one starts from G_LRS
        // (its floor), so it needs a deeper pulse to move a state below G_LRS.
        CHECK(pulse(-1600).G_after < G1);
    }
}

TEST_CASE("rram gradual: set steps toward G_LRS, monotone, bounded, closed form") {
    const double g = 0.3, x0 = 0.1;
    auto d = make(Json{{"mode", "gradual"}, {"gamma_set", g}}, Json{{"x", x0}});
    Pulser pulse{*d};
    const double G0 = kGHRS + x0 * (kGLRS - kGHRS);
    double last = G0;
    for (int p = 1; p <= 50; ++p) {
        const double G = pulse(1000).G_after;
        CHECK(G == doctest::Approx(kGLRS - (kGLRS - G0) * std::pow(1 - g, p)).epsilon(1e-12));
        CHECK(G >= last);
        CHECK(G <= kGLRS);
        last = G;
    }
}

TEST_CASE("rram gradual: reset steps toward a floor that falls with the pulse depth") {
    const double g = 0.4, dV = 200, VR = 1500;
    auto floor = [&](double V) {
        return std::max(kGHRS, kGLRS * std::exp(-(std::abs(V) - VR) / dV));
    };
    double previous_final = kGLRS;
    for (double V : {-1600.0, -1700.0, -1800.0, -2500.0}) {
        CAPTURE(V);
        auto d = make(Json{{"mode", "gradual"}, {"gamma_reset", g}}, Json{{"x", 1.0}});
        Pulser pulse{*d};
        double G = kGLRS, last = kGLRS;
        for (int p = 1; p <= 80; ++p) {
            G = G - g * (G - floor(V));  // closed-form step of the present G
            const double Gd = pulse(V).G_after;
            CHECK(Gd == doctest::Approx(G).epsilon(1e-12));
            CHECK(Gd <= last);
            CHECK(Gd >= floor(V));
            CHECK(Gd >= kGHRS);
            last = Gd;
        }
        CHECK(last == doctest::Approx(floor(V)).epsilon(1e-9));
        CHECK(last < previous_final);  // deeper |V| -> lower final G
        previous_final = last;
        // A shallower reset pulse (at threshold its floor is G_LRS) does nothing.
        CHECK_FALSE(pulse(-1500).changed);
    }
    CHECK(previous_final == doctest::Approx(kGHRS));
}

TEST_CASE("rram: stochastic set and reset through the shared p_switch") {
    const std::size_t n = 2000;
    auto d = make(Json{{"p_switch", 0.3}}, Json::object(), n, 5);
    int set = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const Segment s{ms_to_ticks(1e-4), 1000};
        const PulseResult r = d->apply(k, 0, std::span(&s, 1));
        CHECK((r.G_after == kGHRS || r.G_after == kGLRS));
        set += r.G_after == kGLRS;
    }
    CHECK(std::abs(set / double(n) - 0.3) < 0.04);  // 4 sigma
}

TEST_CASE("rram: inconsistent parameters are configuration errors naming the key") {
    CHECK_THROWS_WITH_AS(make(Json{{"G_HRS", "200 uS"}}),
                         "/device/params/I_C: I_C / V_C (the LRS conductance) must be above G_HRS",
                         ConfigError);
    CHECK_THROWS_WITH_AS(make(Json{{"V_read", "1 V"}}),
                         "/device/params/V_read: must be below V_set (reads must not set)",
                         ConfigError);
    CHECK_THROWS_WITH_AS(make(Json{{"gamma_set", 0.2}}),
                         "/device/params/gamma_set: applies to mode \"gradual\" only", ConfigError);
    CHECK_THROWS_AS(make(Json{{"mode", "analog"}}), ConfigError);
    CHECK_NOTHROW(make(Json{{"mode", "gradual"}, {"gamma_set", 0.2}, {"dV_reset", "0.1 V"}}));
}
