// SPDX-License-Identifier: MIT
// The event loop. Pops events in the total order of engine/event.hpp over [0, duration) and
// dispatches them: stimuli change currents, deliveries fan a spike out over one delay group,
// emits fire neurons (or sources) and fan their spikes out, samples feed the recorders.
// After every change to an element the engine asks the population for its next emission time.
// At most one emit event per element is live: an earlier prediction pushes a new event and
// cancels the queued one lazily (generation counter); a later one leaves the queued event in
// place and moves it when it pops, so inhibition and sub-threshold input push nothing.
#pragma once

#include <functional>
#include <vector>

#include "engine/event_queue.hpp"
#include "engine/network.hpp"
#include "engine/recorder.hpp"

namespace memsnn {

class Simulation {
  public:
    explicit Simulation(Network& network);

    void add_recorder(Recorder* recorder) { recorders_.push_back(recorder); }

    // Called now and then (every few thousand events) with the current simulated time.
    void set_progress(std::function<void(Tick)> callback) { progress_ = std::move(callback); }

    // Runs [0, duration). Events at t >= duration are not processed. May be called once.
    RunSummary run(Tick duration);

  private:
    void repredict(std::uint32_t pop, std::size_t i, Tick now);
    void emit_or_defer(std::uint32_t pop, std::size_t i, Tick t);
    void emit(std::uint32_t pop, std::size_t i, Tick t);
    void deliver(const Event& e);
    void stimulate(const Event& e);
    void sample(const Event& e);

    Network& net_;
    EventQueue queue_;
    std::vector<Recorder*> recorders_;
    std::function<void(Tick)> progress_;
    std::vector<std::vector<std::uint32_t>> generation_;  // per population, per element
    std::vector<std::vector<Tick>> wanted_;  // latest prediction per element, or kNever
    std::vector<std::vector<Tick>> queued_;  // time of its live queued emit event, or kNever
    std::vector<double> sample_buffer_;
    RunSummary summary_;
};

}  // namespace memsnn
