// SPDX-License-Identifier: MIT
// Pair STDP through the engine: forced pre and post spike times, final weight against the
// exponential window worked out by hand.
#include <doctest/doctest.h>

#include <cmath>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

constexpr double kA = 0.1;          // mV, A_plus = A_minus
constexpr double kTauPlus = 16.8;   // ms
constexpr double kTauMinus = 33.7;  // ms
constexpr double kW0 = 0.5;         // mV

// Pre spikes arrive at `pre` (ms) on a plastic synapse of weight kW0; the target fires at
// `post` (ms), forced by 20 mV kicks. Returns the final weight.
double run_pairs(const std::vector<double>& pre, const std::vector<double>& post,
                 const std::string& pairing, double mu = 0) {
    auto times = [](const std::vector<double>& t) {
        Json out = Json::array();
        for (double v : t) out.push_back(std::to_string(v - 1.0 + 200) + " ms");  // 1 ms delay
        return out;
    };
    Json s = Json::parse(R"({"duration": "1 s",
      "populations": {"n": {"type": "lif", "size": 1, "params": {"t_ref": "1 ms"}}}})");
    s["populations"]["pre"] = {
        {"type", "spike_times"}, {"size", 1}, {"params", {{"spike_times", times(pre)}}}};
    s["populations"]["drive"] = {
        {"type", "spike_times"}, {"size", 1}, {"params", {{"spike_times", times(post)}}}};
    s["projections"] =
        Json::array({{{"name", "plastic"},
                      {"source", "pre"},
                      {"target", "n"},
                      {"connect", {{"rule", "all_to_all"}}},
                      {"synapse", {{"type", "static"}, {"weight", "0.5 mV"}, {"delay", "1 ms"}}},
                      {"learning",
                       {{"type", "stdp"},
                        {"params",
                         {{"A_plus", "0.1 mV"},
                          {"A_minus", "0.1 mV"},
                          {"w_max", "10 mV"},
                          {"mu_plus", mu},
                          {"mu_minus", mu},
                          {"pairing", pairing}}}}}},
                     {{"name", "kick"},
                      {"source", "drive"},
                      {"target", "n"},
                      {"connect", {{"rule", "all_to_all"}}},
                      {"synapse", {{"type", "static"}, {"weight", "20 mV"}, {"delay", "1 ms"}}}}});
    const auto run = test::run_scenario(s);
    // The kicks make the neuron fire exactly at the post times (shifted by 200 ms).
    const auto fired = run.recorder->times_ms(0, 0);
    REQUIRE(fired.size() == post.size());
    for (std::size_t k = 0; k < post.size(); ++k)
        REQUIRE(fired[k] == doctest::Approx(post[k] + 200));
    return run.built.network->projections()[0].weight(0);
}

double ltp(double dt) {
    return kA * std::exp(-dt / kTauPlus);
}
double ltd(double dt) {
    return kA * std::exp(-dt / kTauMinus);
}  // dt = t_pre - t_post > 0

}  // namespace

TEST_CASE("stdp: one pair gives exactly the exponential window") {
    for (double dt : {-100.0, -50.0, -20.0, -10.0, -1.0, 0.0, 1.0, 10.0, 20.0, 50.0, 100.0}) {
        INFO("dt = " << dt);
        const double w = run_pairs({100.0}, {100.0 + dt}, "all_to_all");
        const double expected = dt >= 0 ? kW0 + ltp(dt) : kW0 - ltd(-dt);
        CHECK(w == doctest::Approx(expected).epsilon(1e-12));
    }
}

TEST_CASE("stdp: spike triplets tell the three pairing schemes apart") {
    // Two pres then a post: all-to-all pairs the post with both pres, nearest schemes with one.
    const double two_pre = ltp(20) + ltp(10);
    CHECK(run_pairs({0, 10}, {20}, "all_to_all") == doctest::Approx(kW0 + two_pre).epsilon(1e-12));
    CHECK(run_pairs({0, 10}, {20}, "nearest_symmetric") ==
          doctest::Approx(kW0 + ltp(10)).epsilon(1e-12));
    CHECK(run_pairs({0, 10}, {20}, "nearest_reduced") ==
          doctest::Approx(kW0 + ltp(10)).epsilon(1e-12));
    // One pre then two posts: symmetric pairs both posts with the pre, reduced only the first.
    const double two_post = ltp(10) + ltp(20);
    CHECK(run_pairs({0}, {10, 20}, "all_to_all") == doctest::Approx(kW0 + two_post).epsilon(1e-12));
    CHECK(run_pairs({0}, {10, 20}, "nearest_symmetric") ==
          doctest::Approx(kW0 + two_post).epsilon(1e-12));
    CHECK(run_pairs({0}, {10, 20}, "nearest_reduced") ==
          doctest::Approx(kW0 + ltp(10)).epsilon(1e-12));
    // One post then two pres (depression mirrors it).
    CHECK(run_pairs({10, 20}, {0}, "all_to_all") ==
          doctest::Approx(kW0 - ltd(10) - ltd(20)).epsilon(1e-12));
    CHECK(run_pairs({10, 20}, {0}, "nearest_symmetric") ==
          doctest::Approx(kW0 - ltd(10) - ltd(20)).epsilon(1e-12));
    CHECK(run_pairs({10, 20}, {0}, "nearest_reduced") ==
          doctest::Approx(kW0 - ltd(10)).epsilon(1e-12));
}

TEST_CASE("stdp: simultaneous pre and post count as pre-before-post") {
    CHECK(run_pairs({50}, {50}, "nearest_reduced") == doctest::Approx(kW0 + kA).epsilon(1e-12));
}

TEST_CASE("stdp: multiplicative weight dependence and hard bounds") {
    // mu = 1: the step scales with the distance to the bound: (w_max - w) / (w_max - w_min).
    CHECK(run_pairs({0}, {10}, "all_to_all", 1.0) ==
          doctest::Approx(kW0 + ltp(10) * (10 - kW0) / 10).epsilon(1e-12));
    CHECK(run_pairs({10}, {0}, "all_to_all", 1.0) ==
          doctest::Approx(kW0 - ltd(10) * kW0 / 10).epsilon(1e-12));
    // Many depressing pairs cannot push the weight below w_min = 0.
    std::vector<double> pre, post;
    for (int k = 0; k < 20; ++k) {
        post.push_back(20.0 * k);
        pre.push_back(20.0 * k + 1);
    }
    CHECK(run_pairs(pre, post, "nearest_symmetric") == doctest::Approx(0.0));
}
