// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "tests/unit/synapses/device_support.hpp"

#include <memory>

#include "engine/device.hpp"
#include "engine/io/build.hpp"
#include "engine/io/scenario.hpp"
#include "synapses/linear.hpp"

using namespace memsnn;

namespace {

std::unique_ptr<Device> make(const Json& params, std::size_t n = 1, std::uint64_t seed = 1) {
    return test::make_device("linear", params, Json::object(), n, seed);
}

}  // namespace

TEST_CASE("linear device: each pulse moves x by V t / Phi_0 and G linearly") {
    auto d = make(Json::object());                 // G 1..100 uS, Phi_0 = 100 uWb = 100 mV ms
    const Segment pulse{ms_to_ticks(1e-3), 1000};  // 1 V, 1 us: 1 mV ms -> x += 0.01
    for (int k = 1; k <= 10; ++k) {
        const PulseResult r = d->apply(0, ms_to_ticks(0.01 * k), std::span(&pulse, 1));
        CHECK(r.G_after - r.G_before == doctest::Approx(0.99).epsilon(1e-12));
        // Exact charge: V * t_p * (G_before + G_after) / 2 (G is linear in t during the pulse).
        CHECK(r.charge ==
              doctest::Approx(1000 * 1e-3 * (r.G_before + r.G_after) / 2).epsilon(1e-12));
        CHECK(r.energy == doctest::Approx(1000 * r.charge).epsilon(1e-12));
    }
    CHECK(d->conductance(0, ms_to_ticks(1)) == doctest::Approx(1 + 99 * 0.1).epsilon(1e-12));
}

TEST_CASE("linear device: bounds hold and negative pulses depress") {
    auto d = make(Json::object());
    const Segment big{ms_to_ticks(1), 1000};  // 1000 mV ms: 10x the range
    d->apply(0, 0, std::span(&big, 1));
    CHECK(d->conductance(0, ms_to_ticks(2)) == doctest::Approx(100));
    const Segment down{ms_to_ticks(0.05), -1000};  // x -= 0.5
    d->apply(0, ms_to_ticks(3), std::span(&down, 1));
    CHECK(d->conductance(0, ms_to_ticks(4)) == doctest::Approx(1 + 99 * 0.5));
}

TEST_CASE("non-idealities: levels quantise, p_switch = 0 freezes, stuck devices never move") {
    const Segment pulse{ms_to_ticks(3e-3), 1000};  // x += 0.03
    auto q = make(Json{{"levels", 5}});            // levels at x = 0, .25, .5, .75, 1
    for (int k = 0; k < 10; ++k) q->apply(0, ms_to_ticks(k), std::span(&pulse, 1));
    CHECK(q->sample(0, 1, ms_to_ticks(20)) == doctest::Approx(0.0));  // each step rounds back
    auto f = make(Json{{"p_switch", 0.0}});
    f->apply(0, 0, std::span(&pulse, 1));
    CHECK(f->sample(0, 1, 1) == 0.0);
    auto s = make(Json{{"p_stuck_on", 1.0}});
    CHECK(s->sample(0, 1, 0) == 1.0);
    const Segment down{ms_to_ticks(1), -1000};
    s->apply(0, 0, std::span(&down, 1));
    CHECK(s->sample(0, 1, ms_to_ticks(2)) == 1.0);
}

TEST_CASE("non-idealities: cycle-to-cycle noise and read noise are seeded and reproducible") {
    const Segment pulse{ms_to_ticks(1e-3), 1000};
    auto run = [&](std::uint64_t seed) {
        auto d = make(Json{{"sigma_c2c", 0.5}, {"sigma_read", 0.1}}, 3, seed);
        std::vector<double> out;
        for (std::size_t k = 0; k < 3; ++k) {
            for (int p = 0; p < 5; ++p) d->apply(k, ms_to_ticks(p), std::span(&pulse, 1));
            out.push_back(d->sample(k, 1, ms_to_ticks(10)));
            out.push_back(d->read(k, ms_to_ticks(10), 100));
        }
        return out;
    };
    CHECK(run(1) == run(1));
    CHECK(run(1) != run(2));
    const auto v = run(1);
    CHECK(v[0] != doctest::Approx(0.05));  // noise moved the 5 x 0.01 steps
}
