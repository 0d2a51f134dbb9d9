// SPDX-License-Identifier: MIT
// Simulated time: an integer count of ticks, 1 tick = 1 ps, so event order and delay sums are
// exact and identical on every thread. Continuous maths converts to double milliseconds at the
// boundary. int64 ticks cover about 106 days of simulated time.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace memsnn {

using Tick = std::int64_t;

inline constexpr Tick kTicksPerMs = 1'000'000'000;  // 1 tick = 1 ps
inline constexpr Tick kNever = std::numeric_limits<Tick>::max();

// Milliseconds of a tick count (correctly rounded division).
constexpr double ticks_to_ms(Tick t) {
    return static_cast<double>(t) / static_cast<double>(kTicksPerMs);
}

// Nearest tick of a time in ms; kNever for +inf or anything beyond the representable range.
inline Tick ms_to_ticks(double ms) {
    const double ticks = std::nearbyint(ms * static_cast<double>(kTicksPerMs));
    if (!(ticks < 9.0e18)) return kNever;
    if (ticks < -9.0e18) return -kNever;
    return static_cast<Tick>(ticks);
}

// Smallest tick at or after a time in ms (used for predicted threshold crossings, so a neuron is
// never asked to fire before its membrane can have reached threshold).
inline Tick ms_to_ticks_ceil(double ms) {
    const double ticks = std::ceil(ms * static_cast<double>(kTicksPerMs));
    if (!(ticks < 9.0e18)) return kNever;
    return static_cast<Tick>(ticks);
}

// Grids of stepped models (step dt ticks from 0): the time of grid point k, saturating at
// kNever, and ceil(t / dt) for t >= 0, the grid point at which an input arriving at t acts.
inline Tick grid_tick(std::int64_t k, Tick dt) {
    if (k >= kNever / dt) return kNever;
    return static_cast<Tick>(k) * dt;
}
inline std::int64_t grid_index_ceil(Tick t, Tick dt) {
    return static_cast<std::int64_t>(t / dt + (t % dt != 0 ? 1 : 0));
}

}  // namespace memsnn
