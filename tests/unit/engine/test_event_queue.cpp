// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "engine/event_queue.hpp"
#include "engine/rng.hpp"

using namespace memsnn;

TEST_CASE("queue pops in time order") {
    EventQueue q;
    for (Tick t : {50, 10, 40, 20, 30}) q.push(Event{t, EventKind::emit, 0, 0, 0});
    std::vector<Tick> popped;
    while (!q.empty()) popped.push_back(q.pop().time);
    CHECK(popped == std::vector<Tick>{10, 20, 30, 40, 50});
}

TEST_CASE("equal times follow the kind order: stimulus, delivery, emit, sample") {
    EventQueue q;
    q.push(Event{5, EventKind::sample, 0, 0, 0});
    q.push(Event{5, EventKind::emit, 0, 0, 0});
    q.push(Event{5, EventKind::delivery, 0, 0, 0});
    q.push(Event{5, EventKind::stimulus, 0, 0, 0});
    q.push(Event{4, EventKind::sample, 0, 0, 0});
    CHECK(q.pop().kind == EventKind::sample);  // t = 4 comes first whatever its kind
    CHECK(q.pop().kind == EventKind::stimulus);
    CHECK(q.pop().kind == EventKind::delivery);
    CHECK(q.pop().kind == EventKind::emit);
    CHECK(q.pop().kind == EventKind::sample);
}

TEST_CASE("equal time and kind are ordered by (a, b, c), never by insertion order") {
    std::vector<Event> events;
    for (std::uint32_t a = 0; a < 3; ++a)
        for (std::uint64_t b = 0; b < 4; ++b)
            for (std::uint32_t c = 0; c < 2; ++c)
                events.push_back(Event{7, EventKind::delivery, a, b, c});
    std::vector<Event> expected = events;  // generated in key order
    RandomStream rng(1, StreamDomain::parameter, 0);
    for (int trial = 0; trial < 5; ++trial) {
        // Fisher-Yates shuffle with the project's stream.
        for (std::size_t i = events.size() - 1; i > 0; --i)
            std::swap(events[i], events[rng.below(i + 1)]);
        EventQueue q;
        for (const auto& e : events) q.push(e);
        std::vector<Event> popped;
        while (!q.empty()) popped.push_back(q.pop());
        CHECK(popped == expected);
    }
}

TEST_CASE("queue matches a sorted reference on random keys") {
    RandomStream rng(3, StreamDomain::parameter, 1);
    std::vector<Event> ref;
    EventQueue q;
    for (int i = 0; i < 5000; ++i) {
        Event e{static_cast<Tick>(rng.below(1000)), static_cast<EventKind>(rng.below(4)),
                static_cast<std::uint32_t>(rng.below(5)), rng.below(100),
                static_cast<std::uint32_t>(rng.below(3))};
        ref.push_back(e);
        q.push(e);
        if (i % 7 == 0) {  // interleave pops with pushes
            const auto it = std::min_element(ref.begin(), ref.end());
            CHECK(q.pop() == *it);
            ref.erase(it);
        }
    }
    std::sort(ref.begin(), ref.end());
    for (const auto& e : ref) CHECK(q.pop() == e);
    CHECK(q.empty());
}
