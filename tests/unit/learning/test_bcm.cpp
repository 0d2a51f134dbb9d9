// SPDX-License-Identifier: MIT
// BCM with a sliding threshold: the threshold's closed form against RK4, and the weight after
// forced spikes against the rule worked out by hand.
#include <doctest/doctest.h>

#include <cmath>

#include "learning/bcm.hpp"
#include "tests/support.hpp"

using namespace memsnn;

TEST_CASE("bcm: the sliding threshold's closed form equals an RK4 integral") {
    bcm::Params p;
    p.tau_y = 40;
    p.tau_theta = 300;
    p.y_0 = 8;
    for (double tau_theta : {300.0, 20.0, 25.0}) {  // 20 = tau_y / 2: the degenerate case
        p.tau_theta = tau_theta;
        const double theta0 = 3, y0 = 50, T = 137;
        double theta = theta0;
        const int n = 200000;
        const double h = T / n;
        auto f = [&](double t, double th) {
            const double y = y0 * std::exp(-t / p.tau_y);
            return (y * y / p.y_0 - th) / p.tau_theta;
        };
        for (int i = 0; i < n; ++i) {
            const double t = i * h;
            const double k1 = f(t, theta), k2 = f(t + h / 2, theta + h / 2 * k1),
                         k3 = f(t + h / 2, theta + h / 2 * k2), k4 = f(t + h, theta + h * k3);
            theta += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        INFO("tau_theta = " << tau_theta);
        CHECK(bcm::theta_after(p, theta0, y0, T) == doctest::Approx(theta).epsilon(1e-10));
    }
}

TEST_CASE("bcm: each postsynaptic spike changes w by eta x (y - theta)") {
    // Pre arrivals at 100 and 110 ms, post spikes at 120 and 125 ms (forced by kicks).
    Json s = Json::parse(R"({"duration": "300 ms",
      "populations": {"n": {"type": "lif", "size": 1, "params": {"t_ref": "1 ms"}},
        "pre": {"type": "spike_times", "size": 1, "params": {"spike_times": [["99 ms", "109 ms"]]}},
        "drive": {"type": "spike_times", "size": 1, "params": {"spike_times": [["119 ms", "124 ms"]]}}},
      "projections": [
        {"name": "plastic", "source": "pre", "target": "n", "connect": {"rule": "all_to_all"},
         "synapse": {"type": "static", "weight": "0.5 mV", "delay": "1 ms"},
         "learning": {"type": "bcm", "params": {"eta": "1e-4 mV", "tau_x": "20 ms",
           "tau_y": "30 ms", "tau_theta": "200 ms", "y_0": "5 Hz", "theta_0": "4 Hz",
           "w_min": "-10 mV", "w_max": "10 mV"}}},
        {"name": "kick", "source": "drive", "target": "n", "connect": {"rule": "all_to_all"},
         "synapse": {"type": "static", "weight": "20 mV", "delay": "1 ms"}}]})");
    const auto run = test::run_scenario(s);
    REQUIRE(run.recorder->times_ms(0, 0).size() == 2);
    // By hand: x in Hz = 1000 / tau_x per spike, decaying; y likewise with tau_y; theta from
    // theta_0 = 4 Hz with no postsynaptic activity until 120 ms, then driven by y.
    bcm::Params p;
    p.tau_y = 30;
    p.tau_theta = 200;
    p.y_0 = 5;
    const double x120 = 50 * (std::exp(-20.0 / 20) + std::exp(-10.0 / 20));
    const double theta120 = 4 * std::exp(-120.0 / 200);
    double w = 0.5 + 1e-4 * x120 * (0 - theta120);
    const double x125 = 50 * (std::exp(-25.0 / 20) + std::exp(-15.0 / 20));
    const double y125 = (1000.0 / 30) * std::exp(-5.0 / 30);
    const double theta125 = bcm::theta_after(p, theta120, 1000.0 / 30, 5);
    w += 1e-4 * x125 * (y125 - theta125);
    CHECK(theta125 > theta120 * std::exp(-5.0 / 200));  // the first spike raised the threshold
    CHECK(run.built.network->projections()[0].weight(0) == doctest::Approx(w).epsilon(1e-12));
}
