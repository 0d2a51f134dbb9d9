// SPDX-License-Identifier: MIT
#include "synapses/second_order.hpp"

#include <algorithm>
#include <cmath>

#include "engine/error.hpp"
#include "synapses/device_array.hpp"

namespace memsnn::second_order {

double conductance(const Params& p, const State& s) {
    return p.G_min + (p.G_max - p.G_min) * s.w;
}

double heating(const Params& p, double V) {
    const double v = V / p.V_ref;
    return p.dT_p * v * v;
}

double peak_temperature(const Params& p, const State& s, double V) {
    return p.T_0 + heating(p, V) + s.T_res;
}

namespace {
// e^{-dt/tau_T}. Beyond 746 time constants std::exp returns exactly 0, through its slow
// underflow path; devices idle between spikes are far beyond, so that case is answered first.
double thermal_decay(const Params& p, double dt) {
    const double x = dt / p.tau_T;
    return x > 746 ? 0.0 : std::exp(-x);
}
}  // namespace

void relax(const Params& p, State& s, double dt) {
    s.T_res *= thermal_decay(p, dt);
}

double drive(const Params& p, State& s, double V, double dt) {
    if (V == 0) {
        relax(p, s, dt);
        return 0;
    }
    const double T = peak_temperature(p, s, V);
    const double speed = p.A * 1e-3 * std::exp(-p.E_a / (kBoltzmann * T));  // |dw/dt|, 1/ms
    const double rate = V > 0 ? speed : -speed;
    const double bound = V > 0 ? 1.0 : 0.0;
    // Time until w reaches its bound; afterwards G stays at the bound.
    const double t_move = rate == 0 ? dt : std::min(dt, (bound - s.w) / rate);
    const double G_start = conductance(p, s);
    s.w = std::clamp(s.w + rate * t_move, 0.0, 1.0);
    const double G_end = conductance(p, s);
    s.T_res = (s.T_res + heating(p, V)) * thermal_decay(p, dt);
    return V * ((G_start + G_end) / 2 * t_move + G_end * (dt - t_move));  // pC
}

namespace {

struct Model {
    using Params = second_order::Params;
    using State = second_order::State;

    static std::vector<ParamSpec> param_specs() {
        return {
            {"G_min", Dim::conductance, 1, "conductance at w = 0", Check::positive},
            {"G_max", Dim::conductance, 100, "conductance at w = 1", Check::positive},
            {"tau_T", Dim::time, 5e-4, "thermal time constant of the residual heat",
             Check::positive},
            {"T_0", Dim::temperature, 300, "ambient temperature", Check::positive},
            {"dT_p", Dim::temperature, 300, "temperature rise of a pulse of amplitude V_ref",
             Check::nonnegative},
            {"V_ref", Dim::voltage, 1000,
             "amplitude at which a pulse heats by dT_p; "
             "dT = dT_p (V / V_ref)^2",
             Check::positive},
            {"E_a", Dim::energy, 1.602176634e-4, "activation energy of ion migration (1 eV)",
             Check::positive},
            {"A", Dim::frequency, 2.5e12,
             "rate prefactor: dw/dt = sgn(V) A exp(-E_a / k_B T) during a pulse",
             Check::nonnegative},
        };
    }
    static std::vector<ParamSpec> init_specs() {
        return {{"w", Dim::dimensionless, 0, "initial normalised state", Check::probability}};
    }
    static std::vector<VariableSpec> variable_specs() {
        return {{"G", Dim::conductance, "small-signal conductance"},
                {"w", Dim::dimensionless, "normalised non-volatile state"},
                {"T", Dim::temperature, "device temperature: T_0 + residual heat"}};
    }
    static Params read(const ParamTable& t, std::size_t i) {
        return {t.number("G_min", i), t.number("G_max", i), t.number("tau_T", i),
                t.number("T_0", i),   t.number("dT_p", i),  t.number("V_ref", i),
                t.number("E_a", i),   t.number("A", i)};
    }
    static void validate(const Params& p, const ParamTable& t) {
        if (!(p.G_min < p.G_max)) throw ConfigError(t.path_of("G_max"), "must be above G_min");
    }
    static State initial(const Params&, const ParamTable& init, std::size_t i) {
        return {init.number("w", i), 0.0};
    }
    static void relax(const Params& p, State& s, double dt) { second_order::relax(p, s, dt); }
    static double drive(const Params& p, State& s, double V, double dt) {
        return second_order::drive(p, s, V, dt);
    }
    static double conductance(const Params& p, const State& s) {
        return second_order::conductance(p, s);
    }
    static double& level(State& s) { return s.w; }
    static double variable(const Params& p, const State& s, std::size_t v) {
        if (v == 0) return second_order::conductance(p, s);
        return v == 1 ? s.w : p.T_0 + s.T_res;
    }
};

}  // namespace

ModelInfo model_info() {
    return device_model_info<Model>(
        "second_order", "second-order memristor: non-volatile w gated by volatile residual heat",
        "exact: w linear within a pulse, residual heat decays in closed form");
}

}  // namespace memsnn::second_order
