// SPDX-License-Identifier: MIT
// Rate-dependent learning (issue protocols E-5b, E-7 PCM variant, 4T1R SRDP): Poisson trains
// against the expectations that follow from the parameters, and forced spikes against the
// rule's logic.
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <sstream>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

std::string ms(double v) {
    std::ostringstream o;
    o.precision(15);
    o << v << " ms";
    return o.str();
}

Json times(const std::vector<double>& t) {
    Json out = Json::array();
    for (double v : t) out.push_back(ms(v - 1));  // 1 ms delays
    return out;
}

// One 1T1R synapse (binary RRAM, gate open 5 ms) under the srdp rule, presynaptic arrivals at
// `pre` (ms); returns the device state x at the end.
double srdp_x(const std::vector<double>& pre, double x0) {
    Json s = Json::parse(R"({"duration": "1 s",
      "populations": {"n": {"type": "lif", "size": 1}},
      "projections": [{"name": "plastic", "source": "pre", "target": "n",
        "connect": {"rule": "all_to_all"},
        "synapse": {"type": "1t1r", "gate_width": "5 ms", "gain": "1 Ohm", "delay": "1 ms",
                    "device": {"type": "rram", "params": {"mode": "binary"}}},
        "learning": {"type": "srdp", "params": {"t_D": "10 ms",
          "ltp_waveform": [{"duration": "1 ms", "voltage": "1.2 V"}],
          "ltd_waveform": [{"duration": "1 ms", "voltage": "-1.6 V"}]}}}]})");
    s["populations"]["pre"] = {{"type", "spike_times"},
                               {"size", 1},
                               {"params", {{"spike_times", Json::array({times(pre)})}}}};
    s["projections"][0]["synapse"]["device"]["init"] = {{"x", x0}};
    const auto r = test::run_scenario(s);
    return r.built.network->projections()[0].circuit()->sample(0, 1, ms_to_ticks(999));
}

}  // namespace

TEST_CASE("srdp: a spike within t_D of the previous one sets, an isolated one resets") {
    CHECK(srdp_x({100}, 0) == 0);                 // first spike: isolated, HRS stays HRS
    CHECK(srdp_x({100}, 1) == 0);                 // ... and LRS is reset
    CHECK(srdp_x({100, 105}, 0) == 1);            // 5 ms < t_D: set
    CHECK(srdp_x({100, 109.999}, 0) == 1);        // just inside
    CHECK(srdp_x({100, 110}, 0) == 0);            // exactly t_D: isolated
    CHECK(srdp_x({100, 105, 200}, 0) == 0);       // set, then an isolated spike resets
    CHECK(srdp_x({100, 105, 200, 203}, 0) == 1);  // and a close pair sets again
}

TEST_CASE("srdp: the fraction of potentiated synapses follows 1 - exp(-r t_D) (rate dependence)") {
    // 400 synapses, each fed by its own Poisson train; with p_ltp = p_ltd = 1 a synapse ends in
    // LRS exactly when its last interval was shorter than t_D.
    for (double rate : {20.0, 100.0, 300.0}) {
        Json s = Json::parse(R"({"duration": "2 s", "seed": 7,
          "populations": {"n": {"type": "lif", "size": 1},
                          "pre": {"type": "poisson", "size": 400}},
          "projections": [{"name": "plastic", "source": "pre", "target": "n",
            "connect": {"rule": "all_to_all"},
            "synapse": {"type": "1t1r", "gate_width": "5 ms", "gain": "1 mOhm", "delay": "1 ms",
                        "device": {"type": "rram", "params": {"mode": "binary"}}},
            "learning": {"type": "srdp", "params": {"t_D": "10 ms",
              "ltp_waveform": [{"duration": "1 ms", "voltage": "1.2 V"}],
              "ltd_waveform": [{"duration": "1 ms", "voltage": "-1.6 V"}]}}}]})");
        s["populations"]["pre"]["params"] = {{"rate", std::to_string(rate) + " Hz"}};
        const auto r = test::run_scenario(s);
        const SynapseCircuit* c = r.built.network->projections()[0].circuit();
        double lrs = 0;
        for (std::size_t k = 0; k < 400; ++k) lrs += c->sample(k, 1, ms_to_ticks(1999));
        const double fraction = lrs / 400;
        const double expected = 1 - std::exp(-rate * 0.010);
        const double sd = std::sqrt(expected * (1 - expected) / 400);
        INFO("rate " << rate << " Hz: " << fraction << " in LRS, expected " << expected);
        CHECK(std::abs(fraction - expected) < 4 * sd);
    }
}

TEST_CASE("1T1R PCM: two positive feedback pulses, set then melt (Ambrogio 2016 variant)") {
    // Gate open 10 ms from the presynaptic arrival; the feedback is a 1.5 V set pulse (1 ms) at
    // the postsynaptic spike and a 2.5 V melting pulse 10 ms later. From x = 0.4:
    // LTP = one set step, mu(G) = mu_0 (G_max - G) / (G_max - G_min); LTD = reset to G_min.
    const double G_min = 0.1, G_max = 25, mu_0 = 2.5;
    const double G0 = G_min + 0.4 * (G_max - G_min);
    const double G_ltp = G0 + mu_0 * (G_max - G0) / (G_max - G_min);
    for (double dt : {-15.0, -8.0, -2.0, 0.0, 2.0, 8.0, 12.0}) {
        Json s = Json::parse(R"({"duration": "300 ms",
          "populations": {"n": {"type": "lif", "size": 1, "params": {"t_ref": "0.5 ms"}}},
          "projections": [{"name": "plastic", "source": "pre", "target": "n",
            "connect": {"rule": "all_to_all"},
            "synapse": {"type": "1t1r", "gate_width": "10 ms", "gain": "1 Ohm", "delay": "1 ms",
                        "device": {"type": "pcm", "init": {"x": 0.4}}},
            "learning": {"type": "post_pulses", "params": {"post_waveform": [
              {"duration": "1 ms", "voltage": "1.5 V"}, {"duration": "9 ms", "voltage": "0 V"},
              {"duration": "1 ms", "voltage": "2.5 V"}]}}},
            {"name": "kick", "source": "drive", "target": "n", "connect": {"rule": "all_to_all"},
             "synapse": {"type": "static", "weight": "20 mV", "delay": "1 ms"}}]})");
        s["populations"]["pre"] = {{"type", "spike_times"},
                                   {"size", 1},
                                   {"params", {{"spike_times", Json::array({times({100})})}}}};
        s["populations"]["drive"] = {
            {"type", "spike_times"},
            {"size", 1},
            {"params", {{"spike_times", Json::array({times({100 + dt})})}}}};
        const auto r = test::run_scenario(s);
        const double G =
            r.built.network->projections()[0].circuit()->sample(0, 0, ms_to_ticks(299));
        INFO("dt = " << dt << " ms");
        if (dt >= 0 && dt < 10)
            CHECK(G == doctest::Approx(G_ltp).epsilon(1e-12));
        else if (dt < 0 && dt > -10)
            CHECK(G == doctest::Approx(G_min).epsilon(1e-12));
        else
            CHECK(G == doctest::Approx(G0).epsilon(1e-12));
    }
}

TEST_CASE("triplet under Poisson trains: BCM-like sign change at the rate the parameters give") {
    // Minimal visual-cortex row, all-to-all: <dw/dt> = rx ry (-A2- tau- + A3+ tau+ tau_y ry),
    // zero at ry* = A2- tau- / (A3+ tau+ tau_y) = 19.22 Hz. Amplitudes scaled by 1e-6 so the
    // plastic weights never affect the postsynaptic train, which independent Poisson kicks force.
    const double A2m = 7.1e-3, A3p = 6.5e-3, tau_m = 0.0337, tau_p = 0.0168, tau_y = 0.114;
    const double rx = 10, T = 20;
    const double threshold = A2m * tau_m / (A3p * tau_p * tau_y);
    CHECK(threshold == doctest::Approx(19.22).epsilon(1e-3));
    for (double ry : {5.0, 40.0}) {
        Json s = Json::parse(R"({"duration": "20 s", "seed": 3,
          "populations": {"n": {"type": "lif", "size": 1, "params": {"t_ref": "0 ms"}},
                          "pre": {"type": "poisson", "size": 300, "params": {"rate": "10 Hz"}},
                          "drive": {"type": "poisson", "size": 1}},
          "projections": [{"name": "plastic", "source": "pre", "target": "n",
            "connect": {"rule": "all_to_all"},
            "synapse": {"type": "static", "weight": "0 mV", "delay": "1 ms"},
            "learning": {"type": "triplet", "params": {"A2_minus": "7.1e-9 mV",
              "A3_plus": "6.5e-9 mV", "tau_y": "114 ms"}}},
            {"name": "kick", "source": "drive", "target": "n", "connect": {"rule": "all_to_all"},
             "synapse": {"type": "static", "weight": "20 mV", "delay": "1 ms"}}]})");
        s["populations"]["drive"]["params"] = {{"rate", std::to_string(ry) + " Hz"}};
        const auto r = test::run_scenario(s);
        const Projection& p = r.built.network->projections()[0];
        double sum = 0;
        for (std::uint32_t k = 0; k < p.n_synapses(); ++k) sum += p.weight(k);
        const double drift = sum / static_cast<double>(p.n_synapses()) / 1e-6 / T;  // per s
        // Expectation with the realised postsynaptic rate (the kicks' own Poisson sample).
        const double ry_real = static_cast<double>(r.recorder->times_ms(0, 0).size()) / T;
        const double expected = rx * ry_real * (-A2m * tau_m + A3p * tau_p * tau_y * ry_real);
        INFO("ry = " << ry << " Hz (realised " << ry_real << "): drift " << drift
                     << " per s, expected " << expected);
        CHECK((ry < threshold ? drift < 0 : drift > 0));
        CHECK(drift == doctest::Approx(expected).epsilon(0.1));
    }
}

TEST_CASE(
    "scenarios/protocols/triplet_frequency.json: the Sjostrom signature of the triplet rule") {
    const Json s =
        load_scenario_file(test::source_path("scenarios/protocols/triplet_frequency.json"));
    const auto r = test::run_scenario(s);
    const Projection& p = r.built.network->projections()[0];
    // Synapses 0..7: dt = +10 ms at 0.1, 1, 5, 10, 20, 30, 40, 50 Hz; 8..15: dt = -10 ms.
    REQUIRE(p.n_synapses() == 16);
    CHECK(std::abs(p.weight_by_id(0)) < 0.01 * std::abs(p.weight_by_id(8)));  // 0.1 Hz: ~0
    CHECK(p.weight_by_id(8) < 0);                                             // and LTD
    for (std::uint32_t f : {6u, 7u}) {  // 40 and 50 Hz: both orders potentiate
        CHECK(p.weight_by_id(f) > 0);
        CHECK(p.weight_by_id(f + 8) > 0);
    }
}

TEST_CASE("scenarios/protocols/srdp_1s1r.json: the change falls monotonically with t_zero") {
    const Json s = load_scenario_file(test::source_path("scenarios/protocols/srdp_1s1r.json"));
    const auto r = test::run_scenario(s);
    const SynapseCircuit* c = r.built.network->projections()[0].circuit();
    const Tick end = r.built.duration - 1;
    for (std::size_t i = 1; i < 13; ++i) CHECK(c->sample(i, 1, end) < c->sample(i - 1, 1, end));
}
