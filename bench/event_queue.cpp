// SPDX-License-Identifier: MIT
// Event-queue candidates on the classic "hold" workload (Jones 1986): the queue holds n events;
// each step pops the earliest and pushes one later by an exponential increment (mean 1 ms), as
// a spiking network does with its predicted spikes and deliveries. Candidates:
//   binary    std::push_heap / std::pop_heap on the whole order (the engine's former queue)
//   4-ary     an implicit 4-ary min-heap (shallower; a node's four children span two lines)
//   calendar  Brown's (1988) calendar queue: buckets of width w covering one "year", resized
//             when the population doubles or halves, w from the earliest events' spacing
//   radix     the engine's EventQueue (engine/event_queue.hpp): a radix heap on the tick
//             (monotone: nothing is pushed before the last pop)
// Two workloads: "exp" (increments exponential, every event at its own tick) and "grid"
// (initial times and increments rounded to a 0.1 ms grid, so thousands of events share a time,
// as spikes of clock-like inputs do; an increment may round to 0). Every candidate pops exactly
// the same sequence (checked: the order of engine/event.hpp is total, ties included), and the
// time per hold step is printed with its ratio to the binary heap in the same run.
//
//   build/bench/memsnn_bench_queue [steps]
#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "engine/event.hpp"
#include "engine/event_queue.hpp"
#include "engine/rng.hpp"

using namespace memsnn;

namespace {

bool later(const Event& x, const Event& y) {
    return y < x;
}

class BinaryHeap {
  public:
    void push(const Event& e) {
        heap_.push_back(e);
        std::push_heap(heap_.begin(), heap_.end(), later);
    }
    Event pop() {
        std::pop_heap(heap_.begin(), heap_.end(), later);
        const Event e = heap_.back();
        heap_.pop_back();
        return e;
    }
    bool empty() const { return heap_.empty(); }

  private:
    std::vector<Event> heap_;
};

class QuadHeap {
  public:
    void push(const Event& e) {
        std::size_t i = heap_.size();
        heap_.push_back(e);
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
            if (!(e < heap_[parent])) break;
            heap_[i] = heap_[parent];
            i = parent;
        }
        heap_[i] = e;
    }
    const Event& top() const { return heap_.front(); }
    Event pop() {
        const Event out = heap_.front();
        const Event last = heap_.back();
        heap_.pop_back();
        const std::size_t n = heap_.size();
        if (n == 0) return out;
        std::size_t i = 0;
        for (;;) {
            const std::size_t first = 4 * i + 1;
            if (first >= n) break;
            std::size_t best = first;
            const std::size_t end = std::min(first + 4, n);
            for (std::size_t c = first + 1; c < end; ++c)
                if (heap_[c] < heap_[best]) best = c;
            if (!(heap_[best] < last)) break;
            heap_[i] = heap_[best];
            i = best;
        }
        heap_[i] = last;
        return out;
    }
    bool empty() const { return heap_.empty(); }

  private:
    std::vector<Event> heap_;
};

// Order-preserving unsigned key of a tick (flips the sign bit).
std::uint64_t tick_key(Tick t) {
    return static_cast<std::uint64_t>(t) ^ (std::uint64_t{1} << 63);
}

// Brown's calendar queue. Bucket i holds the events whose "day" (key >> shift, i.e. width
// w = 2^shift ticks) is i modulo the number of buckets; a pop scans the days from the current
// one and falls back to a direct search after a whole year without an event. Each bucket is a
// small binary min-heap rather than a sorted list, so that thousands of equal-time events in
// one bucket cost O(log k) per operation instead of O(k). The bucket count doubles when the
// population exceeds twice of it and halves when it falls below half of it; the width is then
// set to 3 times the mean spacing of the (up to) 25 earliest events, spacings above twice the
// mean excluded (Brown 1988). The width is rounded down to a power of two (a shift instead of a
// 64-bit division per push); when the earliest events all share one tick, the spacing of the
// earliest distinct ticks is used instead (else the width would be 1 tick).
class CalendarQueue {
  public:
    CalendarQueue() : buckets_(2) {}

    void push(const Event& e) {
        assert(tick_key(e.time) >= last_key_);
        insert(e);
        if (++size_ > 2 * buckets_.size()) resize(2 * buckets_.size());
    }

    Event pop() {
        assert(size_ > 0);
        const Event out = take();
        last_key_ = tick_key(out.time);
        if (--size_ < buckets_.size() / 2 && buckets_.size() > 2) resize(buckets_.size() / 2);
        return out;
    }

    bool empty() const { return size_ == 0; }

  private:
    std::uint64_t day(Tick t) const { return tick_key(t) >> shift_; }

    void insert(const Event& e) {
        std::vector<Event>& b = buckets_[day(e.time) & mask_];
        b.push_back(e);
        std::push_heap(b.begin(), b.end(), later);
    }

    static Event take_front(std::vector<Event>& b) {
        std::pop_heap(b.begin(), b.end(), later);
        const Event e = b.back();
        b.pop_back();
        return e;
    }

    Event take() {
        // Every event's day is >= day_, so the first bucket whose minimum lies in the day being
        // scanned holds the global minimum.
        for (std::size_t n = 0; n < buckets_.size(); ++n, ++day_) {
            std::vector<Event>& b = buckets_[day_ & mask_];
            if (!b.empty() && day(b.front().time) == day_) return take_front(b);
        }
        std::vector<Event>* best = nullptr;
        for (std::vector<Event>& b : buckets_)
            if (!b.empty() && (best == nullptr || b.front() < best->front())) best = &b;
        day_ = day(best->front().time);
        return take_front(*best);
    }

    void resize(std::size_t nbuckets) {
        std::vector<Event> all;
        all.reserve(size_);
        for (std::vector<Event>& b : buckets_) all.insert(all.end(), b.begin(), b.end());
        shift_ = width_shift(all);
        buckets_.assign(nbuckets, {});
        mask_ = nbuckets - 1;
        for (const Event& e : all) insert(e);
        day_ = last_key_ >> shift_;
    }

    static int width_shift(const std::vector<Event>& all) {
        std::vector<std::uint64_t> keys(all.size());
        for (std::size_t i = 0; i < all.size(); ++i) keys[i] = tick_key(all[i].time);
        const std::size_t k = std::min<std::size_t>(25, keys.size());
        if (k < 2) return 0;
        std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(k), keys.end());
        std::vector<std::uint64_t> sample(keys.begin(),
                                          keys.begin() + static_cast<std::ptrdiff_t>(k));
        if (sample.front() == sample.back()) {
            // All equal: the earliest distinct ticks instead.
            std::sort(keys.begin(), keys.end());
            keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
            if (keys.size() < 2) return 0;
            sample.assign(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(
                                                           std::min<std::size_t>(25, keys.size())));
        }
        const double mean = static_cast<double>(sample.back() - sample.front()) /
                            static_cast<double>(sample.size() - 1);
        double sum = 0.0;
        std::size_t count = 0;
        for (std::size_t i = 1; i < sample.size(); ++i) {
            const double gap = static_cast<double>(sample[i] - sample[i - 1]);
            if (gap <= 2.0 * mean) {
                sum += gap;
                ++count;
            }
        }
        const double width = count > 0 ? 3.0 * sum / static_cast<double>(count) : 1.0;
        if (!(width >= 2.0)) return 0;
        return static_cast<int>(std::bit_width(static_cast<std::uint64_t>(width))) - 1;
    }

    std::vector<std::vector<Event>> buckets_;
    std::size_t mask_ = 1;
    std::size_t size_ = 0;
    int shift_ = 0;
    std::uint64_t day_ = 0;       // the day being scanned
    std::uint64_t last_key_ = 0;  // key of the last popped event (pushes are never earlier)
};

// grid = 0: increments in whole ticks; grid > 0: initial times and increments rounded to it.
template <class Q>
double hold(std::size_t n, std::size_t steps, Tick grid, std::uint64_t& checksum) {
    RandomStream rng(1, StreamDomain::source_spikes, 0);
    const auto increment = [&] {
        const double ticks = rng.exponential() * 1e9;
        if (grid == 0) return static_cast<Tick>(ticks);
        return static_cast<Tick>(std::nearbyint(ticks / static_cast<double>(grid))) * grid;
    };
    Q q;
    for (std::size_t i = 0; i < n; ++i)
        q.push(Event{increment(), EventKind::delivery, static_cast<std::uint32_t>(i % 7), i, 0});
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t sum = 0;
    for (std::size_t s = 0; s < steps; ++s) {
        Event e = q.pop();
        sum = sum * 31 + static_cast<std::uint64_t>(e.time) + e.b;
        e.time += increment();
        q.push(e);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // Drain a little more so a queue that lost or reordered events is caught.
    for (std::size_t s = 0; s < std::min<std::size_t>(n, 1000); ++s) {
        const Event e = q.pop();
        sum = sum * 31 + static_cast<std::uint64_t>(e.time) + e.b;
    }
    checksum = sum;
    return seconds / static_cast<double>(steps) * 1e9;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t steps = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 4000000;
    std::printf("event queue, hold model, %zu steps per size, ns per pop+push\n", steps);
    int status = 0;
    for (const Tick grid : {Tick{0}, kTicksPerMs / 10}) {
        std::printf("\n%s\n", grid == 0 ? "exp: exponential increments (mean 1 ms), in ticks"
                                        : "grid: the same rounded to a 0.1 ms grid");
        std::printf("%10s %9s %9s %9s %9s %10s %9s %9s\n", "events", "binary", "4-ary", "calendar",
                    "radix", "4-ary/bin", "cal/bin", "radix/bin");
        for (std::size_t n : {1000, 10000, 100000, 1000000}) {
            std::array<std::uint64_t, 4> sums{};
            const double binary = hold<BinaryHeap>(n, steps, grid, sums[0]);
            const double quad = hold<QuadHeap>(n, steps, grid, sums[1]);
            const double calendar = hold<CalendarQueue>(n, steps, grid, sums[2]);
            const double radix = hold<EventQueue>(n, steps, grid, sums[3]);
            for (std::size_t c = 1; c < sums.size(); ++c) {
                if (sums[c] != sums[0]) {
                    std::printf("candidate %zu popped a different sequence at n = %zu\n", c, n);
                    status = 1;
                }
            }
            std::printf("%10zu %9.1f %9.1f %9.1f %9.1f %10.3f %9.3f %9.3f\n", n, binary, quad,
                        calendar, radix, quad / binary, calendar / binary, radix / binary);
        }
    }
    return status;
}
