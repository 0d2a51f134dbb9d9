// SPDX-License-Identifier: MIT
#include "synapses/hp_drift.hpp"

#include <algorithm>
#include <cmath>

#include "engine/error.hpp"
#include "synapses/device_array.hpp"

namespace memsnn::hp_drift {

namespace {

using window::kMaxRelR;
using window::kMaxStep;

// int_a^b R(u) du [MOhm].
double resistance_integral(const Params& p, double a, double b) {
    const double delta = p.R_off - p.R_on;
    return p.R_off * (b - a) - delta * (b * b - a * a) / 2;
}

// Window none: the closed form of the header.
double drive_no_window(const Params& p, State& s, double V, double dt) {
    const double delta = p.R_off - p.R_on;
    const double bound = V > 0 ? 1.0 : 0.0;
    const double t_b = p.Q_0 * resistance_integral(p, s.x, bound) / V;  // >= 0
    if (dt < t_b) {
        const double R0 = resistance(p, s.x);
        const double disc = std::max(0.0, R0 * R0 - 2 * delta * V * dt / p.Q_0);
        const double q = 2 * V * dt / (R0 + std::sqrt(disc));
        s.x = std::clamp(s.x + q / p.Q_0, 0.0, 1.0);
        return q;
    }
    const double q = p.Q_0 * (bound - s.x);
    s.x = bound;
    return q + V * (dt - t_b) / resistance(p, bound);
}

}  // namespace

double resistance(const Params& p, double x) {
    return p.R_on * x + p.R_off * (1 - x);
}

double conductance(const Params& p, const State& s) {
    return 1 / resistance(p, s.x);
}

double drive(const Params& p, State& s, double V, double dt) {
    if (V == 0 || dt <= 0) return 0;
    if (p.window == window::Kind::none) return drive_no_window(p, s, V, dt);
    // Classical RK4 on dx/dt = V F(x) / (Q_0 R(x)), dq/dt = V / R(x). Each sub-step moves x by
    // at most 1e-3 F / F_max and changes R by at most 0.1 % (the rate is stiff near R_on).
    const bool up = V > 0;
    const double delta = p.R_off - p.R_on;
    auto g = [&](double x) { return V / resistance(p, x); };
    auto f = [&](double x) { return g(x) * window::value(p.window, x, up, p.p, p.j) / p.Q_0; };
    auto step = [&](double x) {
        const double R = resistance(p, x);
        const double dx_max = std::min(kMaxStep, kMaxRelR * R / delta);
        return dx_max * p.Q_0 * R / (std::abs(V) * window::maximum(p.window, p.p, p.j));
    };
    return window::integrate(s.x, dt, f, g, step);
}

namespace {

struct Model {
    using Params = hp_drift::Params;
    using State = hp_drift::State;

    static std::vector<ParamSpec> param_specs() {
        std::vector<ParamSpec> specs{
            {"R_on", Dim::resistance, 1e-4, "resistance when fully doped (x = 1, ON)",
             Check::positive},
            {"R_off", Dim::resistance, 0.016, "resistance when undoped (x = 0, OFF)",
             Check::positive},
            {"R_init", Dim::resistance, 0.011, "initial resistance (sets x unless init x is given)",
             Check::positive},
            {"Q_0", Dim::charge, 1e8,
             "charge that sweeps x from 0 to 1, D^2 / (mu_v R_on) (100 uC: D = 10 nm, mu_v = "
             "1e-14 m^2/(V s), R_on = 100 Ohm)",
             Check::positive},
        };
        for (auto& w : window::param_specs()) specs.push_back(w);
        return specs;
    }
    static std::vector<ParamSpec> init_specs() {
        return {{"x",
                 Dim::dimensionless,
                 kRequired,
                 "initial doped fraction (1 = ON)",
                 Check::probability,
                 ParamKind::number,
                 {},
                 "from R_init"}};
    }
    static std::vector<VariableSpec> variable_specs() {
        return {{"G", Dim::conductance, "small-signal conductance 1 / R(x)"},
                {"x", Dim::dimensionless, "doped fraction w / D (1 = ON)"}};
    }
    static Params read(const ParamTable& t, std::size_t i) {
        Params p;
        p.R_on = t.number("R_on", i);
        p.R_off = t.number("R_off", i);
        p.R_init = t.number("R_init", i);
        p.Q_0 = t.number("Q_0", i);
        p.window = window::parse(t.choice("window"));
        p.p = t.number("p", i);
        p.j = t.number("j", i);
        return p;
    }
    static void validate(const Params& p, const ParamTable& t) {
        if (!(p.R_on < p.R_off)) throw ConfigError(t.path_of("R_off"), "must be above R_on");
        if (!(p.R_on <= p.R_init && p.R_init <= p.R_off))
            throw ConfigError(t.path_of("R_init"), "must lie between R_on and R_off");
        window::validate(p.window, p.p, t);
    }
    static State initial(const Params& p, const ParamTable& init, std::size_t i) {
        if (init.given("x")) return {init.number("x", i)};
        return {(p.R_off - p.R_init) / (p.R_off - p.R_on)};
    }
    static double drive(const Params& p, State& s, double V, double dt) {
        return hp_drift::drive(p, s, V, dt);
    }
    static double conductance(const Params& p, const State& s) {
        return hp_drift::conductance(p, s);
    }
    static double& level(State& s) { return s.x; }
    static double variable(const Params& p, const State& s, std::size_t v) {
        return v == 0 ? hp_drift::conductance(p, s) : s.x;
    }
};

}  // namespace

ModelInfo model_info() {
    return device_model_info<Model>(
        "hp_drift", "HP linear ion-drift memristor (Strukov 2008) with windows",
        "closed form with window none (charge solves R(q) dq/dt = V); RK4 on sub-steps of "
        "|dx| <= 1e-3 with a window");
}

}  // namespace memsnn::hp_drift
