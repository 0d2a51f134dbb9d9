// SPDX-License-Identifier: MIT
#include "neurons/mtj_neuron.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/error.hpp"

namespace memsnn::mtj_neuron {

namespace {

// A parameter row whose default `memsnn models` shows in a readable unit.
ParamSpec shown(ParamSpec spec, const char* shown_default) {
    spec.shown_default = shown_default;
    return spec;
}

double switch_rate(const Params& p, int m, double I) {
    return 1 / (m > 0 ? dwell_P(p, I) : dwell_AP(p, I));  // 1/ms
}

class MtjPopulation final : public Population {
  public:
    MtjPopulation(const PopulationArgs& args, std::vector<Params> params, Mode mode)
        : Population(args.name, args.size),
          params_(std::move(params)),
          state_(args.size),
          mode_(mode) {
        const ParamTable& init = *args.init;
        for (std::size_t i = 0; i < args.size; ++i) {
            rng_.emplace_back(args.seed, StreamDomain::neuron,
                              (static_cast<std::uint64_t>(args.id) << 32) | i);
            const double m = init.number("m", i);
            if (m != 1 && m != -1)
                throw ConfigError(init.path_of("m"),
                                  "must be 1 (parallel) or -1 (antiparallel), got " +
                                      format_quantity(m, Dim::dimensionless));
            state_[i].m = static_cast<int>(m);
            state_[i].clock = rng_[i].exponential();
        }
    }

    std::optional<Dim> weight_dim() const override { return Dim::current; }
    bool accepts_current() const override { return true; }

    void deliver(std::size_t i, Tick t, double w) override {
        State& s = state_[i];
        advance(params_[i], mode_, s, t, rng_[i]);
        if (w == 0) return;
        const Tick width = ms_to_ticks(params_[i].t_syn);
        s.pulses.push_back({width >= kNever - t ? kNever : t + width, w});
        s.I_syn += w;
    }

    void add_current(std::size_t i, Tick t, double delta_nA) override {
        advance(params_[i], mode_, state_[i], t, rng_[i]);
        state_[i].I_stim += delta_nA;
    }

    Tick predict(std::size_t i, Tick now) override {
        State& s = state_[i];
        advance(params_[i], mode_, s, now, rng_[i]);
        if (s.pending > 0) return now;
        return next_switch(params_[i], s);
    }

    bool fire(std::size_t i, Tick t) override {
        State& s = state_[i];
        advance(params_[i], mode_, s, t, rng_[i]);
        if (s.pending == 0) return false;  // an AP -> P switch
        --s.pending;
        return true;
    }

    const std::vector<VariableSpec>& variables() const override { return variables_; }

    double sample(std::size_t i, std::size_t variable, Tick t) const override {
        State s = state_[i];
        RandomStream rng = rng_[i];
        advance(params_[i], mode_, s, t, rng);
        return variable == 0 ? static_cast<double>(s.m) : current(params_[i], s);
    }

  private:
    std::vector<Params> params_;
    std::vector<State> state_;
    std::vector<RandomStream> rng_;
    Mode mode_;
    std::vector<VariableSpec> variables_ = model_info().variables;
};

std::vector<Params> read_params(const ParamTable& t) {
    std::vector<Params> out(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        Params& p = out[i];
        p.tau_0 = t.number("tau_0", i);
        p.Delta = t.number("Delta", i);
        p.I_c = t.number("I_c", i);
        p.I_e = t.number("I_e", i);
        p.t_syn = t.number("t_syn", i);
    }
    return out;
}

}  // namespace

// Beyond |I| = I_c the barrier is gone: the exponent is clamped at 0 (dwell tau_0), which also
// keeps the rate finite for any current.
double dwell_P(const Params& p, double I) {
    return p.tau_0 * std::exp(p.Delta * std::max(0.0, 1 - I / p.I_c));
}

double dwell_AP(const Params& p, double I) {
    return p.tau_0 * std::exp(p.Delta * std::max(0.0, 1 + I / p.I_c));
}

double rate(const Params& p, Mode mode, double I) {
    const double interval = mode == Mode::reset ? dwell_P(p, I) : dwell_P(p, I) + dwell_AP(p, I);
    return 1000.0 / interval;
}

double current(const Params& p, const State& s) {
    return p.I_e + s.I_stim + s.I_syn;
}

// advance and next_switch walk the same segments (between pulse ends) with the same arithmetic,
// and both place a switch at the first tick at or after it, so a predicted switch is applied by
// advance at exactly that tick.
void advance(const Params& p, Mode mode, State& s, Tick t, RandomStream& rng) {
    if (t <= s.t_last) return;
    const Tick base = s.t_last;
    double pos = 0;  // ms since base
    while (true) {
        const bool pulse_ends = !s.pulses.empty() && s.pulses.front().end < t;
        const Tick seg_ticks = (pulse_ends ? s.pulses.front().end : t) - base;
        const double lambda = switch_rate(p, s.m, current(p, s));
        const double dt = s.clock / lambda;
        if (std::isfinite(dt) && ms_to_ticks_ceil(pos + dt) <= seg_ticks) {
            pos += dt;
            if (s.m > 0) {
                ++s.pending;
                s.m = mode == Mode::reset ? 1 : -1;
            } else {
                s.m = 1;
            }
            s.clock = rng.exponential();
            continue;
        }
        const double seg_end = ticks_to_ms(seg_ticks);
        s.clock = std::max(0.0, s.clock - lambda * std::max(0.0, seg_end - pos));
        pos = std::max(pos, seg_end);
        if (!pulse_ends) break;
        s.I_syn -= s.pulses.front().amplitude;
        s.pulses.pop_front();
        if (s.pulses.empty()) s.I_syn = 0;  // no rounding residue once all pulses are over
    }
    // Pulses ending exactly at t are over at t.
    while (!s.pulses.empty() && s.pulses.front().end <= t) {
        s.I_syn -= s.pulses.front().amplitude;
        s.pulses.pop_front();
        if (s.pulses.empty()) s.I_syn = 0;
    }
    s.t_last = t;
}

Tick next_switch(const Params& p, const State& s) {
    const Tick base = s.t_last;
    double pos = 0, clock = s.clock, I_syn = s.I_syn;
    std::size_t k = 0;
    while (true) {
        const bool pulse_ends = k < s.pulses.size();
        const double lambda = switch_rate(p, s.m, p.I_e + s.I_stim + I_syn);
        const double dt = clock / lambda;
        if (std::isfinite(dt)) {
            const Tick offset = ms_to_ticks_ceil(pos + dt);
            if (!pulse_ends || offset <= s.pulses[k].end - base) {
                if (offset == kNever || offset >= kNever - base) return kNever;
                return base + std::max<Tick>(offset, 1);
            }
        } else if (!pulse_ends) {
            return kNever;
        }
        const double seg_end = ticks_to_ms(s.pulses[k].end - base);
        clock = std::max(0.0, clock - lambda * std::max(0.0, seg_end - pos));
        pos = std::max(pos, seg_end);
        I_syn -= s.pulses[k].amplitude;
        ++k;
        if (k == s.pulses.size()) I_syn = 0;
    }
}

ModelInfo model_info() {
    ModelInfo m;
    m.type = "mtj_neuron";
    m.kind = ModelKind::neuron;
    m.summary =
        "superparamagnetic magnetic tunnel junction: random telegraph P <-> AP with "
        "current-tilted Neel-Brown dwell times, a spike at every P -> AP switch";
    m.integrator =
        "exact sampling: Exp(1) clock per dwell against the piecewise-constant hazard "
        "(memoryless carry-over when the current changes)";
    m.params = {
        shown({"tau_0", Dim::time, 1e-6, "attempt time", Check::positive}, "1 ns"),
        {"Delta", Dim::dimensionless, 15, "energy barrier E_b / k_B T", Check::positive},
        shown({"I_c", Dim::current, 1e5, "critical current of spin-transfer switching",
               Check::positive},
              "100 uA"),
        {"I_e", Dim::current, 0, "constant bias current (positive drives P -> AP)"},
        {"t_syn", Dim::time, 1, "duration of the rectangular current pulse of a synaptic input",
         Check::positive},
        {"mode",
         Dim::dimensionless,
         0,
         "telegraph: the junction returns to P by itself; reset: the read circuit resets it to "
         "P at every spike (intervals are P dwells, rate rising with I)",
         Check::any,
         ParamKind::choice,
         {"telegraph", "reset"}},
    };
    m.init = {{"m", Dim::dimensionless, 1, "initial state: 1 parallel (P), -1 antiparallel (AP)"}};
    m.variables = {
        {"m", Dim::dimensionless, "free-layer state: +1 parallel (P), -1 antiparallel (AP)"},
        {"I_in", Dim::current, "total current through the junction"},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        const ParamTable& t = *args.params;
        std::vector<Params> params = read_params(t);
        const Mode mode = t.choice("mode") == "reset" ? Mode::reset : Mode::telegraph;
        return std::make_unique<MtjPopulation>(args, std::move(params), mode);
    };
    return m;
}

}  // namespace memsnn::mtj_neuron
