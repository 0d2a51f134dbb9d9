// SPDX-License-Identifier: MIT
#include "synapses/rram.hpp"

#include <algorithm>
#include <cmath>

#include "engine/error.hpp"
#include "synapses/device_array.hpp"

namespace memsnn::rram {

double conductance(const Params& p, const State& s) {
    if (s.x == 1) return G_LRS(p);  // exactly I_C / V_C
    return p.G_HRS + (G_LRS(p) - p.G_HRS) * s.x;
}

double reset_floor(const Params& p, double V) {
    return std::max(p.G_HRS, G_LRS(p) * std::exp(-(std::abs(V) - p.V_reset) / p.dV_reset));
}

double drive(const Params& p, State& s, double V, double dt) {
    const double G = conductance(p, s);
    const double range = G_LRS(p) - p.G_HRS;
    if (V >= p.V_set) {
        s.x = p.mode == Mode::binary ? 1.0 : std::min(1.0, s.x + p.gamma_set * (1 - s.x));
    } else if (V <= -p.V_reset) {
        if (p.mode == Mode::binary) {
            s.x = 0;
        } else {
            const double floor = reset_floor(p, V);
            if (G > floor) s.x = std::max(0.0, (G - p.gamma_reset * (G - floor) - p.G_HRS) / range);
        }
    }
    return V * dt * (G + conductance(p, s)) / 2;  // mV * ms * uS = pC
}

namespace {

constexpr const char* kGradualOnly[] = {"gamma_set", "gamma_reset", "dV_reset"};

struct Model {
    using Params = rram::Params;
    using State = rram::State;

    static std::vector<ParamSpec> param_specs() {
        const auto P = Check::positive;
        return {
            {"mode",
             Dim::dimensionless,
             0,
             "binary: set to G_LRS, reset to G_HRS; gradual: state-dependent steps toward them",
             Check::any,
             ParamKind::choice,
             {"binary", "gradual"}},
            {"G_HRS", Dim::conductance, 10, "high-resistance-state conductance", P},
            {"I_C", Dim::current, 50000, "set compliance current (G_LRS = I_C / V_C)", P},
            {"V_C", Dim::voltage, 500, "critical voltage of filament growth (G_LRS = I_C / V_C)",
             P},
            {"V_read", Dim::voltage, 100, "read voltage of the recorded read current I_read", P},
            {"V_set", Dim::voltage, 1000, "set threshold: pulses V >= V_set", P},
            {"V_reset", Dim::voltage, 1500, "reset threshold magnitude: pulses V <= -V_reset", P},
            {"gamma_set", Dim::dimensionless, 0.5,
             "gradual: fraction of the way to G_LRS per set pulse", Check::probability},
            {"gamma_reset", Dim::dimensionless, 0.5,
             "gradual: fraction of the way to the reset floor per reset pulse", Check::probability},
            {"dV_reset", Dim::voltage, 200,
             "gradual: reset floor G_LRS exp(-(|V| - V_reset) / dV_reset), at least G_HRS", P},
        };
    }
    static std::vector<ParamSpec> init_specs() {
        return {{"x", Dim::dimensionless, 0, "initial normalised state (0: HRS, 1: LRS)",
                 Check::probability}};
    }
    static std::vector<VariableSpec> variable_specs() {
        return {{"G", Dim::conductance, "small-signal conductance"},
                {"x", Dim::dimensionless, "normalised state (G - G_HRS) / (G_LRS - G_HRS)"},
                {"I_read", Dim::current, "read current at V_read"}};
    }
    static Params read(const ParamTable& t, std::size_t i) {
        Params p;
        p.mode = t.choice("mode") == "binary" ? Mode::binary : Mode::gradual;
        p.G_HRS = t.number("G_HRS", i);
        p.I_C = t.number("I_C", i);
        p.V_C = t.number("V_C", i);
        p.V_read = t.number("V_read", i);
        p.V_set = t.number("V_set", i);
        p.V_reset = t.number("V_reset", i);
        p.gamma_set = t.number("gamma_set", i);
        p.gamma_reset = t.number("gamma_reset", i);
        p.dV_reset = t.number("dV_reset", i);
        return p;
    }
    static void validate(const Params& p, const ParamTable& t) {
        if (!(p.G_HRS < G_LRS(p)))
            throw ConfigError(t.path_of("I_C"),
                              "I_C / V_C (the LRS conductance) must be above G_HRS");
        if (!(p.V_read < p.V_set))
            throw ConfigError(t.path_of("V_read"), "must be below V_set (reads must not set)");
        if (!(p.V_read < p.V_reset))
            throw ConfigError(t.path_of("V_read"), "must be below V_reset (reads must not reset)");
        if (p.mode == Mode::binary)
            for (const char* n : kGradualOnly)
                if (t.given(n)) throw ConfigError(t.path_of(n), "applies to mode \"gradual\" only");
    }
    static State initial(const Params&, const ParamTable& init, std::size_t i) {
        return {init.number("x", i)};
    }
    static double drive(const Params& p, State& s, double V, double dt) {
        return rram::drive(p, s, V, dt);
    }
    static double conductance(const Params& p, const State& s) { return rram::conductance(p, s); }
    static double& level(State& s) { return s.x; }
    static double variable(const Params& p, const State& s, std::size_t v) {
        const double G = rram::conductance(p, s);
        return v == 0 ? G : v == 1 ? s.x : G * p.V_read;
    }
};

}  // namespace

ModelInfo model_info() {
    return device_model_info<Model>(
        "rram", "bipolar filamentary RRAM (1T1R): compliance-limited set, binary or gradual reset",
        "exact: one closed-form step per pulse");
}

}  // namespace memsnn::rram
