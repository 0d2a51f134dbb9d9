// SPDX-License-Identifier: MIT
#include "synapses/atomic_switch.hpp"

#include "engine/error.hpp"
#include "synapses/device_array.hpp"

namespace memsnn::atomic_switch {

bool stable(const Params& p, const State& s) {
    return diffusive::conductance(p.diffusive, s) >= p.G_stable;
}

void relax(const Params& p, State& s, double dt) {
    if (!stable(p, s)) diffusive::relax(p.diffusive, s, dt);
}

double drive(const Params& p, State& s, double V, double dt) {
    if (V == 0) {
        relax(p, s, dt);
        return 0;
    }
    return diffusive::drive(p.diffusive, s, V, dt);
}

namespace {

struct Model {
    using Params = atomic_switch::Params;
    using State = atomic_switch::State;

    static std::vector<ParamSpec> param_specs() {
        auto specs = diffusive::param_specs();
        specs.push_back({"G_stable", Dim::conductance, kConductanceQuantum,
                         "conductance at and above which the bridge is stable (no relaxation); "
                         "default 2e^2/h",
                         Check::positive});
        return specs;
    }
    static std::vector<ParamSpec> init_specs() { return diffusive::init_specs(); }
    static std::vector<VariableSpec> variable_specs() {
        auto v = diffusive::variable_specs();
        v.push_back({"stable", Dim::dimensionless, "1 when the bridge is stable, else 0"});
        return v;
    }
    static Params read(const ParamTable& t, std::size_t i) {
        return {diffusive::read(t, i), t.number("G_stable", i)};
    }
    static void validate(const Params& p, const ParamTable& t) {
        diffusive::validate(p.diffusive, t);
        if (!(p.G_stable > p.diffusive.G_off && p.G_stable <= p.diffusive.G_on))
            throw ConfigError(t.path_of("G_stable"), "must be above G_off and at most G_on");
    }
    static State initial(const Params&, const ParamTable& init, std::size_t i) {
        return diffusive::initial(init, i);
    }
    static void relax(const Params& p, State& s, double dt) { atomic_switch::relax(p, s, dt); }
    static double drive(const Params& p, State& s, double V, double dt) {
        return atomic_switch::drive(p, s, V, dt);
    }
    static double conductance(const Params& p, const State& s) {
        return diffusive::conductance(p.diffusive, s);
    }
    static double& level(State& s) { return s.s; }
    static double variable(const Params& p, const State& s, std::size_t v) {
        if (v == 0) return diffusive::conductance(p.diffusive, s);
        return v == 1 ? s.s : (stable(p, s) ? 1.0 : 0.0);
    }
};

}  // namespace

ModelInfo model_info() {
    return device_model_info<Model>(
        "atomic_switch", "Ag2S gap-type atomic switch: diffusive model, stable above G_stable",
        "exact: closed-form s(t) and charge (diffusive model); no relaxation once G >= G_stable");
}

}  // namespace memsnn::atomic_switch
