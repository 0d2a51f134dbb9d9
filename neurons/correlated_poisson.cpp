// SPDX-License-Identifier: MIT
#include "neurons/correlated_poisson.hpp"

#include <algorithm>
#include <functional>
#include <limits>

#include "engine/error.hpp"
#include "engine/rng.hpp"
#include "neurons/source.hpp"

namespace memsnn::correlated_poisson {

namespace {

constexpr Tick kNotDrawn = -2;

class CorrelatedPoissonPopulation final : public SourcePopulation {
  public:
    explicit CorrelatedPoissonPopulation(const PopulationArgs& args)
        : SourcePopulation(args), seed_(args.seed), id_(args.id) {
        const ParamTable& t = *args.params;
        start_ = ms_to_ticks(population_number(t, "start"));
        stop_ = ms_to_ticks(population_number(t, "stop"));
        rate_common_ = population_number(t, "rate_common");
        std::vector<bool> correlated(args.size, false);
        const auto& lists = t.index_lists("correlated");
        if (lists.size() > 1)
            throw ConfigError(t.path_of("correlated"),
                              "expected one list of element indices, got a list of " +
                                  std::to_string(lists.size()) + " lists");
        for (std::size_t j = 0; lists.size() == 1 && j < lists[0].size(); ++j) {
            const std::uint64_t k = lists[0][j];
            if (k >= args.size)
                throw ConfigError(t.index_path("correlated", 0, j),
                                  "element " + std::to_string(k) +
                                      " is out of range (population size " +
                                      std::to_string(args.size) + ")");
            if (correlated[k])
                throw ConfigError(t.index_path("correlated", 0, j),
                                  "element " + std::to_string(k) + " is listed twice");
            correlated[k] = true;
            correlated_.push_back(k);
        }
        std::sort(correlated_.begin(), correlated_.end());
        elements_.reserve(args.size);
        for (std::size_t i = 0; i < args.size; ++i) {
            elements_.emplace_back(seed_, id_, i, correlated[i]);
            rate_.push_back(t.number("rate", i));
            jitter_ms_.push_back(t.number("jitter", i));
        }
    }

    std::vector<InfoColumn> schedule(Tick duration) const override {
        InfoColumn which{"correlated", "1", {}};
        for (auto k : correlated_) which.values.push_back(static_cast<double>(k));
        InfoColumn mother{"mother_spikes", "ms", {}};
        RandomStream stream = mother_stream(seed_, id_);
        const Tick end = std::min(stop_, duration);
        for (Tick t = poisson_next(stream, rate_common_, start_, end); t != kNever;
             t = poisson_next(stream, rate_common_, t, end))
            mother.values.push_back(ticks_to_ms(t));
        return {std::move(which), std::move(mother)};
    }

  private:
    static RandomStream mother_stream(std::uint64_t seed, std::uint32_t id) {
        return RandomStream(seed, StreamDomain::encoder_schedule, element_object(id, 0));
    }

    struct Element {
        Element(std::uint64_t seed, std::uint32_t id, std::size_t i, bool is_correlated)
            : background(seed, StreamDomain::source_spikes, element_object(id, i)),
              mother(mother_stream(seed, id)),
              jitter(seed, StreamDomain::encoder_jitter, element_object(id, i)),
              correlated(is_correlated) {}
        RandomStream background;
        RandomStream mother;  // this element's copy of the population's mother stream
        RandomStream jitter;
        bool correlated;
        Tick background_next = kNotDrawn;
        Tick mother_next = kNotDrawn;  // next mother spike before jitter
        std::vector<Tick> pending;     // jittered mother spikes not yet emitted (min-heap)
    };

    Tick next_after(std::size_t i, Tick /*last*/) override {
        Element& e = elements_[i];
        if (e.background_next == kNotDrawn)
            e.background_next = poisson_next(e.background, rate_[i], start_, stop_);
        if (e.mother_next == kNotDrawn)
            e.mother_next =
                e.correlated ? poisson_next(e.mother, rate_common_, start_, stop_) : kNever;
        const Tick margin = max_jitter(jitter_ms_[i]);
        for (;;) {
            const Tick top = e.pending.empty() ? kNever : e.pending.front();
            const Tick next = std::min(e.background_next, top);
            // A mother spike can land up to `margin` before its own time: take in every one
            // that could still come before `next`.
            if (e.mother_next != kNever && e.mother_next - margin <= next) {
                const Tick t = e.mother_next + jitter(e.jitter, jitter_ms_[i]);
                if (t >= start_ && t < stop_) {
                    e.pending.push_back(t);
                    std::push_heap(e.pending.begin(), e.pending.end(), std::greater<>());
                }
                e.mother_next = poisson_next(e.mother, rate_common_, e.mother_next, stop_);
                continue;
            }
            if (next == kNever) return kNever;
            if (top == next) {
                std::pop_heap(e.pending.begin(), e.pending.end(), std::greater<>());
                e.pending.pop_back();
            } else {
                e.background_next = poisson_next(e.background, rate_[i], next, stop_);
            }
            return next;
        }
    }

    std::uint64_t seed_;
    std::uint32_t id_;
    Tick start_ = 0;
    Tick stop_ = kNever;
    double rate_common_ = 0;
    std::vector<std::uint64_t> correlated_;
    std::vector<double> rate_;
    std::vector<double> jitter_ms_;
    std::vector<Element> elements_;
};

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "correlated_poisson";
    m.kind = ModelKind::source;
    m.summary = "Poisson trains; a chosen subset also fires at the times of one shared train";
    m.integrator =
        "independent background per element plus a common mother train replayed by each "
        "correlated element from its own copy of a population-level stream";
    m.params = {
        {"rate", Dim::frequency, kRequired, "independent background rate", Check::nonnegative},
        {"rate_common", Dim::frequency, kRequired,
         "rate of the shared mother train (one value for the population)", Check::nonnegative},
        {"correlated", Dim::dimensionless, kRequired,
         "indices of the elements that also fire with the mother train", Check::nonnegative,
         ParamKind::index_lists},
        {"jitter", Dim::time, 0, "SD of the jitter of each copied mother spike",
         Check::nonnegative},
        {"start", Dim::time, 0, "no spikes before this time (one value for the population)",
         Check::nonnegative},
        {"stop", Dim::time, std::numeric_limits<double>::infinity(),
         "no spikes at or after this time (one value for the population)", Check::nonnegative},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        return std::make_unique<CorrelatedPoissonPopulation>(args);
    };
    return m;
}

}  // namespace memsnn::correlated_poisson
