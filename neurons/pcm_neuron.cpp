// SPDX-License-Identifier: MIT
#include "neurons/pcm_neuron.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/error.hpp"

namespace memsnn::pcm_neuron {

namespace {

// A parameter row whose default `memsnn models` shows in a readable unit.
ParamSpec shown(ParamSpec spec, const char* shown_default) {
    spec.shown_default = shown_default;
    return spec;
}

constexpr double kBoltzmann = 1.380649e-8;  // fJ/K
constexpr double kEv = 1.602176634e-4;      // fJ

class PcmPopulation final : public Population {
  public:
    PcmPopulation(const PopulationArgs& args, std::vector<Params> params)
        : Population(args.name, args.size), params_(std::move(params)), state_(args.size) {
        for (std::size_t i = 0; i < args.size; ++i) {
            rng_.emplace_back(args.seed, StreamDomain::neuron,
                              (static_cast<std::uint64_t>(args.id) << 32) | i);
            state_[i].u_a = args.init->number("u_a", i);
            ref_ticks_.push_back(ms_to_ticks(params_[i].t_ref));
        }
    }

    std::optional<Dim> weight_dim() const override { return Dim::voltage; }

    void deliver(std::size_t i, Tick t, double w) override {
        if (t < state_[i].ref_end) return;
        apply_pulse(params_[i], state_[i], w, rng_[i]);
    }

    Tick predict(std::size_t i, Tick now) override {
        return state_[i].u_a <= u_threshold(params_[i]) ? now : kNever;
    }

    bool fire(std::size_t i, Tick t) override {
        reset(params_[i], state_[i], rng_[i]);
        state_[i].ref_end = t + ref_ticks_[i];
        return true;
    }

    const std::vector<VariableSpec>& variables() const override { return variables_; }

    double sample(std::size_t i, std::size_t variable, Tick /*t*/) const override {
        return variable == 0 ? conductance(params_[i], state_[i].u_a) : state_[i].u_a;
    }

  private:
    std::vector<Params> params_;
    std::vector<State> state_;
    std::vector<RandomStream> rng_;
    std::vector<Tick> ref_ticks_;
    std::vector<VariableSpec> variables_ = model_info().variables;
};

std::vector<Params> read_params(const ParamTable& t) {
    std::vector<Params> out(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        Params& p = out[i];
        p.G_reset = t.number("G_reset", i);
        p.G_set = t.number("G_set", i);
        p.G_th = t.number("G_th", i);
        p.t_p = t.number("t_p", i);
        p.du_ref = t.number("du_ref", i);
        p.V_p_ref = t.number("V_p_ref", i);
        p.t_p_ref = t.number("t_p_ref", i);
        p.E_a = t.number("E_a", i);
        p.T_amb = t.number("T_amb", i);
        p.dT_ref = t.number("dT_ref", i);
        p.t_ref = t.number("t_ref", i);
        p.sigma_c = t.number("sigma_c", i);
        p.sigma_r = t.number("sigma_r", i);
    }
    return out;
}

void validate(const std::vector<Params>& params, const ParamTable& t) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Params& p = params[i];
        const std::string element = params.size() > 1 ? " (element " + std::to_string(i) + ")" : "";
        if (!(p.G_reset < p.G_th && p.G_th < p.G_set))
            throw ConfigError(t.path_of("G_th"),
                              "must lie between G_reset (" +
                                  format_quantity(p.G_reset, Dim::conductance) + ") and G_set (" +
                                  format_quantity(p.G_set, Dim::conductance) + "), got " +
                                  format_quantity(p.G_th, Dim::conductance) + element);
    }
}

}  // namespace

double conductance(const Params& p, double u_a) {
    return 1 / (1 / p.G_set + (1 / p.G_reset - 1 / p.G_set) * u_a);
}

double u_threshold(const Params& p) {
    return (1 / p.G_th - 1 / p.G_set) / (1 / p.G_reset - 1 / p.G_set);
}

double temperature(const Params& p, double V) {
    const double x = V / p.V_p_ref;
    return p.T_amb + p.dT_ref * x * x;
}

double step(const Params& p, double V, double t) {
    const double activation = p.E_a / kBoltzmann;  // K
    return p.du_ref * (t / p.t_p_ref) *
           std::exp(-activation * (1 / temperature(p, V) - 1 / temperature(p, p.V_p_ref)));
}

long pulses_to_fire(const Params& p, double V, double t, double u_a) {
    const double gap = u_a - u_threshold(p);
    if (gap <= 0) return 0;
    const double n = std::ceil(gap / step(p, V, t));
    return std::isfinite(n) && n < 9e18 ? static_cast<long>(n) : std::numeric_limits<long>::max();
}

void apply_pulse(const Params& p, State& s, double V, RandomStream& rng) {
    if (!(V > 0)) return;
    const double factor = p.sigma_c > 0 ? std::max(0.0, 1 + p.sigma_c * rng.normal()) : 1.0;
    s.u_a = std::max(0.0, s.u_a - step(p, V, p.t_p) * factor);
}

void reset(const Params& p, State& s, RandomStream& rng) {
    s.u_a = 1;
    if (!(p.sigma_r > 0)) return;
    const double u_th = u_threshold(p);
    for (int k = 0; k < 1000; ++k) {
        const double u = 1 + p.sigma_r * rng.normal();
        if (u > u_th) {
            s.u_a = u;
            return;
        }
    }
}

ModelInfo model_info() {
    ModelInfo m;
    m.type = "pcm_neuron";
    m.kind = ModelKind::neuron;
    m.summary =
        "phase-change integrate-and-fire neuron (Tuma 2016): each input spike is a "
        "crystallising pulse (amplitude = weight), fire at G_th, stochastic amorphous reset";
    m.integrator = "per-pulse map (event-driven, nothing evolves between inputs)";
    m.params = {
        {"G_reset", Dim::conductance, 0.1, "conductance of the nominally reset (amorphous) cell",
         Check::positive},
        {"G_set", Dim::conductance, 10, "conductance of the fully crystalline cell",
         Check::positive},
        {"G_th", Dim::conductance, 1, "firing threshold, between G_reset and G_set",
         Check::positive},
        shown({"t_p", Dim::time, 5e-5, "width of the crystallising pulse of each input spike",
               Check::positive},
              "50 ns"),
        {"du_ref", Dim::dimensionless, 0.1,
         "relative amorphous-cap thinning by one reference pulse (V_p_ref, t_p_ref)",
         Check::positive},
        shown({"V_p_ref", Dim::voltage, 2000, "amplitude of the reference pulse", Check::positive},
              "2 V"),
        shown({"t_p_ref", Dim::time, 5e-5, "width of the reference pulse", Check::positive},
              "50 ns"),
        {"E_a",
         Dim::energy,
         0.5 * kEv,
         "activation energy of crystal growth (Arrhenius)",
         Check::positive,
         ParamKind::number,
         {},
         "0.5 eV"},
        {"T_amb", Dim::temperature, 300, "ambient temperature", Check::positive},
        {"dT_ref", Dim::temperature, 300, "Joule heating during a pulse of amplitude V_p_ref",
         Check::positive},
        {"t_ref", Dim::time, 0, "refractory time: inputs within it after a spike are ignored",
         Check::nonnegative},
        {"sigma_c", Dim::dimensionless, 0, "relative noise of each crystallisation step",
         Check::nonnegative},
        {"sigma_r", Dim::dimensionless, 0.1, "relative spread of the amorphous thickness at reset",
         Check::nonnegative},
    };
    m.init = {{"u_a", Dim::dimensionless, 1,
               "initial relative amorphous thickness (1 = nominal reset, 0 = crystalline)",
               Check::nonnegative}};
    m.variables = {
        {"G", Dim::conductance, "cell conductance (the membrane potential)"},
        {"u_a", Dim::dimensionless, "amorphous cap thickness relative to the nominal reset"},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        std::vector<Params> params = read_params(*args.params);
        validate(params, *args.params);
        return std::make_unique<PcmPopulation>(args, std::move(params));
    };
    return m;
}

}  // namespace memsnn::pcm_neuron
