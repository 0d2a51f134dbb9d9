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

TEST_CASE("two_terminal: the weight is sign * gain * G * V_read, read before the pre waveform") {
    circuit::Spec spec;
    spec.V_read = 100;
    spec.gain = 2e-3;
    spec.sign = -1;
    auto c = circuit::make(spec, linear(0.5), nullptr);
    CHECK(c->on_pre(0, 0) == doctest::Approx(-2e-3 * G_of(0.5) * 100).epsilon(1e-12));

    // A 1 V, 1 us pre waveform moves x by 1000 * 1e-3 / 10 = 0.1 after each read.
    spec.pre_waveform = {{ms_to_ticks(1e-3), 1000}};
    spec.sign = 1;
    auto p = circuit::make(spec, linear(0.2), nullptr);
    CHECK(p->on_pre(0, 0) == doctest::Approx(2e-3 * G_of(0.2) * 100).epsilon(1e-12));
    CHECK(p->on_pre(0, ms_to_ticks(1)) == doctest::Approx(2e-3 * G_of(0.3) * 100).epsilon(1e-12));
    CHECK(p->sample(0, 1, ms_to_ticks(2)) == doctest::Approx(0.4).epsilon(1e-12));

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

TEST_CASE("superpose: pre minus post over the merged breakpoints, zero outside both") {
    const std::vector<Segment> pre{{10, 1000}, {20, -500}};  // starts at 100: [100,110) [110,130)
    const std::vector<Segment> post{{15, 300}};              // starts at 105: [105,120)
    const auto v = circuit::superpose(pre, 100, post, 105, 90, 140);
    const std::vector<std::pair<Tick, double>> want{{10, 0},    {5, 1000},  {5, 700},
                                                    {10, -800}, {10, -500}, {10, 0}};
    REQUIRE(v.size() == want.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        CHECK(v[i].duration == want[i].first);
        CHECK(v[i].voltage == want[i].second);
    }
    // A window inside one stretch, a missing waveform, nothing at all.
    const auto inner = circuit::superpose(pre, 100, post, 105, 112, 118);
    REQUIRE(inner.size() == 1);
    CHECK(inner[0].duration == 6);
    CHECK(inner[0].voltage == -800);
    const auto only_post = circuit::superpose(pre, kNever, post, 105, 100, 125);
    REQUIRE(only_post.size() == 3);
    CHECK(only_post[1].voltage == -300);
    CHECK(circuit::superpose(pre, 100, post, 105, 130, 200).empty());
}

TEST_CASE("two_terminal: overlapping pre and post waveforms act through their difference") {
    // Linear device: dx = int (V_pre - V_post) dt / Phi_0, so only the overlap matters when
    // both lines carry the same pulse: pre 1 V for 1 us at 0, post 1 V for 1 us at 0.4 us.
    circuit::Spec spec;
    spec.pre_waveform = {{ms_to_ticks(1e-3), 1000}};
    auto c = circuit::make(spec, linear(0.5), nullptr);
    c->on_pre(0, 0);
    const std::vector<Segment> post{{ms_to_ticks(1e-3), 1000}};
    c->on_post(0, ms_to_ticks(0.4e-3), post);
    // Unmatched: 0.4 us of +1 V (pre alone), 0.4 us of -1 V (post alone): net zero.
    CHECK(c->sample(0, 1, ms_to_ticks(1)) == doctest::Approx(0.5).epsilon(1e-12));
    // Post alone (no pre): -1 V for 1 us moves x by -0.1.
    auto d = circuit::make(spec, linear(0.5), nullptr);
    d->on_post(0, 0, post);
    CHECK(d->sample(0, 1, ms_to_ticks(1)) == doctest::Approx(0.4).epsilon(1e-12));
    // Still running when sampled: shown once an event or the end of the run commits it.
    auto e = circuit::make(spec, linear(0.5), nullptr);
    e->on_post(0, 0, post);
    CHECK(e->sample(0, 1, ms_to_ticks(0.5e-3)) == 0.5);
    e->finish(ms_to_ticks(0.5e-3));
    CHECK(e->sample(0, 1, ms_to_ticks(0.5e-3)) == doctest::Approx(0.45).epsilon(1e-12));
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
