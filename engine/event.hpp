// SPDX-License-Identifier: MIT
// Events and their total order. This file is the one place the equal-time rules are written.
//
// An event is a small trivially copyable value ordered by the key
//     (time, kind, a, b, c)
// which never depends on insertion order, so the order is the same for any thread count.
//
// Kinds, in the order they run at one instant t:
//   0. normalize — a projection's plastic weights are rescaled per target (a = projection), so
//                  every arrival at t sees the normalised weights.
//   1. stimulus  — a step current switches on or off at t (a = stimulus, b = 0 on / 1 off).
//                  Current changes at t are in effect for everything else at t.
//   2. delivery  — one spike's arrival at t on one delay group of one source neuron
//                  (a = projection, b = source neuron, c = delay group). All arrivals at t are
//                  summed into their targets before any threshold is tested: simultaneous
//                  inputs can cancel. Arrivals are applied in (projection, source, group) order,
//                  so floating-point sums are reproducible.
//   3. emit      — a neuron's predicted threshold crossing or a source's spike at t
//                  (a = population, b = neuron, c = generation). A stale prediction (its
//                  generation is not the neuron's current one) is dropped. Spikes emitted at t
//                  arrive at t + delay > t, never at t.
//   4. sample    — recorders read state at t after all other events at t (a = report), so a
//                  sample at a spike instant shows the membrane after reset.
#pragma once

#include <cstdint>
#include <tuple>
#include <type_traits>

#include "engine/time.hpp"

namespace memsnn {

enum class EventKind : std::uint8_t {
    normalize = 0,
    stimulus = 1,
    delivery = 2,
    emit = 3,
    sample = 4
};

struct Event {
    Tick time = 0;
    EventKind kind = EventKind::emit;
    std::uint32_t a = 0;
    std::uint64_t b = 0;
    std::uint32_t c = 0;

    friend bool operator<(const Event& x, const Event& y) {
        return std::tie(x.time, x.kind, x.a, x.b, x.c) < std::tie(y.time, y.kind, y.a, y.b, y.c);
    }
    friend bool operator==(const Event& x, const Event& y) = default;
};

static_assert(std::is_trivially_copyable_v<Event>);

}  // namespace memsnn
