// SPDX-License-Identifier: MIT
#include "learning/triplet_pulses.hpp"

#include "engine/network.hpp"
#include "learning/trace.hpp"

namespace memsnn::triplet_pulses {

namespace {

class TripletPulsesRule final : public PlasticityRule {
  public:
    explicit TripletPulsesRule(const PopulationArgs& args)
        : beta_plus_(args.params->number("beta_plus", 0)),
          beta_minus_(args.params->number("beta_minus", 0)),
          tau_x_(args.params->number("tau_x", 0)),
          tau_y_(args.params->number("tau_y", 0)),
          nearest_(args.params->choice("pairing") == "nearest"),
          r2_(args.size),
          o2_(args.n_targets) {
        for (const auto& [duration, voltage] : args.params->waveform("pre_pulse"))
            pre_.push_back({ms_to_ticks(duration), voltage});
        for (const auto& [duration, voltage] : args.params->waveform("post_pulse"))
            post_.push_back({ms_to_ticks(duration), voltage});
    }

    void on_pre(Projection& proj, std::uint32_t k, Tick t) override {
        const std::vector<Segment> pulse = scaled(pre_, 1 + beta_minus_ * r2_[k].at(t, tau_x_));
        proj.circuit()->on_pre_line(proj.creation_index(k), t, pulse);
        r2_[k].spike(t, tau_x_, nearest_);
    }

    void on_post(Projection& proj, std::uint32_t j, Tick t) override {
        const std::vector<Segment> pulse = scaled(post_, 1 + beta_plus_ * o2_[j].at(t, tau_y_));
        SynapseCircuit* circuit = proj.circuit();
        for (const std::uint32_t k : proj.incoming(j))
            circuit->on_post(proj.creation_index(k), t, pulse);
        o2_[j].spike(t, tau_y_, nearest_);
    }

  private:
    // A copy per call, not a member buffer: partitions of a parallel run call the rule at once.
    static std::vector<Segment> scaled(std::vector<Segment> pulse, double factor) {
        for (Segment& s : pulse) s.voltage *= factor;
        return pulse;
    }

    double beta_plus_, beta_minus_, tau_x_, tau_y_;
    bool nearest_;
    std::vector<Segment> pre_, post_;
    std::vector<Trace> r2_;  // per synapse
    std::vector<Trace> o2_;  // per target neuron
};

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "triplet_pulses";
    m.kind = ModelKind::learning;
    m.device_rule = true;
    m.circuits = {"two_terminal"};
    m.summary =
        "triplet STDP on a second-order device: residual heat as fast traces, slow "
        "traces as pulse amplitudes";
    m.integrator = "exact exponential slow traces; the device integrates the pulses";
    m.params = {
        {"pre_pulse", Dim::voltage, 0, "the pulse a presynaptic spike drives on its line",
         Check::any, ParamKind::waveform},
        {"post_pulse", Dim::voltage, 0, "the pulse a postsynaptic spike drives on its line",
         Check::any, ParamKind::waveform},
        {"beta_plus", Dim::dimensionless, 0,
         "postsynaptic pulse amplitude gain per unit of the slow post trace o2 (A3+)",
         Check::nonnegative},
        {"beta_minus", Dim::dimensionless, 0,
         "presynaptic pulse amplitude gain per unit of the slow pre trace r2 (A3-)",
         Check::nonnegative},
        {"tau_x", Dim::time, 3e-3, "slow presynaptic trace r2 time constant", Check::positive},
        {"tau_y", Dim::time, 3.4e-3, "slow postsynaptic trace o2 time constant", Check::positive},
        {"pairing",
         Dim::dimensionless,
         0,
         "slow trace update at spikes: +1 or reset to 1",
         Check::any,
         ParamKind::choice,
         {"all_to_all", "nearest"}},
    };
    m.make_rule = [](const PopulationArgs& args) -> std::shared_ptr<PlasticityRule> {
        return std::make_shared<TripletPulsesRule>(args);
    };
    return m;
}

}  // namespace memsnn::triplet_pulses
