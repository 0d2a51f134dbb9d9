// SPDX-License-Identifier: MIT
// Event-queue candidates on the classic "hold" workload (Jones 1986): the queue holds n events;
// each step pops the earliest and pushes one later by an exponential increment (mean 1 ms), as
// a spiking network does with its predicted spikes and deliveries. Candidates:
//   binary  std::push_heap / std::pop_heap (the engine's EventQueue)
//   4-ary   an implicit 4-ary min-heap (shallower, children on one cache line)
// Every candidate pops exactly the same sequence (checked), and the time per hold step is
// printed with its ratio to the binary heap in the same run.
//
//   build/bench/memsnn_bench_queue [steps]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "engine/event.hpp"
#include "engine/event_queue.hpp"
#include "engine/rng.hpp"

using namespace memsnn;

namespace {

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

template <class Q>
double hold(std::size_t n, std::size_t steps, std::uint64_t& checksum) {
    RandomStream rng(1, StreamDomain::source_spikes, 0);
    Q q;
    for (std::size_t i = 0; i < n; ++i)
        q.push(Event{static_cast<Tick>(rng.exponential() * 1e9), EventKind::delivery,
                     static_cast<std::uint32_t>(i % 7), i, 0});
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t sum = 0;
    for (std::size_t s = 0; s < steps; ++s) {
        Event e = q.pop();
        sum = sum * 31 + static_cast<std::uint64_t>(e.time) + e.b;
        e.time += static_cast<Tick>(rng.exponential() * 1e9);
        q.push(e);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    checksum = sum;
    return seconds / static_cast<double>(steps) * 1e9;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t steps = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 4000000;
    std::printf("event queue, hold model, %zu steps per size, ns per pop+push\n", steps);
    std::printf("%10s %12s %12s %10s\n", "events", "binary", "4-ary", "4-ary/bin");
    int status = 0;
    for (std::size_t n : {1000, 10000, 100000, 1000000}) {
        std::uint64_t a = 0, b = 0;
        const double binary = hold<EventQueue>(n, steps, a);
        const double quad = hold<QuadHeap>(n, steps, b);
        if (a != b) {
            std::printf("the candidates popped different sequences at n = %zu\n", n);
            status = 1;
        }
        std::printf("%10zu %12.1f %12.1f %10.3f\n", n, binary, quad, quad / binary);
    }
    return status;
}
