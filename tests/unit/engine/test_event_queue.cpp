// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <algorithm>
#include <queue>
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

namespace {

// The reference: std::priority_queue on the same total order.
struct Later {
    bool operator()(const Event& x, const Event& y) const { return y < x; }
};
using Reference = std::priority_queue<Event, std::vector<Event>, Later>;

Event random_event(RandomStream& rng, Tick t) {
    return Event{t, static_cast<EventKind>(rng.below(5)), static_cast<std::uint32_t>(rng.below(5)),
                 rng.below(100), static_cast<std::uint32_t>(rng.below(3))};
}

// A time at or after `now`: often the same tick, often a near one, sometimes far (high buckets).
Tick later_time(RandomStream& rng, Tick now) {
    switch (rng.below(4)) {
        case 0:
            return now;
        case 1:
            return now + static_cast<Tick>(rng.below(4));
        case 2:
            return now + static_cast<Tick>(rng.below(1000));
        default:
            return now + static_cast<Tick>(rng.below(Tick{1} << 40));
    }
}

}  // namespace

TEST_CASE("queue matches std::priority_queue on monotone random pushes and pops") {
    RandomStream rng(3, StreamDomain::parameter, 1);
    EventQueue q;
    Reference ref;
    // Before the first pop anything may be pushed, negative times included.
    for (int i = 0; i < 200; ++i) {
        const Event e = random_event(rng, static_cast<Tick>(rng.below(2000)) - 1000);
        q.push(e);
        ref.push(e);
    }
    Tick now = -1000;
    std::size_t equal_time_pops = 0;
    for (int i = 0; i < 20000; ++i) {
        if (!ref.empty() && rng.below(2) == 0) {
            REQUIRE(q.next_time() == ref.top().time);
            const Event e = q.pop();
            REQUIRE(e == ref.top());
            if (e.time == now) ++equal_time_pops;
            now = e.time;
            ref.pop();
        } else {
            const Event e = random_event(rng, later_time(rng, now));
            q.push(e);
            ref.push(e);
        }
        REQUIRE(q.size() == ref.size());
    }
    CHECK(equal_time_pops > 1000);  // the tie order (kind, a, b, c) was exercised
    while (!ref.empty()) {
        REQUIRE(q.pop() == ref.top());
        ref.pop();
    }
    CHECK(q.empty());
    CHECK(q.size() == 0);
}

TEST_CASE("pop_before: an event at end stays; events at or after end may then be pushed") {
    EventQueue q;
    Event out;
    CHECK_FALSE(q.pop_before(100, out));
    q.push(Event{10, EventKind::emit, 0, 0, 0});
    q.push(Event{100, EventKind::emit, 0, 0, 0});
    q.push(Event{1000000, EventKind::sample, 0, 0, 0});
    REQUIRE(q.pop_before(100, out));
    CHECK(out.time == 10);
    CHECK_FALSE(q.pop_before(100, out));  // the event exactly at end is not popped
    CHECK_FALSE(q.pop_before(100, out));  // nor on a second try
    CHECK(q.next_time() == 100);
    CHECK(q.size() == 2);
    // Imports at or after end, earlier in the order than the events already there.
    q.push(Event{100, EventKind::stimulus, 0, 0, 0});
    q.push(Event{500, EventKind::delivery, 1, 2, 3});
    q.push(Event{100, EventKind::delivery, 0, 0, 0});
    REQUIRE(q.pop_before(101, out));
    CHECK(out == Event{100, EventKind::stimulus, 0, 0, 0});
    REQUIRE(q.pop_before(101, out));
    CHECK(out == Event{100, EventKind::delivery, 0, 0, 0});
    // Pushing at the current tick after a pop goes back into the current instant's heap.
    q.push(Event{100, EventKind::delivery, 0, 1, 0});
    REQUIRE(q.pop_before(101, out));
    CHECK(out == Event{100, EventKind::delivery, 0, 1, 0});
    REQUIRE(q.pop_before(101, out));
    CHECK(out == Event{100, EventKind::emit, 0, 0, 0});
    CHECK_FALSE(q.pop_before(101, out));
    CHECK(q.next_time() == 500);
    REQUIRE(q.pop_before(kNever, out));
    CHECK(out == Event{500, EventKind::delivery, 1, 2, 3});
    REQUIRE(q.pop_before(kNever, out));
    CHECK(out.time == 1000000);
    CHECK_FALSE(q.pop_before(kNever, out));
    CHECK(q.empty());
}

TEST_CASE("pop_before does not advance past end when the next event is far beyond it") {
    // Only a far event is queued: a failed pop_before(end) must still accept pushes in
    // [end, far), which a queue that moved its current tick to the far event would not.
    EventQueue q;
    Event out;
    q.push(Event{0, EventKind::emit, 0, 0, 0});
    REQUIRE(q.pop_before(1, out));
    q.push(Event{Tick{1} << 40, EventKind::emit, 9, 0, 0});
    CHECK_FALSE(q.pop_before(1000, out));
    CHECK(q.next_time() == Tick{1} << 40);
    q.push(Event{1000, EventKind::emit, 1, 0, 0});
    q.push(Event{5000, EventKind::emit, 2, 0, 0});
    std::vector<Tick> popped;
    while (q.pop_before(kNever, out)) popped.push_back(out.time);
    CHECK(popped == std::vector<Tick>{1000, 5000, Tick{1} << 40});
}

TEST_CASE("epochs with imports at or after each end match std::priority_queue") {
    // The parallel engine's pattern: pop everything before `end`, each pop pushing follow-ups at
    // or after its time; then import events at or after `end`; then the next epoch. The queue
    // is kept sparse so that the next event is often well beyond `end` when imports arrive.
    RandomStream rng(7, StreamDomain::parameter, 2);
    EventQueue q;
    Reference ref;
    for (int i = 0; i < 20; ++i) {
        const Event e = random_event(rng, static_cast<Tick>(rng.below(50)));
        q.push(e);
        ref.push(e);
    }
    const Tick epoch = 20;
    std::size_t popped = 0, gaps = 0;
    for (Tick end = epoch; end <= 2000 * epoch; end += epoch) {
        Event out;
        while (q.pop_before(end, out)) {
            REQUIRE(!ref.empty());
            REQUIRE(ref.top().time < end);
            REQUIRE(out == ref.top());
            ref.pop();
            ++popped;
            if (rng.below(2) == 0) {
                const Event e = random_event(rng, out.time + static_cast<Tick>(rng.below(100)));
                q.push(e);
                ref.push(e);
            }
        }
        CHECK((ref.empty() || ref.top().time >= end));
        if (!ref.empty() && ref.top().time > end + epoch) ++gaps;
        for (std::uint64_t k = rng.below(3); k > 0; --k) {
            const Event e = random_event(rng, end + static_cast<Tick>(rng.below(5 * epoch)));
            q.push(e);
            ref.push(e);
        }
        REQUIRE(q.size() == ref.size());
        if (!ref.empty()) REQUIRE(q.next_time() == ref.top().time);
    }
    CHECK(popped > 2000);
    CHECK(gaps > 100);  // imports often landed before the queue's next event
}

TEST_CASE("clear empties the queue and accepts any time again") {
    EventQueue q;
    for (Tick t : {500, 700, 900}) q.push(Event{t, EventKind::emit, 0, 0, 0});
    CHECK(q.pop().time == 500);
    q.clear();
    CHECK(q.empty());
    CHECK(q.size() == 0);
    q.push(Event{3, EventKind::emit, 0, 0, 0});  // earlier than the last pop before clear()
    q.push(Event{1, EventKind::emit, 0, 0, 0});
    CHECK(q.pop().time == 1);
    CHECK(q.pop().time == 3);
    CHECK(q.empty());
}

TEST_CASE("pop_before with a liveness test drops dead events and pops the live ones in order") {
    // Events b = 0..999 at random times; the odd ones die once pushed, as cancelled
    // predictions do. Every live event pops, in order; no dead one does, wherever it lay
    // (the current instant's heap or a bucket being split).
    RandomStream rng(5, StreamDomain::source_spikes, 0);
    EventQueue q;
    std::vector<Event> live_events;
    for (std::uint64_t b = 0; b < 1000; ++b) {
        const Event e{static_cast<Tick>(rng.uniform() * 1e6), EventKind::emit, 0, b, 0};
        q.push(e);
        if (b % 2 == 0) live_events.push_back(e);
    }
    std::sort(live_events.begin(), live_events.end());
    std::size_t dropped = 0;
    const auto live = [&](const Event& e) {
        if (e.b % 2 == 0) return true;
        ++dropped;
        return false;
    };
    std::vector<Event> popped;
    Event e;
    while (q.pop_before(kNever, e, live))
        if (e.b % 2 == 0)
            popped.push_back(e);  // dead ones in now_ may still pop: the engine
                                  // checks them again
    CHECK(popped == live_events);
    CHECK(dropped > 0);
    CHECK(q.empty());
}
