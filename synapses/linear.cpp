// SPDX-License-Identifier: MIT
#include "synapses/linear.hpp"

#include <algorithm>

#include "engine/error.hpp"
#include "synapses/device_array.hpp"

namespace memsnn::linear {

double conductance(const Params& p, const State& s) {
    return p.G_min + (p.G_max - p.G_min) * s.x;
}

double drive(const Params& p, State& s, double V, double dt) {
    const double rate = V / p.Phi_0;  // dx/dt, 1/ms
    const double bound = rate > 0 ? 1.0 : 0.0;
    // Time until x reaches its bound; afterwards G stays at the bound.
    const double t_move = rate == 0 ? 0.0 : std::min(dt, (bound - s.x) / rate);
    const double x_end = s.x + rate * t_move;
    const double G_start = conductance(p, s);
    State end{x_end};
    const double G_end = conductance(p, end);
    const double charge = V * ((G_start + G_end) / 2 * t_move + G_end * (dt - t_move));
    s.x = std::clamp(x_end, 0.0, 1.0);
    return charge;  // uS * mV * ms = nA * ms = pC
}

namespace {

struct Model {
    using Params = linear::Params;
    using State = linear::State;

    static std::vector<ParamSpec> param_specs() {
        return {{"G_min", Dim::conductance, 1, "conductance at x = 0", Check::positive},
                {"G_max", Dim::conductance, 100, "conductance at x = 1", Check::positive},
                {"Phi_0", Dim::flux, 100, "flux that sweeps x from 0 to 1", Check::positive}};
    }
    static std::vector<ParamSpec> init_specs() {
        return {{"x", Dim::dimensionless, 0, "initial normalised state", Check::probability}};
    }
    static std::vector<VariableSpec> variable_specs() {
        return {{"G", Dim::conductance, "small-signal conductance"},
                {"x", Dim::dimensionless, "normalised state"}};
    }
    static Params read(const ParamTable& t, std::size_t i) {
        return {t.number("G_min", i), t.number("G_max", i), t.number("Phi_0", i)};
    }
    static void validate(const Params& p, const ParamTable& t) {
        if (!(p.G_min < p.G_max)) throw ConfigError(t.path_of("G_max"), "must be above G_min");
    }
    static State initial(const Params&, const ParamTable& init, std::size_t i) {
        return {init.number("x", i)};
    }
    static double drive(const Params& p, State& s, double V, double dt) {
        return linear::drive(p, s, V, dt);
    }
    static double conductance(const Params& p, const State& s) { return linear::conductance(p, s); }
    static double& level(State& s) { return s.x; }
    static double variable(const Params& p, const State& s, std::size_t v) {
        return v == 0 ? linear::conductance(p, s) : s.x;
    }
};

}  // namespace

ModelInfo model_info() {
    return device_model_info<Model>("linear", "ideal linear memristor (flux-controlled)",
                                    "exact: x linear in the applied flux");
}

}  // namespace memsnn::linear
