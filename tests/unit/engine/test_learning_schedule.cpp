// SPDX-License-Identifier: MIT
// The learning block's "stop" and "normalize", and all_to_all's exclude_one_to_one.
#include <doctest/doctest.h>

#include <cmath>

#include "engine/error.hpp"
#include "tests/support.hpp"

using namespace memsnn;

namespace {

// 4 Poisson inputs -> 3 delta LIF neurons, all to all, pair STDP; weights sampled every 10 ms.
Json plastic(const Json& learning_extra, const Json& connect = {{"rule", "all_to_all"}}) {
    Json learning = {{"type", "stdp"},
                     {"params",
                      {{"A_plus", "0.2 mV"},
                       {"A_minus", "0.1 mV"},
                       {"tau_plus", "20 ms"},
                       {"tau_minus", "20 ms"},
                       {"w_max", "20 mV"}}}};
    for (const auto& [k, v] : learning_extra.items()) learning[k] = v;
    return Json{
        {"duration", "200 ms"},
        {"populations",
         {{"in", {{"type", "poisson"}, {"size", 4}, {"params", {{"rate", "200 Hz"}}}}},
          {"out", {{"type", "lif"}, {"size", 3}, {"params", {{"I_e", "1.4 nA"}}}}}}},
        {"projections",
         {{{"name", "p"},
           {"source", "in"},
           {"target", "out"},
           {"connect", connect},
           {"synapse",
            {{"type", "static"}, {"weight", {{"uniform", {"1 mV", "5 mV"}}}}, {"delay", "1 ms"}}},
           {"learning", learning}}}},
        {"record", {{{"what", "weight"}, {"projection", "p"}, {"interval", "10 ms"}}}}};
}

// The weight samples, one vector per sample time.
std::vector<std::vector<double>> weights(const test::MemoryRun& run) {
    std::vector<std::vector<double>> out;
    for (const auto& s : run.recorder->samples()) out.push_back(s.values);
    return out;
}

}  // namespace

TEST_CASE("learning stop: the rule changes weights before it and none after") {
    const auto w = weights(test::run_scenario(plastic({{"stop", "95 ms"}}), 3));
    REQUIRE(w.size() == 20);
    CHECK(w[9] != w[0]);  // learning before 95 ms
    for (std::size_t k = 11; k < w.size(); ++k) CHECK(w[k] == w[10]);
    // Without stop the weights keep moving.
    const auto free = weights(test::run_scenario(plastic(Json::object()), 3));
    CHECK(free[9] == w[9]);
    CHECK(free.back() != w.back());
}

TEST_CASE("normalize: the weights onto each target sum to the total at every normalisation") {
    const auto run = test::run_scenario(
        plastic({{"normalize", {{"total", "12 mV"}, {"interval", "20 ms"}}}}), 5);
    const auto w = weights(run);
    REQUIRE(w.size() == 20);
    // Synapse id = 3 source + target (all_to_all creation order): target j has ids j, 3 + j, ...
    auto sum_onto = [](const std::vector<double>& v, int j) {
        double s = 0;
        for (int i = 0; i < 4; ++i) s += v[3 * i + j];
        return s;
    };
    for (std::size_t k = 0; k < w.size(); k += 2)  // samples at 0, 20, 40 ... ms
        for (int j = 0; j < 3; ++j) CHECK(sum_onto(w[k], j) == doctest::Approx(12).epsilon(1e-12));
    // In between STDP moves the sums away, and the ratios within a target are kept.
    bool moved = false;
    for (std::size_t k = 1; k < w.size(); k += 2)
        moved = moved || std::abs(sum_onto(w[k], 0) - 12) > 1e-6;
    CHECK(moved);
    const auto raw = weights(test::run_scenario(plastic({{"stop", "0 ms"}}), 5));
    for (int i = 0; i < 4; ++i)
        CHECK(w[0][3 * i] / w[0][0] == doctest::Approx(raw[0][3 * i] / raw[0][0]).epsilon(1e-12));
}

TEST_CASE("normalize once, and its errors") {
    const auto w = weights(test::run_scenario(plastic({{"normalize", {{"total", "8 mV"}}}}), 5));
    double s = 0;
    for (int i = 0; i < 4; ++i) s += w[0][3 * i + 1];
    CHECK(s == doctest::Approx(8).epsilon(1e-12));
    Json bad = plastic({{"normalize", {{"total", "-1 mV"}}}});
    CHECK_THROWS_AS(test::run_scenario(bad), ConfigError);
    bad = plastic({{"normalize", {{"total", "1 mV"}, {"every", "1 ms"}}}});
    CHECK_THROWS_AS(test::run_scenario(bad), ConfigError);
    bad = plastic({{"stop", "soon"}});
    CHECK_THROWS_AS(test::run_scenario(bad), ConfigError);
}

TEST_CASE("all_to_all exclude_one_to_one leaves out source i -> target i only") {
    Json s = plastic(Json::object(), {{"rule", "all_to_all"}, {"exclude_one_to_one", true}});
    s["populations"]["in"]["size"] = 3;
    const auto run = test::run_scenario(s, 1);
    const auto& info = run.built.info.projections;
    REQUIRE(info.size() == 1);
    REQUIRE(info[0].synapses == 6);
    REQUIRE(info[0].source_ids.size() == 6);
    for (std::size_t k = 0; k < 6; ++k) CHECK(info[0].source_ids[k] != info[0].target_ids[k]);
    CHECK(info[0].source_ids == std::vector<std::uint32_t>{0, 0, 1, 1, 2, 2});
}
