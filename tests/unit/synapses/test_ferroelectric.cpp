// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "tests/unit/synapses/device_support.hpp"

#include <cmath>
#include <memory>

#include "engine/device.hpp"
#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/io/scenario.hpp"
#include "synapses/ferroelectric.hpp"

using namespace memsnn;

namespace {

std::unique_ptr<Device> make(const Json& params, std::size_t n = 1, std::uint64_t seed = 1,
                             const Json& init = Json::object()) {
    return test::make_device("ferroelectric", params, init, n, seed);
}

// s after `count` identical pulses of amplitude V [mV] and width 100 ns, 1 us apart.
double train(Device& d, std::size_t k, double V, int count, Tick start = 0) {
    const Segment pulse{ms_to_ticks(1e-4), V};
    for (int p = 0; p < count; ++p) d.apply(k, start + ms_to_ticks(1e-3 * p), std::span(&pulse, 1));
    return d.sample(k, 1, start + ms_to_ticks(1e-3 * count));
}

}  // namespace

TEST_CASE("ferroelectric: one pulse switches the nucleation-law fraction of identical domains") {
    // sigma_Vc = 0: every domain has V_c = 1 V; at 1.5 V, tau = 10 ns e^{1 V / 0.5 V} = 73.9 ns.
    auto d = make(Json{{"sigma_Vc", 0.0}, {"domains", 100000}});
    const Segment pulse{ms_to_ticks(5e-5), 1500};
    const PulseResult r = d->apply(0, 0, std::span(&pulse, 1));
    const double p = 1 - std::exp(-5e-5 / (1e-5 * std::exp(2.0)));
    const double s = d->sample(0, 1, pulse.duration);
    CHECK(std::abs(s - p) < 5 * std::sqrt(p * (1 - p) / 100000));
    CHECK(d->sample(0, 2, pulse.duration) == s);  // s is the fraction of switched domains
    CHECK(r.G_after == doctest::Approx((1 - s) * 0.1 + s * 10).epsilon(1e-13).scale(0));
    // Each domain conducts from its switching time on: the charge lies between the two bounds.
    CHECK(r.charge > 1500 * r.G_before * 5e-5);
    CHECK(r.charge < 1500 * r.G_after * 5e-5);
    // Below the coercive voltage nothing switches, however long the pulse.
    auto below = make(Json{{"sigma_Vc", 0.0}});
    const Segment weak{ms_to_ticks(10), 990};
    below->apply(0, 0, std::span(&weak, 1));
    CHECK(below->sample(0, 1, ms_to_ticks(10)) == 0.0);
}

TEST_CASE("ferroelectric: switching is cumulative and grows with the amplitude") {
    auto d = make(Json::object(), 3);
    const double s_low = train(*d, 0, 1200, 1);
    double prev = s_low;
    for (int p = 0; p < 5; ++p) {
        const double s = train(*d, 0, 1200, 1, ms_to_ticks(0.01 * (p + 1)));
        CHECK(s >= prev);
        prev = s;
    }
    CHECK(prev > s_low);  // repeated identical pulses keep switching domains
    CHECK(prev < 1.0);
    const double s_mid = train(*d, 1, 1400, 20);
    const double s_high = train(*d, 2, 1800, 20);
    const double s_low20 = train(*make(Json::object(), 3), 0, 1200, 20);
    CHECK(s_low20 < s_mid);
    CHECK(s_mid < s_high);
}

TEST_CASE("ferroelectric: opposite polarity switches back and bounds hold") {
    auto d = make(Json::object());
    const double up = train(*d, 0, 1500, 10);
    CHECK(up > 0.2);
    const double back = train(*d, 0, -1500, 3, ms_to_ticks(1));
    CHECK(back < up);
    const Segment full{ms_to_ticks(1e-3), 4000};  // far above every coercive voltage
    const PulseResult r = d->apply(0, ms_to_ticks(2), std::span(&full, 1));
    CHECK(d->sample(0, 1, ms_to_ticks(3)) == 1.0);
    CHECK(r.G_after == doctest::Approx(10));
    const Segment reset{ms_to_ticks(1e-3), -4000};
    d->apply(0, ms_to_ticks(3), std::span(&reset, 1));
    CHECK(d->sample(0, 1, ms_to_ticks(4)) == 0.0);
    CHECK(d->conductance(0, ms_to_ticks(4)) == doctest::Approx(0.1));
    // Non-volatile: nothing changes at zero bias.
    CHECK(d->conductance(0, ms_to_ticks(1000)) == doctest::Approx(0.1));
}

TEST_CASE("ferroelectric: coercive voltages and switching are seeded and reproducible") {
    auto run = [](std::uint64_t seed) {
        auto d = make(Json::object(), 4, seed, Json{{"s", 0.3}});
        std::vector<double> out;
        for (std::size_t k = 0; k < 4; ++k) {
            out.push_back(d->sample(k, 2, 0));
            out.push_back(train(*d, k, 1300, 5));
            out.push_back(train(*d, k, -1300, 2, ms_to_ticks(1)));
        }
        return out;
    };
    const auto a = run(11);
    CHECK(a == run(11));
    CHECK(a != run(12));
    CHECK(a[0] == doctest::Approx(0.3));  // init: the 30 lowest-V_c domains start up
}

TEST_CASE("ferroelectric: the number of domains must be a whole number") {
    CHECK_THROWS_WITH_AS(make(Json{{"domains", 10.5}}), doctest::Contains("/device/params/domains"),
                         ConfigError);
}
