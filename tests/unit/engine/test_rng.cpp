// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cmath>

#include "engine/rng.hpp"

using namespace memsnn;

TEST_CASE("Philox4x32-10 matches the Random123 known-answer vectors") {
    // kat_vectors of Random123 (Salmon et al. 2011).
    CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
          PhiloxCounter{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
    CHECK(
        philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}) ==
        PhiloxCounter{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
    CHECK(
        philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}) ==
        PhiloxCounter{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("a stream is a pure function of (seed, domain, object)") {
    RandomStream a(42, StreamDomain::source_spikes, 7);
    RandomStream b(42, StreamDomain::source_spikes, 7);
    RandomStream other_object(42, StreamDomain::source_spikes, 8);
    RandomStream other_domain(42, StreamDomain::connect, 7);
    RandomStream other_seed(43, StreamDomain::source_spikes, 7);
    int same_object = 0, same_domain = 0, same_seed = 0;
    for (int i = 0; i < 100; ++i) {
        const auto x = a.next_u64();
        CHECK(x == b.next_u64());
        same_object += x == other_object.next_u64();
        same_domain += x == other_domain.next_u64();
        same_seed += x == other_seed.next_u64();
    }
    CHECK(same_object == 0);
    CHECK(same_domain == 0);
    CHECK(same_seed == 0);
}

TEST_CASE("uniform, exponential and normal draws have the right moments") {
    RandomStream s(1, StreamDomain::parameter, 0);
    const int n = 200000;
    double su = 0, se = 0, sn = 0, sn2 = 0;
    for (int i = 0; i < n; ++i) {
        const double u = s.uniform();
        CHECK((u >= 0 && u < 1));
        su += u;
        se += s.exponential();
        const double z = s.normal();
        sn += z;
        sn2 += z * z;
    }
    // 5 standard errors.
    CHECK(std::abs(su / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
    CHECK(std::abs(se / n - 1.0) < 5 * std::sqrt(1.0 / n));
    CHECK(std::abs(sn / n) < 5 * std::sqrt(1.0 / n));
    CHECK(std::abs(sn2 / n - 1.0) < 5 * std::sqrt(2.0 / n));
}

TEST_CASE("below(n) stays in range and covers it evenly") {
    RandomStream s(9, StreamDomain::connect, 3);
    std::array<int, 7> counts{};
    const int n = 70000;
    for (int i = 0; i < n; ++i) {
        const auto v = s.below(7);
        REQUIRE(v < 7);
        ++counts[v];
    }
    for (int c : counts) CHECK(std::abs(c - n / 7) < 5 * std::sqrt(n / 7.0));
}
