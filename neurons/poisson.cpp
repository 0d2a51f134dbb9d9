// SPDX-License-Identifier: MIT
#include "neurons/poisson.hpp"

#include "engine/rng.hpp"
#include "neurons/source.hpp"

namespace memsnn::poisson {

namespace {

class PoissonPopulation final : public SourcePopulation {
  public:
    explicit PoissonPopulation(const PopulationArgs& args) : SourcePopulation(args) {
        const ParamTable& t = *args.params;
        for (std::size_t i = 0; i < args.size; ++i) {
            rate_.push_back(t.number("rate", i));
            start_.push_back(ms_to_ticks(t.number("start", i)));
            stop_.push_back(ms_to_ticks(t.number("stop", i)));
            streams_.emplace_back(args.seed, StreamDomain::source_spikes,
                                  (static_cast<std::uint64_t>(args.id) << 32) | i);
        }
    }

  private:
    Tick next_after(std::size_t i, Tick last) override {
        if (!(rate_[i] > 0)) return kNever;
        const Tick from = std::max(last, start_[i]);
        const Tick isi = ms_to_ticks(streams_[i].exponential() * 1000.0 / rate_[i]);
        if (isi == kNever || isi >= stop_[i] - from) return kNever;
        return from + isi;
    }

    std::vector<double> rate_;
    std::vector<Tick> start_;
    std::vector<Tick> stop_;
    std::vector<RandomStream> streams_;
};

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "poisson";
    m.kind = ModelKind::source;
    m.summary = "independent Poisson spike trains";
    m.integrator = "exponential inter-spike intervals from per-element counter-based streams";
    m.params = {{"rate", Dim::frequency, kRequired, "mean firing rate", Check::nonnegative}};
    for (auto& p : source_window_params()) m.params.push_back(p);
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        return std::make_unique<PoissonPopulation>(args);
    };
    return m;
}

}  // namespace memsnn::poisson
