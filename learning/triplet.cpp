// SPDX-License-Identifier: MIT
#include "learning/triplet.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/error.hpp"
#include "engine/network.hpp"
#include "learning/trace.hpp"
#include "learning/weight_update.hpp"

namespace memsnn::triplet {

namespace {

struct Params {
    double A2_plus = 0, A3_plus = 0, A2_minus = 0, A3_minus = 0;
    double tau_plus = 16.8, tau_minus = 33.7, tau_x = 101, tau_y = 125;  // ms
    double w_min = -std::numeric_limits<double>::infinity();
    double w_max = std::numeric_limits<double>::infinity();
    bool nearest = false;
};

class TripletRule final : public PlasticityRule {
  public:
    TripletRule(const Params& p, const WeightUpdateParams& u, const PopulationArgs& args)
        : p_(p),
          update_(u, p.w_min, p.w_max, args),
          r1_(args.size),
          r2_(args.size),
          o1_(args.n_targets),
          o2_(args.n_targets) {}

    void on_pre(Projection& proj, std::uint32_t k, Tick t) override {
        const std::uint32_t j = proj.target(k);
        const double dw =
            o1_[j].at(t, p_.tau_minus) * (p_.A2_minus + p_.A3_minus * r2_[k].at(t, p_.tau_x));
        proj.weight_ref(k) = update_.apply(proj.creation_index(k), proj.weight(k), -dw);
        r1_[k].spike(t, p_.tau_plus, p_.nearest);
        r2_[k].spike(t, p_.tau_x, p_.nearest);
    }

    bool local_pre() const override { return true; }

    void on_post(Projection& proj, std::uint32_t j, Tick t) override {
        const double o2 = o2_[j].at(t, p_.tau_y);
        for (const std::uint32_t k : proj.incoming(j)) {
            const double dw = r1_[k].at(t, p_.tau_plus) * (p_.A2_plus + p_.A3_plus * o2);
            proj.weight_ref(k) = update_.apply(proj.creation_index(k), proj.weight(k), dw);
        }
        o1_[j].spike(t, p_.tau_minus, p_.nearest);
        o2_[j].spike(t, p_.tau_y, p_.nearest);
    }

  private:
    Params p_;
    WeightUpdate update_;
    std::vector<Trace> r1_, r2_;  // per synapse
    std::vector<Trace> o1_, o2_;  // per target neuron
};

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "triplet";
    m.kind = ModelKind::learning;
    m.summary = "triplet STDP (Pfister & Gerstner 2006), all-to-all or nearest-spike";
    m.integrator = "exact exponential traces, updated at spikes";
    const double inf = std::numeric_limits<double>::infinity();
    m.params = {
        weight_param("A2_plus", 0, "pair potentiation amplitude", Check::nonnegative),
        weight_param("A3_plus", 0, "triplet potentiation amplitude", Check::nonnegative),
        weight_param("A2_minus", 0, "pair depression amplitude", Check::nonnegative),
        weight_param("A3_minus", 0, "triplet depression amplitude", Check::nonnegative),
        {"tau_plus", Dim::time, 16.8, "r1 time constant", Check::positive},
        {"tau_minus", Dim::time, 33.7, "o1 time constant", Check::positive},
        {"tau_x", Dim::time, 101, "r2 time constant", Check::positive},
        {"tau_y", Dim::time, 125, "o2 time constant", Check::positive},
        weight_param("w_min", -inf, "lower weight bound (default: none)"),
        weight_param("w_max", inf, "upper weight bound (default: none)"),
        {"pairing",
         Dim::dimensionless,
         0,
         "trace update at spikes: +1 or reset to 1",
         Check::any,
         ParamKind::choice,
         {"all_to_all", "nearest"}},
    };
    for (ParamSpec& spec : weight_update_params()) m.params.push_back(std::move(spec));
    m.make_rule = [](const PopulationArgs& args) -> std::shared_ptr<PlasticityRule> {
        const ParamTable& t = *args.params;
        Params p;
        p.A2_plus = t.number("A2_plus", 0);
        p.A3_plus = t.number("A3_plus", 0);
        p.A2_minus = t.number("A2_minus", 0);
        p.A3_minus = t.number("A3_minus", 0);
        p.tau_plus = t.number("tau_plus", 0);
        p.tau_minus = t.number("tau_minus", 0);
        p.tau_x = t.number("tau_x", 0);
        p.tau_y = t.number("tau_y", 0);
        p.w_min = t.number("w_min", 0);
        p.w_max = t.number("w_max", 0);
        p.nearest = t.choice("pairing") == "nearest";
        if (!(p.w_min < p.w_max)) throw ConfigError(t.path_of("w_max"), "must be above w_min");
        const WeightUpdateParams u = read_weight_update(t);
        if (u.levels != 0 && (u.levels < 2 || u.levels != std::floor(u.levels)))
            throw ConfigError(t.path_of("levels"), "must be 0 (continuous) or a whole number >= 2");
        if (u.levels != 0 && !(std::isfinite(p.w_min) && std::isfinite(p.w_max)))
            throw ConfigError(t.path_of("levels"), "needs finite w_min and w_max");
        return std::make_shared<TripletRule>(p, u, args);
    };
    return m;
}

}  // namespace memsnn::triplet
