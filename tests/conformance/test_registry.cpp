// SPDX-License-Identifier: MIT
// Conformance sweep: walks the model registry, so a model added to it is checked without
// touching this file. Every neuron, source and device model must build from its defaults,
// reject an unknown parameter and every out-of-range value with the parameter's JSON path, and
// (devices) respond to pulses deterministically under a seed without reads changing the state.
#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include "engine/device.hpp"
#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/io/pulse.hpp"
#include "engine/population.hpp"

using namespace memsnn;

namespace {

// A unit string the scenario parser accepts, for each dimension.
std::string unit_of(Dim d) {
    static const std::map<Dim, std::string> units{{Dim::time, "ms"},
                                                  {Dim::voltage, "mV"},
                                                  {Dim::current, "nA"},
                                                  {Dim::conductance, "uS"},
                                                  {Dim::capacitance, "nF"},
                                                  {Dim::resistance, "MOhm"},
                                                  {Dim::frequency, "Hz"},
                                                  {Dim::charge, "pC"},
                                                  {Dim::energy, "fJ"},
                                                  {Dim::power, "pW"},
                                                  {Dim::current_density, "uA/cm2"},
                                                  {Dim::conductance_density, "mS/cm2"},
                                                  {Dim::capacitance_density, "uF/cm2"},
                                                  {Dim::flux, "uWb"},
                                                  {Dim::temperature, "K"}};
    return units.at(d);
}

Json value(double v, Dim d) {
    if (d == Dim::dimensionless) return v;
    return std::to_string(v) + " " + unit_of(d);
}

// Values a parameter must refuse, by its check.
std::vector<double> bad_values(Check c) {
    switch (c) {
        case Check::positive:
            return {0.0, -1.0};
        case Check::nonnegative:
            return {-1.0};
        case Check::probability:
            return {-0.1, 1.5};
        case Check::any:
            return {};
    }
    return {};
}

// Minimal params for models with required parameters.
Json required_params(const ModelInfo& m) {
    Json p = Json::object();
    for (const auto& spec : m.params) {
        if (spec.kind == ParamKind::time_list)
            p[spec.name] = Json::array({"1 ms", "2 ms"});
        else if (spec.kind == ParamKind::index_lists && spec.required())
            p[spec.name] = Json::array({Json::array({0, 1})});
        else if (spec.kind == ParamKind::file && spec.required())  // image_poisson, 3 pixels
            p[spec.name] = std::string(MEMSNN_SOURCE_DIR) + "/tests/data/images/three_pixels.csv";
        else if (spec.kind == ParamKind::number && spec.required())
            p[spec.name] = value(1, spec.dim);
    }
    return p;
}

struct Built {
    std::unique_ptr<Population> population;
    std::unique_ptr<Device> device;
};

Built build(const ModelInfo& m, const Json& params, std::size_t n = 3, std::uint64_t seed = 1) {
    const ParamTable t = resolve_params(&params, "/m/params", m.params, n, seed, 0, false);
    const Json no_init = Json::object();
    const ParamTable init = resolve_params(&no_init, "/m/init", m.init, n, seed, 1, true);
    const PopulationArgs args{m.type, n, 0, seed, &t, &init};
    Built b;
    if (m.kind == ModelKind::device)
        b.device = m.make_device(args);
    else
        b.population = m.make(args);
    return b;
}

std::vector<const ModelInfo*> buildable() {
    std::vector<const ModelInfo*> out;
    for (const auto& m : default_registry().models())
        if (m.kind == ModelKind::neuron || m.kind == ModelKind::source ||
            m.kind == ModelKind::device)
            out.push_back(&m);
    return out;
}

}  // namespace

TEST_CASE("every model builds from its defaults and lists documented parameters") {
    for (const ModelInfo* m : buildable()) {
        INFO(m->type);
        CHECK(!m->summary.empty());
        for (const auto& p : m->params) CHECK_MESSAGE(!p.doc.empty(), p.name);
        const Built b = build(*m, required_params(*m));
        CHECK((b.population || b.device));
        if (b.device) {
            REQUIRE(!b.device->variables().empty());
            CHECK(b.device->variables()[0].name == "G");
        }
    }
}

TEST_CASE("every model rejects an unknown parameter and out-of-range values with the path") {
    for (const ModelInfo* m : buildable()) {
        Json params = required_params(*m);
        params["no_such_parameter"] = 1;
        INFO(m->type);
        CHECK_THROWS_WITH_AS(build(*m, params), doctest::Contains("/m/params/no_such_parameter"),
                             ConfigError);
        for (const auto& spec : m->params) {
            if (spec.kind != ParamKind::number) continue;
            for (double v : bad_values(spec.check)) {
                Json p = required_params(*m);
                p[spec.name] = value(v, spec.dim);
                INFO(spec.name << " = " << p[spec.name].dump());
                CHECK_THROWS_WITH_AS(build(*m, p),
                                     doctest::Contains(("/m/params/" + spec.name).c_str()),
                                     ConfigError);
            }
        }
    }
}

TEST_CASE("every device: finite positive G, reads change nothing, deterministic under a seed") {
    // A mixed train: both polarities, several amplitudes and widths, with pauses.
    std::vector<std::pair<Tick, std::vector<Segment>>> train;
    Tick t = 0;
    for (double V : {200.0, 1000.0, 2000.0, 3000.0, -200.0, -1000.0, -2000.0, -3000.0, 1500.0})
        for (double width_us : {0.1, 1.0, 100.0}) {
            train.push_back({t, {{ms_to_ticks(width_us * 1e-3), V}}});
            t += ms_to_ticks(0.05);
        }
    for (const ModelInfo* m : buildable()) {
        if (m->kind != ModelKind::device) continue;
        INFO(m->type);
        auto run = [&](std::uint64_t seed) {
            Built b = build(*m, required_params(*m), 3, seed);
            std::vector<double> G;
            for (const auto& [start, waveform] : train) {
                for (std::size_t k = 0; k < 3; ++k) {
                    const PulseResult r = b.device->apply(k, start, waveform);
                    CHECK(std::isfinite(r.G_after));
                    CHECK(r.G_after > 0);
                    CHECK(std::isfinite(r.energy));
                    const Tick later = start + ms_to_ticks(0.01);
                    const double g1 = b.device->conductance(k, later);
                    CHECK(b.device->conductance(k, later) == g1);
                    CHECK(b.device->sample(k, 0, later) == g1);
                    G.push_back(g1);
                }
            }
            return G;
        };
        CHECK(run(7) == run(7));
    }
}

TEST_CASE("every device: identical results for 1 and 4 threads, with noise and spread") {
    for (const ModelInfo* m : buildable()) {
        if (m->kind != ModelKind::device) continue;
        INFO(m->type);
        Json p = Json::parse(R"({
          "device": {"size": 64, "params": {"sigma_c2c": 0.3, "sigma_read": 0.05,
                                             "p_switch": 0.8}},
          "read_voltage": "0.1 V",
          "protocol": [
            {"pulses": 5, "amplitude": "1.5 V", "width": "1 us", "period": "20 us"},
            {"wait": "1 ms"},
            {"pulses": 5, "amplitude": "-2 V", "width": "1 us", "period": "20 us"}]})");
        p["device"]["type"] = m->type;
        const Json required = required_params(*m);
        for (const auto& [k, v] : required.items()) p["device"]["params"][k] = v;
        const PulseRun one = run_pulse_protocol(p, default_registry(), 5, "t", 1);
        const PulseRun four = run_pulse_protocol(p, default_registry(), 5, "t", 4);
        CHECK(one.G == four.G);
        CHECK(one.G_read == four.G_read);
        CHECK(one.energy == four.energy);
    }
}
