// SPDX-License-Identifier: MIT
#include "neurons/lif.hpp"

#include <algorithm>
#include <array>
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

// V(t) - V_th - theta0 e^{-t/tau_theta} as a sum of exponentials c0 + sum c_k e^{-lambda_k t}
// (terms with equal rates merged: the root finder needs distinct ones).
ExpSum with_threshold(const Params& p, double c0, std::initializer_list<double> c,
                      std::initializer_list<double> lambda, double theta0) {
    ExpSum f;
    f.c0 = c0;
    auto add = [&](double ck, double lk) {
        for (std::size_t k = 0; k < f.lambda.size(); ++k)
            if (f.lambda[k] == lk) {
                f.c[k] += ck;
                return;
            }
        f.c.push_back(ck);
        f.lambda.push_back(lk);
    };
    auto ck = c.begin();
    for (const double lk : lambda) add(*ck++, lk);
    if (theta0 > 0) add(-theta0, 1 / p.tau_theta);
    return f;
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
        horizon_.resize(args.size);
        last_input_.assign(args.size, 0);
        gap_.assign(args.size, kNever / 4);
        wake_.assign(args.size, kNever);
        for (std::size_t i = 0; i < args.size; ++i) {
            ref_ticks_[i] = ms_to_ticks(params_[i].t_ref);
            horizon_[i] = std::max<Tick>(
                1, ms_to_ticks(2 * std::min(params_[i].tau_syn_ex, params_[i].tau_syn_in)));
            state_[i].V_m = args.init->given("V_m") ? args.init->number("V_m", i) : params_[i].E_L;
            const bool conductance = input == Input::exp_conductance;
            const char* ex = conductance ? "g_ex" : "I_syn_ex";
            const char* in = conductance ? "g_in" : "I_syn_in";
            for (const char* other : {"I_syn_ex", "I_syn_in", "g_ex", "g_in"}) {
                const bool used = std::string_view(other) == ex || std::string_view(other) == in;
                if (args.init->given(other) && (!used || input == Input::delta))
                    throw ConfigError(args.init->path_of(other),
                                      "is not state of a lif with input \"" +
                                          std::string(input == Input::delta ? "delta"
                                                      : conductance         ? "exp_conductance"
                                                                            : "exp_current") +
                                          "\"");
            }
            if (args.init->given(ex)) state_[i].syn_ex = args.init->number(ex, i);
            if (args.init->given(in)) state_[i].syn_in = args.init->number(in, i);
            state_[i].theta = args.init->number("theta", i);
        }
        // A population whose elements share one parameter set keeps it once: an input then
        // touches the neuron's state alone (large networks are memory-bound).
        if (std::all_of(params_.begin(), params_.end(),
                        [&](const Params& p) { return p == params_.front(); })) {
            params_.resize(1);
            ref_ticks_.resize(1);
            horizon_.resize(1);
            stride_ = 0;
        }
    }

    std::optional<Dim> weight_dim() const override {
        switch (input_) {
            case Input::delta:
                return Dim::voltage;
            case Input::exp_current:
                return Dim::current;
            case Input::exp_conductance:
                return Dim::conductance;
        }
        return Dim::voltage;
    }
    bool accepts_current() const override { return true; }

    void deliver(std::size_t i, Tick t, double w) override {
        State& s = state_[i];
        advance(params_[i * stride_], input_, s, t);
        if (input_ != Input::delta) {
            // Currents are signed; a conductance takes the magnitude of the weight.
            (w >= 0 ? s.syn_ex : s.syn_in) += input_ == Input::exp_current ? w : std::abs(w);
            gap_[i] = t - last_input_[i];  // sets predict's search horizon
            last_input_[i] = t;
        } else if (t < s.ref_end) {
            if (refractory_input_ == RefractoryInput::accumulate) s.pending += w;
        } else {
            s.V_m += w;
        }
    }

    void deliver_batch(const std::uint32_t* targets, std::size_t n, const double* weights,
                       std::size_t weight_stride, Tick t, Tick* next) override {
        // Large networks are memory-bound: the state of the target kPrefetch synapses ahead is
        // requested while this one is computed.
        constexpr std::size_t kPrefetch = 8;
        for (std::size_t k = 0; k < n; ++k) {
            if (k + kPrefetch < n) __builtin_prefetch(&state_[targets[k + kPrefetch]], 1);
            deliver(targets[k], t, weights[k * weight_stride]);
            next[k] = predict(targets[k], t);
        }
    }

    void add_current(std::size_t i, Tick t, double delta_nA) override {
        advance(params_[i * stride_], input_, state_[i], t);
        state_[i].I_stim += delta_nA;
    }

    Tick predict(std::size_t i, Tick now) override {
        const Params& p = params_[i * stride_];
        State s = state_[i];
        advance(p, input_, s, now);
        Tick t0 = now;
        if (s.ref_end > now) {
            advance(p, input_, s, s.ref_end);
            t0 = s.ref_end;
        }
        if (s.V_m >= p.V_th + s.theta) return t0;
        const double I = p.I_e + s.I_stim;
        double dt = 0;
        switch (input_) {
            case Input::delta:
                dt = time_to_threshold_delta(p, s.V_m, I, s.theta);
                break;
            case Input::exp_current: {
                const double horizon = search_horizon(i);
                dt = time_to_threshold_exp_current(p, s.V_m, I, s.syn_ex, s.syn_in, s.theta,
                                                   horizon);
                if (std::isnan(dt)) return wake_[i] = crossing_tick(t0, horizon);
                break;
            }
            case Input::exp_conductance:
                const ConductanceSearch r = search_threshold_exp_conductance(
                    p, s.V_m, I, s.syn_ex, s.syn_in, search_horizon(i), s.theta);
                if (std::isinf(r.crossing) && std::isfinite(r.resume)) {
                    // No crossing before `resume` (where the search stopped, or when the
                    // threshold could have decayed to the bound): look again there, never
                    // sooner than the next tick.
                    return wake_[i] = crossing_tick(t0, r.resume);
                }
                dt = r.crossing;
                break;
        }
        wake_[i] = kNever;
        return crossing_tick(t0, dt);
    }

    bool fire(std::size_t i, Tick t) override {
        State& s = state_[i];
        advance(params_[i * stride_], input_, s, t);
        if (t == wake_[i]) {
            wake_[i] = kNever;
            return false;
        }
        s.V_m = params_[i * stride_].V_reset;
        s.pending = 0;
        s.theta += params_[i * stride_].theta_plus;
        s.ref_end = t + ref_ticks_[i * stride_];
        return true;
    }

    const std::vector<VariableSpec>& variables() const override { return variables_; }

    double sample(std::size_t i, std::size_t variable, Tick t) const override {
        State s = state_[i];
        advance(params_[i * stride_], input_, s, t);
        const bool conductance = input_ == Input::exp_conductance;
        switch (variable) {
            case 0:
                return s.V_m;
            case 1:
                return input_ == Input::exp_current ? s.syn_ex : 0.0;
            case 2:
                return input_ == Input::exp_current ? s.syn_in : 0.0;
            case 3:
                return conductance ? s.syn_ex : 0.0;
            case 4:
                return conductance ? s.syn_in : 0.0;
            default:
                return s.theta;
        }
    }

  private:
    // How far [ms] one crossing search of a current or conductance neuron looks: four times
    // the last interval between its inputs (at least 0.01 ms, at most two synaptic time
    // constants). Beyond it the neuron is woken and searches on, so inputs never pay for
    // searches that the next input makes obsolete.
    double search_horizon(std::size_t i) const {
        return ticks_to_ms(std::clamp(4 * gap_[i], kMinHorizon, horizon_[i * stride_]));
    }

    std::vector<Params> params_;  // per element, or one for all (stride_ 0)
    std::size_t stride_ = 1;
    std::vector<State> state_;
    std::vector<Tick> ref_ticks_;
    static constexpr Tick kMinHorizon = 10'000'000;  // 0.01 ms
    std::vector<Tick> horizon_;     // exp_current/conductance: how far one search may look
    std::vector<Tick> last_input_;  // exp_current/conductance: tick of the last input
    std::vector<Tick> gap_;         // exp_current/conductance: interval between the last two inputs
    std::vector<Tick> wake_;        // the wake-up predict last asked for, or kNever
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
        p.E_ex = t.number("E_ex", i);
        p.E_in = t.number("E_in", i);
        p.theta_plus = t.number("theta_plus", i);
        p.tau_theta = t.number("tau_theta", i);
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
                                      "solution (e.g. 4.999 ms instead of 5 ms)" +
                                          element);
            }
        }
    }
}

}  // namespace

double evolve_delta(const Params& p, double V0, double I, double dt) {
    const double V_inf = p.E_L + p.R() * I;
    return V_inf + (V0 - V_inf) * std::exp(-dt / p.tau_m);
}

double time_to_threshold_delta(const Params& p, double V0, double I, double theta0) {
    const double V_inf = p.E_L + p.R() * I;
    if (theta0 > 0)
        return first_upward_crossing(
            with_threshold(p, V_inf - p.V_th, {V0 - V_inf}, {1 / p.tau_m}, theta0));
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
                                     double I_in0, double theta0, double horizon) {
    const double V_inf = p.E_L + p.R() * I;
    // V relaxes towards E_L + R (I + I_syn(t)), and the synaptic currents only decay from
    // here: V can never exceed max(V0, E_L + R (I + positive parts of I_ex0, I_in0)). Nor can
    // it exceed max(V0, V_inf) plus the charge the positive currents still bring,
    // R/tau_m (I_ex0 tau_syn_ex + I_in0 tau_syn_in) (the leak only takes some of it away),
    // which is the tighter bound when the synapses are fast against tau_m. When the bound
    // stays below threshold there is nothing to search (the common case).
    const double I_pos_ex = std::max(I_ex0, 0.0), I_pos_in = std::max(I_in0, 0.0);
    const double bound =
        std::min(std::max(V0, V_inf + p.R() * (I_pos_ex + I_pos_in)),
                 std::max(V0, V_inf) +
                     p.R() / p.tau_m * (I_pos_ex * p.tau_syn_ex + I_pos_in * p.tau_syn_in));
    if (bound < p.V_th) return kInf;
    const double a_ex = syn_coefficient(p, I_ex0, p.tau_syn_ex);
    const double a_in = syn_coefficient(p, I_in0, p.tau_syn_in);
    const ExpSum f = with_threshold(p, V_inf - p.V_th, {V0 - V_inf - a_ex - a_in, a_ex, a_in},
                                    {1 / p.tau_m, 1 / p.tau_syn_ex, 1 / p.tau_syn_in}, theta0);
    // The bound keeps a margin of 1e-9 mV for its own rounding.
    if (std::isfinite(horizon) && upper_bound_on(f, horizon) < -1e-9)
        return std::numeric_limits<double>::quiet_NaN();
    return first_upward_crossing(f);
}

void advance(const Params& p, Input input, State& s, Tick t) {
    if (t <= s.t_last) return;
    if (s.theta > 0) s.theta *= std::exp(-ticks_to_ms(t - s.t_last) / p.tau_theta);
    const double I = p.I_e + s.I_stim;
    auto evolve = [&](Tick to, bool clamped) {
        const double dt = ticks_to_ms(to - s.t_last);
        if (input != Input::delta) {
            if (!clamped) {
                s.V_m = input == Input::exp_current
                            ? evolve_exp_current(p, s.V_m, I, s.syn_ex, s.syn_in, dt)
                            : evolve_exp_conductance(p, s.V_m, I, s.syn_ex, s.syn_in, dt);
            }
            s.syn_ex *= std::exp(-dt / p.tau_syn_ex);
            s.syn_in *= std::exp(-dt / p.tau_syn_in);
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
    m.integrator =
        "delta, exp_current: exact closed form between events and exact threshold crossing; "
        "exp_conductance: exact propagator with Gauss-Legendre integral (<1e-12 mV)";
    m.params = {
        {"tau_m", Dim::time, 20, "membrane time constant", Check::positive},
        {"C_m", Dim::capacitance, 2, "membrane capacitance", Check::positive},
        {"E_L", Dim::voltage, -65, "resting potential"},
        {"V_th", Dim::voltage, -50, "spike threshold"},
        {"V_reset", Dim::voltage, -65, "reset potential, below V_th"},
        {"t_ref", Dim::time, 2, "absolute refractory period", Check::nonnegative},
        {"I_e", Dim::current, 0, "constant bias current"},
        {"tau_syn_ex", Dim::time, 5, "excitatory synaptic current/conductance decay",
         Check::positive},
        {"tau_syn_in", Dim::time, 10, "inhibitory synaptic current/conductance decay",
         Check::positive},
        {"E_ex", Dim::voltage, 0, "excitatory reversal potential (exp_conductance)"},
        {"E_in", Dim::voltage, -80, "inhibitory reversal potential (exp_conductance)"},
        {"input",
         Dim::dimensionless,
         0,
         "synaptic input: delta = voltage jump by the weight [mV]; exp_current = weight [nA] "
         "into an exponentially decaying current; exp_conductance = |weight| [uS] into a "
         "decaying conductance (the sign selects excitatory or inhibitory)",
         Check::any,
         ParamKind::choice,
         {"delta", "exp_current", "exp_conductance"}},
        {"refractory_input",
         Dim::dimensionless,
         0,
         "delta input arriving during t_ref: discard, or accumulate and add at its end",
         Check::any,
         ParamKind::choice,
         {"discard", "accumulate"}},
        {"theta_plus", Dim::voltage, 0,
         "adaptive threshold: theta += theta_plus at each spike, threshold V_th + theta "
         "(Diehl & Cook 2015: 0.05 mV)",
         Check::nonnegative},
        {"tau_theta", Dim::time, 1e7, "decay time constant of theta (Diehl & Cook: 1e7 ms)",
         Check::positive},
    };
    m.init = {
        {"V_m",
         Dim::voltage,
         kRequired,
         "initial membrane potential",
         Check::any,
         ParamKind::number,
         {},
         "E_L"},
        {"I_syn_ex", Dim::current, 0, "initial excitatory synaptic current (exp_current)"},
        {"I_syn_in", Dim::current, 0, "initial inhibitory synaptic current (exp_current)"},
        {"g_ex", Dim::conductance, 0, "initial excitatory conductance (exp_conductance)",
         Check::nonnegative},
        {"g_in", Dim::conductance, 0, "initial inhibitory conductance (exp_conductance)",
         Check::nonnegative},
        {"theta", Dim::voltage, 0, "initial adaptive threshold increment", Check::nonnegative},
    };
    m.variables = {
        {"V_m", Dim::voltage, "membrane potential"},
        {"I_syn_ex", Dim::current, "excitatory synaptic current (exp_current)"},
        {"I_syn_in", Dim::current, "inhibitory synaptic current (exp_current)"},
        {"g_ex", Dim::conductance, "excitatory conductance (exp_conductance)"},
        {"g_in", Dim::conductance, "inhibitory conductance (exp_conductance)"},
        {"theta", Dim::voltage, "adaptive threshold increment (threshold = V_th + theta)"},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        const ParamTable& t = *args.params;
        std::vector<Params> params = read_params(t);
        const std::string& name = t.choice("input");
        const Input input = name == "delta"         ? Input::delta
                            : name == "exp_current" ? Input::exp_current
                                                    : Input::exp_conductance;
        validate(params, input, t);
        if (input != Input::delta && t.given("refractory_input"))
            throw ConfigError(t.path_of("refractory_input"),
                              "applies to input \"delta\" only; with " + name +
                                  " synaptic input keeps flowing during t_ref");
        const RefractoryInput ri = t.choice("refractory_input") == "accumulate"
                                       ? RefractoryInput::accumulate
                                       : RefractoryInput::discard;
        return std::make_unique<LifPopulation>(args, std::move(params), input, ri);
    };
    return m;
}

}  // namespace memsnn::lif
