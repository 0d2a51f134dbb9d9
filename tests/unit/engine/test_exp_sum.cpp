// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "engine/exp_sum.hpp"

using namespace memsnn;

namespace {

// First t on a fine grid with f(t) >= 0 (brute force), or +inf.
double scan(const ExpSum& f, double t_max, double step) {
    for (double t = step; t <= t_max; t += step)
        if (f(t) >= 0) return t;
    return std::numeric_limits<double>::infinity();
}

}  // namespace

TEST_CASE("single exponential: closed-form crossing") {
    // f(t) = 1 - 3 exp(-t/2): zero at t = 2 ln 3.
    ExpSum f{1.0, {-3.0}, {0.5}};
    CHECK(first_upward_crossing(f) == doctest::Approx(2 * std::log(3.0)).epsilon(1e-15));
}

TEST_CASE("no crossing when the asymptote is not above zero") {
    CHECK(std::isinf(first_upward_crossing(ExpSum{0.0, {-1.0}, {1.0}})));
    CHECK(std::isinf(first_upward_crossing(ExpSum{-1.0, {-1.0, 0.5}, {1.0, 0.2}})));
}

TEST_CASE("a transient hump that reaches zero is found, one that does not is not") {
    // Membrane-like: asymptote below zero, a fast negative and a slow positive term make a hump.
    ExpSum reaches{-0.2, {-3.0, 2.9}, {1.0 / 5, 1.0 / 20}};
    REQUIRE(reaches(0) < 0);
    const double t = first_upward_crossing(reaches);
    REQUIRE(std::isfinite(t));
    CHECK(reaches(t) >= 0);
    CHECK(reaches(std::nextafter(t, 0.0)) < 0);
    CHECK(t == doctest::Approx(scan(reaches, 200, 1e-4)).epsilon(1e-3));

    ExpSum misses{-0.9, {-2.0, 1.5}, {1.0 / 5, 1.0 / 20}};
    CHECK(misses(0) < 0);
    CHECK(std::isinf(first_upward_crossing(misses)));
    CHECK(std::isinf(scan(misses, 400, 1e-3)));
}

TEST_CASE("three terms: the first of two crossings is returned") {
    // Goes up through zero, back down, and up again to a positive asymptote.
    ExpSum f{0.5, {-4.0, 6.0, -3.2}, {1.0 / 20, 1.0 / 3, 1.0 / 1}};
    REQUIRE(f(0) < 0);
    const double t = first_upward_crossing(f);
    const double brute = scan(f, 500, 1e-4);
    REQUIRE(std::isfinite(t));
    CHECK(f(t) >= 0);
    CHECK(f(std::nextafter(t, 0.0)) < 0);
    CHECK(std::abs(t - brute) <= 1e-4);
}

TEST_CASE("random sums agree with a brute-force scan") {
    std::uint64_t state = 12345;
    auto next = [&] {  // small LCG: the test needs no project RNG
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<double>(state >> 11) * 0x1.0p-53;
    };
    int crossings = 0;
    for (int trial = 0; trial < 200; ++trial) {
        ExpSum f;
        f.c0 = next() * 2 - 1;
        f.c = {next() * 4 - 2, next() * 4 - 2};
        f.lambda = {1.0 / (1 + 20 * next()), 1.0 / (21 + 20 * next())};
        if (f(0) >= 0) continue;
        const double t = first_upward_crossing(f);
        const double brute = scan(f, 3000, 1e-2);
        if (std::isinf(brute)) {
            // A crossing the grid missed must be a sliver narrower than the grid.
            if (std::isfinite(t)) CHECK(f(t) >= 0);
            continue;
        }
        ++crossings;
        REQUIRE(std::isfinite(t));
        CHECK(t <= brute);
        CHECK(f(t) >= 0);
        CHECK(f(std::nextafter(t, 0.0)) < 0);
    }
    CHECK(crossings > 20);
}

TEST_CASE("upper_bound_on bounds f over [0, h] and is tight enough to rule out far crossings") {
    // Random sums of three terms with mixed signs: the bound is never below f on a fine grid.
    std::uint64_t state = 12345;
    auto uniform = [&](double lo, double hi) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return lo + (hi - lo) * static_cast<double>(state >> 11) * 0x1p-53;
    };
    for (int trial = 0; trial < 200; ++trial) {
        ExpSum f;
        f.c0 = uniform(-10, 2);
        f.c = {uniform(-20, 20), uniform(-20, 20), uniform(-5, 5)};
        f.lambda = {uniform(0.05, 0.2), uniform(0.3, 1.0), uniform(1.5, 3.0)};
        const double h = uniform(0.01, 5);
        const double bound = upper_bound_on(f, h);
        double max_f = -std::numeric_limits<double>::infinity();
        for (int i = 0; i <= 2000; ++i) max_f = std::max(max_f, f(h * i / 2000));
        CHECK(bound >= max_f);
    }
    // A membrane 5 below threshold rising at most 1 per unit time: no crossing within 2.
    ExpSum g;
    g.c0 = 5;
    g.c = {-10};
    g.lambda = {0.1};
    CHECK(upper_bound_on(g, 2) < 0);
    CHECK(upper_bound_on(g, 20) >= g(20));
}
