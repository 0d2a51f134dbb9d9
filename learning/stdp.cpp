// SPDX-License-Identifier: MIT
#include "learning/stdp.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/error.hpp"
#include "engine/network.hpp"
#include "learning/trace.hpp"

namespace memsnn::stdp {

namespace {

constexpr Tick kNone = Trace::kNone;

class StdpRule final : public PlasticityRule {
  public:
    StdpRule(const Params& p, std::size_t n_synapses, std::size_t n_targets)
        : p_(p), pre_(n_synapses), post_(n_targets) {}

    void on_pre(Projection& proj, std::uint32_t k, Tick t) override {
        const std::uint32_t j = proj.target(k);
        Trace& x = pre_[k];
        const Trace& y = post_[j];
        // Reduced pairing: only the first pre after a post depresses.
        const bool pairs = p_.pairing != Pairing::nearest_reduced ||
                           (y.time != kNone && (x.time == kNone || y.time > x.time));
        if (pairs) proj.weight_ref(k) = depress(p_, proj.weight(k), y.at(t, p_.tau_minus));
        x.spike(t, p_.tau_plus, p_.pairing != Pairing::all_to_all);
    }

    bool local_pre() const override { return true; }

    void on_post(Projection& proj, std::uint32_t j, Tick t) override {
        Trace& y = post_[j];
        for (const std::uint32_t k : proj.incoming(j)) {
            const Trace& x = pre_[k];
            // Reduced pairing: only the first post after a pre potentiates.
            const bool pairs = p_.pairing != Pairing::nearest_reduced ||
                               (x.time != kNone && (y.time == kNone || x.time > y.time));
            if (pairs) proj.weight_ref(k) = potentiate(p_, proj.weight(k), x.at(t, p_.tau_plus));
        }
        y.spike(t, p_.tau_minus, p_.pairing != Pairing::all_to_all);
    }

  private:
    Params p_;
    std::vector<Trace> pre_;   // per synapse (packed position)
    std::vector<Trace> post_;  // per target neuron
};

}  // namespace

double potentiate(const Params& p, double w, double trace) {
    const double f =
        p.mu_plus == 0 ? 1.0 : std::pow((p.w_max - w) / (p.w_max - p.w_min), p.mu_plus);
    return std::clamp(w + p.A_plus * f * trace, p.w_min, p.w_max);
}

double depress(const Params& p, double w, double trace) {
    const double f =
        p.mu_minus == 0 ? 1.0 : std::pow((w - p.w_min) / (p.w_max - p.w_min), p.mu_minus);
    return std::clamp(w - p.A_minus * f * trace, p.w_min, p.w_max);
}

ModelInfo model_info() {
    ModelInfo m;
    m.type = "stdp";
    m.kind = ModelKind::learning;
    m.summary = "pair-based STDP, exponential window, three pairing schemes";
    m.integrator = "exact exponential traces, updated at spikes";
    m.params = {
        weight_param("A_plus", kRequired, "potentiation amplitude (weight unit)",
                     Check::nonnegative),
        weight_param("A_minus", kRequired, "depression amplitude (weight unit)",
                     Check::nonnegative),
        {"tau_plus", Dim::time, 16.8, "potentiation window time constant", Check::positive},
        {"tau_minus", Dim::time, 33.7, "depression window time constant", Check::positive},
        weight_param("w_min", 0, "lower weight bound (weight unit)", Check::any),
        weight_param("w_max", kRequired, "upper weight bound (weight unit)", Check::any),
        {"mu_plus", Dim::dimensionless, 0, "weight dependence of potentiation (0 additive)",
         Check::nonnegative},
        {"mu_minus", Dim::dimensionless, 0, "weight dependence of depression (0 additive)",
         Check::nonnegative},
        {"pairing",
         Dim::dimensionless,
         0,
         "which pre/post pairs interact",
         Check::any,
         ParamKind::choice,
         {"all_to_all", "nearest_symmetric", "nearest_reduced"}},
    };
    m.make_rule = [](const PopulationArgs& args) -> std::shared_ptr<PlasticityRule> {
        const ParamTable& t = *args.params;
        Params p;
        p.A_plus = t.number("A_plus", 0);
        p.A_minus = t.number("A_minus", 0);
        p.tau_plus = t.number("tau_plus", 0);
        p.tau_minus = t.number("tau_minus", 0);
        p.w_min = t.number("w_min", 0);
        p.w_max = t.number("w_max", 0);
        p.mu_plus = t.number("mu_plus", 0);
        p.mu_minus = t.number("mu_minus", 0);
        const std::string& pairing = t.choice("pairing");
        p.pairing = pairing == "all_to_all"          ? Pairing::all_to_all
                    : pairing == "nearest_symmetric" ? Pairing::nearest_symmetric
                                                     : Pairing::nearest_reduced;
        if (!(p.w_min < p.w_max)) throw ConfigError(t.path_of("w_max"), "must be above w_min");
        return std::make_shared<StdpRule>(p, args.size, args.n_targets);
    };
    return m;
}

}  // namespace memsnn::stdp
