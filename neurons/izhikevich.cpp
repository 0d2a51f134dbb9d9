// SPDX-License-Identifier: MIT
#include "neurons/izhikevich.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <string>

#include "engine/error.hpp"

namespace memsnn::izhikevich {

namespace {

struct NamedPreset {
    std::string_view name;
    Abcd values;
};

// Izhikevich (2003) Fig. 2.
constexpr std::array<NamedPreset, 7> kPresets{{
    {"RS", {0.02, 0.2, -65, 8}},      // regular spiking
    {"IB", {0.02, 0.2, -55, 4}},      // intrinsically bursting
    {"CH", {0.02, 0.2, -50, 2}},      // chattering
    {"FS", {0.1, 0.2, -65, 2}},       // fast spiking
    {"LTS", {0.02, 0.25, -65, 2}},    // low-threshold spiking
    {"TC", {0.02, 0.25, -65, 0.05}},  // thalamo-cortical
    {"RZ", {0.1, 0.26, -65, 2}},      // resonator
}};

constexpr double kDefaultDt = 0.1;  // ms, the scenario default, for callers that give no dt

}  // namespace

std::optional<Abcd> preset(std::string_view name) {
    for (const auto& p : kPresets)
        if (p.name == name) return p.values;
    return std::nullopt;
}

const std::vector<std::string_view>& preset_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (const auto& p : kPresets) out.push_back(p.name);
        return out;
    }();
    return names;
}

StepConstants step_constants(const Params& p, double dt_ms) {
    StepConstants c;
    c.dt = dt_ms;
    c.decay_ex = std::exp(-dt_ms / p.tau_syn_ex);
    c.decay_in = std::exp(-dt_ms / p.tau_syn_in);
    return c;
}

double dv_dt(double v, double u, double J) {
    // Left to right as in Izhikevich's published code: 0.04*v.^2+5*v+140-u+I.
    return 0.04 * (v * v) + 5 * v + 140 - u + J;
}

double drive(const Params& p, const StepConstants& c, const State& s) {
    const double J = (p.I_e + s.I_stim + s.x.syn_ex + s.x.syn_in) / p.C_m;
    return s.jump == 0 ? J : J + s.jump / c.dt;
}

Vars step_euler(const Params& p, const StepConstants& c, const Vars& x, double J) {
    Vars y;
    y.V_m = x.V_m + c.dt * dv_dt(x.V_m, x.u, J);
    y.u = x.u + c.dt * (p.a * (p.b * x.V_m - x.u));
    y.syn_ex = x.syn_ex * c.decay_ex;
    y.syn_in = x.syn_in * c.decay_in;
    return y;
}

Vars step_half_step(const Params& p, const StepConstants& c, const Vars& x, double J) {
    const double h = 0.5 * c.dt;
    Vars y;
    const double v1 = x.V_m + h * dv_dt(x.V_m, x.u, J);
    y.V_m = v1 + h * dv_dt(v1, x.u, J);
    y.u = x.u + c.dt * (p.a * (p.b * y.V_m - x.u));  // u follows the new v, as published
    y.syn_ex = x.syn_ex * c.decay_ex;
    y.syn_in = x.syn_in * c.decay_in;
    return y;
}

Vars step(const Params& p, Integrator integrator, const StepConstants& c, const Vars& x, double J) {
    return integrator == Integrator::euler ? step_euler(p, c, x, J) : step_half_step(p, c, x, J);
}

bool at_peak(const Params& p, const Vars& x) {
    return x.V_m >= p.V_peak;
}

void reset(const Params& p, Vars& x) {
    x.V_m = p.c;
    x.u += p.d;
}

bool advance(const Params& p, Integrator integrator, const StepConstants& c, State& s,
             std::int64_t k_target) {
    while (s.k < k_target) {
        if (at_peak(p, s.x)) return false;  // a spike at k comes first
        if (s.fixed_point) {                // every further step is the identity
            s.k = k_target;
            return true;
        }
        const double J = drive(p, c, s);
        const Vars y = step(p, integrator, c, s.x, J);
        // With no delta input in this step, the next step has the same drive: if this one left
        // the variables unchanged, so will every following one.
        s.fixed_point = s.jump == 0 && y == s.x;
        s.x = y;
        s.jump = 0;
        ++s.k;
    }
    return true;
}

namespace {

class IzhikevichPopulation final : public Population {
  public:
    IzhikevichPopulation(const PopulationArgs& args, std::vector<Params> params, Input input,
                         Integrator integrator)
        : Population(args.name, args.size),
          params_(std::move(params)),
          state_(args.size),
          lookahead_(args.size),
          sampled_(args.size),
          version_(args.size, 0),
          input_(input),
          integrator_(integrator),
          dt_(args.dt > 0 ? args.dt : ms_to_ticks(kDefaultDt)),
          path_(args.params->path()) {
        const double dt_ms = ticks_to_ms(dt_);
        for (const char* syn : {"I_syn_ex", "I_syn_in"})
            if (args.init->given(syn) && input == Input::delta)
                throw ConfigError(args.init->path_of(syn),
                                  "is not state of an izhikevich with input \"delta\"");
        constants_.reserve(args.size);
        horizon_.reserve(args.size);
        for (std::size_t i = 0; i < args.size; ++i) {
            const Params& p = params_[i];
            constants_.push_back(step_constants(p, dt_ms));
            const double steps = std::ceil(p.lookahead / dt_ms - 1e-9);
            horizon_.push_back(static_cast<std::int64_t>(std::clamp(steps, 1.0, 1e9)));
            Vars& x = state_[i].x;
            x.V_m = args.init->number("V_m", i);
            x.u = args.init->given("u") ? args.init->number("u", i) : p.b * x.V_m;
            x.syn_ex = args.init->number("I_syn_ex", i);
            x.syn_in = args.init->number("I_syn_in", i);
        }
    }

    std::optional<Dim> weight_dim() const override {
        return input_ == Input::delta ? Dim::voltage : Dim::current;
    }
    bool accepts_current() const override { return true; }

    void deliver(std::size_t i, Tick t, double w) override {
        State& s = move_to(i, grid_index_ceil(t, dt_));
        if (input_ == Input::delta)
            s.jump += w;
        else
            (w >= 0 ? s.x.syn_ex : s.x.syn_in) += w;
        s.fixed_point = false;
        ++version_[i];
    }

    void add_current(std::size_t i, Tick t, double delta_nA) override {
        State& s = move_to(i, grid_index_ceil(t, dt_));
        s.I_stim += delta_nA;
        s.fixed_point = false;
        ++version_[i];
    }

    Tick predict(std::size_t i, Tick now) override {
        const State& s = state_[i];
        if (at_peak(params_[i], s.x)) return std::max(grid_tick(s.k, dt_), now);
        Cached& c = lookahead_[i];
        if (c.version != version_[i]) {
            c.version = version_[i];
            c.state = s;
            step_copy(i, c.state, s.k + horizon_[i]);
        }
        if (at_peak(params_[i], c.state.x)) return grid_tick(c.state.k, dt_);
        if (c.state.fixed_point) return kNever;  // nothing happens until an input
        return grid_tick(c.state.k, dt_);
    }

    bool fire(std::size_t i, Tick t) override {
        State& s = move_to(i, grid_index_ceil(t, dt_));
        if (!at_peak(params_[i], s.x)) return false;  // a look-ahead wake-up
        assert(grid_tick(s.k, dt_) == t);
        reset(params_[i], s.x);
        s.fixed_point = false;
        ++version_[i];
        return true;
    }

    const std::vector<VariableSpec>& variables() const override { return variables_; }

    double sample(std::size_t i, std::size_t variable, Tick t) const override {
        const std::int64_t k = grid_index_ceil(t, dt_);
        // Steps a copy; the last sampled copy and the look-ahead are reused while they are valid,
        // so recording every dt costs one step per sample and never perturbs the run.
        Cached& c = sampled_[i];
        if (c.version != version_[i] || c.state.k > k) {
            c.version = version_[i];
            const Cached& ahead = lookahead_[i];
            c.state = ahead.version == version_[i] && ahead.state.k <= k ? ahead.state : state_[i];
        }
        if (c.state.k < k) step_copy(i, c.state, k);
        // A sample never lies beyond the next spike: that spike is emitted (and the state
        // changed) before time moves past it.
        assert(c.state.k == k || k < state_[i].k);
        const Vars& x = c.state.k == k ? c.state.x : state_[i].x;
        switch (variable) {
            case 0:
                return x.V_m;
            case 1:
                return x.u;
            case 2:
                return x.syn_ex;
            default:
                return x.syn_in;
        }
    }

  private:
    struct Cached {
        std::uint64_t version = ~std::uint64_t{0};  // version_ of the state it started from
        State state;
    };

    void step_copy(std::size_t i, State& s, std::int64_t k) const {
        advance(params_[i], integrator_, constants_[i], s, k);
        if (!std::isfinite(s.x.V_m) || !std::isfinite(s.x.u))
            throw ConfigError(
                path_ + "/integrator",
                "the state of " + name() + "[" + std::to_string(i) + "] diverged by t = " +
                    format_quantity(ticks_to_ms(grid_tick(s.k, dt_)), Dim::time) +
                    ": the step dt = " + format_quantity(ticks_to_ms(dt_), Dim::time) +
                    " is too large for these parameters; set the scenario's \"dt\" smaller");
    }

    // Brings element i to grid point k (>= its own), reusing the look-ahead when it got there.
    State& move_to(std::size_t i, std::int64_t k) {
        State& s = state_[i];
        if (k <= s.k) return s;
        const Cached& ahead = lookahead_[i];
        if (ahead.version == version_[i] && ahead.state.k <= k && ahead.state.k > s.k)
            s = ahead.state;
        if (s.k < k) step_copy(i, s, k);
        // A pending spike is emitted before time moves past it.
        assert(s.k == k);
        ++version_[i];
        return s;
    }

    std::vector<Params> params_;
    std::vector<StepConstants> constants_;
    std::vector<std::int64_t> horizon_;  // look-ahead in steps
    std::vector<State> state_;
    std::vector<Cached> lookahead_;
    mutable std::vector<Cached> sampled_;
    std::vector<std::uint64_t> version_;  // bumped at every change of state_[i]
    Input input_;
    Integrator integrator_;
    Tick dt_;
    std::string path_;
    std::vector<VariableSpec> variables_ = model_info().variables;
};

std::vector<Params> read_params(const ParamTable& t) {
    const Abcd base = *preset(t.choice("preset"));
    std::vector<Params> out(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        Params& p = out[i];
        // A value written in the scenario overrides the preset's.
        p.a = t.given("a") ? t.number("a", i) : base.a;
        p.b = t.given("b") ? t.number("b", i) : base.b;
        p.c = t.given("c") ? t.number("c", i) : base.c;
        p.d = t.given("d") ? t.number("d", i) : base.d;
        p.V_peak = t.number("V_peak", i);
        p.C_m = t.number("C_m", i);
        p.I_e = t.number("I_e", i);
        p.tau_syn_ex = t.number("tau_syn_ex", i);
        p.tau_syn_in = t.number("tau_syn_in", i);
        p.lookahead = t.number("lookahead", i);
    }
    return out;
}

void validate(const std::vector<Params>& params, const ParamTable& t) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Params& p = params[i];
        const std::string element = params.size() > 1 ? " (element " + std::to_string(i) + ")" : "";
        // Reset at or above the cut-off would spike again at once, forever.
        if (!(p.c < p.V_peak))
            throw ConfigError(t.path_of(t.given("c") ? "c" : "V_peak"),
                              "c must be below V_peak (" + format_quantity(p.V_peak, Dim::voltage) +
                                  "), got c = " + format_quantity(p.c, Dim::voltage) + element);
    }
}

ParamSpec abcd_spec(const char* name, Dim dim, double rs_value, const char* unit, std::string doc,
                    Check check = Check::any) {
    ParamSpec s{name, dim, rs_value, std::move(doc), check};
    s.shown_default = "preset (RS: " + format_quantity(rs_value, dim) + ")";
    if (*unit) s.shown_unit = unit;
    return s;
}

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "izhikevich";
    m.kind = ModelKind::neuron;
    m.summary = "Izhikevich (2003) quadratic neuron with recovery variable u, firing-class presets";
    m.integrator =
        "fixed step = scenario dt, grid-aligned (an input at t acts at grid point ceil(t/dt)); "
        "euler (forward Euler) or izhikevich_half_step (the published code: two dt/2 steps of v, "
        "then u from the new v); spike at the grid point where v >= V_peak";
    std::vector<std::string> presets(preset_names().begin(), preset_names().end());
    const Abcd rs = *preset("RS");
    m.params = {
        {"preset", Dim::dimensionless, 0,
         "firing class of Izhikevich (2003) Fig. 2, sets a, b, c, d: RS regular spiking, IB "
         "intrinsically bursting, CH chattering, FS fast spiking, LTS low-threshold spiking, TC "
         "thalamo-cortical, RZ resonator; a, b, c, d given explicitly override it",
         Check::any, ParamKind::choice, presets},
        abcd_spec("a", Dim::dimensionless, rs.a, "1/ms", "time scale (rate) of the recovery u",
                  Check::nonnegative),
        abcd_spec("b", Dim::dimensionless, rs.b, "1/ms", "sensitivity of u to v"),
        abcd_spec("c", Dim::voltage, rs.c, "", "reset of v after a spike (< V_peak)"),
        abcd_spec("d", Dim::dimensionless, rs.d, "mV/ms", "increment of u at a spike"),
        {"V_peak", Dim::voltage, 30, "spike cut-off: v >= V_peak is a spike"},
        {"C_m", Dim::capacitance, 1,
         "converts input currents to the model's drive: I [mV/ms] = current [nA] / C_m",
         Check::positive},
        {"I_e", Dim::current, 0, "constant bias current (10 nA = the paper's I = 10 at C_m 1 nF)"},
        {"tau_syn_ex", Dim::time, 5, "excitatory synaptic current decay (exp_current)",
         Check::positive},
        {"tau_syn_in", Dim::time, 10, "inhibitory synaptic current decay (exp_current)",
         Check::positive},
        {"lookahead", Dim::time, 1,
         "how far predict steps ahead before asking for a wake-up (rounded up to whole steps; "
         "speed only, never results)",
         Check::positive},
        {"input",
         Dim::dimensionless,
         0,
         "synaptic input: delta = the weights [mV] of a grid point enter the drive as w/dt for "
         "the one step out of it (v rises by w); exp_current = weight [nA] into an "
         "exponentially decaying current",
         Check::any,
         ParamKind::choice,
         {"delta", "exp_current"}},
        {"integrator",
         Dim::dimensionless,
         0,
         "euler: forward Euler at dt; izhikevich_half_step: Izhikevich's published scheme (two "
         "dt/2 Euler steps of v, then u with the new v)",
         Check::any,
         ParamKind::choice,
         {"euler", "izhikevich_half_step"}},
    };
    m.init = {
        {"V_m", Dim::voltage, -65, "initial v"},
        {"u",
         Dim::dimensionless,
         kRequired,
         "initial recovery variable [mV/ms]",
         Check::any,
         ParamKind::number,
         {},
         "b V_m",
         "mV/ms"},
        {"I_syn_ex", Dim::current, 0, "initial excitatory synaptic current (exp_current)"},
        {"I_syn_in", Dim::current, 0, "initial inhibitory synaptic current (exp_current)"},
    };
    m.variables = {
        {"V_m", Dim::voltage, "membrane potential v"},
        {"u", Dim::dimensionless, "recovery variable [mV/ms]"},
        {"I_syn_ex", Dim::current, "excitatory synaptic current (exp_current)"},
        {"I_syn_in", Dim::current, "inhibitory synaptic current (exp_current)"},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        const ParamTable& t = *args.params;
        std::vector<Params> params = read_params(t);
        validate(params, t);
        const Input input = t.choice("input") == "delta" ? Input::delta : Input::exp_current;
        const Integrator integrator = t.choice("integrator") == "euler"
                                          ? Integrator::euler
                                          : Integrator::izhikevich_half_step;
        return std::make_unique<IzhikevichPopulation>(args, std::move(params), input, integrator);
    };
    return m;
}

}  // namespace memsnn::izhikevich
