// SPDX-License-Identifier: MIT
#include "learning/bcm.hpp"

#include <algorithm>
#include <cmath>

#include "engine/error.hpp"
#include "engine/network.hpp"
#include "learning/trace.hpp"

namespace memsnn::bcm {

double theta_after(const Params& p, double theta, double y, double dt) {
    const double a = 1 / p.tau_theta, b = 2 / p.tau_y;
    const double forcing = y * y / p.y_0;
    const double ea = std::exp(-a * dt), eb = std::exp(-b * dt);
    // (e^{-bt} - e^{-at}) a / (a - b), with its limit a t e^{-at} when a == b.
    const double driven = std::abs(a - b) > 1e-12 * a ? (eb - ea) * a / (a - b) : a * dt * ea;
    return theta * ea + forcing * driven;
}

namespace {

class BcmRule final : public PlasticityRule {
  public:
    BcmRule(const Params& p, std::size_t n_synapses, std::size_t n_targets)
        : p_(p), x_(n_synapses), post_(n_targets) {
        for (Post& q : post_) q.theta = p_.theta_0;
    }

    void on_pre(Projection&, std::uint32_t k, Tick t) override { x_[k].spike(t, p_.tau_x, false); }
    bool local_pre() const override { return true; }

    void on_post(Projection& proj, std::uint32_t j, Tick t) override {
        Post& q = post_[j];
        const double dt = ticks_to_ms(t - q.time);
        const double y = q.y * std::exp(-dt / p_.tau_y);
        q.theta = theta_after(p_, q.theta, q.y, dt);
        const double drive = y - q.theta;  // Hz
        for (const std::uint32_t k : proj.incoming(j)) {
            const double x = x_[k].at(t, p_.tau_x) * 1000 / p_.tau_x;  // Hz
            proj.weight_ref(k) =
                std::clamp(proj.weight(k) + p_.eta * x * drive, p_.w_min, p_.w_max);
        }
        q.y = y + 1000 / p_.tau_y;
        q.time = t;
    }

  private:
    struct Post {
        double y = 0;      // Hz, at `time`
        double theta = 0;  // Hz, at `time`
        Tick time = 0;
    };
    Params p_;
    std::vector<Trace> x_;  // per synapse, in spikes (x Hz = value * 1000 / tau_x)
    std::vector<Post> post_;
};

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "bcm";
    m.kind = ModelKind::learning;
    m.summary = "BCM rate rule with a sliding threshold, on spike-rate traces";
    m.integrator = "exact exponential traces and threshold, updated at postsynaptic spikes";
    m.params = {
        weight_param("eta", 1e-6, "learning rate per Hz^2 (weight unit / Hz^2)",
                     Check::nonnegative),
        {"tau_x", Dim::time, 50, "presynaptic rate trace time constant", Check::positive},
        {"tau_y", Dim::time, 50, "postsynaptic rate trace time constant", Check::positive},
        {"tau_theta", Dim::time, 1000, "sliding-threshold time constant", Check::positive},
        {"y_0", Dim::frequency, 10, "target rate: theta = <y^2> / y_0", Check::positive},
        {"theta_0", Dim::frequency, 10, "initial threshold", Check::nonnegative},
        weight_param("w_min", 0, "lower weight bound"),
        weight_param("w_max", 1, "upper weight bound"),
    };
    m.make_rule = [](const PopulationArgs& args) -> std::shared_ptr<PlasticityRule> {
        const ParamTable& t = *args.params;
        Params p;
        p.eta = t.number("eta", 0);
        p.tau_x = t.number("tau_x", 0);
        p.tau_y = t.number("tau_y", 0);
        p.tau_theta = t.number("tau_theta", 0);
        p.y_0 = t.number("y_0", 0);
        p.theta_0 = t.number("theta_0", 0);
        p.w_min = t.number("w_min", 0);
        p.w_max = t.number("w_max", 0);
        if (!(p.w_min < p.w_max)) throw ConfigError(t.path_of("w_max"), "must be above w_min");
        return std::make_shared<BcmRule>(p, args.size, args.n_targets);
    };
    return m;
}

}  // namespace memsnn::bcm
