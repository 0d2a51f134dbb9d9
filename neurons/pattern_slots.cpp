// SPDX-License-Identifier: MIT
#include "neurons/pattern_slots.hpp"

#include <algorithm>
#include <cstdint>

#include "engine/error.hpp"
#include "engine/rng.hpp"
#include "neurons/source.hpp"

namespace memsnn::pattern_slots {

namespace {

// Epochs are limited so that every slot index is a 32-bit counter block.
constexpr std::uint64_t kMaxEpochs = std::uint64_t{1} << 31;
// With order "shuffled" the pattern of every epoch is held in memory (4 bytes each).
constexpr std::uint64_t kMaxShuffledEpochs = std::uint64_t{1} << 24;

struct Phase {
    std::size_t pattern;
    std::uint64_t end_epoch;  // one past the phase's last epoch
};

// The path of list k of an index_lists parameter (its first entry's path without "/0").
std::string list_path(const ParamTable& t, const std::string& name, std::size_t k) {
    const std::string p = t.index_path(name, k, 0);
    return p.substr(0, p.rfind('/'));
}

class PatternSlotsPopulation final : public SourcePopulation {
  public:
    explicit PatternSlotsPopulation(const PopulationArgs& args)
        : SourcePopulation(args), seed_(args.seed), id_(args.id), cursor_(args.size, 0) {
        const ParamTable& t = *args.params;
        slot_ = ms_to_ticks(population_number(t, "slot"));
        if (slot_ < 1) throw ConfigError(t.path_of("slot"), "must be at least 1 ps");
        start_ = ms_to_ticks(population_number(t, "start"));

        const auto& patterns = t.index_lists("patterns");
        active_.assign(patterns.size(), std::vector<std::uint8_t>(args.size, 0));
        for (std::size_t q = 0; q < patterns.size(); ++q) {
            for (std::size_t j = 0; j < patterns[q].size(); ++j) {
                const std::uint64_t pixel = patterns[q][j];
                if (pixel >= args.size)
                    throw ConfigError(t.index_path("patterns", q, j),
                                      "pixel " + std::to_string(pixel) +
                                          " is out of range (population size " +
                                          std::to_string(args.size) + ")");
                if (active_[q][pixel])
                    throw ConfigError(t.index_path("patterns", q, j),
                                      "pixel " + std::to_string(pixel) + " is listed twice");
                active_[q][pixel] = 1;
            }
        }

        const auto& phases = t.index_lists("phases");
        std::uint64_t epochs = 0;
        for (std::size_t k = 0; k < phases.size(); ++k) {
            const auto& ph = phases[k];
            if (ph.size() != 2)
                throw ConfigError(list_path(t, "phases", k),
                                  "a phase is a pair [pattern, epochs], got " +
                                      std::to_string(ph.size()) + " numbers");
            if (ph[0] >= patterns.size())
                throw ConfigError(t.index_path("phases", k, 0),
                                  "pattern " + std::to_string(ph[0]) + " does not exist (" +
                                      std::to_string(patterns.size()) + " patterns)");
            if (ph[1] < 1 || ph[1] > kMaxEpochs - epochs)
                throw ConfigError(
                    t.index_path("phases", k, 1),
                    "epochs must be from 1 to 2^31 in all, got " + std::to_string(ph[1]));
            epochs += ph[1];
            phases_.push_back({static_cast<std::size_t>(ph[0]), epochs});
        }
        n_slots_ = 2 * epochs;

        if (t.choice("order") == "shuffled") {
            if (epochs > kMaxShuffledEpochs)
                throw ConfigError(t.path_of("phases"),
                                  "with order \"shuffled\" at most 2^24 epochs in all, got " +
                                      std::to_string(epochs));
            epoch_pattern_.reserve(static_cast<std::size_t>(epochs));
            for (const Phase& ph : phases_)
                epoch_pattern_.resize(static_cast<std::size_t>(ph.end_epoch),
                                      static_cast<std::uint32_t>(ph.pattern));
            epoch_pattern_ = shuffled_order(std::move(epoch_pattern_), args.seed, args.id);
        }

        for (std::size_t i = 0; i < args.size; ++i) {
            offset_.push_back(ms_to_ticks(t.number("offset", i)));
            if (offset_.back() >= slot_)
                throw ConfigError(t.path_of("offset"),
                                  "must be shorter than slot (element " + std::to_string(i) + ")");
            p_noise_.push_back(t.number("p_noise", i));
            p_drop_.push_back(t.number("p_drop", i));
            p_extra_.push_back(t.number("p_extra", i));
        }
    }

    std::vector<InfoColumn> schedule(Tick duration) const override {
        InfoColumn start{"slot_start", "ms", {}};
        InfoColumn pattern{"slot_pattern", "1", {}};
        for (std::uint64_t s = 0; s < n_slots_; ++s) {
            const Tick t = slot_time(s, 0);
            if (t >= duration) break;
            start.values.push_back(ticks_to_ms(t));
            pattern.values.push_back(s % 2 == 0 ? static_cast<double>(pattern_of(s / 2)) : -1.0);
        }
        return {std::move(start), std::move(pattern)};
    }

  private:
    Tick next_after(std::size_t i, Tick /*last*/) override {
        if (!epoch_pattern_.empty()) return next_shuffled(i);
        std::uint64_t s = cursor_[i];
        std::size_t ph = s < n_slots_ ? phase_of(s / 2) : phases_.size();
        while (s < n_slots_) {
            const Phase& phase = phases_[ph];
            if (s / 2 >= phase.end_epoch) {
                ++ph;
                continue;
            }
            const double p_pattern = active_[phase.pattern][i] ? 1 - p_drop_[i] : p_extra_[i];
            if (p_pattern <= 0 && p_noise_[i] <= 0) {  // silent for the rest of the phase
                s = 2 * phase.end_epoch;
                ++ph;
                continue;
            }
            if (active(i, s, s % 2 == 0 ? p_pattern : p_noise_[i])) {
                cursor_[i] = s + 1;
                return slot_time(s, offset_[i]);
            }
            ++s;
        }
        cursor_[i] = n_slots_;
        return kNever;
    }

    // order "shuffled": the pattern changes from epoch to epoch, so every slot is examined (a
    // probability of 0 draws nothing, so a silent pixel costs no draws).
    Tick next_shuffled(std::size_t i) {
        for (std::uint64_t s = cursor_[i]; s < n_slots_; ++s) {
            const double p =
                s % 2 == 0 ? (active_[epoch_pattern_[s / 2]][i] ? 1 - p_drop_[i] : p_extra_[i])
                           : p_noise_[i];
            if (active(i, s, p)) {
                cursor_[i] = s + 1;
                return slot_time(s, offset_[i]);
            }
        }
        cursor_[i] = n_slots_;
        return kNever;
    }

    std::size_t pattern_of(std::uint64_t epoch) const {
        return epoch_pattern_.empty() ? phases_[phase_of(epoch)].pattern
                                      : epoch_pattern_[static_cast<std::size_t>(epoch)];
    }

    // Whether pixel i is active in slot s, which it is with probability p.
    bool active(std::size_t i, std::uint64_t s, double p) const {
        if (p >= 1) return true;
        if (p <= 0) return false;
        RandomStream stream(seed_, StreamDomain::encoder_noise, element_object(id_, i));
        stream.seek(static_cast<std::uint32_t>(s));
        return stream.uniform() < p;
    }

    std::size_t phase_of(std::uint64_t epoch) const {
        const auto it =
            std::upper_bound(phases_.begin(), phases_.end(), epoch,
                             [](std::uint64_t e, const Phase& ph) { return e < ph.end_epoch; });
        return static_cast<std::size_t>(it - phases_.begin());
    }

    Tick slot_time(std::uint64_t s, Tick offset) const {
        const Tick room = kNever - start_ - offset;
        if (s > static_cast<std::uint64_t>(room / slot_)) return kNever;
        return start_ + static_cast<Tick>(s) * slot_ + offset;
    }

    std::uint64_t seed_;
    std::uint32_t id_;
    Tick slot_ = 0;
    Tick start_ = 0;
    std::vector<std::vector<std::uint8_t>> active_;  // [pattern][pixel]
    std::vector<Phase> phases_;
    std::uint64_t n_slots_ = 0;
    std::vector<Tick> offset_;
    std::vector<double> p_noise_, p_drop_, p_extra_;
    std::vector<std::uint64_t> cursor_;         // per element: the first slot not yet examined
    std::vector<std::uint32_t> epoch_pattern_;  // order "shuffled": the pattern of each epoch
};

}  // namespace

std::vector<std::uint32_t> shuffled_order(std::vector<std::uint32_t> epochs, std::uint64_t seed,
                                          std::uint32_t population) {
    RandomStream stream(seed, StreamDomain::encoder_schedule, element_object(population, 0));
    for (std::size_t j = epochs.size(); j > 1; --j) {
        const auto k = static_cast<std::size_t>(stream.below(j));
        std::swap(epochs[j - 1], epochs[k]);
    }
    return epochs;
}

ModelInfo model_info() {
    ModelInfo m;
    m.type = "pattern_slots";
    m.kind = ModelKind::source;
    m.summary = "binary patterns in time slots alternating with noise slots (element = pixel)";
    m.integrator = "one spike per active pixel per slot; per-(pixel, slot) counter-based draws";
    m.params = {
        {"patterns", Dim::dimensionless, kRequired,
         "the patterns: one list of active pixel indices per pattern", Check::nonnegative,
         ParamKind::index_lists},
        {"phases", Dim::dimensionless, kRequired,
         "[pattern, epochs] pairs shown in order; an epoch is a pattern slot, then a noise slot",
         Check::nonnegative, ParamKind::index_lists},
        {"slot", Dim::time, 10, "slot length (one value for the population)", Check::positive},
        {"start", Dim::time, 0, "start of slot 0 (one value for the population)",
         Check::nonnegative},
        {"offset", Dim::time, 0, "spike time after the slot start (< slot)", Check::nonnegative},
        {"p_noise", Dim::dimensionless, 0.2, "probability that a pixel fires in a noise slot",
         Check::probability},
        {"p_drop", Dim::dimensionless, 0,
         "probability that a pattern pixel stays silent in a pattern slot", Check::probability},
        {"p_extra", Dim::dimensionless, 0,
         "probability that a pixel outside the pattern fires in a pattern slot",
         Check::probability},
        {"order",
         Dim::dimensionless,
         0,
         "epoch order: the phases one after the other, or all their epochs in one seeded random "
         "order",
         Check::any,
         ParamKind::choice,
         {"phases", "shuffled"}},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        return std::make_unique<PatternSlotsPopulation>(args);
    };
    return m;
}

}  // namespace memsnn::pattern_slots
