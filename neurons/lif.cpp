// SPDX-License-Identifier: MIT
#include "neurons/lif.hpp"

#include <cmath>
#include <limits>

#include "engine/error.hpp"
#include "engine/exp_sum.hpp"

namespace memsnn::lif {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Coefficient of exp(-t/tau_syn) in V(t) for a synaptic current I0 decaying with tau_syn.
double syn_coefficient(const Params& p, double I0, double tau_syn) {
    return p.R() * I0 * tau_syn / (tau_syn - p.tau_m);
}

// Tick offset of a crossing dt ms after t0 (at least one tick: the membrane starts below).
Tick crossing_tick(Tick t0, double dt) {
    if (!std::isfinite(dt)) return kNever;
    const Tick offset = ms_to_ticks_ceil(dt);
    if (offset == kNever || offset >= kNever - t0) return kNever;
    return t0 + std::max<Tick>(offset, 1);
}

class LifPopulation final : public Population {
public:
    LifPopulation(const PopulationArgs& args, std::vector<Params> params, Input input,
                  RefractoryInput refractory_input)
        : Population(args.name, args.size),
          params_(std::move(params)),
          state_(args.size),
          input_(input),
          refractory_input_(refractory_input) {
        ref_ticks_.resize(args.size);
        for (std::size_t i = 0; i < args.size; ++i) {
            ref_ticks_[i] = ms_to_ticks(params_[i].t_ref);
            state_[i].V_m = args.init->given("V_m") ? args.init->number("V_m", i) : params_[i].E_L;
            if (args.init->given("I_syn_ex")) state_[i].I_syn_ex = args.init->number("I_syn_ex", i);
            if (args.init->given("I_syn_in")) state_[i].I_syn_in = args.init->number("I_syn_in", i);
        }
    }

    std::optional<Dim> weight_dim() const override {
        return input_ == Input::delta ? Dim::voltage : Dim::current;
    }
    bool accepts_current() const override { return true; }

    void deliver(std::size_t i, Tick t, double w) override {
        State& s = state_[i];
        advance(params_[i], input_, s, t);
        if (input_ == Input::exp_current) {
            (w >= 0 ? s.I_syn_ex : s.I_syn_in) += w;
        } else if (t < s.ref_end) {
            if (refractory_input_ == RefractoryInput::accumulate) s.pending += w;
        } else {
            s.V_m += w;
        }
    }

    void add_current(std::size_t i, Tick t, double delta_nA) override {
        advance(params_[i], input_, state_[i], t);
        state_[i].I_stim += delta_nA;
    }

    Tick predict(std::size_t i, Tick now) override {
        const Params& p = params_[i];
        State s = state_[i];
        advance(p, input_, s, now);
        Tick t0 = now;
        if (s.ref_end > now) {
            advance(p, input_, s, s.ref_end);
            t0 = s.ref_end;
        }
        if (s.V_m >= p.V_th) return t0;
        const double I = p.I_e + s.I_stim;
        const double dt = input_ == Input::delta
                              ? time_to_threshold_delta(p, s.V_m, I)
                              : time_to_threshold_exp_current(p, s.V_m, I, s.I_syn_ex, s.I_syn_in);
        return crossing_tick(t0, dt);
    }

    void fire(std::size_t i, Tick t) override {
        State& s = state_[i];
        advance(params_[i], input_, s, t);
        s.V_m = params_[i].V_reset;
        s.pending = 0;
        s.ref_end = t + ref_ticks_[i];
    }

    const std::vector<VariableSpec>& variables() const override { return variables_; }

    double sample(std::size_t i, std::size_t variable, Tick t) const override {
        State s = state_[i];
        advance(params_[i], input_, s, t);
        switch (variable) {
            case 0: return s.V_m;
            case 1: return s.I_syn_ex;
            default: return s.I_syn_in;
        }
    }

private:
    std::vector<Params> params_;
    std::vector<State> state_;
    std::vector<Tick> ref_ticks_;
    Input input_;
    RefractoryInput refractory_input_;
    std::vector<VariableSpec> variables_ = model_info().variables;
};

std::vector<Params> read_params(const ParamTable& t) {
    std::vector<Params> out(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        Params& p = out[i];
        p.tau_m = t.number("tau_m", i);
        p.C_m = t.number("C_m", i);
        p.E_L = t.number("E_L", i);
        p.V_th = t.number("V_th", i);
        p.V_reset = t.number("V_reset", i);
        p.t_ref = t.number("t_ref", i);
        p.I_e = t.number("I_e", i);
        p.tau_syn_ex = t.number("tau_syn_ex", i);
        p.tau_syn_in = t.number("tau_syn_in", i);
    }
    return out;
}

void validate(const std::vector<Params>& params, Input input, const ParamTable& t) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Params& p = params[i];
        const std::string element = params.size() > 1 ? " (element " + std::to_string(i) + ")" : "";
        if (!(p.V_reset < p.V_th))
            throw ConfigError(t.path_of("V_reset"),
                              "must be below V_th (" + format_quantity(p.V_th, Dim::voltage) +
                                  "), got " + format_quantity(p.V_reset, Dim::voltage) + element);
        if (input == Input::exp_current) {
            for (const char* name : {"tau_syn_ex", "tau_syn_in"}) {
                const double tau = t.number(name, i);
                if (std::abs(tau - p.tau_m) <= 1e-12 * p.tau_m)
                    throw ConfigError(t.path_of(name),
                                      "must differ from tau_m for the exact exponential-current "
                                      "solution (e.g. 4.999 ms instead of 5 ms)" + element);
            }
        }
    }
}

}  // namespace

double evolve_delta(const Params& p, double V0, double I, double dt) {
    const double V_inf = p.E_L + p.R() * I;
    return V_inf + (V0 - V_inf) * std::exp(-dt / p.tau_m);
}

double time_to_threshold_delta(const Params& p, double V0, double I) {
    const double V_inf = p.E_L + p.R() * I;
    if (!(V_inf > p.V_th)) return kInf;
    return p.tau_m * std::log((V_inf - V0) / (V_inf - p.V_th));
}

double evolve_exp_current(const Params& p, double V0, double I, double I_ex0, double I_in0,
                          double dt) {
    const double V_inf = p.E_L + p.R() * I;
    const double a_ex = syn_coefficient(p, I_ex0, p.tau_syn_ex);
    const double a_in = syn_coefficient(p, I_in0, p.tau_syn_in);
    return V_inf + (V0 - V_inf - a_ex - a_in) * std::exp(-dt / p.tau_m) +
           a_ex * std::exp(-dt / p.tau_syn_ex) + a_in * std::exp(-dt / p.tau_syn_in);
}

double time_to_threshold_exp_current(const Params& p, double V0, double I, double I_ex0,
                                     double I_in0) {
    const double V_inf = p.E_L + p.R() * I;
    const double a_ex = syn_coefficient(p, I_ex0, p.tau_syn_ex);
    const double a_in = syn_coefficient(p, I_in0, p.tau_syn_in);
    ExpSum f;
    f.c0 = V_inf - p.V_th;
    f.c = {V0 - V_inf - a_ex - a_in, a_ex, a_in};
    f.lambda = {1 / p.tau_m, 1 / p.tau_syn_ex, 1 / p.tau_syn_in};
    if (p.tau_syn_ex == p.tau_syn_in) {  // merge equal rates: the root finder needs distinct ones
        f.c = {f.c[0], a_ex + a_in};
        f.lambda.pop_back();
    }
    return first_upward_crossing(f);
}

void advance(const Params& p, Input input, State& s, Tick t) {
    if (t <= s.t_last) return;
    const double I = p.I_e + s.I_stim;
    auto evolve = [&](Tick to, bool clamped) {
        const double dt = ticks_to_ms(to - s.t_last);
        if (input == Input::exp_current) {
            if (!clamped) s.V_m = evolve_exp_current(p, s.V_m, I, s.I_syn_ex, s.I_syn_in, dt);
            s.I_syn_ex *= std::exp(-dt / p.tau_syn_ex);
            s.I_syn_in *= std::exp(-dt / p.tau_syn_in);
        } else if (!clamped) {
            s.V_m = evolve_delta(p, s.V_m, I, dt);
        }
        s.t_last = to;
    };
    if (s.ref_end > s.t_last) {
        const Tick clamp_end = std::min(t, s.ref_end);
        evolve(clamp_end, true);
        s.V_m = p.V_reset;
        if (clamp_end < s.ref_end) return;
        s.V_m += s.pending;
        s.pending = 0;
    }
    evolve(t, false);
}

ModelInfo model_info() {
    ModelInfo m;
    m.type = "lif";
    m.kind = ModelKind::neuron;
    m.summary = "leaky integrate-and-fire, absolute refractory period, exact event-driven";
    m.integrator = "exact closed form between events; exact threshold-crossing prediction";
    m.params = {
        {"tau_m", Dim::time, 20, "membrane time constant", Check::positive},
        {"C_m", Dim::capacitance, 2, "membrane capacitance", Check::positive},
        {"E_L", Dim::voltage, -65, "resting potential"},
        {"V_th", Dim::voltage, -50, "spike threshold"},
        {"V_reset", Dim::voltage, -65, "reset potential, below V_th"},
        {"t_ref", Dim::time, 2, "absolute refractory period", Check::nonnegative},
        {"I_e", Dim::current, 0, "constant bias current"},
        {"tau_syn_ex", Dim::time, 5, "excitatory synaptic current decay (exp_current)",
         Check::positive},
        {"tau_syn_in", Dim::time, 10, "inhibitory synaptic current decay (exp_current)",
         Check::positive},
        {"input", Dim::dimensionless, 0,
         "synaptic input: delta = voltage jump by the weight [mV]; exp_current = weight [nA] "
         "into an exponentially decaying current (sign selects ex/in)",
         Check::any, ParamKind::choice, {"delta", "exp_current"}},
        {"refractory_input", Dim::dimensionless, 0,
         "delta input arriving during t_ref: discard, or accumulate and add at its end",
         Check::any, ParamKind::choice, {"discard", "accumulate"}},
    };
    m.init = {
        {"V_m", Dim::voltage, kRequired, "initial membrane potential (default E_L)"},
        {"I_syn_ex", Dim::current, 0, "initial excitatory synaptic current"},
        {"I_syn_in", Dim::current, 0, "initial inhibitory synaptic current"},
    };
    m.variables = {
        {"V_m", Dim::voltage, "membrane potential"},
        {"I_syn_ex", Dim::current, "excitatory synaptic current (exp_current)"},
        {"I_syn_in", Dim::current, "inhibitory synaptic current (exp_current)"},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        const ParamTable& t = *args.params;
        std::vector<Params> params = read_params(t);
        const Input input = t.choice("input") == "delta" ? Input::delta : Input::exp_current;
        validate(params, input, t);
        const RefractoryInput ri = t.choice("refractory_input") == "accumulate"
                                       ? RefractoryInput::accumulate
                                       : RefractoryInput::discard;
        return std::make_unique<LifPopulation>(args, std::move(params), input, ri);
    };
    return m;
}

}  // namespace memsnn::lif
