// SPDX-License-Identifier: MIT
#include "neurons/regular.hpp"

#include "neurons/source.hpp"

namespace memsnn::regular {

namespace {

class RegularPopulation final : public SourcePopulation {
  public:
    explicit RegularPopulation(const PopulationArgs& args)
        : SourcePopulation(args), count_(args.size, 0) {
        const ParamTable& t = *args.params;
        for (std::size_t i = 0; i < args.size; ++i) {
            period_ms_.push_back(1000.0 / t.number("rate", i));
            start_.push_back(t.number("start", i));
            stop_.push_back(ms_to_ticks(t.number("stop", i)));
        }
    }

  private:
    Tick next_after(std::size_t i, Tick /*last*/) override {
        const Tick t = ms_to_ticks(start_[i] + static_cast<double>(count_[i]) * period_ms_[i]);
        if (t >= stop_[i]) return kNever;
        ++count_[i];
        return t;
    }

    std::vector<double> period_ms_;
    std::vector<double> start_;
    std::vector<Tick> stop_;
    std::vector<std::uint64_t> count_;
};

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "regular";
    m.kind = ModelKind::source;
    m.summary = "periodic spike trains";
    m.integrator = "spike k at start + k/rate";
    m.params = {{"rate", Dim::frequency, kRequired, "firing rate", Check::positive}};
    for (auto& p : source_window_params()) m.params.push_back(p);
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        return std::make_unique<RegularPopulation>(args);
    };
    return m;
}

}  // namespace memsnn::regular
