// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "tests/unit/synapses/device_support.hpp"

#include <cmath>
#include <memory>
#include <vector>

#include "engine/device.hpp"
#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/io/scenario.hpp"

using namespace memsnn;

namespace {

std::unique_ptr<Device> make(const Json& params, const Json& init = Json::object(),
                             std::size_t n = 1, std::uint64_t seed = 1) {
    return test::make_device("pcm", params, init, n, seed);
}

PulseResult pulse(Device& d, std::size_t k, Tick t, double V, double width_ms = 1e-4) {
    const Segment s{ms_to_ticks(width_ms), V};
    return d.apply(k, t, std::span(&s, 1));
}

constexpr double kGmin = 0.1, kGmax = 25, kR = kGmax - kGmin, kMu0 = 2.5;  // defaults

}  // namespace

TEST_CASE("pcm: reset is abrupt — one pulse from any G to exactly G_min, either polarity") {
    for (double x0 : {0.0, 0.3, 0.7, 1.0}) {
        CAPTURE(x0);
        auto d = make(Json::object(), Json{{"x", x0}});
        const PulseResult r = pulse(*d, 0, 0, 2500);
        CHECK(r.G_before == doctest::Approx(kGmin + kR * x0));
        CHECK(r.G_after == kGmin);
        pulse(*d, 0, ms_to_ticks(1), 1500);                           // set ...
        CHECK(pulse(*d, 0, ms_to_ticks(2), -2000).G_after == kGmin);  // ... unipolar reset
    }
}

TEST_CASE("pcm: set steps follow mu(G) = mu_0 (G_max - G) / R and shrink as G saturates") {
    auto d = make(Json::object(), Json{{"x", 0.1}});
    const double G0 = kGmin + 0.1 * kR;
    double last_step = 1e9;
    for (int p = 1; p <= 60; ++p) {
        const PulseResult r = pulse(*d, 0, ms_to_ticks(p), p % 2 ? 1500 : -1200);  // unipolar
        const double closed = kGmax - (kGmax - G0) * std::pow(1 - kMu0 / kR, p);
        CHECK(r.G_after == doctest::Approx(closed).epsilon(1e-12));
        const double step = r.G_after - r.G_before;
        CHECK(step == doctest::Approx(kMu0 * (kGmax - r.G_before) / kR).epsilon(1e-12));
        CHECK(step < last_step);
        last_step = step;
    }
    CHECK(d->conductance(0, ms_to_ticks(100)) < kGmax);
}

TEST_CASE("pcm: sub-threshold pulses do nothing; the set window is V_set <= |V| < V_reset") {
    auto d = make(Json{{"V_set", "0.8 V"}, {"V_reset", "1.8 V"}}, Json{{"x", 0.5}});
    const double G = kGmin + 0.5 * kR;
    for (double V : {799.0, -799.0, 100.0}) {
        const PulseResult r = pulse(*d, 0, ms_to_ticks(1), V, 1.0);
        CHECK_FALSE(r.changed);
        CHECK(r.G_after == G);
    }
    CHECK(pulse(*d, 0, ms_to_ticks(5), 800).G_after ==
          doctest::Approx(G + kMu0 * (kGmax - G) / kR));
    CHECK(pulse(*d, 0, ms_to_ticks(6), 1799.9).G_after > G);
    CHECK(pulse(*d, 0, ms_to_ticks(7), 1800).G_after == kGmin);
}

TEST_CASE("pcm: with sigma_c the set steps spread as N(mu, (sigma_c mu)^2)") {
    const std::size_t n = 4000;
    const double sigma_c = 0.3, x0 = 0.5;
    auto d = make(Json{{"sigma_c", sigma_c}}, Json{{"x", x0}}, n, 7);
    const double G0 = kGmin + x0 * kR, mu = kMu0 * (kGmax - G0) / kR;
    double sum = 0, sum2 = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const PulseResult r = pulse(*d, k, 0, 1500);
        const double dG = r.G_after - r.G_before;
        sum += dG;
        sum2 += dG * dG;
    }
    const double mean = sum / n;
    const double var = (sum2 - n * mean * mean) / (n - 1);
    const double expected_var = (sigma_c * mu) * (sigma_c * mu);
    CHECK(std::abs(mean - mu) < 4 * std::sqrt(expected_var / n));
    CHECK(var == doctest::Approx(expected_var).epsilon(0.1));  // sampling error ~ 2.2 %
}

TEST_CASE("pcm: drift follows G_prog ((t - t_p) / t_0)^-nu exactly at reads") {
    const double nu = 0.05, t0 = 2.0, V = 100;  // t_0 = 2 ms
    auto d = make(Json{{"nu", nu}, {"t_0", "2 ms"}}, Json{{"x", 0.2}});
    const Tick t_p = ms_to_ticks(1e-4);  // end of the set pulse at t = 0
    const double G_prog = pulse(*d, 0, 0, 1500).G_after;
    for (double dt : {0.5, 2.0, 3.0, 10.0, 1e3, 1e5, 1e7}) {
        CAPTURE(dt);
        const double law = G_prog * std::pow(std::max(dt, t0) / t0, -nu);
        const Tick t = t_p + ms_to_ticks(dt);
        CHECK(d->conductance(0, t) == doctest::Approx(law).epsilon(1e-12));
        CHECK(d->read(0, t, V) == doctest::Approx(law * V).epsilon(1e-12));
        CHECK(d->sample(0, 2, t) == doctest::Approx(dt));  // age since t_p
    }
    // The next set step starts from the drifted conductance and restarts the drift clock.
    const Tick t2 = t_p + ms_to_ticks(2e7);
    const double G_d = G_prog * std::pow(2e7 / t0, -nu);
    const PulseResult r = pulse(*d, 0, t2, 1500);
    CHECK(r.G_before == doctest::Approx(G_d).epsilon(1e-12));
    CHECK(r.G_after == doctest::Approx(G_d + kMu0 * (kGmax - G_d) / kR).epsilon(1e-12));
    const Tick t2p = t2 + ms_to_ticks(1e-4);
    CHECK(d->read(0, t2p + ms_to_ticks(1e4), V) ==
          doctest::Approx(r.G_after * std::pow(1e4 / t0, -nu) * V).epsilon(1e-12));
    // The reset state drifts too, below G_min.
    pulse(*d, 0, t2p + ms_to_ticks(2e4), 2500);
    const Tick t3p = t2p + ms_to_ticks(2e4) + ms_to_ticks(1e-4);
    CHECK(d->conductance(0, t3p + ms_to_ticks(1e3)) ==
          doctest::Approx(kGmin * std::pow(1e3 / t0, -nu)).epsilon(1e-12));
    // nu = 0 (default): no drift.
    auto flat = make(Json::object(), Json{{"x", 0.4}});
    CHECK(flat->conductance(0, ms_to_ticks(1e6)) == kGmin + 0.4 * kR);
}

TEST_CASE("pcm: reset noise spreads the reset conductance (clipped at G_min)") {
    auto d = make(Json{{"sigma_r", 0.5}}, Json{{"x", 1.0}}, 200, 3);
    int above = 0;
    for (std::size_t k = 0; k < 200; ++k) {
        const double G = pulse(*d, k, 0, 2500).G_after;
        CHECK(G >= kGmin);
        CHECK(G < kGmin * 4);
        above += G > kGmin;
    }
    CHECK(above > 60);
    CHECK(above < 140);
}

TEST_CASE("pcm: all draws come from the seeded device streams (deterministic)") {
    auto run = [](std::uint64_t seed) {
        auto d = make(Json{{"sigma_c", 0.8}, {"sigma_r", 0.2}, {"nu", 0.05}, {"sigma_read", 0.02}},
                      Json::object(), 3, seed);
        std::vector<double> out;
        for (std::size_t k = 0; k < 3; ++k) {
            for (int p = 0; p < 6; ++p) pulse(*d, k, ms_to_ticks(10 * p), p == 4 ? 2500 : 1500);
            out.push_back(d->conductance(k, ms_to_ticks(100)));
            out.push_back(d->read(k, ms_to_ticks(200), 100));
        }
        return out;
    };
    CHECK(run(1) == run(1));
    CHECK(run(1) != run(2));
}

TEST_CASE("pcm: inconsistent parameters are configuration errors naming the key") {
    CHECK_THROWS_WITH_AS(make(Json{{"V_set", "2 V"}, {"V_reset", "1.5 V"}}),
                         "/device/params/V_reset: must be above V_set", ConfigError);
    CHECK_THROWS_WITH_AS(make(Json{{"G_min", "30 uS"}}),
                         "/device/params/G_max: must be above G_min", ConfigError);
    CHECK_THROWS_AS(make(Json{{"mu_0", "30 uS"}}), ConfigError);
    CHECK_THROWS_AS(make(Json{{"t_0", "0 ms"}}), ConfigError);
}
