// SPDX-License-Identifier: MIT
#include "neurons/hodgkin_huxley.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>

#include "engine/error.hpp"

namespace memsnn::hodgkin_huxley {

namespace {

// x / (1 - e^{-x}), the shape of alpha_m and alpha_n; 1 at x = 0 (the 0/0 point). expm1 keeps
// full relative accuracy near 0; the series covers the neighbourhood of the removable point.
double x_over_one_minus_exp(double x) {
    if (std::abs(x) < 1e-4) return 1 + x / 2 + x * x / 12;  // next term -x^4/720
    return x / -std::expm1(-x);
}

// (1 - e^{-z}) / z, so x + (x_inf - x)(1 - e^{-z}) stays finite and exact as z -> 0.
double one_minus_exp_over(double z) {
    if (std::abs(z) < 1e-8) return 1 - z / 2;
    return -std::expm1(-z) / z;
}

// Mean of e^{-s/tau} over [0, dt].
double mean_decay(double dt, double tau) {
    return one_minus_exp_over(dt / tau);
}

struct Derivatives {
    double V, m, h, n;
};

// The right-hand side with the synaptic variables (syn_ex, syn_in) at the evaluation time.
Derivatives rhs(const Params& p, Input input, const StepConstants& c, double V, double m, double h,
                double n, double syn_ex, double syn_in, double I) {
    double J = c.scale * I - ionic_current(p, V, m, h, n);
    if (input == Input::exp_current)
        J += c.scale * (syn_ex + syn_in);
    else
        J += c.scale * (syn_ex * (p.E_ex - V) + syn_in * (p.E_in - V));
    const double am = alpha_m(V), bm = beta_m(V);
    const double ah = alpha_h(V), bh = beta_h(V);
    const double an = alpha_n(V), bn = beta_n(V);
    return {J / p.C_m, c.phi * (am * (1 - m) - bm * m), c.phi * (ah * (1 - h) - bh * h),
            c.phi * (an * (1 - n) - bn * n)};
}

// x relaxing exactly towards alpha/(alpha+beta) with rates frozen over the step.
double gate_step(double x, double alpha, double beta, double phi, double dt) {
    const double rate = phi * (alpha + beta);
    const double x_inf = alpha / (alpha + beta);
    return x + (x_inf - x) * dt * rate * one_minus_exp_over(dt * rate);
}

}  // namespace

double Params::phi() const {
    return std::pow(3.0, (T - kReferenceTemperature) / 10.0);
}

double alpha_n(double V) {
    return 0.1 * x_over_one_minus_exp((V + 55) / 10);
}
double beta_n(double V) {
    return 0.125 * std::exp(-(V + 65) / 80);
}
double alpha_m(double V) {
    return x_over_one_minus_exp((V + 40) / 10);
}
double beta_m(double V) {
    return 4 * std::exp(-(V + 65) / 18);
}
double alpha_h(double V) {
    return 0.07 * std::exp(-(V + 65) / 20);
}
double beta_h(double V) {
    return 1 / (1 + std::exp(-(V + 35) / 10));
}

Vars steady_state(double V) {
    Vars x;
    x.V_m = V;
    x.m = alpha_m(V) / (alpha_m(V) + beta_m(V));
    x.h = alpha_h(V) / (alpha_h(V) + beta_h(V));
    x.n = alpha_n(V) / (alpha_n(V) + beta_n(V));
    return x;
}

double ionic_current(const Params& p, double V, double m, double h, double n) {
    const double n2 = n * n;
    return p.g_Na * m * m * m * h * (V - p.E_Na) + p.g_K * n2 * n2 * (V - p.E_K) +
           p.g_L * (V - p.E_L);
}

StepConstants step_constants(const Params& p, double dt_ms) {
    StepConstants c;
    c.dt = dt_ms;
    c.phi = p.phi();
    c.scale = p.density_per_nA();
    c.decay_ex = std::exp(-dt_ms / p.tau_syn_ex);
    c.decay_in = std::exp(-dt_ms / p.tau_syn_in);
    c.half_ex = std::exp(-dt_ms / (2 * p.tau_syn_ex));
    c.half_in = std::exp(-dt_ms / (2 * p.tau_syn_in));
    c.mean_ex = mean_decay(dt_ms, p.tau_syn_ex);
    c.mean_in = mean_decay(dt_ms, p.tau_syn_in);
    return c;
}

Vars step_rk4(const Params& p, Input input, const StepConstants& c, const Vars& x, double I) {
    const double h = c.dt;
    // The synaptic variables decay in closed form; RK4 sees their exact values at t, t + h/2,
    // t + h.
    const double ex_half = x.syn_ex * c.half_ex, in_half = x.syn_in * c.half_in;
    const double ex_end = x.syn_ex * c.decay_ex, in_end = x.syn_in * c.decay_in;
    const Derivatives k1 = rhs(p, input, c, x.V_m, x.m, x.h, x.n, x.syn_ex, x.syn_in, I);
    const Derivatives k2 = rhs(p, input, c, x.V_m + h / 2 * k1.V, x.m + h / 2 * k1.m,
                               x.h + h / 2 * k1.h, x.n + h / 2 * k1.n, ex_half, in_half, I);
    const Derivatives k3 = rhs(p, input, c, x.V_m + h / 2 * k2.V, x.m + h / 2 * k2.m,
                               x.h + h / 2 * k2.h, x.n + h / 2 * k2.n, ex_half, in_half, I);
    const Derivatives k4 = rhs(p, input, c, x.V_m + h * k3.V, x.m + h * k3.m, x.h + h * k3.h,
                               x.n + h * k3.n, ex_end, in_end, I);
    Vars y;
    y.V_m = x.V_m + h / 6 * (k1.V + 2 * k2.V + 2 * k3.V + k4.V);
    y.m = x.m + h / 6 * (k1.m + 2 * k2.m + 2 * k3.m + k4.m);
    y.h = x.h + h / 6 * (k1.h + 2 * k2.h + 2 * k3.h + k4.h);
    y.n = x.n + h / 6 * (k1.n + 2 * k2.n + 2 * k3.n + k4.n);
    y.syn_ex = ex_end;
    y.syn_in = in_end;
    return y;
}

Vars step_exponential_euler(const Params& p, Input input, const StepConstants& c, const Vars& x,
                            double I) {
    const double V = x.V_m;
    Vars y;
    y.m = gate_step(x.m, alpha_m(V), beta_m(V), c.phi, c.dt);
    y.h = gate_step(x.h, alpha_h(V), beta_h(V), c.phi, c.dt);
    y.n = gate_step(x.n, alpha_n(V), beta_n(V), c.phi, c.dt);
    // Then V relaxes towards (sum g E + J) / G with the conductances of the updated gates
    // (staggered, as in NEURON: gates a half step ahead of V). Using the old gates here instead
    // makes the scheme first order, with spike-time errors ~100 times larger at dt = 0.01 ms.
    // The synaptic variables enter with their exact mean over the step.
    const double g_Na = p.g_Na * y.m * y.m * y.m * y.h;
    const double n2 = y.n * y.n;
    const double g_K = p.g_K * n2 * n2;
    double G = g_Na + g_K + p.g_L;
    double drive = g_Na * p.E_Na + g_K * p.E_K + p.g_L * p.E_L + c.scale * I;
    const double ex = x.syn_ex * c.mean_ex, in = x.syn_in * c.mean_in;
    if (input == Input::exp_current) {
        drive += c.scale * (ex + in);
    } else {
        G += c.scale * (ex + in);
        drive += c.scale * (ex * p.E_ex + in * p.E_in);
    }
    // V + (V_inf - V)(1 - e^{-dt G/C}) written without dividing by G.
    y.V_m = V + (drive - G * V) * c.dt / p.C_m * one_minus_exp_over(c.dt * G / p.C_m);
    y.syn_ex = x.syn_ex * c.decay_ex;
    y.syn_in = x.syn_in * c.decay_in;
    return y;
}

Vars step(const Params& p, Input input, Integrator integrator, const StepConstants& c,
          const Vars& x, double I) {
    return integrator == Integrator::rk4 ? step_rk4(p, input, c, x, I)
                                         : step_exponential_euler(p, input, c, x, I);
}

void advance(const Params& p, Input input, Integrator integrator, const StepConstants& c, Tick dt,
             State& s, std::int64_t k_target, bool stop_at_spike) {
    const double I = p.I_e + s.I_stim;
    while (s.k < k_target) {
        if (s.fixed_point) {  // every further step is the identity
            s.k = k_target;
            return;
        }
        const Vars y = step(p, input, integrator, c, s.x, I);
        const double V0 = s.x.V_m, V1 = y.V_m;
        const Tick t0 = grid_tick(s.k, dt);
        bool crossed = false;
        if (s.armed && V0 < p.V_spike && V1 >= p.V_spike) {
            // Linear interpolation in the step; the first tick at or after the crossing.
            const double fraction = (p.V_spike - V0) / (V1 - V0);
            const auto offset = static_cast<Tick>(std::ceil(fraction * static_cast<double>(dt)));
            s.spike = t0 + std::clamp<Tick>(offset, 1, dt);
            s.armed = false;
            crossed = true;
        } else if (!s.armed && V1 < p.V_rearm) {
            s.armed = true;
        }
        s.fixed_point = !crossed && y == s.x;
        s.x = y;
        ++s.k;
        if (crossed && stop_at_spike) return;
    }
}

namespace {

class HodgkinHuxleyPopulation final : public Population {
  public:
    HodgkinHuxleyPopulation(const PopulationArgs& args, std::vector<Params> params, Input input,
                            Integrator integrator)
        : Population(args.name, args.size),
          params_(std::move(params)),
          state_(args.size),
          lookahead_(args.size),
          sampled_(args.size),
          version_(args.size, 0),
          last_input_(args.size, 0),
          input_(input),
          integrator_(integrator),
          dt_(args.dt > 0 ? args.dt : ms_to_ticks(0.1)),
          path_(args.params->path()) {
        const double dt_ms = ticks_to_ms(dt_);
        constants_.reserve(args.size);
        horizon_.reserve(args.size);
        const bool conductance = input == Input::exp_conductance;
        for (const char* other : {"I_syn_ex", "I_syn_in", "g_ex", "g_in"}) {
            const bool current_var = other[0] == 'I';
            if (args.init->given(other) && current_var == conductance)
                throw ConfigError(args.init->path_of(other),
                                  std::string("is not state of a hodgkin_huxley with input \"") +
                                      (conductance ? "exp_conductance" : "exp_current") + "\"");
        }
        for (std::size_t i = 0; i < args.size; ++i) {
            const Params& p = params_[i];
            constants_.push_back(step_constants(p, dt_ms));
            const double steps = std::ceil(p.lookahead / dt_ms - 1e-9);
            horizon_.push_back(static_cast<std::int64_t>(std::clamp(steps, 1.0, 1e9)));
            State& s = state_[i];
            const double V = args.init->number("V_m", i);
            s.x = steady_state(V);
            for (const char* gate : {"m", "h", "n"}) {
                if (!args.init->given(gate)) continue;
                const double value = args.init->number(gate, i);
                (gate[0] == 'm' ? s.x.m : gate[0] == 'h' ? s.x.h : s.x.n) = value;
            }
            const char* ex = conductance ? "g_ex" : "I_syn_ex";
            const char* in = conductance ? "g_in" : "I_syn_in";
            s.x.syn_ex = args.init->number(ex, i);
            s.x.syn_in = args.init->number(in, i);
        }
    }

    std::optional<Dim> weight_dim() const override {
        return input_ == Input::exp_current ? Dim::current : Dim::conductance;
    }
    bool accepts_current() const override { return true; }

    void deliver(std::size_t i, Tick t, double w) override {
        State& s = move_to(i, grid_index_ceil(t, dt_));
        if (input_ == Input::exp_current)
            (w >= 0 ? s.x.syn_ex : s.x.syn_in) += w;
        else
            (w >= 0 ? s.x.syn_ex : s.x.syn_in) += std::abs(w);
        s.fixed_point = false;
        last_input_[i] = s.k;
        ++version_[i];
    }

    void add_current(std::size_t i, Tick t, double delta_nA) override {
        State& s = move_to(i, grid_index_ceil(t, dt_));
        s.I_stim += delta_nA;
        s.fixed_point = false;
        last_input_[i] = s.k;
        ++version_[i];
    }

    Tick predict(std::size_t i, Tick now) override {
        const State& s = state_[i];
        if (s.spike != kNever) return std::max(s.spike, now);  // crossed in the step into k
        Cached& c = lookahead_[i];
        if (c.version != version_[i]) {
            c.version = version_[i];
            c.state = s;
            // Look as far ahead as the neuron has been left alone (at least one step, at most
            // `lookahead`): under frequent input little of the look-ahead is thrown away, a
            // quiet neuron doubles its reach at every wake-up. Results do not depend on it.
            const std::int64_t quiet = std::max<std::int64_t>(1, s.k - last_input_[i]);
            if (!s.fixed_point) step_copy(i, c.state, s.k + std::min(quiet, horizon_[i]), true);
        }
        assert(c.state.k >= s.k);
        if (c.state.spike != kNever) return c.state.spike;
        if (c.state.fixed_point) return kNever;  // nothing happens until an input
        return grid_tick(c.state.k, dt_);
    }

    bool fire(std::size_t i, Tick t) override {
        State& s = move_to(i, grid_index_ceil(t, dt_));
        if (s.spike == kNever) return false;  // a look-ahead wake-up
        assert(s.spike == t);
        s.spike = kNever;
        ++version_[i];
        return true;
    }

    const std::vector<VariableSpec>& variables() const override { return variables_; }

    double sample(std::size_t i, std::size_t variable, Tick t) const override {
        const std::int64_t k = grid_index_ceil(t, dt_);
        const State& s = state_[i];
        // Integrates a copy; the last sampled copy and the look-ahead are reused when they are
        // still valid, so recording every dt costs one step per sample and never perturbs the
        // run.
        Cached& c = sampled_[i];
        if (c.version != version_[i] || c.state.k > k) {
            c.version = version_[i];
            const Cached& ahead = lookahead_[i];
            c.state = ahead.version == version_[i] && ahead.state.k <= k ? ahead.state : s;
        }
        if (c.state.k < k) step_copy(i, c.state, k, false);
        const Vars& x = c.state.x;
        const bool conductance = input_ == Input::exp_conductance;
        switch (variable) {
            case 0:
                return x.V_m;
            case 1:
                return x.m;
            case 2:
                return x.h;
            case 3:
                return x.n;
            case 4:
                return conductance ? 0.0 : x.syn_ex;
            case 5:
                return conductance ? 0.0 : x.syn_in;
            case 6:
                return conductance ? x.syn_ex : 0.0;
            default:
                return conductance ? x.syn_in : 0.0;
        }
    }

  private:
    struct Cached {
        std::uint64_t version = ~std::uint64_t{0};  // version_ of the state it started from
        State state;
    };

    void step_copy(std::size_t i, State& s, std::int64_t k, bool stop_at_spike) const {
        advance(params_[i], input_, integrator_, constants_[i], dt_, s, k, stop_at_spike);
        if (!std::isfinite(s.x.V_m))
            throw ConfigError(
                path_ + "/integrator",
                "the membrane of " + name() + "[" + std::to_string(i) + "] diverged by t = " +
                    format_quantity(ticks_to_ms(grid_tick(s.k, dt_)), Dim::time) +
                    ": the step dt = " + format_quantity(ticks_to_ms(dt_), Dim::time) +
                    " is too large for this integrator (rk4 needs about 0.05 ms "
                    "or less at 6.3 degC, less at higher T); set the scenario's \"dt\" smaller or "
                    "use \"exponential_euler\"");
    }

    // Brings element i to grid point k (>= its own), reusing the look-ahead when it got there.
    State& move_to(std::size_t i, std::int64_t k) {
        State& s = state_[i];
        if (k <= s.k) return s;
        assert(s.spike == kNever);  // a pending crossing is emitted before time moves past it
        const Cached& ahead = lookahead_[i];
        if (ahead.version == version_[i] && ahead.state.k <= k && ahead.state.k > s.k)
            s = ahead.state;
        if (s.k < k) step_copy(i, s, k, false);
        ++version_[i];
        return s;
    }

    std::vector<Params> params_;
    std::vector<StepConstants> constants_;
    std::vector<std::int64_t> horizon_;  // look-ahead in steps
    std::vector<State> state_;
    std::vector<Cached> lookahead_;
    mutable std::vector<Cached> sampled_;
    std::vector<std::uint64_t> version_;    // bumped at every change of state_[i]
    std::vector<std::int64_t> last_input_;  // grid index of the latest input
    Input input_;
    Integrator integrator_;
    Tick dt_;
    std::string path_;
    std::vector<VariableSpec> variables_ = model_info().variables;
};

std::vector<Params> read_params(const ParamTable& t) {
    std::vector<Params> out(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        Params& p = out[i];
        p.C_m = t.number("C_m", i);
        p.g_Na = t.number("g_Na", i);
        p.g_K = t.number("g_K", i);
        p.g_L = t.number("g_L", i);
        p.E_Na = t.number("E_Na", i);
        p.E_K = t.number("E_K", i);
        p.E_L = t.number("E_L", i);
        p.T = t.number("T", i);
        p.area = t.number("area", i);
        p.I_e = t.number("I_e", i);
        p.tau_syn_ex = t.number("tau_syn_ex", i);
        p.tau_syn_in = t.number("tau_syn_in", i);
        p.E_ex = t.number("E_ex", i);
        p.E_in = t.number("E_in", i);
        p.V_spike = t.number("V_spike", i);
        p.V_rearm = t.number("V_rearm", i);
        p.lookahead = t.number("lookahead", i);
    }
    return out;
}

void validate(const std::vector<Params>& params, const ParamTable& t) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Params& p = params[i];
        if (!(p.V_rearm < p.V_spike)) {
            const std::string element =
                params.size() > 1 ? " (element " + std::to_string(i) + ")" : "";
            throw ConfigError(t.path_of("V_rearm"),
                              "must be below V_spike (" + format_quantity(p.V_spike, Dim::voltage) +
                                  "), got " + format_quantity(p.V_rearm, Dim::voltage) + element);
        }
    }
}

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "hodgkin_huxley";
    m.kind = ModelKind::neuron;
    m.summary =
        "Hodgkin-Huxley (1952) squid axon, rest -65 mV, one compartment of `area` on the dt grid";
    m.integrator =
        "fixed step = scenario dt (use 0.01 ms), grid-aligned (an input at t acts at grid point "
        "ceil(t/dt)); exponential_euler (exact exponential gates with rates frozen at V_k, then "
        "V exponentially with the new gates; 2nd order in practice, stable for any dt) or rk4 "
        "(classical 4th order, diverges for dt >= 0.1 ms at 6.3 degC); spike = upward "
        "crossing of V_spike, linearly interpolated, re-armed below V_rearm";
    m.params = {
        {"C_m", Dim::capacitance_density, 1, "membrane capacitance per area", Check::positive},
        {"g_Na", Dim::conductance_density, 120, "maximal sodium conductance per area",
         Check::nonnegative},
        {"g_K", Dim::conductance_density, 36, "maximal potassium conductance per area",
         Check::nonnegative},
        {"g_L", Dim::conductance_density, 0.3, "leak conductance per area", Check::nonnegative},
        {"E_Na", Dim::voltage, 50, "sodium reversal potential"},
        {"E_K", Dim::voltage, -77, "potassium reversal potential"},
        {"E_L", Dim::voltage, -54.387, "leak reversal potential (rest at -64.996 mV)"},
        {"T",
         Dim::temperature,
         kReferenceTemperature,
         "temperature: rates scale by phi = 3^((T - 6.3 degC)/10)",
         Check::positive,
         ParamKind::number,
         {},
         "279.45 K (6.3 degC)"},
        {"area",
         Dim::dimensionless,
         kDefaultArea,
         "membrane area in um2, a plain number: currents [nA] and conductances [uS] are divided "
         "by it (the default 1e5 um2 = 1e-3 cm2 makes 1 nA = 1 uA/cm2, 1 uS = 1 mS/cm2)",
         Check::positive,
         ParamKind::number,
         {},
         "100000",
         "um2"},
        {"I_e", Dim::current, 0, "constant bias current"},
        {"tau_syn_ex", Dim::time, 5, "excitatory synaptic current/conductance decay",
         Check::positive},
        {"tau_syn_in", Dim::time, 10, "inhibitory synaptic current/conductance decay",
         Check::positive},
        {"E_ex", Dim::voltage, 0, "excitatory reversal potential (exp_conductance)"},
        {"E_in", Dim::voltage, -80, "inhibitory reversal potential (exp_conductance)"},
        {"V_spike", Dim::voltage, 0, "spike detection: upward crossing of this potential"},
        {"V_rearm", Dim::voltage, -20, "the detector re-arms below this potential (< V_spike)"},
        {"lookahead", Dim::time, 1,
         "how far predict steps ahead before asking for a wake-up (rounded up to whole steps; "
         "results do not depend on it, only the cost)",
         Check::positive},
        {"input",
         Dim::dimensionless,
         0,
         "synaptic input: exp_current = weight [nA] into an exponentially decaying current; "
         "exp_conductance = |weight| [uS] into a decaying conductance (the sign selects "
         "excitatory or inhibitory)",
         Check::any,
         ParamKind::choice,
         {"exp_current", "exp_conductance"}},
        {"integrator",
         Dim::dimensionless,
         0,
         "exponential_euler: Rush-Larsen gates, then V exponentially with the new gates "
         "(staggered, ~2nd order, stable for any dt, ~1.5x faster per step); rk4: classical "
         "Runge-Kutta, the accurate reference (needs dt <= 0.05 ms at 6.3 degC)",
         Check::any,
         ParamKind::choice,
         {"exponential_euler", "rk4"}},
    };
    m.init = {
        {"V_m", Dim::voltage, -65, "initial membrane potential"},
        {"m",
         Dim::dimensionless,
         kRequired,
         "initial sodium activation",
         Check::probability,
         ParamKind::number,
         {},
         "m_inf(V_m)"},
        {"h",
         Dim::dimensionless,
         kRequired,
         "initial sodium inactivation",
         Check::probability,
         ParamKind::number,
         {},
         "h_inf(V_m)"},
        {"n",
         Dim::dimensionless,
         kRequired,
         "initial potassium activation",
         Check::probability,
         ParamKind::number,
         {},
         "n_inf(V_m)"},
        {"I_syn_ex", Dim::current, 0, "initial excitatory synaptic current (exp_current)"},
        {"I_syn_in", Dim::current, 0, "initial inhibitory synaptic current (exp_current)"},
        {"g_ex", Dim::conductance, 0, "initial excitatory conductance (exp_conductance)",
         Check::nonnegative},
        {"g_in", Dim::conductance, 0, "initial inhibitory conductance (exp_conductance)",
         Check::nonnegative},
    };
    m.variables = {
        {"V_m", Dim::voltage, "membrane potential"},
        {"m", Dim::dimensionless, "sodium activation gate"},
        {"h", Dim::dimensionless, "sodium inactivation gate"},
        {"n", Dim::dimensionless, "potassium activation gate"},
        {"I_syn_ex", Dim::current, "excitatory synaptic current (exp_current)"},
        {"I_syn_in", Dim::current, "inhibitory synaptic current (exp_current)"},
        {"g_ex", Dim::conductance, "excitatory conductance (exp_conductance)"},
        {"g_in", Dim::conductance, "inhibitory conductance (exp_conductance)"},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        const ParamTable& t = *args.params;
        std::vector<Params> params = read_params(t);
        validate(params, t);
        const Input input =
            t.choice("input") == "exp_current" ? Input::exp_current : Input::exp_conductance;
        const Integrator integrator =
            t.choice("integrator") == "rk4" ? Integrator::rk4 : Integrator::exponential_euler;
        return std::make_unique<HodgkinHuxleyPopulation>(args, std::move(params), input,
                                                         integrator);
    };
    return m;
}

}  // namespace memsnn::hodgkin_huxley
