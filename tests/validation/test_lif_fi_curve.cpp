// SPDX-License-Identifier: MIT
// E-1: LIF neurons under constant currents reproduce the closed-form f-I curve
//   f(I) = 1 / (t_ref + tau_m ln[(R I + E_L - V_reset) / (R I + E_L - V_th)])
// for R I > V_th - E_L, and are silent at or below rheobase. Runs scenarios/lif_fi_curve.json.
#include <doctest/doctest.h>

#include <cmath>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

struct FiCase {
    double I;  // nA
    std::vector<double> spikes;
};

std::vector<FiCase> run_fi(Json scenario) {
    const auto run = test::run_scenario(scenario);
    const auto& currents = scenario["populations"]["n"]["params"]["I_e"];
    std::vector<FiCase> out;
    for (std::size_t i = 0; i < currents.size(); ++i) {
        std::string error;
        const double I = parse_quantity(currents[i].get<std::string>(), error)->value;
        out.push_back({I, run.recorder->times_ms(0, i)});
    }
    return out;
}

double closed_form_rate_hz(double I, double tau_m, double R, double E_L, double V_th,
                           double V_reset, double t_ref) {
    if (!(R * I > V_th - E_L)) return 0;
    return 1000.0 / (t_ref + tau_m * std::log((R * I + E_L - V_reset) / (R * I + E_L - V_th)));
}

}  // namespace

TEST_CASE("f-I curve of scenarios/lif_fi_curve.json equals the closed form to < 1e-9") {
    const Json s = load_scenario_file(test::source_path("scenarios/lif_fi_curve.json"));
    const auto& p = s["populations"]["n"]["params"];
    REQUIRE(p["tau_m"] == "20 ms");
    REQUIRE(p["C_m"] == "2 nF");  // R = 10 MOhm
    int above = 0, below = 0;
    for (const auto& c : run_fi(s)) {
        const double f = closed_form_rate_hz(c.I, 20, 10, -65, -50, -65, 2);
        INFO("I = " << c.I << " nA");
        if (f == 0) {
            CHECK(c.spikes.empty());
            ++below;
            continue;
        }
        ++above;
        REQUIRE(c.spikes.size() > 10);
        const double rate = 1000.0 * static_cast<double>(c.spikes.size() - 1) /
                            (c.spikes.back() - c.spikes.front());
        CHECK(std::abs(rate - f) / f < 1e-9);
    }
    CHECK(above >= 5);
    CHECK(below >= 2);  // below and exactly at rheobase (1.5 nA)
}

TEST_CASE(
    "refractory period: intervals are t_ref plus the recharge time, rate saturates at 1/t_ref") {
    Json s = load_scenario_file(test::source_path("scenarios/lif_fi_curve.json"));
    for (double t_ref : {0.0, 2.0, 10.0}) {
        apply_override(s, "populations.n.params.t_ref=" + std::to_string(t_ref) + " ms");
        apply_override(s, "duration=2 s");
        for (const auto& c : run_fi(s)) {
            const double f = closed_form_rate_hz(c.I, 20, 10, -65, -50, -65, t_ref);
            if (f == 0) continue;
            INFO("t_ref = " << t_ref << " ms, I = " << c.I << " nA");
            REQUIRE(c.spikes.size() > 2);
            for (std::size_t k = 1; k < c.spikes.size(); ++k)
                CHECK(c.spikes[k] - c.spikes[k - 1] >= t_ref);
            const double rate = 1000.0 * static_cast<double>(c.spikes.size() - 1) /
                                (c.spikes.back() - c.spikes.front());
            CHECK(std::abs(rate - f) / f < 1e-9);
            if (t_ref > 0) CHECK(rate < 1000.0 / t_ref);
        }
    }
}
