// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cmath>

#include "engine/error.hpp"
#include "engine/io/scenario.hpp"
#include "tests/support.hpp"

using namespace memsnn;

namespace {

Json minimal() {
    return Json::parse(R"({"duration": "100 ms",
        "populations": {"n": {"type": "lif", "size": 4, "params": {"tau_m": "20 ms"}}}})");
}

std::string error_of(const Json& s) {
    try {
        test::run_scenario(s);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("--set overrides existing keys, list entries and creates params") {
    Json s = minimal();
    apply_override(s, "duration=2 s");
    CHECK(s["duration"] == "2 s");
    apply_override(s, "populations.n.params.tau_m=\"10 ms\"");
    CHECK(s["populations"]["n"]["params"]["tau_m"] == "10 ms");
    apply_override(s, "populations.n.size=7");
    CHECK(s["populations"]["n"]["size"] == 7);
    apply_override(s, "populations.n.params.I_e=[\"1 nA\",\"2 nA\",\"3 nA\",\"4 nA\"]");
    CHECK(s["populations"]["n"]["params"]["I_e"].size() == 4);
    s["projections"] = Json::array({{{"connect", {{"p", 0.1}}}}});
    apply_override(s, "projections.0.connect.p=0.5");
    CHECK(s["projections"][0]["connect"]["p"] == 0.5);
}

TEST_CASE("--set rejects paths that do not exist, with a suggestion") {
    Json s = minimal();
    CHECK_THROWS_WITH_AS(apply_override(s, "populatons.n.size=3"),
                         doctest::Contains("did you mean \"populations\""), ConfigError);
    CHECK_THROWS_AS(apply_override(s, "populations.m.params.tau_m=1 ms"), ConfigError);
    CHECK_THROWS_AS(apply_override(s, "no_equals_sign"), ConfigError);
    s["projections"] = Json::array();
    CHECK_THROWS_WITH_AS(apply_override(s, "projections.3.name=x"),
                         doctest::Contains("not a valid index"), ConfigError);
}

TEST_CASE("per-element values: one value, a list, distributions") {
    Json s = minimal();
    s["populations"]["n"]["init"] = {{"V_m", {{"uniform", {"-70 mV", "-60 mV"}}}}};
    s["populations"]["n"]["params"]["I_e"] = {"0 nA", "1 nA", "2 nA", "3 nA"};
    CHECK(error_of(s).empty());
    s["populations"]["n"]["params"]["I_e"] = {"0 nA", "1 nA"};
    CHECK(error_of(s).find("/populations/n/params/I_e: expected one value or a list of 4") == 0);
    s["populations"]["n"]["params"]["I_e"] = {{"normal", {{"mean", "1 nA"}, {"sd", "0.1 nA"}}}};
    CHECK(error_of(s).empty());
    s["populations"]["n"]["params"]["tau_m"] = {{"normal", {{"mean", "1 ms"}, {"sd", "5 ms"}}}};
    CHECK(error_of(s).find("must be > 0") != std::string::npos);
    s["populations"]["n"]["params"]["tau_m"] = {
        {"normal", {{"mean", "1 ms"}, {"sd", "5 ms"}, {"min", "0.5 ms"}}}};
    CHECK(error_of(s).empty());
    s["populations"]["n"]["params"]["tau_m"] = {{"gauss", {{"mean", "1 ms"}}}};
    CHECK(error_of(s).find("unknown distribution") != std::string::npos);
}

TEST_CASE("distribution draws are reproducible and seed-dependent") {
    Json s = minimal();
    s["populations"]["n"]["size"] = 50;
    s["populations"]["n"]["init"] = {{"V_m", {{"uniform", {"-70 mV", "-51 mV"}}}}};
    s["record"] = Json::array(
        {{{"what", "V_m"}, {"population", "n"}, {"interval", "1 ms"}, {"stop", "1 ms"}}});
    const auto a = test::run_scenario(s, 1);
    const auto b = test::run_scenario(s, 1);
    const auto c = test::run_scenario(s, 2);
    REQUIRE(a.recorder->samples().size() == 1);
    CHECK(a.recorder->samples()[0].values == b.recorder->samples()[0].values);
    CHECK(a.recorder->samples()[0].values != c.recorder->samples()[0].values);
    for (double v : a.recorder->samples()[0].values) CHECK((v >= -70 && v <= -51));
}

TEST_CASE("connection rules give the expected counts") {
    auto count = [](const Json& connect, std::size_t ns, std::size_t nt) {
        Json s = Json::parse(R"({"duration": "1 ms", "populations": {}})");
        s["populations"]["src"] = {
            {"type", "poisson"}, {"size", ns}, {"params", {{"rate", "1 Hz"}}}};
        s["populations"]["tgt"] = {{"type", "lif"}, {"size", nt}};
        s["projections"] = Json::array({{{"source", "src"},
                                         {"target", "tgt"},
                                         {"connect", connect},
                                         {"synapse", {{"type", "static"}, {"weight", "1 mV"}}}}});
        return test::run_scenario(s).built.network->n_synapses();
    };
    CHECK(count({{"rule", "all_to_all"}}, 30, 20) == 600);
    CHECK(count({{"rule", "one_to_one"}}, 20, 20) == 20);
    CHECK(count({{"rule", "fixed_indegree"}, {"indegree", 7}}, 30, 20) == 140);
    CHECK(count({{"rule", "fixed_probability"}, {"p", 0.0}}, 30, 20) == 0);
    CHECK(count({{"rule", "fixed_probability"}, {"p", 1.0}}, 30, 20) == 600);
    const double n =
        static_cast<double>(count({{"rule", "fixed_probability"}, {"p", 0.1}}, 300, 200));
    CHECK(std::abs(n - 6000) < 5 * std::sqrt(6000 * 0.9));
    CHECK(count({{"rule", "list"}, {"pairs", {{0, 1}, {2, 3}, {2, 3}}}}, 5, 5) == 3);
}

TEST_CASE("fixed_indegree without multapses or autapses draws distinct other sources") {
    Json s = Json::parse(R"({"duration": "1 ms", "populations": {"n": {"type": "lif", "size": 6}},
        "projections": [{"source": "n", "target": "n",
          "connect": {"rule": "fixed_indegree", "indegree": 5, "allow_autapses": false,
                      "allow_multapses": false},
          "synapse": {"type": "static", "weight": "1 mV"}}]})");
    const auto run = test::run_scenario(s);
    const Projection& p = run.built.network->projections()[0];
    std::vector<std::vector<int>> seen(6, std::vector<int>(6, 0));
    for (std::size_t src = 0; src < 6; ++src)
        for (auto g = p.first_group(src); g < p.first_group(src + 1); ++g)
            for (auto k = p.group(g).begin; k < p.group(g).end; ++k) ++seen[src][p.target(k)];
    for (std::size_t t = 0; t < 6; ++t)
        for (std::size_t src = 0; src < 6; ++src) CHECK(seen[src][t] == (src == t ? 0 : 1));
    s["projections"][0]["connect"]["indegree"] = 6;
    CHECK(error_of(s).find("only 5 distinct sources") != std::string::npos);
}

namespace {

Json circuit_scenario() {
    return Json::parse(R"({"duration": "10 ms",
      "populations": {
        "in": {"type": "spike_times", "size": 1, "params": {"spike_times": ["1 ms", "2 ms", "3 ms"]}},
        "n": {"type": "lif", "size": 1, "params": {"tau_m": "1e6 ms", "C_m": "1000 nF",
                                                  "V_th": "0 mV", "E_L": "-65 mV"}}},
      "projections": [{"name": "p", "source": "in", "target": "n",
        "connect": {"rule": "all_to_all"},
        "synapse": {"type": "two_terminal", "read_voltage": "100 mV", "gain": "1 kOhm",
                    "delay": "1 ms",
                    "pre_waveform": [{"duration": "1 us", "voltage": "1 V"}],
                    "device": {"type": "linear", "params": {"G_min": "1 uS", "G_max": "101 uS",
                                                            "Phi_0": "10 uWb"},
                               "init": {"x": 0.2}}}}],
      "record": [{"what": "V_m", "population": "n", "interval": "1 ms"},
                 {"what": "G", "projection": "p", "interval": "1 ms"}]})");
}

}  // namespace

TEST_CASE("a memristive synapse delivers gain * G * V_read, G moving with each spike") {
    const auto run = test::run_scenario(circuit_scenario());
    // Each spike is read on arrival, then its 1 V x 1 us pre waveform adds 0.1 to x; the weight
    // is 1 kOhm * (1 + 100 x) uS * 100 mV = 0.1 (1 + 100 x) mV: 2.1, 3.1 and 4.1 mV.
    const auto& samples = run.recorder->samples();
    std::vector<double> V, G;
    for (const auto& s : samples) (s.report == 0 ? V : G).push_back(s.values[0]);
    REQUIRE(V.size() == 10);
    // Sampled at 9 ms; the jumps at 2, 3 and 4 ms decay with tau_m = 1e6 ms since.
    const double expected =
        -65 + 2.1 * std::exp(-7e-6) + 3.1 * std::exp(-6e-6) + 4.1 * std::exp(-5e-6);
    CHECK(V[9] == doctest::Approx(expected).epsilon(1e-12));
    CHECK(G[1] == doctest::Approx(21));  // before the first arrival at 2 ms
    CHECK(G[2] == doctest::Approx(21));  // sampled at 2 ms, the pulse still running
    CHECK(G[3] == doctest::Approx(31));
    CHECK(G[5] == doctest::Approx(51));  // the third pulse (4 ms) is over
    CHECK(run.recorder->summary().projection_energy.at(0) > 0);
}

TEST_CASE("memristive synapses: bad keys and types name their path") {
    Json s = circuit_scenario();
    s["projections"][0]["synapse"]["weight"] = "1 mV";
    CHECK(error_of(s).find("/projections/0/synapse/weight: unknown key") == 0);
    s = circuit_scenario();
    s["projections"][0]["synapse"]["device"]["type"] = "pcmm";
    CHECK(error_of(s).find("/projections/0/synapse/device/type: unknown device type \"pcmm\"") ==
          0);
    s = circuit_scenario();
    s["projections"][0]["synapse"]["gain"] = 5;
    CHECK(error_of(s).find("/projections/0/synapse/gain: expected a resistance") == 0);
    s = circuit_scenario();
    s["projections"][0]["synapse"]["gate_width"] = "1 ms";
    CHECK(error_of(s).find("/projections/0/synapse/gate_width: unknown key") == 0);
    s = circuit_scenario();
    s["projections"][0]["synapse"]["type"] = "1s1r";
    CHECK(error_of(s).find("/projections/0/synapse: missing required key \"selector\"") == 0);
    s = circuit_scenario();
    s["record"][1]["what"] = "Gmax";
    CHECK(error_of(s).find("/record/1/what: \"Gmax\" is not recordable on projection") == 0);
}

TEST_CASE("1t1r: the transistor's compliance becomes the RRAM set compliance") {
    Json s = circuit_scenario();
    s["projections"][0]["synapse"] = Json::parse(R"({"type": "1t1r", "I_C": "30 uA",
        "read_voltage": "100 mV", "gain": "1 kOhm", "delay": "1 ms",
        "device": {"type": "rram", "params": {"V_C": "0.5 V"}, "init": {"x": 1}}})");
    s["record"][1]["what"] = "G";
    const auto run = test::run_scenario(s);
    // G_LRS = I_C / V_C = 30 uA / 0.5 V = 60 uS, read current capped at 30 uA = 30000 nA.
    CHECK(run.recorder->samples()[1].values[0] == doctest::Approx(60));
}

TEST_CASE("1t1r: a compliance the device cannot take is reported at the circuit's I_C") {
    Json s = circuit_scenario();
    s["projections"][0]["synapse"] = Json::parse(R"({"type": "1t1r", "I_C": "1 uA",
        "read_voltage": "100 mV", "gain": "1 kOhm",
        "device": {"type": "rram"}})");
    CHECK(error_of(s).find("/projections/0/synapse/I_C: as the device's set compliance:") == 0);
}
