// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cmath>

#include "learning/weight_update.hpp"

using namespace memsnn;

namespace {

PopulationArgs synapses(std::size_t n, std::uint64_t seed = 7) {
    PopulationArgs args;
    args.size = n;
    args.seed = seed;
    args.id = 3;
    return args;
}

}  // namespace

TEST_CASE("weight_update: ideal updates are clip(w + dw)") {
    WeightUpdate u({}, 0, 1, synapses(2));
    CHECK(u.ideal());
    CHECK(u.apply(0, 0.5, 0.123) == 0.5 + 0.123);
    CHECK(u.apply(1, 0.95, 0.1) == 1.0);
    CHECK(u.apply(1, 0.05, -0.1) == 0.0);
}

TEST_CASE("weight_update: levels make whole device steps, unbiased on average") {
    WeightUpdate u({16, 0, 0}, 0, 1.5, synapses(1));
    const double step = 0.1;  // 1.5 / 15
    int up = 0;
    const int n = 20000;
    for (int k = 0; k < n; ++k) {
        const double w = u.apply(0, 0.5, 0.3 * step);
        const double steps = (w - 0.5) / step;
        CHECK(std::abs(steps - std::round(steps)) < 1e-12);  // a whole number of steps
        CHECK((std::round(steps) == 0 || std::round(steps) == 1));
        up += std::round(steps) == 1;
    }
    // Binomial(20000, 0.3): SD 0.0032.
    CHECK(static_cast<double>(up) / n == doctest::Approx(0.3).epsilon(0.05));
    // Depression: 2.5 steps down -> 2 or 3 steps.
    const double w = u.apply(0, 1.0, -0.25);
    CHECK((std::abs(w - 0.8) < 1e-12 || std::abs(w - 0.7) < 1e-12));
}

TEST_CASE("weight_update: device and cycle spreads scale updates; draws are per synapse") {
    // Device-to-device only: each synapse has one gain for all its updates.
    WeightUpdate d({0, 0.3, 0}, 0, 10, synapses(200));
    double sum = 0, sum2 = 0;
    for (std::uint32_t i = 0; i < 200; ++i) {
        const double g = d.apply(i, 1, 0.1) - 1;
        CHECK(d.apply(i, 1, 0.1) - 1 == doctest::Approx(g).epsilon(1e-12));
        sum += g / 0.1;
        sum2 += (g / 0.1) * (g / 0.1);
    }
    const double mean = sum / 200, sd = std::sqrt(sum2 / 200 - mean * mean);
    CHECK(mean == doctest::Approx(1).epsilon(0.08));
    CHECK(sd == doctest::Approx(0.3).epsilon(0.2));
    // Cycle-to-cycle: every update differs, with the same spread.
    WeightUpdate c({0, 0, 0.2}, 0, 10, synapses(1));
    sum = sum2 = 0;
    for (int k = 0; k < 4000; ++k) {
        const double g = (c.apply(0, 1, 0.1) - 1) / 0.1;
        sum += g;
        sum2 += g * g;
    }
    CHECK(sum / 4000 == doctest::Approx(1).epsilon(0.02));
    CHECK(std::sqrt(sum2 / 4000 - (sum / 4000) * (sum / 4000)) ==
          doctest::Approx(0.2).epsilon(0.1));
    // Same seed, same draws; another seed, others.
    WeightUpdate a({16, 0.2, 0.2}, 0, 1, synapses(3, 11)), b({16, 0.2, 0.2}, 0, 1, synapses(3, 11)),
        other({16, 0.2, 0.2}, 0, 1, synapses(3, 12));
    bool differs = false;
    for (int k = 0; k < 50; ++k) {
        const double wa = a.apply(k % 3, 0.5, 0.03);
        CHECK(wa == b.apply(k % 3, 0.5, 0.03));
        differs = differs || wa != other.apply(k % 3, 0.5, 0.03);
    }
    CHECK(differs);
}
