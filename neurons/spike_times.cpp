// SPDX-License-Identifier: MIT
#include "neurons/spike_times.hpp"

#include "engine/error.hpp"
#include "neurons/source.hpp"

namespace memsnn::spike_times {

namespace {

class SpikeTimesPopulation final : public SourcePopulation {
  public:
    SpikeTimesPopulation(const PopulationArgs& args, std::vector<std::vector<Tick>> times)
        : SourcePopulation(args), times_(std::move(times)), cursor_(args.size, 0) {}

  private:
    Tick next_after(std::size_t i, Tick /*last*/) override {
        if (cursor_[i] >= times_[i].size()) return kNever;
        return times_[i][cursor_[i]++];
    }

    std::vector<std::vector<Tick>> times_;
    std::vector<std::size_t> cursor_;
};

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "spike_times";
    m.kind = ModelKind::source;
    m.summary = "spikes at given times";
    m.integrator = "replays the listed times";
    m.params = {{"spike_times", Dim::time, 0,
                 "one list of times for all elements, or one list per element", Check::nonnegative,
                 ParamKind::time_list}};
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        const ParamTable& t = *args.params;
        const auto& lists = t.time_lists("spike_times");
        std::vector<std::vector<Tick>> times(args.size);
        for (std::size_t i = 0; i < args.size; ++i) {
            const auto& list = lists.size() == 1 ? lists[0] : lists[i];
            for (std::size_t k = 0; k < list.size(); ++k) {
                if (k > 0 && list[k] < list[k - 1])
                    throw ConfigError(t.path_of("spike_times"),
                                      "times must be non-decreasing (element " + std::to_string(i) +
                                          ", entry " + std::to_string(k) + ")");
                times[i].push_back(ms_to_ticks(list[k]));
            }
        }
        return std::make_unique<SpikeTimesPopulation>(args, std::move(times));
    };
    return m;
}

}  // namespace memsnn::spike_times
