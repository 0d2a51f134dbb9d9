// SPDX-License-Identifier: MIT
#include "neurons/mott_oscillator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/error.hpp"

namespace memsnn::mott_oscillator {

namespace {

// A parameter row whose default `memsnn models` shows in a readable unit.
ParamSpec shown(ParamSpec spec, const char* shown_default) {
    spec.shown_default = shown_default;
    return spec;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

// First tick at or after a transition dt ms after t0; at least one tick later, so a wake-up
// always makes progress.
Tick transition_tick(Tick t0, double dt) {
    if (!std::isfinite(dt)) return kNever;
    const Tick offset = ms_to_ticks_ceil(dt);
    if (offset == kNever || offset >= kNever - t0) return kNever;
    return t0 + std::max<Tick>(offset, 1);
}

class MottPopulation final : public Population {
  public:
    MottPopulation(const PopulationArgs& args, std::vector<Params> params)
        : Population(args.name, args.size), params_(std::move(params)), state_(args.size) {
        for (std::size_t i = 0; i < args.size; ++i) {
            if (args.init->given("V_C")) state_[i].V = args.init->number("V_C", i);
            settle(params_[i], state_[i]);
        }
    }

    std::optional<Dim> weight_dim() const override { return Dim::voltage; }
    bool accepts_current() const override { return true; }

    void deliver(std::size_t i, Tick t, double w) override {
        State& s = state_[i];
        advance(params_[i], s, t);
        s.V += w;
        settle(params_[i], s);
    }

    void add_current(std::size_t i, Tick t, double delta_nA) override {
        advance(params_[i], state_[i], t);
        state_[i].I_stim += delta_nA;
    }

    Tick predict(std::size_t i, Tick now) override {
        const Params& p = params_[i];
        State& s = state_[i];
        advance(p, s, now);
        if (s.pending > 0) return now;
        return transition_tick(now, time_to_transition(p, s.on, s.V, p.I_e + s.I_stim));
    }

    bool fire(std::size_t i, Tick t) override {
        State& s = state_[i];
        advance(params_[i], s, t);
        if (s.pending == 0) return false;  // an ON -> OFF wake-up
        --s.pending;
        return true;
    }

    const std::vector<VariableSpec>& variables() const override { return variables_; }

    double sample(std::size_t i, std::size_t variable, Tick t) const override {
        const Params& p = params_[i];
        State s = state_[i];
        advance(p, s, t);
        switch (variable) {
            case 0:
                return s.V;
            case 1:
                return s.on ? 1.0 : 0.0;
            default:
                return s.V / (s.on ? p.R_on : p.R_off);
        }
    }

  private:
    std::vector<Params> params_;
    std::vector<State> state_;
    std::vector<VariableSpec> variables_ = model_info().variables;
};

std::vector<Params> read_params(const ParamTable& t) {
    std::vector<Params> out(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        Params& p = out[i];
        p.C = t.number("C", i);
        p.R_on = t.number("R_on", i);
        p.R_off = t.number("R_off", i);
        p.R_s = t.number("R_s", i);
        p.V_dc = t.number("V_dc", i);
        p.V_th = t.number("V_th", i);
        p.V_hold = t.number("V_hold", i);
        p.I_e = t.number("I_e", i);
    }
    return out;
}

void validate(const std::vector<Params>& params, const ParamTable& t) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Params& p = params[i];
        const std::string element = params.size() > 1 ? " (element " + std::to_string(i) + ")" : "";
        if (!(p.V_hold < p.V_th))
            throw ConfigError(t.path_of("V_hold"),
                              "must be below V_th (" + format_quantity(p.V_th, Dim::voltage) +
                                  "), got " + format_quantity(p.V_hold, Dim::voltage) + element);
        if (!(p.R_on < p.R_off))
            throw ConfigError(t.path_of("R_on"),
                              "must be below R_off (" + format_quantity(p.R_off, Dim::resistance) +
                                  "), got " + format_quantity(p.R_on, Dim::resistance) + element);
    }
}

}  // namespace

double conductance(const Params& p, bool on) {
    return 1 / p.R_s + 1 / (on ? p.R_on : p.R_off);
}

double drive(const Params& p, double I) {
    return I + p.V_dc / p.R_s;
}

double v_inf(const Params& p, bool on, double I) {
    return drive(p, I) / conductance(p, on);
}

double evolve(const Params& p, bool on, double V0, double I, double dt) {
    const double V_inf = v_inf(p, on, I);
    return V_inf + (V0 - V_inf) * std::exp(-dt * conductance(p, on) / p.C);
}

double time_to_transition(const Params& p, bool on, double V0, double I) {
    const double tau = p.C / conductance(p, on);
    const double V_inf = v_inf(p, on, I);
    if (!on) {
        if (V0 >= p.V_th) return 0;
        if (!(V_inf > p.V_th)) return kInf;
        return tau * std::log1p((p.V_th - V0) / (V_inf - p.V_th));
    }
    if (V0 <= p.V_hold) return 0;
    if (!(V_inf < p.V_hold)) return kInf;
    return tau * std::log1p((V0 - p.V_hold) / (p.V_hold - V_inf));
}

double t_up(const Params& p, double I) {
    return time_to_transition(p, false, p.V_hold, I);
}

double t_dn(const Params& p, double I) {
    return time_to_transition(p, true, p.V_th, I);
}

double period(const Params& p, double I) {
    return t_up(p, I) + t_dn(p, I);
}

void settle(const Params& p, State& s) {
    if (!s.on && s.V >= p.V_th) {
        s.on = true;
        ++s.pending;
    }
    if (s.on && s.V <= p.V_hold) s.on = false;
}

void advance(const Params& p, State& s, Tick t) {
    if (t <= s.t_last) return;
    const Tick span = t - s.t_last;
    const double I = p.I_e + s.I_stim;
    // Transitions inside the interval, each at its exact time. The test "its tick is within the
    // interval" is the one predict uses, so a predicted transition is never missed.
    double pos = 0;
    while (true) {
        const double dt = time_to_transition(p, s.on, s.V, I);
        if (!std::isfinite(dt) || ms_to_ticks_ceil(pos + dt) > span) break;
        pos += dt;
        if (s.on) {
            s.V = p.V_hold;
            s.on = false;
        } else {
            s.V = p.V_th;
            s.on = true;
            ++s.pending;
        }
    }
    s.V = evolve(p, s.on, s.V, I, std::max(0.0, ticks_to_ms(span) - pos));
    s.t_last = t;
    settle(p, s);
}

ModelInfo model_info() {
    ModelInfo m;
    m.type = "mott_oscillator";
    m.kind = ModelKind::neuron;
    m.summary =
        "threshold-switch (Mott NbO2/VO2) relaxation oscillator: C || switch, OFF->ON at V_th "
        "(spike), ON->OFF at V_hold, exact event-driven";
    m.integrator =
        "exact: piecewise RC exponentials, transitions at their exact times (closed-form "
        "t_up, t_dn)";
    m.params = {
        {"C", Dim::capacitance, 10, "capacitor in parallel with the threshold switch",
         Check::positive},
        shown({"R_on", Dim::resistance, 0.001, "ON resistance of the switch, below R_off",
               Check::positive},
              "1 kOhm"),
        shown({"R_off", Dim::resistance, 0.1, "OFF resistance of the switch", Check::positive},
              "100 kOhm"),
        {"R_s", Dim::resistance, 1, "series resistor from V_dc (a load to ground if V_dc = 0)",
         Check::positive},
        {"V_dc", Dim::voltage, 0, "supply voltage behind R_s"},
        shown({"V_th", Dim::voltage, 1800, "OFF->ON threshold voltage (the spike)"}, "1.8 V"),
        shown({"V_hold", Dim::voltage, 1300, "ON->OFF hold voltage, below V_th"}, "1.3 V"),
        {"I_e", Dim::current, 0, "constant bias current into the node"},
    };
    m.init = {{"V_C", Dim::voltage, 0, "initial capacitor voltage (the switch starts OFF)"}};
    m.variables = {
        {"V_C", Dim::voltage, "capacitor (and switch) voltage"},
        {"s", Dim::dimensionless, "switch state: 0 OFF (insulating), 1 ON (metallic)"},
        {"I_D", Dim::current, "current through the switch, V_C / R_D"},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        std::vector<Params> params = read_params(*args.params);
        validate(params, *args.params);
        return std::make_unique<MottPopulation>(args, std::move(params));
    };
    return m;
}

}  // namespace memsnn::mott_oscillator
