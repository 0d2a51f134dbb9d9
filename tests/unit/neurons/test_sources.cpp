// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cmath>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

Json source(const Json& population, const char* duration) {
    return Json{{"duration", duration}, {"populations", {{"s", population}}}};
}

}  // namespace

TEST_CASE("poisson: rate and exponential intervals") {
    const auto run = test::run_scenario(
        source({{"type", "poisson"}, {"size", 20}, {"params", {{"rate", "50 Hz"}}}}, "20 s"));
    const auto& spikes = run.recorder->spikes();
    const double expected = 20 * 50 * 20.0;
    CHECK(std::abs(static_cast<double>(spikes.size()) - expected) < 5 * std::sqrt(expected));
    // Coefficient of variation of the intervals of one train is 1 for a Poisson process.
    const auto t = run.recorder->times_ms(0, 3);
    double sum = 0, sum2 = 0;
    for (std::size_t k = 1; k < t.size(); ++k) {
        const double isi = t[k] - t[k - 1];
        sum += isi;
        sum2 += isi * isi;
    }
    const double n = static_cast<double>(t.size() - 1);
    const double mean = sum / n;
    const double cv = std::sqrt(sum2 / n - mean * mean) / mean;
    CHECK(mean == doctest::Approx(20.0).epsilon(0.1));
    CHECK(cv == doctest::Approx(1.0).epsilon(0.1));
}

TEST_CASE("poisson: start and stop bound the train; rate 0 is silent") {
    const auto run = test::run_scenario(source(
        {{"type", "poisson"},
         {"size", 3},
         {"params",
          {{"rate", {"200 Hz", "0 Hz", "200 Hz"}}, {"start", "100 ms"}, {"stop", "300 ms"}}}},
        "1 s"));
    CHECK(run.recorder->times_ms(0, 1).empty());
    for (std::uint64_t i : {0u, 2u}) {
        const auto t = run.recorder->times_ms(0, i);
        REQUIRE(!t.empty());
        CHECK(t.front() >= 100.0);
        CHECK(t.back() < 300.0);
    }
}

TEST_CASE("poisson trains do not depend on other populations") {
    Json a = source({{"type", "poisson"}, {"size", 5}, {"params", {{"rate", "30 Hz"}}}}, "2 s");
    Json b = a;
    b["populations"]["other"] = {{"type", "poisson"}, {"size", 7}, {"params", {{"rate", "99 Hz"}}}};
    const auto ra = test::run_scenario(a, 5);
    const auto rb = test::run_scenario(b, 5);
    for (std::uint64_t i = 0; i < 5; ++i)
        CHECK(ra.recorder->times_ms(0, i) == rb.recorder->times_ms(0, i));
}

TEST_CASE("regular: spikes at start + k/rate without drift") {
    const auto run = test::run_scenario(source(
        {{"type", "regular"}, {"size", 1}, {"params", {{"rate", "3 Hz"}, {"start", "5 ms"}}}},
        "10 s"));
    const auto& spikes = run.recorder->spikes();
    REQUIRE(spikes.size() == 30);
    for (std::size_t k = 0; k < spikes.size(); ++k)
        CHECK(spikes[k].time == ms_to_ticks(5.0 + static_cast<double>(k) * 1000.0 / 3.0));
}

TEST_CASE("spike_times: shared list and per-element lists") {
    auto shared = test::run_scenario(source(
        {{"type", "spike_times"}, {"size", 2}, {"params", {{"spike_times", {"1 ms", "2.5 ms"}}}}},
        "10 ms"));
    CHECK(shared.recorder->times_ms(0, 0) == std::vector<double>{1.0, 2.5});
    CHECK(shared.recorder->times_ms(0, 1) == std::vector<double>{1.0, 2.5});
    auto each = test::run_scenario(
        source({{"type", "spike_times"},
                {"size", 2},
                {"params", {{"spike_times", {{"1 ms"}, {"3 ms", "3 ms", "12 ms"}}}}}},
               "10 ms"));
    CHECK(each.recorder->times_ms(0, 0) == std::vector<double>{1.0});
    // Repeated times repeat the spike; times at or after the duration are not run.
    CHECK(each.recorder->times_ms(0, 1) == std::vector<double>{3.0, 3.0});
}
