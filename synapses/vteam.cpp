// SPDX-License-Identifier: MIT
#include "synapses/vteam.hpp"

#include <algorithm>
#include <cmath>

#include "engine/error.hpp"
#include "synapses/device_array.hpp"

namespace memsnn::vteam {

namespace {

using window::kMaxRelR;
using window::kMaxStep;

double lambda(const Params& p) {
    return std::log(p.R_off / p.R_on);
}

// Charge [pC] of V over dt with x moving linearly at rate s from x0 (window none, no bound hit).
double linear_motion_charge(const Params& p, double V, double x0, double s, double dt) {
    const double G0 = 1 / resistance(p, x0);
    if (s == 0) return V * G0 * dt;
    if (p.iv == IV::linear) {
        const double delta = p.R_off - p.R_on;  // R(x) = R_off - delta x
        return -V * std::log1p(-delta * s * dt * G0) / (s * delta);
    }
    const double l = lambda(p);
    return V * G0 * std::expm1(l * s * dt) / (s * l);
}

}  // namespace

double resistance(const Params& p, double x) {
    return p.iv == IV::linear ? p.R_on * x + p.R_off * (1 - x)
                              : p.R_on * std::exp(lambda(p) * (1 - x));
}

double conductance(const Params& p, const State& s) {
    return 1 / resistance(p, s.x);
}

double rate(const Params& p, double V) {
    if (V < p.v_on) return p.k_on / 1000 * std::pow(V / p.v_on - 1, p.alpha_on);
    if (V > p.v_off) return -p.k_off / 1000 * std::pow(V / p.v_off - 1, p.alpha_off);
    return 0;
}

double drive(const Params& p, State& s, double V, double dt) {
    const double r = rate(p, V);
    if (r == 0) return V * dt / resistance(p, s.x);  // below threshold: x stays exactly
    if (p.window == window::Kind::none) {
        const double bound = r > 0 ? 1.0 : 0.0;
        const double t_move = std::clamp((bound - s.x) / r, 0.0, dt);
        const double q = linear_motion_charge(p, V, s.x, r, t_move);
        s.x = t_move < dt ? bound : std::clamp(s.x + r * t_move, 0.0, 1.0);
        return q + V * (dt - t_move) / resistance(p, s.x);
    }
    // Classical RK4 on dx/dt = r F(x), dq/dt = V / R(x). Each sub-step moves x by at most
    // 1e-3 F / F_max and changes R by at most 0.1 % (for an accurate charge near R_on).
    const bool up = r > 0;
    auto f = [&](double x) { return r * window::value(p.window, x, up, p.p, p.j); };
    auto g = [&](double x) { return V / resistance(p, x); };
    auto step = [&](double x) {
        const double dlnR_dx =
            p.iv == IV::linear ? (p.R_off - p.R_on) / resistance(p, x) : lambda(p);
        return std::min(kMaxStep, kMaxRelR / dlnR_dx) /
               (std::abs(r) * window::maximum(p.window, p.p, p.j));
    };
    return window::integrate(s.x, dt, f, g, step);
}

namespace {

struct Model {
    using Params = vteam::Params;
    using State = vteam::State;

    static std::vector<ParamSpec> param_specs() {
        std::vector<ParamSpec> specs{
            {"v_on", Dim::voltage, -500, "ON threshold (< 0): V < v_on moves x toward 1 (R_on)"},
            {"v_off", Dim::voltage, 500, "OFF threshold (> 0): V > v_off moves x toward 0 (R_off)"},
            {"k_on", Dim::frequency, 1e4, "rate of x toward ON at V = 2 v_on", Check::nonnegative},
            {"k_off", Dim::frequency, 1e4, "rate of x toward OFF at V = 2 v_off",
             Check::nonnegative},
            {"alpha_on", Dim::dimensionless, 3, "exponent of the ON rate", Check::positive},
            {"alpha_off", Dim::dimensionless, 3, "exponent of the OFF rate", Check::positive},
            {"R_on", Dim::resistance, 0.01, "resistance in the ON state (x = 1)", Check::positive},
            {"R_off", Dim::resistance, 1, "resistance in the OFF state (x = 0)", Check::positive},
            {"iv",
             Dim::dimensionless,
             0,
             "I-V relation: linear R = R_on x + R_off (1 - x); exponential R = R_on "
             "exp(lambda (1 - x)), lambda = ln(R_off / R_on)",
             Check::any,
             ParamKind::choice,
             {"linear", "exponential"}},
        };
        for (auto& w : window::param_specs()) specs.push_back(w);
        return specs;
    }
    static std::vector<ParamSpec> init_specs() {
        return {
            {"x", Dim::dimensionless, 0, "initial normalised state (1 = ON)", Check::probability}};
    }
    static std::vector<VariableSpec> variable_specs() {
        return {{"G", Dim::conductance, "small-signal conductance 1 / R(x)"},
                {"x", Dim::dimensionless, "normalised state (1 = ON)"}};
    }
    static Params read(const ParamTable& t, std::size_t i) {
        Params p;
        p.v_on = t.number("v_on", i);
        p.v_off = t.number("v_off", i);
        p.k_on = t.number("k_on", i);
        p.k_off = t.number("k_off", i);
        p.alpha_on = t.number("alpha_on", i);
        p.alpha_off = t.number("alpha_off", i);
        p.R_on = t.number("R_on", i);
        p.R_off = t.number("R_off", i);
        p.iv = t.choice("iv") == "exponential" ? IV::exponential : IV::linear;
        p.window = window::parse(t.choice("window"));
        p.p = t.number("p", i);
        p.j = t.number("j", i);
        return p;
    }
    static void validate(const Params& p, const ParamTable& t) {
        if (!(p.v_on < 0)) throw ConfigError(t.path_of("v_on"), "must be < 0 (V < v_on sets ON)");
        if (!(p.v_off > 0))
            throw ConfigError(t.path_of("v_off"), "must be > 0 (V > v_off resets OFF)");
        if (!(p.R_on < p.R_off)) throw ConfigError(t.path_of("R_off"), "must be above R_on");
        window::validate(p.window, p.p, t);
    }
    static State initial(const Params&, const ParamTable& init, std::size_t i) {
        return {init.number("x", i)};
    }
    static double drive(const Params& p, State& s, double V, double dt) {
        return vteam::drive(p, s, V, dt);
    }
    static double conductance(const Params& p, const State& s) { return vteam::conductance(p, s); }
    static double& level(State& s) { return s.x; }
    static double variable(const Params& p, const State& s, std::size_t v) {
        return v == 0 ? vteam::conductance(p, s) : s.x;
    }
};

}  // namespace

ModelInfo model_info() {
    return device_model_info<Model>(
        "vteam", "VTEAM voltage-threshold drift memristor (Kvatinsky 2015)",
        "exact below threshold and with window none (x linear in t, exact charge); RK4 on "
        "sub-steps of |dx| <= 1e-3 with a window");
}

}  // namespace memsnn::vteam
