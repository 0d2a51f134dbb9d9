// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "engine/error.hpp"
#include "neurons/pattern_slots.hpp"
#include "tests/support.hpp"
#include "tests/unit/neurons/source_support.hpp"

using namespace memsnn;

namespace {

// 'X' and its complement 'O' on a 4x4 grid (MODELS §4.1).
const std::vector<std::uint64_t> kX{0, 3, 5, 6, 9, 10, 12, 15};
const std::vector<std::uint64_t> kO{1, 2, 4, 7, 8, 11, 13, 14};

Json slots_params(double p_noise) {
    return Json{{"patterns", {kX, kO}}, {"phases", {{0, 3}, {1, 2}}}, {"slot", "10 ms"},
                {"start", "5 ms"},      {"offset", "2 ms"},           {"p_noise", p_noise}};
}

Json scenario(const Json& params, const char* duration, std::uint64_t size = 16) {
    return test::source_scenario("s", "pattern_slots", params, duration, size);
}

using test::error_of;

// The spikes expected for slots_params(p_noise) with p_noise 0 or 1: pattern slot of epoch e at
// 5 + 20 e + 2 ms (X for epochs 0-2, O for 3-4), noise slot at 5 + 20 e + 12 ms (all pixels
// when p_noise is 1), nothing after epoch 4.
std::vector<MemoryRecorder::Spike> expected_spikes(bool noise) {
    std::vector<MemoryRecorder::Spike> out;
    for (std::uint64_t e = 0; e < 5; ++e) {
        const Tick pattern_time = ms_to_ticks(5.0 + 20.0 * static_cast<double>(e) + 2.0);
        for (auto i : e < 3 ? kX : kO) out.push_back({0, i, pattern_time});
        if (noise)
            for (std::uint64_t i = 0; i < 16; ++i)
                out.push_back({0, i, pattern_time + ms_to_ticks(10.0)});
    }
    return out;
}

}  // namespace

TEST_CASE("pattern_slots: exact spike times with p_noise 0 and 1") {
    for (const bool noise : {false, true}) {
        INFO("p_noise " << noise);
        const auto run = test::run_scenario(scenario(slots_params(noise ? 1.0 : 0.0), "1 s"));
        // The engine emits equal-time spikes in element order, as expected_spikes lists them.
        CHECK(run.recorder->spikes() == expected_spikes(noise));
    }
}

TEST_CASE("pattern_slots: schedule columns give every slot's start and pattern") {
    const auto run = test::run_scenario(scenario(slots_params(0.2), "95 ms"));
    const auto& columns = run.recorder->info().populations[0].columns;
    REQUIRE(columns.size() == 2);
    CHECK(columns[0].name == "slot_start");
    CHECK(columns[0].units == "ms");
    CHECK(columns[1].name == "slot_pattern");
    // Slots start at 5, 15, ..., 85 ms before the 95 ms end; epochs 0-2 show X, 3 shows O.
    CHECK(columns[0].values == std::vector<double>{5, 15, 25, 35, 45, 55, 65, 75, 85});
    CHECK(columns[1].values == std::vector<double>{0, -1, 0, -1, 0, -1, 1, -1, 1});
}

TEST_CASE("pattern_slots: noise, dropout and extra pixels fire at the set probabilities") {
    // 2000 epochs: 16 x 2000 noise decisions (p_noise 0.2), 8 x 2000 pattern-pixel decisions
    // (p_drop 0.5) and 8 x 2000 off-pattern decisions (p_extra 0.1). Each count is binomial;
    // the tolerance is 5 standard deviations, sqrt(n p (1 - p)).
    Json p{{"patterns", {kX}},
           {"phases", {{0, 2000}}},
           {"p_noise", 0.2},
           {"p_drop", 0.5},
           {"p_extra", 0.1}};
    const auto run = test::run_scenario(scenario(p, "40 s"));
    const std::set<std::uint64_t> in_x(kX.begin(), kX.end());
    double noise = 0, kept = 0, extra = 0, both01 = 0;
    std::vector<std::set<Tick>> noise_slots(16);
    for (const auto& s : run.recorder->spikes()) {
        const auto slot = static_cast<std::uint64_t>(s.time / ms_to_ticks(10.0));
        if (slot % 2 == 1) {
            noise += 1;
            noise_slots[s.node].insert(s.time);
        } else if (in_x.count(s.node)) {
            kept += 1;
        } else {
            extra += 1;
        }
    }
    for (Tick t : noise_slots[0]) both01 += static_cast<double>(noise_slots[1].count(t));
    auto within = [](double count, double n, double prob) {
        INFO("count " << count << ", expected " << n * prob);
        CHECK(std::abs(count - n * prob) < 5 * std::sqrt(n * prob * (1 - prob)));
    };
    within(noise, 16 * 2000, 0.2);
    within(kept, 8 * 2000, 0.5);
    within(extra, 8 * 2000, 0.1);
    // Pixels draw independently: pixels 0 and 1 fire together in about 0.2^2 of the slots.
    within(both01, 2000, 0.04);
}

TEST_CASE("pattern_slots: same seed same trains, any element order, seed matters") {
    const Json p{{"patterns", {kX, kO}},
                 {"phases", {{0, 50}, {1, 50}}},
                 {"p_noise", 0.3},
                 {"p_drop", 0.1},
                 {"p_extra", 0.05},
                 {"offset",
                  {"1 ms", "0 ms", "3 ms", "0 ms", "0 ms", "0 ms", "0 ms", "0 ms", "0 ms", "0 ms",
                   "0 ms", "0 ms", "0 ms", "0 ms", "0 ms", "9 ms"}}};
    test::check_order_independent("pattern_slots", p, 16, ms_to_ticks(3000.0), 4);
    auto a = test::make_source("pattern_slots", p, 16, 4);
    auto b = test::make_source("pattern_slots", p, 16, 5);
    const auto ta = test::trains(*a.population, ms_to_ticks(3000.0), test::Order::by_element);
    const auto tb = test::trains(*b.population, ms_to_ticks(3000.0), test::Order::by_element);
    CHECK(ta != tb);
    // Element 15 fires 9 ms into its slots.
    for (Tick t : ta[15]) CHECK(t % ms_to_ticks(10.0) == ms_to_ticks(9.0));
}

TEST_CASE("pattern_slots: order shuffled shows every phase's epochs, in one seeded random order") {
    // X 30 times and O 20 times; p_noise 0 and no flips, so every pattern slot fires exactly its
    // pattern and every noise slot nothing.
    const Json p{{"patterns", {kX, kO}},
                 {"phases", {{0, 30}, {1, 20}}},
                 {"order", "shuffled"},
                 {"slot", "10 ms"},
                 {"p_noise", 0.0}};
    const auto run = test::run_scenario(scenario(p, "1 s"), 7);
    const auto& columns = run.recorder->info().populations[0].columns;
    REQUIRE(columns.size() == 2);
    const auto& shown = columns[1].values;
    REQUIRE(shown.size() == 100);
    std::vector<std::uint32_t> in_phase_order(30, 0);
    in_phase_order.resize(50, 1);
    const auto expected = pattern_slots::shuffled_order(in_phase_order, 7, 0);
    std::vector<double> epochs;  // the pattern of every epoch, from the schedule
    for (std::size_t s = 0; s < shown.size(); ++s) {
        if (s % 2 == 1) {
            CHECK(shown[s] == -1);
            continue;
        }
        epochs.push_back(shown[s]);
        CHECK(shown[s] == expected[s / 2]);
    }
    CHECK(std::count(epochs.begin(), epochs.end(), 0.0) == 30);
    CHECK(std::count(epochs.begin(), epochs.end(), 1.0) == 20);
    // Not the phase order, and another seed gives another order.
    CHECK(expected != in_phase_order);
    CHECK(pattern_slots::shuffled_order(in_phase_order, 8, 0) != expected);
    CHECK(pattern_slots::shuffled_order(in_phase_order, 7, 1) != expected);
    // The spikes of every pattern slot are exactly the pattern shown.
    std::map<Tick, std::set<std::uint64_t>> fired;
    for (const auto& x : run.recorder->spikes()) fired[x.time].insert(x.node);
    REQUIRE(fired.size() == 50);
    std::size_t e = 0;
    for (const auto& [t, pixels] : fired) {
        CHECK(t == ms_to_ticks(20.0 * static_cast<double>(e)));
        const auto& pattern = expected[e] == 0 ? kX : kO;
        CHECK(pixels == std::set<std::uint64_t>(pattern.begin(), pattern.end()));
        ++e;
    }
}

TEST_CASE("pattern_slots: pixel flips (p_drop = p_extra) in shuffled order, order independent") {
    // 3x3 bars with every pixel flipped with probability 0.2 in the pattern slots: 600 pattern
    // slots x 3 pattern pixels kept with 0.8, x 6 other pixels on with 0.2 (5 SD tolerance).
    const std::vector<std::uint64_t> h{3, 4, 5}, d{0, 4, 8}, v{1, 4, 7};
    const Json p{{"patterns", {h, d, v}}, {"phases", {{0, 200}, {1, 200}, {2, 200}}},
                 {"order", "shuffled"},   {"slot", "20 ms"},
                 {"p_noise", 0.0},        {"p_drop", 0.2},
                 {"p_extra", 0.2}};
    const auto run = test::run_scenario(scenario(p, "24 s", 9), 3);
    const auto& shown = run.recorder->info().populations[0].columns[1].values;
    REQUIRE(shown.size() == 1200);
    double kept = 0, extra = 0;
    for (const auto& x : run.recorder->spikes()) {
        const auto slot = static_cast<std::size_t>(x.time / ms_to_ticks(20.0));
        REQUIRE(slot % 2 == 0);  // nothing in the (silent) noise slots
        const auto& pattern = shown[slot] == 0 ? h : shown[slot] == 1 ? d : v;
        const bool in = std::find(pattern.begin(), pattern.end(), x.node) != pattern.end();
        (in ? kept : extra) += 1;
    }
    CHECK(std::abs(kept - 1800 * 0.8) < 5 * std::sqrt(1800 * 0.8 * 0.2));
    CHECK(std::abs(extra - 3600 * 0.2) < 5 * std::sqrt(3600 * 0.2 * 0.8));
    test::check_order_independent("pattern_slots", p, 9, ms_to_ticks(24000.0), 3);
}

TEST_CASE("pattern_slots: bad values name their path") {
    Json p = slots_params(0.2);
    p["patterns"][1][2] = 16;
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/s/params/patterns/1/2: pixel 16 is out of range "
                           "(population size 16)"));
    p = slots_params(0.2);
    p["patterns"][0][1] = 0;
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/s/params/patterns/0/1: pixel 0 "
                           "is listed twice"));
    p = slots_params(0.2);
    p["phases"][1][0] = 2;
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with(
                  "/populations/s/params/phases/1/0: pattern 2 does not exist (2 patterns)"));
    p["phases"] = {0, 300, 1};
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/s/params/phases: a phase is a pair [pattern, epochs], got "
                           "3 numbers"));
    p["phases"] = {{0, 0}};
    CHECK(error_of(scenario(p, "1 s")).starts_with("/populations/s/params/phases/0/1: epochs"));
    p["phases"] = {{0, -3}};
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/s/params/phases/0/1: expected a non-negative integer"));
    p = slots_params(0.2);
    p["offset"] = "10 ms";
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/s/params/offset: must be shorter "
                           "than slot"));
    p = slots_params(0.2);
    p["slot"] = {{"uniform", {"5 ms", "10 ms"}}};
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/s/params/slot: must be one value "
                           "for the whole population"));
    p = slots_params(0.2);
    p["order"] = "random";
    CHECK(error_of(scenario(p, "1 s")).starts_with("/populations/s/params/order: unknown option"));
    p = slots_params(0.2);
    p["order"] = "shuffled";
    p["phases"] = {{0, 1 << 24}, {1, 1}};
    CHECK(error_of(scenario(p, "1 s"))
              .starts_with("/populations/s/params/phases: with order \"shuffled\" at most 2^24 "
                           "epochs in all, got 16777217"));
    p = slots_params(0.2);
    p.erase("patterns");
    CHECK(error_of(scenario(p, "1 s")).find("missing required key \"patterns\"") !=
          std::string::npos);
}

TEST_CASE("input encoders: the same spikes on 1 and 3 threads") {
    // Each population is cut into 3 blocks of elements advanced by different threads.
    const Json s{{"duration", "3 s"},
                 {"populations",
                  {{"slots",
                    {{"type", "pattern_slots"},
                     {"size", 16},
                     {"params", {{"patterns", {kX, kO}}, {"phases", {{0, 40}, {1, 40}}}}}}},
                   {"corr",
                    {{"type", "correlated_poisson"},
                     {"size", 20},
                     {"params",
                      {{"rate", "5 Hz"},
                       {"rate_common", "10 Hz"},
                       {"correlated", {0, 7, 13}},
                       {"jitter", "1 ms"}}}}},
                   {"img",
                    {{"type", "image_poisson"},
                     {"size", 3},
                     {"params",
                      {{"file", test::source_path("tests/data/images/three_pixels.csv")},
                       {"present", "100 ms"},
                       {"rest", "50 ms"},
                       {"repeat", 10},
                       {"order", "shuffled"}}}}},
                   {"emb", {{"type", "embedded_pattern"}, {"size", 60}}}}}};
    const auto one = test::run_scenario(s, 3, 1);
    const auto three = test::run_scenario(s, 3, 3);
    for (std::uint32_t p = 0; p < 4; ++p) {
        INFO("population " << p);
        std::size_t n = 0;
        for (const auto& x : one.recorder->spikes()) n += x.population == p;
        CHECK(n > 10);
    }
    CHECK(one.recorder->spikes() == three.recorder->spikes());
}
