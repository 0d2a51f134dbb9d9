// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "tests/unit/synapses/device_support.hpp"

#include <cmath>
#include <memory>

#include "engine/device.hpp"
#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/io/scenario.hpp"
#include "synapses/atomic_switch.hpp"

using namespace memsnn;

namespace {

std::unique_ptr<Device> make(const Json& params, const Json& init = Json::object()) {
    return test::make_device("atomic_switch", params, init);
}

// 0.3 V for 100 ns: r t_p = 1e3 sinh(3) * 1e-4 ~ 1, each pulse closes ~63 % of the gap.
const Segment kPulse{ms_to_ticks(1e-4), 300};
constexpr double kGoff = 1e-3;
constexpr double kG0 = atomic_switch::kConductanceQuantum;

}  // namespace

TEST_CASE("atomic switch: the default stabilisation level is the conductance quantum 2e^2/h") {
    CHECK(kG0 == doctest::Approx(2 * 1.602176634e-19 * 1.602176634e-19 / 6.62607015e-34 * 1e6)
                     .epsilon(1e-13)
                     .scale(0));
}

TEST_CASE("atomic switch: sparse pulses give short-term plasticity only") {
    auto d = make(Json::object());  // tau_relax 1 ms; pulses every 10 ms
    double peak = 0;
    for (int k = 0; k < 30; ++k) {
        const Tick t = ms_to_ticks(10.0 * k);
        const PulseResult r = d->apply(0, t, std::span(&kPulse, 1));
        CHECK(r.G_before < kGoff * 1.001);  // relaxed back to G_off between pulses
        CHECK(r.G_after < kG0);
        CHECK(d->sample(0, 2, t + kPulse.duration) == 0.0);  // never stable
        peak = std::max(peak, r.G_after);
    }
    CHECK(peak > 10);  // each pulse did potentiate, transiently
    CHECK(d->conductance(0, ms_to_ticks(400)) < kGoff * 1.001);
}

TEST_CASE("atomic switch: frequent pulses cross G_stable within a few pulses and stay") {
    auto d = make(Json::object());  // pulses every 20 us: little relaxation in between
    int crossed_at = -1;
    for (int k = 0; k < 10; ++k) {
        const PulseResult r = d->apply(0, ms_to_ticks(0.02 * k), std::span(&kPulse, 1));
        if (crossed_at < 0 && r.G_after >= kG0) crossed_at = k + 1;
    }
    CHECK(crossed_at > 1);
    CHECK(crossed_at <= 5);
    const double G_end = d->conductance(0, ms_to_ticks(0.2));
    CHECK(G_end >= kG0);
    CHECK(d->sample(0, 2, ms_to_ticks(0.2)) == 1.0);
    // 1000 relaxation times later the bridge is unchanged (long-term potentiation).
    CHECK(d->conductance(0, ms_to_ticks(1000)) == G_end);
}

TEST_CASE("atomic switch: below G_stable it relaxes exactly like the diffusive model") {
    auto d = make(Json::object(), Json{{"s", 0.9}});  // G(0.9) = 65.6 uS < G_0
    for (double t : {0.1, 1.0, 2.5}) {
        CHECK(d->sample(0, 1, ms_to_ticks(t)) ==
              doctest::Approx(0.9 * std::exp(-t)).epsilon(1e-14).scale(0));
    }
    auto stable = make(Json::object(), Json{{"s", 0.95}});  // G(0.95) = 81.5 uS >= G_0
    CHECK(stable->sample(0, 1, ms_to_ticks(50)) == 0.95);
    // A reverse pulse dissolves the bridge below G_stable; then it is volatile again.
    const Segment reverse{ms_to_ticks(1e-4), -300};
    stable->apply(0, ms_to_ticks(50), std::span(&reverse, 1));
    const Tick after = ms_to_ticks(50) + reverse.duration;
    const double s = stable->sample(0, 1, after);
    CHECK(s ==
          doctest::Approx(0.95 * std::exp(-1e3 * std::sinh(3.0) * 1e-4)).epsilon(1e-13).scale(0));
    CHECK(stable->sample(0, 2, after) == 0.0);
    CHECK(stable->sample(0, 1, after + ms_to_ticks(1)) ==
          doctest::Approx(s * std::exp(-1.0)).epsilon(1e-13).scale(0));
}

TEST_CASE("atomic switch: G_stable must be above G_off and at most G_on") {
    CHECK_THROWS_WITH_AS(make(Json{{"G_stable", "200 uS"}}),
                         doctest::Contains("/device/params/G_stable"), ConfigError);
}
