// SPDX-License-Identifier: MIT
#include "learning/post_pulses.hpp"

#include "engine/network.hpp"

namespace memsnn::post_pulses {

namespace {

class PostPulsesRule final : public PlasticityRule {
  public:
    explicit PostPulsesRule(std::vector<Segment> waveform) : waveform_(std::move(waveform)) {}

    void on_pre(Projection&, std::uint32_t, Tick) override {}  // the circuit's pre_waveform

    void on_post(Projection& proj, std::uint32_t j, Tick t) override {
        SynapseCircuit* circuit = proj.circuit();
        for (const std::uint32_t k : proj.incoming(j))
            circuit->on_post(proj.creation_index(k), t, waveform_);
    }

  private:
    std::vector<Segment> waveform_;
};

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "post_pulses";
    m.kind = ModelKind::learning;
    m.device_rule = true;
    m.summary = "postsynaptic spikes drive a waveform into every incoming synapse circuit";
    m.integrator = "the circuit and device apply the waveform (closed form or sub-steps)";
    m.params = {{"post_waveform", Dim::voltage, 0,
                 "waveform on the postsynaptic line at each postsynaptic spike", Check::any,
                 ParamKind::waveform}};
    m.make_rule = [](const PopulationArgs& args) -> std::shared_ptr<PlasticityRule> {
        std::vector<Segment> w;
        for (const auto& [duration, voltage] : args.params->waveform("post_waveform"))
            w.push_back({ms_to_ticks(duration), voltage});
        return std::make_shared<PostPulsesRule>(std::move(w));
    };
    return m;
}

}  // namespace memsnn::post_pulses
