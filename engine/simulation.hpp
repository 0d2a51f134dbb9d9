// SPDX-License-Identifier: MIT
// The event loop. Pops events in the total order of engine/event.hpp over [0, duration) and
// dispatches them: stimuli change currents, deliveries fan a spike out over one delay group,
// emits fire neurons (or sources) and fan their spikes out, samples feed the recorders.
// After every change to an element the engine asks the population for its next emission time.
// At most one emit event per element is live: an earlier prediction pushes a new event and
// cancels the queued one lazily (generation counter); a later one leaves the queued event in
// place and moves it when it pops, so inhibition and sub-threshold input push nothing.
//
// Parallel runs (threads > 1). Every population is cut into `threads` contiguous blocks of
// elements, one per partition; a partition owns its elements, the synapses onto them (with
// their devices and learning-rule state) and its own event queue. Time advances in epochs no
// longer than the smallest synaptic delay, so a spike emitted inside an epoch arrives in a
// later one: within an epoch the partitions run in parallel (one thread each) and touch only what
// they own; between epochs each partition queues the deliveries of the spikes the others emitted,
// and the spikes and samples of the epoch go to the recorders merged in the canonical order
// (time, population, element) — the order a one-thread run produces. Every element draws from
// its own counter-based random stream, so the output is identical for any number of threads.
#pragma once

#include <functional>
#include <tuple>
#include <vector>

#include "engine/event_queue.hpp"
#include "engine/network.hpp"
#include "engine/recorder.hpp"

namespace memsnn {

class Simulation {
  public:
    // `threads` partitions run in parallel; the output does not depend on it.
    explicit Simulation(Network& network, unsigned threads = 1);
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    void add_recorder(Recorder* recorder) { recorders_.push_back(recorder); }

    // Called now and then (every few thousand events, or after each epoch of a parallel run)
    // with the current simulated time.
    void set_progress(std::function<void(Tick)> callback) { progress_ = std::move(callback); }

    // The threads the run uses: as asked, or 1 when the smallest delay is below kMinEpoch.
    unsigned threads() const { return static_cast<unsigned>(parts_.size()); }
    // Longest epoch of a parallel run: the smallest synaptic delay, at most kMaxEpoch.
    Tick epoch() const { return epoch_; }
    static constexpr Tick kMaxEpoch = 1'000'000'000;  // 1 ms
    static constexpr Tick kMinEpoch = 10'000'000;     // 10 us

    // Runs [0, duration). Events at t >= duration are not processed. May be called once.
    RunSummary run(Tick duration);

  private:
    struct Spike {
        Tick time;
        std::uint32_t population;
        std::uint32_t element;
        friend bool operator<(const Spike& x, const Spike& y) {
            return std::tie(x.time, x.population, x.element) <
                   std::tie(y.time, y.population, y.element);
        }
    };
    struct Partition {
        std::size_t index = 0;
        EventQueue queue;
        RunSummary summary;
        std::vector<Spike> outbox[2];  // parallel runs: spikes emitted in epochs of each parity
        std::size_t parity = 0;
        std::vector<double> buffer;  // one-thread runs: a report's values at one instant
        std::uint64_t since_progress = 0;
        std::vector<Tick> next;  // deliver: the targets' predictions after one batch
    };
    struct StagedSample {
        Tick time;
        std::uint32_t report;
        std::vector<double> values;
    };

    bool parallel() const { return parts_.size() > 1; }
    std::uint32_t lo(std::uint32_t pop, std::size_t q) const { return bounds_[pop][q]; }
    struct Stop {};  // ends the epoch loop of a parallel run
    void run_parallel(Tick duration);
    void start(Partition& part);
    void process(Partition& part, Tick end);
    void import_spikes(Partition& part, std::size_t parity);
    void repredict(Partition& part, std::uint32_t pop, std::size_t i, Tick now);
    void queue_prediction(Partition& part, std::uint32_t pop, std::size_t i, Tick t);
    void emit_or_defer(Partition& part, std::uint32_t pop, std::size_t i, Tick t);
    void emit(Partition& part, std::uint32_t pop, std::size_t i, Tick t);
    void fan_out(EventQueue& queue, std::uint32_t pop, std::size_t i, Tick t);
    void deliver(Partition& part, const Event& e);
    void deliver_each(Partition& part, const Event& e, std::uint32_t begin, std::uint32_t end);
    void stimulate(Partition& part, const Event& e);
    void normalize(Partition& part, const Event& e);
    void sample(Partition& part, const Event& e);
    void stage_samples(Tick from, Tick end);
    void flush_epoch(std::size_t parity);

    Network& net_;
    std::vector<Partition> parts_;
    std::vector<std::vector<std::uint32_t>> bounds_;  // per population: threads + 1 block bounds
    Tick epoch_ = kMaxEpoch;
    std::vector<Recorder*> recorders_;
    std::function<void(Tick)> progress_;
    // The engine's bookkeeping of one element's predicted spike, kept together so that an
    // input touches one cache line of it.
    struct Pending {
        Tick wanted = kNever;          // latest prediction, or kNever
        Tick queued = kNever;          // time of the live queued emit event, or kNever
        std::uint32_t generation = 0;  // of the live emit event; older ones are stale
    };
    std::vector<std::vector<Pending>> pending_;  // per population, per element

    // Parallel runs: which report positions each partition samples, and the samples of the
    // current epoch (rows of one report are consecutive, from staged_first_[report] on).
    std::vector<std::vector<std::vector<std::uint32_t>>> report_positions_;  // [report][part]
    std::vector<StagedSample> staged_;
    std::size_t n_staged_ = 0;
    std::vector<std::size_t> staged_first_;     // per report: row of its first sample this epoch
    std::vector<std::uint64_t> staged_sample_;  // per report: sample index of that row
    std::vector<std::uint64_t> next_sample_;    // per report: first sample not yet staged
    std::vector<Spike> merged_;
    std::vector<std::size_t> staged_order_;  // flush_epoch: staged samples in time order
};

}  // namespace memsnn
