// SPDX-License-Identifier: MIT
// Synapse circuits around ideal linear memristors, whose response is known exactly:
// dx/dt = V / Phi_0, G = G_min + (G_max - G_min) x.
#include <doctest/doctest.h>

#include "synapses/circuit.hpp"
#include "tests/unit/synapses/device_support.hpp"

using namespace memsnn;

namespace {

// Linear devices with G from 1 to 101 uS (100 uS span) and Phi_0 = 10 mV ms.
std::unique_ptr<Device> linear(double x0, std::size_t n = 1) {
    return test::make_device("linear",
                             Json{{"G_min", "1 uS"}, {"G_max", "101 uS"}, {"Phi_0", "10 uWb"}},
                             Json{{"x", x0}}, n);
}

double G_of(double x) {
    return 1 + 100 * x;
}

}  // namespace

TEST_CASE("two_terminal: the weight is sign * gain * G * V_read, after the pre waveform") {
    circuit::Spec spec;
    spec.V_read = 100;
    spec.gain = 2e-3;
    spec.sign = -1;
    auto c = circuit::make(spec, linear(0.5), nullptr);
    CHECK(c->on_pre(0, 0) == doctest::Approx(-2e-3 * G_of(0.5) * 100).epsilon(1e-12));

    // A 1 V, 1 us pre waveform moves x by 1000 * 1e-3 / 10 = 0.1 before each read.
    spec.pre_waveform = {{ms_to_ticks(1e-3), 1000}};
    spec.sign = 1;
    auto p = circuit::make(spec, linear(0.2), nullptr);
    CHECK(p->on_pre(0, 0) == doctest::Approx(2e-3 * G_of(0.3) * 100).epsilon(1e-12));
    CHECK(p->on_pre(0, ms_to_ticks(1)) == doctest::Approx(2e-3 * G_of(0.4) * 100).epsilon(1e-12));

    // Conductance targets get gain * I / V_read = gain * G.
    spec.conductance_output = true;
    spec.pre_waveform.clear();
    auto g = circuit::make(spec, linear(0.5), nullptr);
    CHECK(g->on_pre(0, 0) == doctest::Approx(2e-3 * G_of(0.5)).epsilon(1e-12));
}

TEST_CASE("two_terminal: a postsynaptic waveform reaches the device with the opposite sign") {
    circuit::Spec spec;
    auto c = circuit::make(spec, linear(0.5), nullptr);
    const Segment post{ms_to_ticks(1e-3), 1000};  // +1 V on the post line: the device sees -1 V
    c->on_post(0, 0, std::span(&post, 1));
    CHECK(c->sample(0, 1, ms_to_ticks(1)) == doctest::Approx(0.4));
}

TEST_CASE("1t1r: compliance limits the read; feedback reaches the device only while gated") {
    circuit::Spec spec;
    spec.kind = circuit::Kind::one_t_one_r;
    spec.V_read = 100;
    spec.gain = 1;
    spec.I_C = 3000;  // nA: below G * V_read = 5100 nA at x = 0.5
    spec.gate_width = ms_to_ticks(1);
    auto c = circuit::make(spec, linear(0.5), nullptr);
    const Segment fb{ms_to_ticks(1e-3), 1000};  // +0.1 in x if it gets through

    c->on_post(0, 0, std::span(&fb, 1));  // gate never opened
    CHECK(c->sample(0, 1, 1) == doctest::Approx(0.5));
    CHECK(c->on_pre(0, ms_to_ticks(10)) == doctest::Approx(3000));  // clamped at I_C
    c->on_post(0, ms_to_ticks(10.5), std::span(&fb, 1));            // inside the gate window
    CHECK(c->sample(0, 1, ms_to_ticks(11)) == doctest::Approx(0.6));
    // A 1 ms feedback starting 0.5 ms before the gate closes: only the first half gets through.
    c->on_pre(0, ms_to_ticks(20));
    const Segment long_fb{ms_to_ticks(1), 2};  // 2 mV for 1 ms: 0.2 in x if all got through
    c->on_post(0, ms_to_ticks(20.5), std::span(&long_fb, 1));
    CHECK(c->sample(0, 1, ms_to_ticks(30)) == doctest::Approx(0.7));
    c->on_post(0, ms_to_ticks(21), std::span(&fb, 1));  // the gate closed at 21 ms exactly
    CHECK(c->sample(0, 1, ms_to_ticks(30)) == doctest::Approx(0.7));
}

TEST_CASE("1s1r: the voltage divides between equal devices; the read is the series current") {
    circuit::Spec spec;
    spec.kind = circuit::Kind::one_s_one_r;
    spec.V_read = 100;
    spec.gain = 1;
    spec.pre_waveform = {{ms_to_ticks(1e-3), 1000}};  // 1 V: each of two equal devices sees 0.5 V
    auto c = circuit::make(spec, linear(0.3), linear(0.3));
    const double w = c->on_pre(0, 0);
    const double x = 0.3 + 500 * 1e-3 / 10;  // 0.35 for both
    CHECK(c->sample(0, 1, ms_to_ticks(1)) == doctest::Approx(x).epsilon(1e-12));
    CHECK(c->sample(0, 3, ms_to_ticks(1)) == doctest::Approx(x).epsilon(1e-12));  // selector_x
    CHECK(w == doctest::Approx(G_of(x) / 2 * 100).epsilon(1e-12));
    CHECK(c->variables()[2].name == "selector_G");
    CHECK(c->variables().back().name == "energy");
}

TEST_CASE("circuits book the energy of programming and reads on their devices") {
    circuit::Spec spec;
    spec.V_read = 100;
    spec.read_time = ms_to_ticks(1e-3);
    auto c = circuit::make(spec, linear(0.5, 2), nullptr);
    c->on_pre(1, 0);
    // One read: V * I * t = 100 mV * (G * 100 mV) * 1e-3 ms.
    const double read = 100 * G_of(0.5) * 100 * 1e-3;
    CHECK(c->sample(1, 2, 1) == doctest::Approx(read));
    CHECK(c->sample(0, 2, 1) == 0);
    CHECK(c->energy() == doctest::Approx(read));
}

TEST_CASE("1s1r: non-idealities act once per waveform, not once per sub-step") {
    // Two equal linear devices with 5 levels (x in steps of 0.25) and Phi_0 = 50 mV ms: a 1 V,
    // 50 us waveform gives each 0.5 V, so x moves by 0.5 in all, 0.03 per sub-step.
    auto quantised = [](double x0) {
        return test::make_device("linear", Json{{"Phi_0", "50 uWb"}, {"levels", 5}},
                                 Json{{"x", x0}});
    };
    circuit::Spec spec;
    spec.kind = circuit::Kind::one_s_one_r;
    spec.pre_waveform = {{ms_to_ticks(0.05), 1000}};
    auto c = circuit::make(spec, quantised(0), quantised(0));
    c->on_pre(0, 0);
    CHECK(c->sample(0, 1, ms_to_ticks(1)) == doctest::Approx(0.5));
}

TEST_CASE("1t1r: read energy is booked on the current the transistor lets through") {
    circuit::Spec spec;
    spec.kind = circuit::Kind::one_t_one_r;
    spec.V_read = 100;
    spec.read_time = ms_to_ticks(1);
    spec.I_C = 1000;  // nA, below G * V_read = 5100 nA
    auto c = circuit::make(spec, linear(0.5), nullptr);
    c->on_pre(0, 0);
    CHECK(c->energy() == doctest::Approx(100 * 1000 * 1.0));  // V_read * I_C * t_read, fJ
}
