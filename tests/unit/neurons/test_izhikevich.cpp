// SPDX-License-Identifier: MIT
// izhikevich: the step functions against hand arithmetic, the presets, the grid convention, and
// the lazy population (look-ahead, wake-ups, caches) against a plain loop that steps every dt.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "neurons/izhikevich.hpp"
#include "tests/support.hpp"

using namespace memsnn;
namespace izh = memsnn::izhikevich;

namespace {

izh::StepConstants constants(double dt) {
    return izh::step_constants(izh::Params{}, dt);
}

Json one_neuron(const Json& params, const char* duration, const char* dt = "0.1 ms") {
    return Json{
        {"duration", duration},
        {"dt", dt},
        {"populations", {{"n", {{"type", "izhikevich"}, {"size", 1}, {"params", params}}}}}};
}

// Spike ticks of population `pop`, element 0.
std::vector<Tick> spike_ticks(const test::MemoryRun& run, std::uint32_t pop) {
    std::vector<Tick> out;
    for (const auto& s : run.recorder->spikes())
        if (s.population == pop) out.push_back(s.time);
    return out;
}

// The first index where two traces differ (bitwise), -1 when they are identical, -2 when their
// lengths differ: a failed check then points at the first differing grid point.
long first_mismatch(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return -2;
    for (std::size_t j = 0; j < a.size(); ++j)
        if (a[j] != b[j]) return static_cast<long>(j);
    return -1;
}

// Every sample of one report, in time order.
std::vector<double> samples(const test::MemoryRun& run, std::uint32_t report) {
    std::vector<double> out;
    for (const auto& s : run.recorder->samples())
        if (s.report == report) out.push_back(s.values.at(0));
    return out;
}

}  // namespace

TEST_CASE("one forward Euler step equals hand arithmetic") {
    // v = -60, u = -10, J = 10, dt = 0.01 ms, RS (a = 0.02, b = 0.2):
    //   f = 0.04*3600 + 5*(-60) + 140 - (-10) + 10 = 144 - 300 + 140 + 10 + 10 = 4
    //   v' = -60 + 0.01*4 = -59.96;  u' = -10 + 0.01*0.02*(0.2*(-60) + 10) = -10.0004
    const izh::Params p;
    const izh::Vars x{-60, -10, 0, 0};
    CHECK(izh::dv_dt(-60, -10, 10) == doctest::Approx(4.0).epsilon(1e-15));
    const izh::Vars y = izh::step_euler(p, constants(0.01), x, 10);
    CHECK(y.V_m == doctest::Approx(-59.96).epsilon(1e-15));
    CHECK(y.u == doctest::Approx(-10.0004).epsilon(1e-15));
    // u uses the old v: at v = b-nullcline (u = b v) it does not move, whatever v does.
    const izh::Vars on_nullcline = izh::step_euler(p, constants(0.01), {-65, -13, 0, 0}, 10);
    CHECK(on_nullcline.u == -13.0);
    CHECK(on_nullcline.V_m == doctest::Approx(-64.93).epsilon(1e-15));  // f = 169-325+140+13+10
}

TEST_CASE("Izhikevich's half-step scheme equals hand arithmetic") {
    const izh::Params p;  // a = 0.02, b = 0.2
    // dt = 1 ms, as in the published code: v1 = -60 + 0.5*4 = -58;
    //   f(v1) = 0.04*3364 - 290 + 140 + 10 + 10 = 4.56;  v' = -58 + 0.5*4.56 = -55.72;
    //   u' = -10 + 0.02*(0.2*(-55.72) + 10) = -10 + 0.02*(-1.144) = -10.02288 (with the new v).
    const izh::Vars y = izh::step_half_step(p, constants(1.0), {-60, -10, 0, 0}, 10);
    CHECK(y.V_m == doctest::Approx(-55.72).epsilon(1e-15));
    CHECK(y.u == doctest::Approx(-10.02288).epsilon(1e-15));
    // dt = 0.01 ms: two 0.005 ms half-steps: v1 = -59.98, f(v1) = 143.904016 - 299.9 + 160
    //   = 4.004016, v' = -59.98 + 0.005*4.004016 = -59.95997992;
    //   u' = -10 + 0.01*0.02*(0.2*v' + 10) = -10 + 0.0002*(-1.991995984) = -10.0003983991968.
    const izh::Vars z = izh::step_half_step(p, constants(0.01), {-60, -10, 0, 0}, 10);
    CHECK(z.V_m == doctest::Approx(-59.95997992).epsilon(1e-15));
    CHECK(z.u == doctest::Approx(-10.0003983991968).epsilon(1e-15));
}

TEST_CASE("drive: currents over C_m, delta input as w/dt for one step, exact synaptic decay") {
    izh::Params p;
    p.I_e = 6;
    p.C_m = 2;
    p.tau_syn_ex = 5;
    p.tau_syn_in = 10;
    const izh::StepConstants c = izh::step_constants(p, 0.1);
    izh::State s;
    s.I_stim = 1;
    s.x.syn_ex = 4;
    s.x.syn_in = -3;
    CHECK(izh::drive(p, c, s) == doctest::Approx((6.0 + 1 + 4 - 3) / 2).epsilon(1e-15));
    s.jump = 0.5;  // mV
    CHECK(izh::drive(p, c, s) == doctest::Approx(4.0 + 0.5 / 0.1).epsilon(1e-15));
    // With euler a jump of w raises v by w over the step (against no jump), u not at all.
    const izh::Vars base = izh::step_euler(p, c, s.x, 4.0);
    const izh::Vars kicked = izh::step_euler(p, c, s.x, izh::drive(p, c, s));
    CHECK(kicked.V_m - base.V_m == doctest::Approx(0.5).epsilon(1e-12));
    CHECK(kicked.u == base.u);
    CHECK(kicked.syn_ex == doctest::Approx(4 * std::exp(-0.1 / 5)).epsilon(1e-15));
    CHECK(kicked.syn_in == doctest::Approx(-3 * std::exp(-0.1 / 10)).epsilon(1e-15));
}

TEST_CASE("presets carry the values of Izhikevich (2003) Fig. 2") {
    const std::vector<std::pair<const char*, izh::Abcd>> table{
        {"RS", {0.02, 0.2, -65, 8}}, {"IB", {0.02, 0.2, -55, 4}},   {"CH", {0.02, 0.2, -50, 2}},
        {"FS", {0.1, 0.2, -65, 2}},  {"LTS", {0.02, 0.25, -65, 2}}, {"TC", {0.02, 0.25, -65, 0.05}},
        {"RZ", {0.1, 0.26, -65, 2}}};
    for (const auto& [name, abcd] : table) {
        INFO(name);
        REQUIRE(izh::preset(name).has_value());
        CHECK(*izh::preset(name) == abcd);
    }
    CHECK(izh::preset_names().size() == table.size());
    CHECK(izh::preset_names().front() == "RS");  // the default
    CHECK(!izh::preset("rs").has_value());
    // The parameter defaults are RS's.
    const izh::Params p;
    CHECK(izh::Abcd{p.a, p.b, p.c, p.d} == *izh::preset("RS"));
}

TEST_CASE("a preset sets c and d in a population and a given value overrides it") {
    // Starting above V_peak the neuron spikes at t = 0: the sample at 0 (taken after the emit)
    // shows v = c and u = b V_m + d.
    auto reset_state = [](const Json& params) {
        Json s = one_neuron(params, "0.2 ms");
        s["populations"]["n"]["init"] = {{"V_m", "40 mV"}};
        s["record"] = Json::array({{{"what", "spikes"}, {"population", "n"}},
                                   {{"what", "V_m"}, {"population", "n"}},
                                   {{"what", "u"}, {"population", "n"}, {"name", "n_u"}}});
        const auto run = test::run_scenario(s);
        CHECK(spike_ticks(run, 0).front() == 0);
        return std::pair{samples(run, 0).at(0), samples(run, 1).at(0)};
    };
    for (const char* name : {"RS", "IB", "CH", "FS", "LTS", "TC", "RZ"}) {
        INFO(name);
        const izh::Abcd v = *izh::preset(name);
        const auto [V, u] = reset_state({{"preset", name}});
        CHECK(V == v.c);
        CHECK(u == v.b * 40 + v.d);
    }
    const auto [V, u] = reset_state({{"preset", "IB"}, {"d", 1.5}, {"b", 0.1}});
    CHECK(V == -55.0);  // IB's c
    CHECK(u == 0.1 * 40 + 1.5);
}

TEST_CASE("bad values are user errors with their path") {
    auto build = [](const Json& params, const Json& init = Json::object()) {
        Json s = one_neuron(params, "1 ms");
        if (!init.empty()) s["populations"]["n"]["init"] = init;
        return test::run_scenario(s);
    };
    CHECK_THROWS_WITH_AS(build({{"c", "30 mV"}}), doctest::Contains("/populations/n/params/c"),
                         ConfigError);
    CHECK_THROWS_WITH_AS(build({{"V_peak", "-70 mV"}}),
                         doctest::Contains("/populations/n/params/V_peak"), ConfigError);
    CHECK_THROWS_WITH_AS(build({{"preset", "XX"}}),
                         doctest::Contains("/populations/n/params/preset"), ConfigError);
    CHECK_THROWS_WITH_AS(build(Json::object(), {{"I_syn_ex", "1 nA"}}),
                         doctest::Contains("/populations/n/init/I_syn_ex"), ConfigError);
    CHECK_NOTHROW(build({{"input", "exp_current"}}, {{"I_syn_ex", "1 nA"}}));
}

TEST_CASE("the spike is emitted at the grid point at whose step's end v >= V_peak") {
    // v0 = 29 mV < V_peak: one 0.1 ms step takes it far above 30 mV, so the spike is at the end
    // of the first step (t = dt), not at 0. Reports every 0.05 ms: the sample at 0.05 ms (between
    // grid points) shows grid point 1 before its reset; the one at 0.1 ms (after the emit) c.
    Json s = one_neuron({{"I_e", "10 nA"}}, "0.3 ms");
    s["populations"]["n"]["init"] = {{"V_m", "29 mV"}};
    s["record"] = Json::array({{{"what", "spikes"}, {"population", "n"}},
                               {{"what", "V_m"}, {"population", "n"}, {"interval", "0.05 ms"}}});
    const auto run = test::run_scenario(s);
    const Tick dt = ms_to_ticks(0.1);
    REQUIRE(!spike_ticks(run, 0).empty());
    CHECK(spike_ticks(run, 0).front() == dt);
    const izh::Params p;
    const izh::Vars v1 = izh::step_euler(p, constants(0.1), {29, 0.2 * 29, 0, 0}, 10);
    REQUIRE(v1.V_m >= 30);
    const std::vector<double> V = samples(run, 0);
    REQUIRE(V.size() == 6);
    CHECK(V[0] == 29.0);
    CHECK(V[1] == v1.V_m);
    CHECK(V[2] == p.c);
}

namespace {

struct Protocol {
    std::string integrator;
    std::string input;
    Json lookahead = "1 ms";
};

// Spike trains of two sources (exc, inh) with on-grid and off-grid arrivals, including several
// arrivals that land on the same grid point, and an off-grid step current: 200 ms at 0.1 ms.
constexpr double kDelay = 1.0;  // ms
std::vector<std::vector<std::int64_t>> input_times_us() {
    std::vector<std::vector<std::int64_t>> out(2);
    std::uint64_t state = 12345;
    auto next = [&state] {  // a fixed LCG: the test needs varied, reproducible times
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return state >> 33;
    };
    for (int src = 0; src < 2; ++src) {
        std::int64_t t = 2000;
        while (t < 195000) {
            out[src].push_back(t);
            t += 500 + static_cast<std::int64_t>(next() % 7000);  // 0.5 ... 7.5 ms
            if (next() % 4 == 0) t -= t % 100;                    // sometimes on the grid
        }
    }
    out[0].push_back(60050);  // 61.05 and 61.1 ms arrivals: both at grid point 611
    out[0].push_back(60100);
    std::sort(out[0].begin(), out[0].end());
    return out;
}

Json protocol_scenario(const Protocol& pr) {
    const bool current = pr.input == "exp_current";
    Json s = one_neuron({{"preset", "CH"},
                         {"I_e", "3 nA"},
                         {"input", pr.input},
                         {"integrator", pr.integrator},
                         {"lookahead", pr.lookahead}},
                        "200 ms");
    Json lists = Json::array();
    for (const auto& list : input_times_us()) {
        Json l = Json::array();
        for (std::int64_t t : list) l.push_back(std::to_string(t) + " us");
        lists.push_back(l);
    }
    s["populations"]["src"] = {
        {"type", "spike_times"}, {"size", 2}, {"params", {{"spike_times", lists}}}};
    s["projections"] = Json::array(
        {{{"source", "src"},
          {"target", "n"},
          {"connect",
           {{"rule", "list"},
            {"pairs", {{0, 0, current ? "9 nA" : "4 mV"}, {1, 0, current ? "-6 nA" : "-3 mV"}}}}},
          {"synapse", {{"type", "static"}, {"delay", "1 ms"}}}}});
    s["stimuli"] = Json::array({{{"type", "step_current"},
                                 {"target", "n"},
                                 {"start", "33333 us"},
                                 {"stop", "120 ms"},
                                 {"amplitude", "10 nA"}}});
    s["record"] = Json::array({{{"what", "spikes"}, {"population", "n"}},
                               {{"what", "V_m"}, {"population", "n"}},
                               {{"what", "u"}, {"population", "n"}, {"name", "n_u"}},
                               {{"what", "I_syn_ex"}, {"population", "n"}, {"name", "n_ex"}}});
    return s;
}

struct Stepped {
    std::vector<Tick> spikes;
    std::vector<double> V, u, syn_ex;
};

// The protocol stepped every dt by a plain loop over the pure functions: at grid point k the
// inputs that arrived in ((k-1) dt, k dt] are applied (in arrival order), then a state at or above
// V_peak spikes and resets, then the sample is taken, then the step out of k.
Stepped step_every_dt(const Protocol& pr) {
    const Tick dt = ms_to_ticks(0.1);
    const auto ceil_index = [dt](Tick t) { return (t + dt - 1) / dt; };
    izh::Params p;
    const izh::Abcd ch = *izh::preset("CH");
    p.a = ch.a, p.b = ch.b, p.c = ch.c, p.d = ch.d;
    // The engine's values of the scenario's quantities (unit conversion may round them).
    const auto q = [](const char* text) {
        std::string error;
        return parse_quantity(text, error)->value;
    };
    p.I_e = q("3 nA");
    const bool current = pr.input == "exp_current";
    const double w_ex = current ? q("9 nA") : q("4 mV"), w_in = current ? q("-6 nA") : q("-3 mV");
    const izh::Integrator integrator =
        pr.integrator == "euler" ? izh::Integrator::euler : izh::Integrator::izhikevich_half_step;
    const izh::StepConstants c = izh::step_constants(p, 0.1);
    // (arrival tick, weight), in the engine's order: time, then source.
    std::vector<std::pair<Tick, double>> arrivals;
    const auto times = input_times_us();
    for (int src = 0; src < 2; ++src)
        for (std::int64_t t : times[src])
            arrivals.push_back({t * 1'000'000 + ms_to_ticks(kDelay), src == 0 ? w_ex : w_in});
    std::stable_sort(arrivals.begin(), arrivals.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    const std::int64_t on = ceil_index(ms_to_ticks(33.333)), off = ceil_index(ms_to_ticks(120));
    Stepped out;
    izh::State s;
    s.x.V_m = -65;
    s.x.u = p.b * -65;
    std::size_t next = 0;
    for (std::int64_t k = 0; k < 2000; ++k) {
        if (k == on) s.I_stim += q("10 nA");
        if (k == off) s.I_stim -= q("10 nA");
        for (; next < arrivals.size() && ceil_index(arrivals[next].first) == k; ++next) {
            const double w = arrivals[next].second;
            if (!current)
                s.jump += w;
            else
                (w >= 0 ? s.x.syn_ex : s.x.syn_in) += w;
        }
        if (izh::at_peak(p, s.x)) {
            out.spikes.push_back(k * dt);
            izh::reset(p, s.x);
        }
        out.V.push_back(s.x.V_m);
        out.u.push_back(s.x.u);
        out.syn_ex.push_back(s.x.syn_ex);
        s.x = izh::step(p, integrator, c, s.x, izh::drive(p, c, s));
        s.jump = 0;
    }
    return out;
}

}  // namespace

TEST_CASE("lazy advancing with look-ahead equals stepping every dt, bit for bit") {
    for (const char* integrator : {"euler", "izhikevich_half_step"})
        for (const char* input : {"delta", "exp_current"}) {
            const Protocol pr{integrator, input};
            INFO(integrator << ", " << input);
            const auto run = test::run_scenario(protocol_scenario(pr));
            const Stepped ref = step_every_dt(pr);
            CHECK(ref.spikes.size() >= 10);  // a protocol that exercises spikes and inputs
            CHECK(spike_ticks(run, 0) == ref.spikes);
            CHECK(first_mismatch(samples(run, 0), ref.V) == -1);
            CHECK(first_mismatch(samples(run, 1), ref.u) == -1);
            CHECK(first_mismatch(samples(run, 2), ref.syn_ex) == -1);
            CHECK(run.recorder->summary().wake_ups > 0);
        }
}

TEST_CASE("results do not depend on the look-ahead horizon, nor on recording") {
    for (const char* input : {"delta", "exp_current"}) {
        INFO(input);
        const Protocol base{"euler", input, "1 ms"};
        const auto reference = test::run_scenario(protocol_scenario(base));
        const std::uint64_t base_wake_ups = reference.recorder->summary().wake_ups;
        // One step, an odd number of steps (rounded up), longer than the inter-spike intervals,
        // longer than the run.
        for (const char* lookahead : {"0.1 ms", "0.37 ms", "25 ms", "1 s"}) {
            INFO("lookahead " << lookahead);
            Protocol pr = base;
            pr.lookahead = lookahead;
            const auto run = test::run_scenario(protocol_scenario(pr));
            CHECK(spike_ticks(run, 0) == spike_ticks(reference, 0));
            for (std::uint32_t r = 0; r < 3; ++r)
                CHECK(first_mismatch(samples(run, r), samples(reference, r)) == -1);
            if (std::string(lookahead) == "0.1 ms")
                CHECK(run.recorder->summary().wake_ups > base_wake_ups);
            // Without variable reports (no sampling at all) the spikes are the same.
            Json quiet = protocol_scenario(pr);
            quiet["record"] = Json::array({{{"what", "spikes"}, {"population", "n"}}});
            CHECK(spike_ticks(test::run_scenario(quiet), 0) == spike_ticks(reference, 0));
        }
    }
}

TEST_CASE("a neuron at a fixed point of the step asks for no wake-ups until an input") {
    // RZ at v = -62.5 mV, u = b v with no input is an exact fixed point of the Euler step
    // (0.04*3906.25 - 312.5 + 140 + 16.25 = 0): nothing happens for 10 s, without wake-ups.
    Json s = one_neuron({{"preset", "RZ"}}, "10 s", "0.01 ms");
    s["populations"]["n"]["init"] = {{"V_m", "-62.5 mV"}};
    s["record"] = Json::array({{{"what", "spikes"}, {"population", "n"}},
                               {{"what", "V_m"}, {"population", "n"}, {"interval", "1 s"}}});
    const auto run = test::run_scenario(s);
    CHECK(run.recorder->summary().wake_ups == 0);
    CHECK(run.recorder->summary().spikes == 0);
    for (double V : samples(run, 0)) CHECK(V == -62.5);
}

TEST_CASE("an input exactly on a grid point acts on the step out of that point") {
    // Arrivals at 5 ms (grid point 50) and at 5.05 ms (between 50 and 51: applied at 51).
    for (const char* arrival : {"4 ms", "4.05 ms"}) {
        Json s = one_neuron(Json::object(), "10 ms");
        s["populations"]["src"] = {
            {"type", "spike_times"}, {"size", 1}, {"params", {{"spike_times", {arrival}}}}};
        s["projections"] = Json::array(
            {{{"source", "src"},
              {"target", "n"},
              {"connect", {{"rule", "all_to_all"}}},
              {"synapse", {{"type", "static"}, {"weight", "2 mV"}, {"delay", "1 ms"}}}}});
        s["record"] = Json::array({{{"what", "V_m"}, {"population", "n"}}});
        const std::vector<double> V = samples(test::run_scenario(s), 0);
        const std::size_t k = std::string(arrival) == "4 ms" ? 50 : 51;
        INFO("arrival + delay " << arrival << " + 1 ms, applied at grid point " << k);
        // Up to and including grid point k the trace is the undisturbed resting trajectory;
        // at k + 1 it is one Euler step with the jump.
        izh::Params p;
        izh::Vars x{-65, -13, 0, 0};
        const izh::StepConstants c = constants(0.1);
        for (std::size_t j = 0; j < k; ++j) {
            CHECK(V.at(j) == x.V_m);
            x = izh::step_euler(p, c, x, 0);
        }
        CHECK(V.at(k) == x.V_m);
        CHECK(V.at(k + 1) == izh::step_euler(p, c, x, 2.0 / 0.1).V_m);
        CHECK(V.at(k + 1) - izh::step_euler(p, c, x, 0).V_m == doctest::Approx(2.0).epsilon(1e-12));
    }
}
