// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cmath>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

// Amplitudes [mV] of the voltage jumps of a non-leaky, non-firing neuron driven by a regular
// train (period 50 ms, 40 spikes) through one synapse of 1 mV with the given STP params.
std::vector<double> amplitudes(const Json& params) {
    Json s = Json::parse(R"({"duration": "2000 ms",
      "populations": {
        "in": {"type": "regular", "size": 1, "params": {"rate": "20 Hz"}},
        "n": {"type": "lif", "size": 1, "params": {"tau_m": "1e12 ms", "V_th": "1000 mV"}}},
      "projections": [{"source": "in", "target": "n", "connect": {"rule": "all_to_all"},
        "synapse": {"type": "static", "weight": "1 mV", "delay": "1 ms"},
        "learning": {"type": "tsodyks_markram"}}],
      "record": [{"what": "V_m", "population": "n", "start": "0.5 ms", "interval": "50 ms"}]})");
    s["projections"][0]["learning"]["params"] = params;
    const auto r = test::run_scenario(s);
    // Samples at 0.5, 50.5, 100.5, ... ms; arrivals at 1, 51, 101, ... ms fall in between.
    const auto& samples = r.recorder->samples();
    std::vector<double> out;
    for (std::size_t k = 1; k < samples.size(); ++k)
        out.push_back(samples[k].values[0] - samples[k - 1].values[0]);
    return out;
}

}  // namespace

TEST_CASE("tsodyks_markram: depression converges to the closed-form steady state") {
    const double U = 0.5, tau = 100, period = 50;
    const auto a = amplitudes(Json{{"U", U}, {"tau_rec", "100 ms"}});
    REQUIRE(a.size() >= 30);
    CHECK(a[0] == doctest::Approx(U).epsilon(1e-9));  // the first spike transmits w U
    const double e = std::exp(-period / tau);
    const double x_inf = (1 - e) / (1 - (1 - U) * e);
    CHECK(a[29] == doctest::Approx(U * x_inf).epsilon(1e-9));
    for (std::size_t k = 1; k < 10; ++k) CHECK(a[k] < a[k - 1]);  // depression
}

TEST_CASE("tsodyks_markram: facilitation raises the second amplitude as the closed form says") {
    const double U = 0.1, tau_rec = 50, tau_fac = 500, period = 50;
    const auto a = amplitudes(Json{{"U", U}, {"tau_rec", "50 ms"}, {"tau_fac", "500 ms"}});
    REQUIRE(a.size() >= 2);
    const double u2 = U + U * (1 - U) * std::exp(-period / tau_fac);
    const double x2 = 1 - U * std::exp(-period / tau_rec);
    CHECK(a[0] == doctest::Approx(U).epsilon(1e-9));
    CHECK(a[1] == doctest::Approx(u2 * x2).epsilon(1e-9));
    CHECK(a[1] > a[0]);
}
