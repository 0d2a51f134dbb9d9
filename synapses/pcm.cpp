// SPDX-License-Identifier: MIT
#include "synapses/pcm.hpp"

#include <algorithm>
#include <cmath>

#include "engine/error.hpp"
#include "synapses/device_array.hpp"

namespace memsnn::pcm {

double conductance(const Params& p, const State& s) {
    return p.G_min + (p.G_max - p.G_min) * s.x;
}

void relax(const Params& p, State& s, double dt) {
    const double age = s.age + dt;
    if (p.nu > 0 && age > p.t_0) {
        // G(age) / G(s.age) of the power law, flat before t_0.
        const double ratio = std::pow(age / std::max(s.age, p.t_0), -p.nu);
        const double G = conductance(p, s) * ratio;
        s.x = (G - p.G_min) / (p.G_max - p.G_min);
    }
    s.age = age;
}

double drive(const Params& p, State& s, double V, double dt, RandomStream& rng) {
    const double a = std::abs(V);
    const double G = conductance(p, s);
    if (a < p.V_set) {
        relax(p, s, dt);
        return V * dt * (G + conductance(p, s)) / 2;
    }
    const double R = p.G_max - p.G_min;
    double G_new;
    if (a >= p.V_reset) {
        const double zeta = p.sigma_r > 0 ? rng.normal() : 0.0;
        G_new = std::max(0.0, p.G_min * (1 + p.sigma_r * zeta));
    } else {
        const double xi = p.sigma_c > 0 ? rng.normal() : 0.0;
        G_new = G + p.mu_0 * (p.G_max - G) / R * (1 + p.sigma_c * xi);
    }
    s.x = (G_new - p.G_min) / R;
    s.age = 0;
    return V * dt * (G + G_new) / 2;  // mV * ms * uS = pC
}

namespace {

struct Model {
    using Params = pcm::Params;
    using State = pcm::State;

    static std::vector<ParamSpec> param_specs() {
        const auto N = Check::nonnegative;
        return {
            {"G_min", Dim::conductance, 0.1, "reset (amorphous) conductance", N},
            {"G_max", Dim::conductance, 25, "fully crystallised conductance", Check::positive},
            {"V_set", Dim::voltage, 1000, "set pulses: V_set <= |V| < V_reset crystallise",
             Check::positive},
            {"V_reset", Dim::voltage, 2000, "reset pulses: |V| >= V_reset melt and amorphise",
             Check::positive},
            {"mu_0", Dim::conductance, 2.5,
             "mean set step at G_min, falling linearly to 0 at G_max", N},
            {"sigma_c", Dim::dimensionless, 0, "relative Gaussian spread of each set step", N},
            {"sigma_r", Dim::dimensionless, 0, "relative Gaussian spread of the reset conductance",
             N},
            {"nu", Dim::dimensionless, 0, "drift exponent: G ~ (t / t_0)^-nu after programming", N},
            {"t_0", Dim::time, 1, "drift reference time after the programming pulse",
             Check::positive},
        };
    }
    static std::vector<ParamSpec> init_specs() {
        return {{"x", Dim::dimensionless, 0,
                 "initial normalised state (G - G_min) / (G_max - G_min)", Check::probability}};
    }
    static std::vector<VariableSpec> variable_specs() {
        return {{"G", Dim::conductance, "small-signal conductance (with drift)"},
                {"x", Dim::dimensionless, "normalised state (G - G_min) / (G_max - G_min)"},
                {"age", Dim::time, "time since the last programming pulse"}};
    }
    static Params read(const ParamTable& t, std::size_t i) {
        return {t.number("G_min", i),   t.number("G_max", i), t.number("V_set", i),
                t.number("V_reset", i), t.number("mu_0", i),  t.number("sigma_c", i),
                t.number("sigma_r", i), t.number("nu", i),    t.number("t_0", i)};
    }
    static void validate(const Params& p, const ParamTable& t) {
        if (!(p.G_min < p.G_max)) throw ConfigError(t.path_of("G_max"), "must be above G_min");
        if (!(p.V_set < p.V_reset)) throw ConfigError(t.path_of("V_reset"), "must be above V_set");
        if (!(p.mu_0 <= p.G_max - p.G_min))
            throw ConfigError(t.path_of("mu_0"),
                              "must not exceed G_max - G_min (a set step would overshoot G_max)");
    }
    static State initial(const Params&, const ParamTable& init, std::size_t i) {
        return {init.number("x", i), 0.0};
    }
    static void relax(const Params& p, State& s, double dt) { pcm::relax(p, s, dt); }
    static double drive(const Params& p, State& s, double V, double dt, RandomStream& rng) {
        return pcm::drive(p, s, V, dt, rng);
    }
    static double conductance(const Params& p, const State& s) { return pcm::conductance(p, s); }
    static double& level(State& s) { return s.x; }
    static double variable(const Params& p, const State& s, std::size_t v) {
        return v == 0 ? pcm::conductance(p, s) : v == 1 ? s.x : s.age;
    }
};

}  // namespace

ModelInfo model_info() {
    return device_model_info<Model>(
        "pcm", "phase-change memory: gradual noisy set, abrupt reset, power-law drift",
        "exact: one closed-form step per pulse, drift in closed form between events");
}

}  // namespace memsnn::pcm
