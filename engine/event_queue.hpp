// SPDX-License-Identifier: MIT
// The event queue: a radix heap (Ahuja, Mehlhorn, Orlin & Tarjan 1990) on the event's tick, with
// a binary min-heap on the full order of engine/event.hpp for the events at the current tick.
//
// last_ is the current tick (as an order-preserving unsigned key). now_ holds the events at
// last_, as a heap, so events at one instant pop in (kind, a, b, c) order: the pop sequence is
// exactly that of a binary heap on the whole order (equal keys mean the same event). Bucket
// i > 0 holds the events whose key first differs from last_ in bit i - 1, and remembers its
// least key. When now_ runs empty, the lowest non-empty bucket is split around its least key,
// which becomes last_: every event of it moves to a lower bucket, so an event is moved at most
// 64 times in its life and push and pop cost O(1) amortised plus the heap of its instant.
//
// Precondition (asserted in debug builds): the queue is monotone, no event is pushed earlier
// than last_, which is the time of the last event popped (the earliest tick after clear()).
// pop_before(end) never moves last_ to end or beyond, even when it returns false, so after
// it any event at or after `end` may be pushed: the parallel engine processes each epoch up to
// its end, then imports the other partitions' deliveries at or after it.
//
// Cancelled predictions are not removed: the engine skips them when popped (lazy cancellation
// by a per-neuron generation counter).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/event.hpp"
#include "engine/time.hpp"

namespace memsnn {

class EventQueue {
  public:
    EventQueue() { least_.fill(kNone); }

    void push(const Event& e) {
        const std::uint64_t k = key(e.time);
        assert(k >= last_ && "EventQueue: an event pushed earlier than the last pop");
        const auto i = static_cast<std::size_t>(std::bit_width(k ^ last_));
        if (i == 0) {
            now_.push_back(e);
            std::push_heap(now_.begin(), now_.end(), later);
        } else {
            put(i, k, e);
        }
    }

    // Pops the earliest event into `out` if its time is before `end`; else returns false and
    // leaves last_ before `end`, so events at or after `end` may still be pushed.
    bool pop_before(Tick end, Event& out) { return pop_before(end, out, all_live); }

    // The same, dropping on the way the events for which live(e) is false: an event that is
    // dead (a cancelled prediction) when its bucket is split is never seen again. live must
    // stay false for an event once it is false.
    template <class Live>
    bool pop_before(Tick end, Event& out, Live&& live) {
        while (now_.empty()) {
            if (nonempty_ == 0) return false;
            const std::size_t i = lowest();
            if (least_[i] >= key(end)) return false;
            refill(i, live);
        }
        if (now_.front().time >= end) return false;
        out = take();
        return true;
    }

    // Pops the earliest event whatever its time; the queue must not be empty. Later pushes
    // must not be earlier than it.
    Event pop() {
        assert(!empty());
        if (now_.empty()) refill(lowest(), all_live);
        return take();
    }

    // The time of the earliest event, without popping it; the queue must not be empty.
    Tick next_time() const {
        assert(!empty());
        if (!now_.empty()) return now_.front().time;
        return static_cast<Tick>(least_[lowest()] ^ kSignBit);
    }

    bool empty() const { return now_.empty() && nonempty_ == 0; }

    std::size_t size() const {
        std::size_t n = now_.size();
        for (const std::vector<Event>& b : buckets_) n += b.size();
        return n;
    }

    void clear() {
        now_.clear();
        for (std::vector<Event>& b : buckets_) b.clear();
        least_.fill(kNone);
        nonempty_ = 0;
        last_ = 0;
    }

  private:
    static constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
    static constexpr std::uint64_t kNone = std::numeric_limits<std::uint64_t>::max();

    // Order-preserving unsigned key of a tick (flips the sign bit).
    static std::uint64_t key(Tick t) { return static_cast<std::uint64_t>(t) ^ kSignBit; }
    static bool later(const Event& x, const Event& y) { return y < x; }
    static bool all_live(const Event&) { return true; }

    std::size_t lowest() const {
        assert(nonempty_ != 0);
        return static_cast<std::size_t>(std::countr_zero(nonempty_)) + 1;
    }

    void put(std::size_t i, std::uint64_t k, const Event& e) {
        buckets_[i].push_back(e);
        least_[i] = std::min(least_[i], k);
        nonempty_ |= std::uint64_t{1} << (i - 1);
    }

    // Makes the least key of bucket i the current tick; all of the bucket's events share its
    // bits above i - 1, bit i - 1 included, so each goes to now_ or a bucket below i.
    template <class Live>
    void refill(std::size_t i, Live&& live) {
        last_ = least_[i];
        std::vector<Event>& b = buckets_[i];
        for (const Event& e : b) {
            if (!live(e)) continue;
            const std::uint64_t k = key(e.time);
            const auto j = static_cast<std::size_t>(std::bit_width(k ^ last_));
            assert(j < i);
            if (j == 0)
                now_.push_back(e);
            else
                put(j, k, e);
        }
        b.clear();
        least_[i] = kNone;
        nonempty_ &= ~(std::uint64_t{1} << (i - 1));
        std::make_heap(now_.begin(), now_.end(), later);
    }

    Event take() {
        std::pop_heap(now_.begin(), now_.end(), later);
        const Event e = now_.back();
        now_.pop_back();
        return e;
    }

    std::array<std::vector<Event>, 65> buckets_;  // [0] unused: the current tick is now_
    std::array<std::uint64_t, 65> least_;         // least key of each bucket, kNone if empty
    std::vector<Event> now_;                      // heap of the events at last_
    std::uint64_t nonempty_ = 0;                  // bit i - 1: buckets_[i] is not empty
    std::uint64_t last_ = 0;                      // key of the current tick
};

}  // namespace memsnn
