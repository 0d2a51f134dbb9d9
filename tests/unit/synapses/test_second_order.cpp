// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "tests/unit/synapses/device_support.hpp"

#include <cmath>
#include <memory>

#include "engine/device.hpp"
#include "engine/io/build.hpp"
#include "engine/io/scenario.hpp"
#include "synapses/second_order.hpp"

using namespace memsnn;

namespace {

std::unique_ptr<Device> make(const Json& params, std::size_t n, double w0) {
    return test::make_device("second_order", params, Json{{"w", w0}}, n);
}

// Appendix-style reference: k_B in eV/K from the exact SI values, E_a = 1 eV.
const double kBoltzmannEv = 1.380649e-23 / 1.602176634e-19;
double arrhenius(double T) {
    return std::exp(-1.0 / (kBoltzmannEv * T));
}

}  // namespace

TEST_CASE("second_order: a pulse pair is enhanced exactly by the residual-heat Arrhenius ratio") {
    const double gaps_us[] = {0.1, 0.2, 0.5, 1.0, 2.0, 5.0};
    const std::size_t n = std::size(gaps_us);
    auto d = make(Json::object(), n, 0.0);         // w0 = 0: the differences of w are exact
    const Segment pulse{ms_to_ticks(5e-5), 1000};  // 1 V (= V_ref), 50 ns
    const double T0 = 300, dT = 300, tau = 0.5;    // K, K, us
    for (std::size_t k = 0; k < n; ++k) {
        const Tick gap = ms_to_ticks(gaps_us[k] * 1e-3);
        const double w0 = d->sample(k, 1, 0);
        d->apply(k, 0, std::span(&pulse, 1));
        const double w1 = d->sample(k, 1, pulse.duration);
        // The device cools exponentially between the pulses.
        CHECK(d->sample(k, 2, gap) ==
              doctest::Approx(T0 + dT * std::exp(-gaps_us[k] / tau)).epsilon(1e-13).scale(0));
        d->apply(k, gap, std::span(&pulse, 1));
        const double w2 = d->sample(k, 1, gap + pulse.duration);
        const double ratio = (w2 - w1) / (w1 - w0);
        const double expected =
            arrhenius(T0 + dT + dT * std::exp(-gaps_us[k] / tau)) / arrhenius(T0 + dT);
        INFO("gap " << gaps_us[k] << " us: ratio " << ratio);
        CHECK(ratio == doctest::Approx(expected).epsilon(1e-13).scale(0));
        // The isolated first pulse: dw = A exp(-E_a / k_B (T_0 + dT_p)) t_p.
        CHECK(w1 - w0 ==
              doctest::Approx(2.5e12 * 5e-8 * arrhenius(T0 + dT)).epsilon(1e-11).scale(0));
    }
}

TEST_CASE("second_order: an isolated pulse is negligible but a close pair is not") {
    auto d = make(Json::object(), 2, 0.0);
    const Segment pulse{ms_to_ticks(1e-4), 1000};  // 1 V, 100 ns
    // Device 0: pulses 50 us apart (100 tau_T): each acts alone.
    for (int k = 0; k < 3; ++k) {
        const PulseResult r = d->apply(0, ms_to_ticks(0.05 * k), std::span(&pulse, 1));
        CHECK((r.G_after - r.G_before) / (100 - 1) <= 1e-3);
        CHECK((r.G_after - r.G_before) / (100 - 1) ==
              doctest::Approx(2.5e12 * 1e-7 * arrhenius(600)).epsilon(1e-10).scale(0));
    }
    // Device 1: two pulses 0.2 us apart (start to start): the second one moves w ~100x more.
    d->apply(1, 0, std::span(&pulse, 1));
    const double w1 = d->sample(1, 1, pulse.duration);
    d->apply(1, ms_to_ticks(2e-4), std::span(&pulse, 1));
    const double w2 = d->sample(1, 1, ms_to_ticks(3e-4));
    CHECK(w2 - w1 > 50 * w1);
}

TEST_CASE("second_order: symmetric depression and V^2 heating and saturation at the bounds") {
    auto d = make(Json::object(), 3, 0.5);
    const Segment down{ms_to_ticks(1e-4), -1000};
    d->apply(0, 0, std::span(&down, 1));
    CHECK(0.5 - d->sample(0, 1, ms_to_ticks(1)) ==
          doctest::Approx(2.5e12 * 1e-7 * arrhenius(600)).epsilon(1e-10).scale(0));
    const Segment half{ms_to_ticks(1e-4), 500};  // dT = 300 (0.5)^2 = 75 K
    d->apply(1, 0, std::span(&half, 1));
    CHECK(d->sample(1, 2, ms_to_ticks(1e-4)) ==
          doctest::Approx(300 + 75 * std::exp(-0.2)).epsilon(1e-13).scale(0));
    CHECK(d->sample(1, 1, ms_to_ticks(1)) - 0.5 ==
          doctest::Approx(2.5e12 * 1e-7 * arrhenius(375)).epsilon(1e-6).scale(0));
    // A long hot pulse saturates at w = 1; the charge is the exact trapezoid-then-constant one.
    auto hot = make(Json{{"dT_p", "900 K"}}, 1, 0.0);
    const Segment long_pulse{ms_to_ticks(1), 1000};
    const PulseResult r = hot->apply(0, 0, std::span(&long_pulse, 1));
    CHECK(hot->sample(0, 1, ms_to_ticks(1)) == 1.0);
    const double rate = 2.5e12 * 1e-3 * arrhenius(1200);  // 1/ms
    const double t_move = 1 / rate;
    CHECK(r.charge == doctest::Approx(1000 * ((1 + 100) / 2.0 * t_move + 100 * (1 - t_move)))
                          .epsilon(1e-12)
                          .scale(0));
}

TEST_CASE(
    "second_order: residual heat decays as e^{-dt/tau_T}, to exactly 0 where exp underflows") {
    second_order::Params p;
    for (const double n_tau : {1.0, 10.0, 700.0, 745.0, 745.5, 746.0, 746.5, 1e3, 1e9}) {
        second_order::State s;
        s.T_res = 250;
        second_order::relax(p, s, n_tau * p.tau_T);
        // Bit-identical to the plain formula, including the underflow to 0 past ~745 tau_T.
        CHECK(s.T_res == 250 * std::exp(-(n_tau * p.tau_T) / p.tau_T));
    }
    second_order::State s;
    s.T_res = 250;
    second_order::relax(p, s, 1e3 * p.tau_T);
    CHECK(s.T_res == 0.0);
}
