// SPDX-License-Identifier: MIT
// The event queue: a binary min-heap on the total order of engine/event.hpp. Equal keys pop in
// an unspecified order, which is harmless because equal keys mean the same event. Cancelled
// predictions are not removed: the engine skips them when popped (lazy cancellation by a
// per-neuron generation counter), which keeps push and pop O(log n).
#pragma once

#include <algorithm>
#include <cassert>
#include <functional>
#include <vector>

#include "engine/event.hpp"

namespace memsnn {

class EventQueue {
  public:
    void push(const Event& e) {
        heap_.push_back(e);
        std::push_heap(heap_.begin(), heap_.end(), later);
    }

    // The earliest event; the queue must not be empty.
    const Event& top() const {
        assert(!heap_.empty());
        return heap_.front();
    }

    Event pop() {
        assert(!heap_.empty());
        std::pop_heap(heap_.begin(), heap_.end(), later);
        const Event e = heap_.back();
        heap_.pop_back();
        return e;
    }

    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    void clear() { heap_.clear(); }

  private:
    static bool later(const Event& x, const Event& y) { return y < x; }
    std::vector<Event> heap_;
};

}  // namespace memsnn
