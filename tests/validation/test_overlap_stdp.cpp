// SPDX-License-Identifier: MIT
// Overlap STDP on a two-terminal device (E-6): each neuron drives a Yu-style 6-pulse train on
// its own line; the device sees pre - post. The segment-overlap result of the circuit is
// checked against a brute-force fine time-stepped integral of the device ODE, evaluated from
// the two waveforms directly; the window's shape is checked on the protocol scenario.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "synapses/circuit.hpp"
#include "synapses/vteam.hpp"
#include "synapses/window.hpp"
#include "tests/support.hpp"
#include "tests/unit/synapses/device_support.hpp"

using namespace memsnn;

namespace {

// Yu et al. 2011 train, 10 ms slots, with the signs flipped for VTEAM's polarity (a voltage
// below v_on moves the device toward ON): +1.0, -1.0, -0.8, -0.6, -0.4, -0.2 V.
const std::vector<double> kAmplitudes{1000, -1000, -800, -600, -400, -200};  // mV
constexpr double kSlot = 10;                                                 // ms

std::vector<Segment> train() {
    std::vector<Segment> w;
    for (double a : kAmplitudes) w.push_back({ms_to_ticks(kSlot), a});
    return w;
}

double train_at(double t) {  // t in ms from the train's start
    if (t < 0) return 0;
    const auto slot = static_cast<std::size_t>(t / kSlot);
    return slot < kAmplitudes.size() ? kAmplitudes[slot] : 0;
}

// Thresholds at +-1.2 V: no single pulse of the train crosses them. Joglekar window p = 2 so
// the state equation is nonlinear in x.
const Json kVteam{{"v_on", "-1.2 V"}, {"v_off", "1.2 V"},     {"k_on", "20 Hz"},
                  {"k_off", "20 Hz"}, {"window", "joglekar"}, {"p", 2}};

vteam::Params vteam_params() {
    vteam::Params p;
    p.v_on = -1200;
    p.v_off = 1200;
    p.k_on = 20;
    p.k_off = 20;
    p.window = window::Kind::joglekar;
    p.p = 2;
    return p;
}

// The circuit: pre spike at t_pre, post spike at t_post (ms); x at the end.
double circuit_x(double x0, double t_pre, double t_post) {
    circuit::Spec spec;
    spec.pre_waveform = train();
    auto c = circuit::make(spec, test::make_device("vteam", kVteam, Json{{"x", x0}}), nullptr);
    const auto w = train();
    if (t_pre <= t_post) {
        c->on_pre(0, ms_to_ticks(t_pre));
        c->on_post(0, ms_to_ticks(t_post), w);
    } else {
        c->on_post(0, ms_to_ticks(t_post), w);
        c->on_pre(0, ms_to_ticks(t_pre));
    }
    const Tick end = ms_to_ticks(std::max(t_pre, t_post) + 100);
    c->finish(end);
    return c->sample(0, 1, end);  // variable 1 = x
}

// Brute force: classical RK4 on dx/dt = rate(V(t)) F(x) with a fixed step h, the voltage taken
// from both waveforms at the middle of each step.
double brute_x(double x0, double t_pre, double t_post, double h) {
    const vteam::Params p = vteam_params();
    const double t0 = std::min(t_pre, t_post);
    const double t1 = std::max(t_pre, t_post) + kSlot * static_cast<double>(kAmplitudes.size());
    const auto n = static_cast<long>(std::llround((t1 - t0) / h));
    double x = x0;
    for (long i = 0; i < n; ++i) {
        const double mid = t0 + (static_cast<double>(i) + 0.5) * h;
        const double r = vteam::rate(p, train_at(mid - t_pre) - train_at(mid - t_post));
        if (r == 0) continue;
        auto f = [&](double y) { return r * window::value(p.window, y, r > 0, p.p); };
        const double k1 = f(x), k2 = f(x + h / 2 * k1), k3 = f(x + h / 2 * k2), k4 = f(x + h * k3);
        x += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    return x;
}

}  // namespace

TEST_CASE("overlap STDP: the segment-overlap update equals a brute-force time-stepped integral") {
    // Delays on and off the slot grid, both signs; a 0.1 us brute-force step (a multiple of
    // every delay used, so the step never straddles a breakpoint).
    double worst = 0;
    for (double dt : {3.0, 10.0, 15.0, 27.3, 38.1, -4.2, -10.0, -15.0, -33.7}) {
        INFO("dt = " << dt << " ms");
        const double x0 = 0.5, t_pre = 100, t_post = 100 + dt;
        const double exact = circuit_x(x0, t_pre, t_post) - x0;
        const double brute = brute_x(x0, t_pre, t_post, 1e-4) - x0;
        REQUIRE(std::abs(brute) > 1e-4);  // a real change, so the relative error means something
        const double rel = std::abs(exact - brute) / std::abs(brute);
        worst = std::max(worst, rel);
        CHECK(rel < 1e-6);
    }
    MESSAGE("largest relative difference circuit vs brute force: " << worst);
}

TEST_CASE("overlap STDP: isolated spikes and non-overlapping pairs change nothing") {
    CHECK(circuit_x(0.5, 100, 1000) == 0.5);  // two isolated trains, far apart
    CHECK(circuit_x(0.5, 1000, 100) == 0.5);
    CHECK(circuit_x(0.5, 100, 160) == 0.5);  // post starts as pre ends
    CHECK(circuit_x(0.5, 160, 100) == 0.5);
    CHECK(circuit_x(0.5, 100, 150) == 0.5);  // 5 slots apart: 1.2 V, at threshold, not beyond
}

TEST_CASE("overlap STDP: LTP for small positive dt falling with dt, LTD mirror-wise") {
    std::vector<double> ltp, ltd;
    for (double dt : {10.0, 20.0, 30.0, 40.0}) {
        ltp.push_back(circuit_x(0.5, 100, 100 + dt) - 0.5);
        ltd.push_back(circuit_x(0.5, 100 + dt, 100) - 0.5);
    }
    for (std::size_t k = 0; k < ltp.size(); ++k) {
        INFO("dt = +-" << 10 * (k + 1) << " ms");
        CHECK(ltp[k] > 0);
        CHECK(ltd[k] < 0);
        // Symmetric thresholds and rates, x0 = 0.5 where the Joglekar window is symmetric.
        CHECK(ltp[k] == doctest::Approx(-ltd[k]).epsilon(1e-9));
        if (k > 0) CHECK(ltp[k] < ltp[k - 1]);
    }
}

TEST_CASE("scenarios/protocols/overlap_stdp_window.json: the Yu-style window from a network run") {
    const Json s =
        load_scenario_file(test::source_path("scenarios/protocols/overlap_stdp_window.json"));
    const auto r = test::run_scenario(s);
    const SynapseCircuit* c = r.built.network->projections()[0].circuit();
    const auto& post = s["populations"]["post_drive"]["params"]["spike_times"];
    const Tick end = r.built.duration - 1;
    double previous_ltp = 1;
    for (std::uint32_t i = 0; i < post.size(); ++i) {
        std::string error;
        const double dt = parse_quantity(post[i][0].get<std::string>(), error)->value - 199;
        const double dx = c->sample(i, 1, end) - 0.5;
        INFO("dt = " << dt << " ms: dx = " << dx);
        // The circuit in a network equals the circuit driven by hand.
        CHECK(dx == doctest::Approx(circuit_x(0.5, 200, 200 + dt) - 0.5).epsilon(1e-12));
        if (std::abs(dt) >= 50 || dt == 0) CHECK(dx == 0);
        if (dt > 0 && dt < 50) CHECK(dx > 0);
        if (dt < 0 && dt > -50) CHECK(dx < 0);
        if (dt >= 10 && dt < 50) {
            CHECK(dx < previous_ltp);
            previous_ltp = dx;
        }
    }
}
