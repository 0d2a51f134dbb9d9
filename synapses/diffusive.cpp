// SPDX-License-Identifier: MIT
#include "synapses/diffusive.hpp"

#include <algorithm>
#include <cmath>

#include "engine/error.hpp"
#include "synapses/device_array.hpp"

namespace memsnn::diffusive {

std::vector<ParamSpec> param_specs() {
    return {
        {"G_off", Dim::conductance, 1e-3, "conductance of the dissolved filament (s = 0)",
         Check::positive},
        {"G_on", Dim::conductance, 100, "conductance of the complete filament (s = 1)",
         Check::positive},
        {"V_0", Dim::voltage, 100, "voltage scale of the drift: rate ~ sinh(|V| / V_0)",
         Check::positive},
        {"k_d", Dim::frequency, 1e6, "formation rate prefactor (V > 0)", Check::positive},
        {"k_r", Dim::frequency, 1e6, "rupture rate prefactor (V < 0)", Check::positive},
        {"tau_relax", Dim::time, 1, "relaxation time constant at zero bias", Check::positive},
        {"beta", Dim::dimensionless, 4,
         "exponent of G(s) = G_off + (G_on - G_off) s^beta; "
         "an integer from 1 to 16",
         Check::positive},
    };
}

std::vector<ParamSpec> init_specs() {
    return {{"s", Dim::dimensionless, 0, "initial filament completeness", Check::probability}};
}

std::vector<VariableSpec> variable_specs() {
    return {{"G", Dim::conductance, "small-signal conductance"},
            {"s", Dim::dimensionless, "filament completeness"}};
}

Params read(const ParamTable& t, std::size_t i) {
    return {t.number("G_off", i), t.number("G_on", i),      t.number("V_0", i), t.number("k_d", i),
            t.number("k_r", i),   t.number("tau_relax", i), t.number("beta", i)};
}

void validate(const Params& p, const ParamTable& t) {
    if (!(p.G_off < p.G_on)) throw ConfigError(t.path_of("G_on"), "must be above G_off");
    if (!(p.beta >= 1 && p.beta <= 16 && p.beta == std::floor(p.beta)))
        throw ConfigError(t.path_of("beta"), "must be an integer from 1 to 16");
}

State initial(const ParamTable& init, std::size_t i) {
    return {init.number("s", i)};
}

double conductance(const Params& p, const State& s) {
    return p.G_off + (p.G_on - p.G_off) * std::pow(s.s, p.beta);
}

void relax(const Params& p, State& s, double dt) {
    s.s *= std::exp(-dt / p.tau_relax);
}

double rate(const Params& p, double V) {
    const double k = V > 0 ? p.k_d : p.k_r;
    return k * 1e-3 * std::sinh(std::abs(V) / p.V_0);  // Hz -> 1/ms
}

double integral_s_beta(const Params& p, double s0, double V, double T) {
    const double r = rate(p, V);
    if (!(r > 0) || !(T > 0)) return std::pow(s0, p.beta) * std::max(T, 0.0);
    if (V < 0) return std::pow(s0, p.beta) * -std::expm1(-p.beta * r * T) / (p.beta * r);
    const int beta = static_cast<int>(p.beta);
    const double delta = (1 - s0) * -std::expm1(-r * T);  // s1 - s0
    const double s1 = std::min(1.0, s0 + delta);
    double D = 1;     // D_m = (s1^m - s0^m) / (s1 - s0), from D_1 = 1
    double s0m = s0;  // s0^m
    double sum = 0;
    if (s1 <= 0.75) {  // (1/r) sum_{m > beta} (s1^m - s0^m) / m: terms shrink by <= 3/4
        for (int m = 1; m < 4000; ++m) {
            if (m > beta) {
                const double term = D / m;
                sum += term;
                if (term <= 1e-17 * sum) break;
            }
            D = s1 * D + s0m;
            s0m *= s0;
        }
        return delta / r * sum;
    }
    for (int m = 1; m <= beta; ++m) {  // T - (1/r) sum_{m <= beta} (s1^m - s0^m) / m
        sum += D / m;
        D = s1 * D + s0m;
        s0m *= s0;
    }
    return std::max(0.0, T - delta / r * sum);
}

double drive(const Params& p, State& s, double V, double dt) {
    if (V == 0) {
        relax(p, s, dt);
        return 0;
    }
    const double r = rate(p, V);
    const double integral = integral_s_beta(p, s.s, V, dt);
    if (V > 0)
        s.s = std::min(1.0, s.s + (1 - s.s) * -std::expm1(-r * dt));
    else
        s.s *= std::exp(-r * dt);
    return V * (p.G_off * dt + (p.G_on - p.G_off) * integral);  // mV * uS * ms = pC
}

namespace {

struct Model {
    using Params = diffusive::Params;
    using State = diffusive::State;

    static std::vector<ParamSpec> param_specs() { return diffusive::param_specs(); }
    static std::vector<ParamSpec> init_specs() { return diffusive::init_specs(); }
    static std::vector<VariableSpec> variable_specs() { return diffusive::variable_specs(); }
    static Params read(const ParamTable& t, std::size_t i) { return diffusive::read(t, i); }
    static void validate(const Params& p, const ParamTable& t) { diffusive::validate(p, t); }
    static State initial(const Params&, const ParamTable& init, std::size_t i) {
        return diffusive::initial(init, i);
    }
    static void relax(const Params& p, State& s, double dt) { diffusive::relax(p, s, dt); }
    static double drive(const Params& p, State& s, double V, double dt) {
        return diffusive::drive(p, s, V, dt);
    }
    static double conductance(const Params& p, const State& s) {
        return diffusive::conductance(p, s);
    }
    static double& level(State& s) { return s.s; }
    static double variable(const Params& p, const State& s, std::size_t v) {
        return v == 0 ? diffusive::conductance(p, s) : s.s;
    }
};

}  // namespace

ModelInfo model_info() {
    return device_model_info<Model>(
        "diffusive", "diffusive (volatile) Ag memristor: sinh drift, exponential relaxation",
        "exact: closed-form s(t) and charge under each segment and at zero bias");
}

}  // namespace memsnn::diffusive
