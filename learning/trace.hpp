// SPDX-License-Identifier: MIT
// A spike trace: jumps at spikes (by +1, or to 1 for nearest-spike schemes) and decays
// exponentially in between; stored as (value, time of the last spike) and read lazily, so it
// costs nothing between spikes.
#pragma once

#include <cmath>
#include <limits>

#include "engine/time.hpp"

namespace memsnn {

struct Trace {
    static constexpr Tick kNone = std::numeric_limits<Tick>::min();

    double value = 0;
    Tick time = kNone;  // of the last spike; kNone before the first

    // The value at t >= time, before any spike at t is added.
    double at(Tick t, double tau) const {
        return time == kNone ? 0.0 : value * std::exp(-ticks_to_ms(t - time) / tau);
    }
    void spike(Tick t, double tau, bool reset) {
        value = reset ? 1.0 : at(t, tau) + 1.0;
        time = t;
    }
};

}  // namespace memsnn
