// SPDX-License-Identifier: MIT
// Common ground of spike-source populations (poisson, regular, spike_times): they take no input,
// record no state, and emit at times they decide themselves. Each keeps, per element, the tick of
// its next spike; `next_after` computes it from the last spike.
#pragma once

#include <vector>

#include "engine/population.hpp"

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

}  // namespace memsnn
