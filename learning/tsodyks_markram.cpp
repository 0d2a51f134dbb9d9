// SPDX-License-Identifier: MIT
#include "learning/tsodyks_markram.hpp"

#include <cmath>
#include <limits>

#include "engine/error.hpp"
#include "engine/network.hpp"

namespace memsnn::tsodyks_markram {

namespace {

struct Params {
    double U = 0.5;
    double tau_rec = 800;  // ms
    double tau_fac = 0;    // ms
};

class TsodyksMarkram final : public PlasticityRule {
  public:
    TsodyksMarkram(const Params& p, std::size_t n_synapses)
        : p_(p), state_(n_synapses, State{1.0, p.U, kNone}) {}

    double transmit(Projection&, std::uint32_t k, Tick t, double weight) override {
        State& s = state_[k];
        if (s.last != kNone) {
            const double h = ticks_to_ms(t - s.last);
            s.x = 1 + (s.x - s.u * s.x - 1) * std::exp(-h / p_.tau_rec);
            s.u = p_.tau_fac > 0 ? p_.U + s.u * (1 - p_.U) * std::exp(-h / p_.tau_fac) : p_.U;
        }
        s.last = t;
        return weight * s.u * s.x;
    }

    void on_pre(Projection&, std::uint32_t, Tick) override {}
    void on_post(Projection&, std::uint32_t, Tick) override {}

  private:
    static constexpr Tick kNone = std::numeric_limits<Tick>::min();
    struct State {
        double x, u;
        Tick last;
    };
    Params p_;
    std::vector<State> state_;
};

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "tsodyks_markram";
    m.kind = ModelKind::learning;
    m.summary = "short-term depression and facilitation of the transmitted weight";
    m.integrator = "exact recovery between spikes";
    m.params = {
        {"U", Dim::dimensionless, 0.5, "utilisation at rest (0..1]", Check::probability},
        {"tau_rec", Dim::time, 800, "recovery time constant of the resources", Check::positive},
        {"tau_fac", Dim::time, 0, "facilitation time constant (0: none)", Check::nonnegative},
    };
    m.make_rule = [](const PopulationArgs& args) -> std::shared_ptr<PlasticityRule> {
        const ParamTable& t = *args.params;
        const Params p{t.number("U", 0), t.number("tau_rec", 0), t.number("tau_fac", 0)};
        if (!(p.U > 0)) throw ConfigError(t.path_of("U"), "must be > 0");
        return std::make_shared<TsodyksMarkram>(p, args.size);
    };
    return m;
}

}  // namespace memsnn::tsodyks_markram
