// SPDX-License-Identifier: MIT
// Common ground of spike-source populations (poisson, regular, spike_times): they take no input,
// record no state, and emit at times they decide themselves. Each keeps, per element, the tick of
// its next spike; `next_after` computes it from the last spike.
#pragma once

#include <vector>

#include "engine/population.hpp"
#include "engine/rng.hpp"

namespace memsnn {

class SourcePopulation : public Population {
  public:
    SourcePopulation(const PopulationArgs& args)
        : Population(args.name, args.size), next_(args.size, kUnset), last_(args.size, -1) {}

    Tick predict(std::size_t i, Tick /*now*/) override {
        if (next_[i] == kUnset) next_[i] = next_after(i, last_[i]);
        return next_[i];
    }
    bool fire(std::size_t i, Tick t) override {
        last_[i] = t;
        next_[i] = kUnset;
        return true;
    }
    const std::vector<VariableSpec>& variables() const override { return no_variables_; }
    double sample(std::size_t, std::size_t, Tick) const override { return 0; }

  protected:
    // The next spike of element i after one at `last` (last < 0: the first spike); kNever if none.
    virtual Tick next_after(std::size_t i, Tick last) = 0;

  private:
    static constexpr Tick kUnset = -2;
    std::vector<Tick> next_;
    std::vector<Tick> last_;
    std::vector<VariableSpec> no_variables_;
};

// Parameters every source has: when it is active.
std::vector<ParamSpec> source_window_params();

// Shared pieces of the input encoders (pattern_slots, correlated_poisson, image_poisson,
// embedded_pattern).

// A number parameter that is one value for the whole population (a slot length, a schedule's
// start): ConfigError at its path when a list or a distribution gives the elements different
// values.
double population_number(const ParamTable& t, const std::string& name);
// The same for a whole number >= min.
std::uint64_t population_count(const ParamTable& t, const std::string& name, std::uint64_t min);
// JSON pointer of the population whose params `t` holds ("/populations/<name>").
std::string population_path(const ParamTable& t);

// Stream object of element i of population `id`: id * 2^32 + i (as poisson).
inline std::uint64_t element_object(std::uint32_t id, std::size_t i) {
    return (static_cast<std::uint64_t>(id) << 32) | i;
}

// Spike-time jitter: sd * z rounded to the tick, z a standard normal truncated to
// |z| <= kJitterBound by redrawing, so a spike never moves by more than max_jitter(sd).
inline constexpr double kJitterBound = 5;
Tick jitter(RandomStream& stream, double sd_ms);
Tick max_jitter(double sd_ms);

// The next spike of a homogeneous Poisson train of `rate_hz` after `from` (an exponential
// interval rounded to the tick, as poisson), or kNever when it is at or after `stop`.
Tick poisson_next(RandomStream& stream, double rate_hz, Tick from, Tick stop);

}  // namespace memsnn
