// SPDX-License-Identifier: MIT
#include "learning/srdp.hpp"

#include "engine/network.hpp"
#include "engine/rng.hpp"

namespace memsnn::srdp {

namespace {

std::vector<Segment> segments(const ParamTable& t, const std::string& name) {
    std::vector<Segment> w;
    for (const auto& [duration, voltage] : t.waveform(name))
        w.push_back({ms_to_ticks(duration), voltage});
    return w;
}

class SrdpRule final : public PlasticityRule {
  public:
    SrdpRule(const PopulationArgs& args)
        : t_D_(ms_to_ticks(args.params->number("t_D", 0))),
          p_ltp_(args.params->number("p_ltp", 0)),
          p_ltd_(args.params->number("p_ltd", 0)),
          ltp_(segments(*args.params, "ltp_waveform")),
          ltd_(segments(*args.params, "ltd_waveform")),
          last_(args.size, kNever) {
        streams_.reserve(args.size);
        for (std::size_t i = 0; i < args.size; ++i)
            streams_.emplace_back(args.seed, StreamDomain::learning,
                                  (static_cast<std::uint64_t>(args.id) << 32) | i);
    }

    void on_pre(Projection& proj, std::uint32_t k, Tick t) override {
        const std::uint32_t id = proj.creation_index(k);
        const bool close = last_[id] != kNever && t - last_[id] < t_D_;
        last_[id] = t;
        const double u = streams_[id].uniform();
        if (close && u < p_ltp_)
            proj.circuit()->on_post(id, t, ltp_);
        else if (!close && u < p_ltd_)
            proj.circuit()->on_post(id, t, ltd_);
    }

    void on_post(Projection&, std::uint32_t, Tick) override {}

  private:
    Tick t_D_;
    double p_ltp_, p_ltd_;
    std::vector<Segment> ltp_, ltd_;
    std::vector<Tick> last_;  // last arrival per synapse (creation index)
    std::vector<RandomStream> streams_;
};

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "srdp";
    m.kind = ModelKind::learning;
    m.device_rule = true;
    m.summary = "4T1R-style rate-dependent plasticity: LTP when two spikes come within t_D";
    m.integrator = "per presynaptic arrival; the circuit and device apply the waveform";
    m.params = {
        {"t_D", Dim::time, 10,
         "delayed-gate window: a spike within t_D of the previous one "
         "potentiates",
         Check::positive},
        {"p_ltp", Dim::dimensionless, 1, "probability of the LTP waveform for close spikes",
         Check::probability},
        {"p_ltd", Dim::dimensionless, 1, "probability of the LTD waveform for isolated spikes",
         Check::probability},
        {"ltp_waveform", Dim::voltage, 0, "waveform driven for potentiation", Check::any,
         ParamKind::waveform},
        {"ltd_waveform", Dim::voltage, 0, "waveform driven for depression", Check::any,
         ParamKind::waveform},
    };
    m.make_rule = [](const PopulationArgs& args) -> std::shared_ptr<PlasticityRule> {
        return std::make_shared<SrdpRule>(args);
    };
    return m;
}

}  // namespace memsnn::srdp
