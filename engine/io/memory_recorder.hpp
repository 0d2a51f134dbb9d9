// SPDX-License-Identifier: MIT
// A recorder that keeps everything in memory: for tests and for programs that embed memsnn.
#pragma once

#include <vector>

#include "engine/recorder.hpp"

namespace memsnn {

class MemoryRecorder final : public Recorder {
  public:
    struct Spike {
        std::uint32_t population;
        std::uint64_t node;
        Tick time;
        friend bool operator==(const Spike&, const Spike&) = default;
    };
    struct Sample {
        std::uint32_t report;
        Tick time;
        std::vector<double> values;
    };

    void begin(const RunInfo& info) override { info_ = info; }
    void spike(std::uint32_t population, std::uint64_t node, Tick t) override {
        spikes_.push_back({population, node, t});
    }
    void sample(std::uint32_t report, Tick t, std::span<const double> values) override {
        samples_.push_back({report, t, {values.begin(), values.end()}});
    }
    void end(const RunSummary& summary) override { summary_ = summary; }

    const std::vector<Spike>& spikes() const { return spikes_; }
    const std::vector<Sample>& samples() const { return samples_; }
    const RunSummary& summary() const { return summary_; }
    const RunInfo& info() const { return info_; }

    // Spike times [ms] of one element.
    std::vector<double> times_ms(std::uint32_t population, std::uint64_t node) const {
        std::vector<double> out;
        for (const auto& s : spikes_)
            if (s.population == population && s.node == node) out.push_back(ticks_to_ms(s.time));
        return out;
    }

  private:
    RunInfo info_;
    RunSummary summary_;
    std::vector<Spike> spikes_;
    std::vector<Sample> samples_;
};

}  // namespace memsnn
