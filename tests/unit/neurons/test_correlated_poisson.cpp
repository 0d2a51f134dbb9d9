// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "engine/error.hpp"
#include "tests/support.hpp"
#include "tests/unit/neurons/source_support.hpp"

using namespace memsnn;

namespace {

Json scenario(const Json& params, const char* duration, std::uint64_t size = 20) {
    return test::source_scenario("c", "correlated_poisson", params, duration, size);
}

using test::error_of;

const std::vector<std::uint64_t> kCorrelated{2, 5, 7, 11, 19};

bool is_correlated(std::uint64_t i) {
    return std::find(kCorrelated.begin(), kCorrelated.end(), i) != kCorrelated.end();
}

}  // namespace

TEST_CASE("correlated_poisson: correlated elements share exactly the mother times; rates add") {
    const auto run = test::run_scenario(scenario(
        {{"rate", "5 Hz"}, {"rate_common", "5 Hz"}, {"correlated", kCorrelated}}, "200 s"));
    const auto& columns = run.recorder->info().populations[0].columns;
    REQUIRE(columns.size() == 2);
    CHECK(columns[0].name == "correlated");
    CHECK(columns[0].values == std::vector<double>{2, 5, 7, 11, 19});
    REQUIRE(columns[1].name == "mother_spikes");
    const std::vector<double>& mother = columns[1].values;
    // The mother train: Poisson, 5 Hz x 200 s = 1000 expected (SD 31.6; 5 SD tolerance).
    CHECK(std::abs(static_cast<double>(mother.size()) - 1000) < 5 * std::sqrt(1000.0));

    double background_correlated = 0, background_other = 0;
    for (std::uint64_t i = 0; i < 20; ++i) {
        INFO("element " << i);
        const auto t = run.recorder->times_ms(0, i);
        std::size_t shared = 0;
        for (double m : mother)
            shared += static_cast<std::size_t>(std::count(t.begin(), t.end(), m));
        if (is_correlated(i)) {
            CHECK(shared == mother.size());  // every mother spike, at exactly its time
            background_correlated += static_cast<double>(t.size() - shared);
        } else {
            CHECK(shared == 0);  // a 1 ps coincidence with independent trains: never
            background_other += static_cast<double>(t.size());
        }
    }
    // Background: 5 Hz x 200 s per element, Poisson counts; tolerance 5 SD.
    CHECK(std::abs(background_correlated - 5 * 1000) < 5 * std::sqrt(5 * 1000.0));
    CHECK(std::abs(background_other - 15 * 1000) < 5 * std::sqrt(15 * 1000.0));
}

TEST_CASE("correlated_poisson: jitter moves each copy by a truncated normal of the given SD") {
    const auto run = test::run_scenario(scenario({{"rate", "0 Hz"},
                                                  {"rate_common", "2 Hz"},
                                                  {"correlated", {0, 1}},
                                                  {"jitter", "1 ms"},
                                                  {"start", "10 ms"}},
                                                 "1000 s", 2));
    const std::vector<double>& mother = run.recorder->info().populations[0].columns[1].values;
    REQUIRE(mother.size() > 1500);
    for (std::uint64_t i = 0; i < 2; ++i) {
        INFO("element " << i);
        // No background: the train is the jittered mother train, less a copy jittered before
        // start (only possible for a mother spike within 5 ms of it).
        const auto t = run.recorder->times_ms(0, i);
        CHECK(t.size() <= mother.size());
        CHECK(t.size() + 1 >= mother.size());
        CHECK(std::is_sorted(t.begin(), t.end()));
        // Each copy against its nearest mother spike: |d| <= 5 SD = 5 ms, and the RMS of d is
        // the SD, 1 ms. With ~2000 copies the relative standard error of the RMS is
        // 1/sqrt(2n) = 1.6 %; a copy is paired with the wrong mother spike only when the two
        // are closer than about twice its jitter (~0.3 % at 2 Hz): 10 % tolerance.
        double sum2 = 0;
        for (double x : t) {
            CHECK(x >= 10.0);
            const auto it = std::lower_bound(mother.begin(), mother.end(), x);
            double d = it == mother.end() ? 1e9 : *it - x;
            if (it != mother.begin() && x - *(it - 1) < std::abs(d)) d = x - *(it - 1);
            CHECK(std::abs(d) <= 5.0);
            sum2 += d * d;
        }
        CHECK(std::sqrt(sum2 / static_cast<double>(t.size())) == doctest::Approx(1.0).epsilon(0.1));
    }
    // The two copies are jittered independently.
    CHECK(run.recorder->times_ms(0, 0) != run.recorder->times_ms(0, 1));
}

TEST_CASE("correlated_poisson: same seed same trains, any element order, seed matters") {
    const Json p{{"rate", {{"uniform", {"2 Hz", "20 Hz"}}}},
                 {"rate_common", "8 Hz"},
                 {"correlated", kCorrelated},
                 {"jitter", "2 ms"}};
    test::check_order_independent("correlated_poisson", p, 20, ms_to_ticks(5000.0), 9);
    auto a = test::make_source("correlated_poisson", p, 20, 9);
    auto b = test::make_source("correlated_poisson", p, 20, 10);
    CHECK(test::trains(*a.population, ms_to_ticks(5000.0), test::Order::by_element) !=
          test::trains(*b.population, ms_to_ticks(5000.0), test::Order::by_element));
}

TEST_CASE("correlated_poisson: bad values name their path") {
    Json p{{"rate", "5 Hz"}, {"rate_common", "5 Hz"}, {"correlated", {1, 20}}};
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/c/params/correlated/1: element 20 is out of range "
                           "(population size 20)"));
    p["correlated"] = {3, 3};
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/c/params/correlated/1: element 3 is listed twice"));
    p["correlated"] = {{1}, {2}};
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/c/params/correlated: expected one list"));
    p["correlated"] = {1.5};
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/c/params/correlated/0: expected a non-negative integer"));
    p["correlated"] = {1};
    p["rate_common"] = {{"uniform", {"1 Hz", "2 Hz"}}};
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/c/params/rate_common: must be one value"));
}

TEST_CASE("correlated_poisson: the background is the poisson source's train") {
    // Same stream, same rule: without a mother train the trains are those of poisson.
    const Json rates{"3 Hz", "10 Hz", "0 Hz", "40 Hz"};
    const auto c = test::run_scenario(scenario({{"rate", rates},
                                                {"rate_common", "0 Hz"},
                                                {"correlated", Json::array()},
                                                {"start", "100 ms"},
                                                {"stop", "4 s"}},
                                               "5 s", 4));
    const auto p = test::run_scenario(
        Json{{"duration", "5 s"},
             {"populations",
              {{"c",
                {{"type", "poisson"},
                 {"size", 4},
                 {"params", {{"rate", rates}, {"start", "100 ms"}, {"stop", "4 s"}}}}}}}});
    CHECK(c.recorder->spikes().size() > 100);
    CHECK(c.recorder->spikes() == p.recorder->spikes());
}
