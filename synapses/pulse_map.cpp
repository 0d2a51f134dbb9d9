// SPDX-License-Identifier: MIT
#include "synapses/pulse_map.hpp"

#include <algorithm>
#include <cmath>

#include "engine/error.hpp"
#include "synapses/device_array.hpp"

namespace memsnn::pulse_map {

double conductance(const Params& p, const State& s) {
    return p.G_min + (p.G_max - p.G_min) * s.x;
}

// All maps in normalised form (x = (G - G_min) / R): dividing the conductance maps by R.
double step(const Params& p, double x, bool up) {
    switch (p.map) {
        case Map::linear:
            return up ? 1 / p.N_p : -1 / p.N_d;
        case Map::nonlinear: {
            // b = B / R; dx+ = (b - x)(1 - e^{-1/A_p}), dx- = -(x - 1 + b)(1 - e^{-1/A_d}).
            const double A = up ? p.A_p : p.A_d;
            const double b = 1 / -std::expm1(-(up ? p.N_p : p.N_d) / A);
            const double f = -std::expm1(-1 / A);
            return up ? (b - x) * f : -(x - 1 + b) * f;
        }
        case Map::soft_bound:
            return up ? p.alpha_p * (1 - x) : -p.alpha_d * x;
        case Map::exponential: {
            const double R = p.G_max - p.G_min;
            return up ? p.dG0_p / R * std::exp(-p.beta_p * x)
                      : -p.dG0_d / R * std::exp(-p.beta_d * (1 - x));
        }
    }
    return 0;
}

double drive(const Params& p, State& s, double V, double dt) {
    const double G_before = conductance(p, s);
    const bool up = V >= p.V_p;
    if (up || V <= p.V_d) {
        const double w = p.t_ref_pulse > 0 ? dt / p.t_ref_pulse : 1.0;
        s.x = std::clamp(s.x + w * step(p, s.x, up), 0.0, 1.0);
    }
    return V * dt * (G_before + conductance(p, s)) / 2;  // mV * ms * uS = pC
}

namespace {

struct MapParams {
    Map map;
    const char* names[4];
};

// Which parameters belong to which map (G, V, t_ref_pulse belong to all).
constexpr MapParams kOwned[] = {
    {Map::linear, {"N_p", "N_d", nullptr, nullptr}},
    {Map::nonlinear, {"N_p", "N_d", "A_p", "A_d"}},
    {Map::soft_bound, {"alpha_p", "alpha_d", nullptr, nullptr}},
    {Map::exponential, {"dG0_p", "dG0_d", "beta_p", "beta_d"}},
};

bool owned(Map map, const std::string& name) {
    for (const MapParams& m : kOwned)
        if (m.map == map)
            for (const char* n : m.names)
                if (n && name == n) return true;
    return false;
}

Map map_of(const std::string& name) {
    return name == "linear"       ? Map::linear
           : name == "nonlinear"  ? Map::nonlinear
           : name == "soft_bound" ? Map::soft_bound
                                  : Map::exponential;
}

struct Model {
    using Params = pulse_map::Params;
    using State = pulse_map::State;

    static std::vector<ParamSpec> param_specs() {
        const auto P = Check::positive;
        return {
            {"map",
             Dim::dimensionless,
             0,
             "update map: linear, nonlinear (Chen 2015 NeuroSim), soft_bound, exponential "
             "(Querlioz 2011)",
             Check::any,
             ParamKind::choice,
             {"linear", "nonlinear", "soft_bound", "exponential"}},
            {"G_min", Dim::conductance, 1, "lowest conductance", Check::nonnegative},
            {"G_max", Dim::conductance, 100, "highest conductance", P},
            {"V_p", Dim::voltage, 500, "potentiation threshold: pulses V >= V_p step up", P},
            {"V_d", Dim::voltage, -500, "depression threshold: pulses V <= V_d step down"},
            {"N_p", Dim::dimensionless, 100, "LTP pulses for the full range (linear, nonlinear)",
             P},
            {"N_d", Dim::dimensionless, 100, "LTD pulses for the full range (linear, nonlinear)",
             P},
            {"A_p", Dim::dimensionless, 50, "nonlinear: LTP pulse constant (large: linear)", P},
            {"A_d", Dim::dimensionless, 50, "nonlinear: LTD pulse constant (large: linear)", P},
            {"alpha_p", Dim::dimensionless, 0.02, "soft_bound: LTP step as a fraction of G_max - G",
             Check::probability},
            {"alpha_d", Dim::dimensionless, 0.02, "soft_bound: LTD step as a fraction of G - G_min",
             Check::probability},
            {"dG0_p", Dim::conductance, 1, "exponential: LTP step at G_min", Check::nonnegative},
            {"dG0_d", Dim::conductance, 1, "exponential: LTD step at G_max", Check::nonnegative},
            {"beta_p", Dim::dimensionless, 3, "exponential: LTP state dependence",
             Check::nonnegative},
            {"beta_d", Dim::dimensionless, 3, "exponential: LTD state dependence",
             Check::nonnegative},
            {"t_ref_pulse", Dim::time, 0,
             "pulse width of one full step; steps scale with width / t_ref_pulse (0: one pulse, "
             "one step)",
             Check::nonnegative},
        };
    }
    static std::vector<ParamSpec> init_specs() {
        return {{"x", Dim::dimensionless, 0,
                 "initial normalised state (G - G_min) / (G_max - G_min)", Check::probability}};
    }
    static std::vector<VariableSpec> variable_specs() {
        return {{"G", Dim::conductance, "small-signal conductance"},
                {"x", Dim::dimensionless, "normalised state (G - G_min) / (G_max - G_min)"}};
    }
    static Params read(const ParamTable& t, std::size_t i) {
        Params p;
        p.map = map_of(t.choice("map"));
        p.G_min = t.number("G_min", i);
        p.G_max = t.number("G_max", i);
        p.V_p = t.number("V_p", i);
        p.V_d = t.number("V_d", i);
        p.N_p = t.number("N_p", i);
        p.N_d = t.number("N_d", i);
        p.A_p = t.number("A_p", i);
        p.A_d = t.number("A_d", i);
        p.alpha_p = t.number("alpha_p", i);
        p.alpha_d = t.number("alpha_d", i);
        p.dG0_p = t.number("dG0_p", i);
        p.dG0_d = t.number("dG0_d", i);
        p.beta_p = t.number("beta_p", i);
        p.beta_d = t.number("beta_d", i);
        p.t_ref_pulse = t.number("t_ref_pulse", i);
        return p;
    }
    static void validate(const Params& p, const ParamTable& t) {
        if (!(p.G_min < p.G_max)) throw ConfigError(t.path_of("G_max"), "must be above G_min");
        if (!(p.V_d < 0)) throw ConfigError(t.path_of("V_d"), "must be negative");
        for (const MapParams& m : kOwned)
            for (const char* n : m.names)
                if (n && t.given(n) && !owned(p.map, n))
                    throw ConfigError(t.path_of(n),
                                      "does not apply to map \"" + t.choice("map") + "\"");
    }
    static State initial(const Params&, const ParamTable& init, std::size_t i) {
        return {init.number("x", i)};
    }
    static double drive(const Params& p, State& s, double V, double dt) {
        return pulse_map::drive(p, s, V, dt);
    }
    static double conductance(const Params& p, const State& s) {
        return pulse_map::conductance(p, s);
    }
    static double& level(State& s) { return s.x; }
    static double variable(const Params& p, const State& s, std::size_t v) {
        return v == 0 ? pulse_map::conductance(p, s) : s.x;
    }
};

}  // namespace

ModelInfo model_info() {
    return device_model_info<Model>(
        "pulse_map", "behavioural pulse-response device: one map step per above-threshold pulse",
        "exact: one closed-form step per pulse");
}

}  // namespace memsnn::pulse_map
