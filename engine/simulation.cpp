// SPDX-License-Identifier: MIT
#include "engine/simulation.hpp"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <exception>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>

namespace memsnn {

Simulation::Simulation(Network& network, unsigned threads) : net_(network) {
    for (const Projection& proj : net_.projections()) {
        const std::size_t n_groups =
            proj.first_group(net_.population(proj.source_population()).size());
        for (std::uint32_t g = 0; g < n_groups; ++g) epoch_ = std::min(epoch_, proj.group(g).delay);
    }
    parts_.resize(std::max(1u, threads));
    // Epochs shorter than kMinEpoch would cost more in synchronisation than they could gain
    // (a delay of one tick makes every spike an epoch of its own): such networks run on one
    // thread, with the same output.
    if (epoch_ < kMinEpoch) parts_.resize(1);
    for (std::size_t q = 0; q < parts_.size(); ++q) parts_[q].index = q;
    const std::size_t n_parts = parts_.size();

    pending_.resize(net_.n_populations());
    bounds_.resize(net_.n_populations());
    for (std::uint32_t p = 0; p < net_.n_populations(); ++p) {
        const std::size_t n = net_.population(p).size();
        pending_[p].assign(n, Pending{});
        for (std::size_t q = 0; q <= n_parts; ++q)
            bounds_[p].push_back(static_cast<std::uint32_t>(n * q / n_parts));
    }

    // Which positions of each report every partition samples: those of the elements (or of
    // the synapses onto the elements) it owns.
    const auto owner = [&](std::uint32_t pop, std::uint32_t i) {
        const auto& b = bounds_[pop];
        return static_cast<std::size_t>(std::upper_bound(b.begin(), b.end(), i) - b.begin() - 1);
    };
    report_positions_.resize(net_.reports().size(),
                             std::vector<std::vector<std::uint32_t>>(n_parts));
    for (std::size_t r = 0; r < net_.reports().size(); ++r) {
        const Report& rep = net_.reports()[r];
        for (std::uint32_t k = 0; k < rep.neurons.size(); ++k) {
            std::size_t q = 0;
            if (rep.projection) {
                const Projection& proj = net_.projections()[rep.population];
                q = owner(proj.target_population(), proj.target_by_id(rep.neurons[k]));
            } else {
                q = owner(rep.population, rep.neurons[k]);
            }
            report_positions_[r][q].push_back(k);
        }
    }
}

void Simulation::repredict(Partition& part, std::uint32_t pop, std::size_t i, Tick now) {
    const Tick t = net_.population(pop).predict(i, now);
    assert(t >= now);
    queue_prediction(part, pop, i, t);
}

void Simulation::queue_prediction(Partition& part, std::uint32_t pop, std::size_t i, Tick t) {
    Pending& p = pending_[pop][i];
    p.wanted = t;
    // A later (or no) prediction keeps the queued event: when it pops it is moved to the wanted
    // time. Only an earlier one needs a new entry, which cancels the queued one.
    if (t >= p.queued) return;
    p.queued = t;
    part.queue.push(Event{t, EventKind::emit, pop, i, ++p.generation});
}

// An emit event with the current generation popped at t: fire, or move to the wanted time.
void Simulation::emit_or_defer(Partition& part, std::uint32_t pop, std::size_t i, Tick t) {
    Pending& p = pending_[pop][i];
    p.queued = kNever;
    const Tick wanted = p.wanted;
    if (wanted == t) {
        emit(part, pop, i, t);
        return;
    }
    ++part.summary.stale_events;
    if (wanted == kNever) return;
    assert(wanted > t);
    p.queued = wanted;
    part.queue.push(Event{wanted, EventKind::emit, pop, i, ++p.generation});
}

void Simulation::emit(Partition& part, std::uint32_t pop, std::size_t i, Tick t) {
    pending_[pop][i].wanted = kNever;
    if (!net_.population(pop).fire(i, t)) {
        ++part.summary.wake_ups;
        repredict(part, pop, i, t);
        return;
    }
    ++part.summary.spikes;
    if (parallel())
        part.outbox[part.parity].push_back(Spike{t, pop, static_cast<std::uint32_t>(i)});
    else if (net_.record_spikes(pop))
        for (Recorder* r : recorders_) r->spike(pop, i, t);
    for (const std::uint32_t proj_id : net_.plastic_incoming(pop)) {
        Projection& proj = net_.projection(proj_id);
        if (PlasticityRule* rule = proj.rule_at(t))
            rule->on_post(proj, static_cast<std::uint32_t>(i), t);
    }
    fan_out(part.queue, pop, i, t);
    repredict(part, pop, i, t);
}

// A spike of element i at t enters `queue` once per outgoing projection: at its first delay
// group; each delivery chains the next group.
void Simulation::fan_out(EventQueue& queue, std::uint32_t pop, std::size_t i, Tick t) {
    for (const std::uint32_t proj_id : net_.outgoing(pop)) {
        const Projection& proj = net_.projections()[proj_id];
        const std::uint32_t g = proj.first_group(i);
        if (g == proj.first_group(i + 1)) continue;
        queue.push(Event{t + proj.group(g).delay, EventKind::delivery, proj_id, i, g});
    }
}

void Simulation::deliver(Partition& part, const Event& e) {
    Projection& proj = net_.projection(e.a);
    PlasticityRule* rule = proj.rule_at(e.time);
    const Projection::DelayGroup& group = proj.group(e.c);
    const std::uint32_t target_pop = proj.target_population();
    Population& target = net_.population(target_pop);
    SynapseCircuit* circuit = proj.circuit();
    const auto [begin, end] = parallel() ? proj.group_range(e.c, lo(target_pop, part.index),
                                                            lo(target_pop, part.index + 1))
                                         : std::pair{group.begin, group.end};
    if (!circuit && (!rule || rule->local_pre())) {
        // Static synapses, or a rule whose on_pre is local to its synapse: the population
        // takes the whole run at once, then the predictions are queued in the same order as
        // one deliver + repredict per synapse would, then the rule sees each arrival.
        const std::size_t n = end - begin;
        if (part.next.size() < n) part.next.resize(n);
        const std::uint32_t* targets = proj.target_data() + begin;
        target.deliver_batch(targets, n, proj.weight_data() + begin * proj.weight_stride(),
                             proj.weight_stride(), e.time, part.next.data());
        std::vector<Pending>& pending = pending_[target_pop];
        constexpr std::size_t kPrefetch = 8;
        for (std::size_t k = 0; k < n; ++k) {
            if (k + kPrefetch < n) __builtin_prefetch(&pending[targets[k + kPrefetch]], 1);
            assert(part.next[k] >= e.time);
            queue_prediction(part, target_pop, targets[k], part.next[k]);
        }
        if (rule)
            for (std::uint32_t k = begin; k < end; ++k) rule->on_pre(proj, k, e.time);
    } else {
        deliver_each(part, e, begin, end);
    }
    part.summary.synaptic_events += end - begin;
    // Chain the source's next delay group: one queue entry per spike in flight per projection.
    const std::uint32_t next = e.c + 1;
    if (next < proj.first_group(e.b + 1)) {
        const Tick spike_time = e.time - group.delay;
        part.queue.push(
            Event{spike_time + proj.group(next).delay, EventKind::delivery, e.a, e.b, next});
    }
}

// Synapses with a circuit or a learning rule, one at a time.
void Simulation::deliver_each(Partition& part, const Event& e, std::uint32_t begin,
                              std::uint32_t end) {
    Projection& proj = net_.projection(e.a);
    PlasticityRule* rule = proj.rule_at(e.time);
    const std::uint32_t target_pop = proj.target_population();
    Population& target = net_.population(target_pop);
    SynapseCircuit* circuit = proj.circuit();
    for (std::uint32_t k = begin; k < end; ++k) {
        const std::uint32_t j = proj.target(k);
        double w = circuit ? circuit->on_pre(proj.creation_index(k), e.time) : proj.weight(k);
        if (rule) w = rule->transmit(proj, k, e.time, w);
        target.deliver(j, e.time, w);
        repredict(part, target_pop, j, e.time);
        if (rule) rule->on_pre(proj, k, e.time);
    }
}

// Normalises the weights onto the targets this partition owns and queues the next round.
void Simulation::normalize(Partition& part, const Event& e) {
    Projection& proj = net_.projection(e.a);
    const std::uint32_t pop = proj.target_population();
    proj.normalize(lo(pop, part.index), lo(pop, part.index + 1));
    const Projection::LearningSchedule& s = proj.schedule();
    if (s.normalize_interval > 0 && s.normalize_interval < s.stop - e.time)
        part.queue.push(Event{e.time + s.normalize_interval, EventKind::normalize, e.a, 0, 0});
}

void Simulation::stimulate(Partition& part, const Event& e) {
    const StepCurrent& s = net_.stimuli()[e.a];
    const double delta = e.b == 0 ? s.amplitude : -s.amplitude;
    Population& pop = net_.population(s.population);
    const std::uint32_t first = lo(s.population, part.index);
    const std::uint32_t last = lo(s.population, part.index + 1);
    for (const std::uint32_t i : s.neurons) {
        if (i < first || i >= last) continue;
        pop.add_current(i, e.time, delta);
        repredict(part, s.population, i, e.time);
    }
}

namespace {

double report_value(const Network& net, const Report& r, std::size_t k, Tick t) {
    if (!r.projection) return net.population(r.population).sample(r.neurons[k], r.variable, t);
    const Projection& proj = net.projections()[r.population];
    const SynapseCircuit* circuit = proj.circuit();
    return circuit ? circuit->sample(r.neurons[k], r.variable, t) : proj.weight_by_id(r.neurons[k]);
}

}  // namespace

void Simulation::sample(Partition& part, const Event& e) {
    const Report& r = net_.reports()[e.a];
    if (parallel()) {
        StagedSample& row = staged_[staged_first_[e.a] + (e.b - staged_sample_[e.a])];
        assert(row.time == e.time && row.report == e.a);
        for (const std::uint32_t k : report_positions_[e.a][part.index])
            row.values[k] = report_value(net_, r, k, e.time);
    } else {
        part.buffer.resize(r.neurons.size());
        for (std::size_t k = 0; k < r.neurons.size(); ++k)
            part.buffer[k] = report_value(net_, r, k, e.time);
        for (Recorder* rec : recorders_) rec->sample(e.a, e.time, part.buffer);
    }
    const std::uint64_t next = e.b + 1;
    if (next < r.n_samples)
        part.queue.push(
            Event{r.start + static_cast<Tick>(next) * r.step, EventKind::sample, e.a, next, 0});
}

// Queues what a partition starts with: stimulus switches and the first sample of every report
// (each partition applies and samples only what it owns), and the first prediction of each of
// its elements.
void Simulation::start(Partition& part) {
    for (std::uint32_t s = 0; s < net_.stimuli().size(); ++s) {
        const StepCurrent& stim = net_.stimuli()[s];
        part.queue.push(Event{stim.start, EventKind::stimulus, s, 0, 0});
        if (stim.stop != kNever) part.queue.push(Event{stim.stop, EventKind::stimulus, s, 1, 0});
    }
    for (std::uint32_t r = 0; r < net_.reports().size(); ++r) {
        const Report& rep = net_.reports()[r];
        if (rep.n_samples > 0) part.queue.push(Event{rep.start, EventKind::sample, r, 0, 0});
    }
    for (std::uint32_t k = 0; k < net_.projections().size(); ++k) {
        const Projection::LearningSchedule& s = net_.projections()[k].schedule();
        if (s.normalize_total > 0 && s.normalize_start < s.stop)
            part.queue.push(Event{s.normalize_start, EventKind::normalize, k, 0, 0});
    }
    for (std::uint32_t p = 0; p < net_.n_populations(); ++p)
        for (std::size_t i = lo(p, part.index); i < lo(p, part.index + 1); ++i)
            repredict(part, p, i, 0);
}

void Simulation::process(Partition& part, Tick end) {
    EventQueue& queue = part.queue;
    // A cancelled prediction met when the queue splits a bucket is dropped there.
    const auto live = [&](const Event& x) {
        if (x.kind != EventKind::emit || x.c == pending_[x.a][x.b].generation) return true;
        ++part.summary.stale_events;
        return false;
    };
    Event e;
    while (queue.pop_before(end, e, live)) {
        switch (e.kind) {
            case EventKind::normalize:
                normalize(part, e);
                break;
            case EventKind::stimulus:
                stimulate(part, e);
                break;
            case EventKind::delivery:
                deliver(part, e);
                break;
            case EventKind::emit:
                if (!live(e)) continue;  // cancelled after its bucket was split
                emit_or_defer(part, e.a, e.b, e.time);
                break;
            case EventKind::sample:
                sample(part, e);
                break;
        }
        ++part.summary.events;
        if (!parallel() && progress_ && ++part.since_progress == 4096) {
            part.since_progress = 0;
            progress_(e.time);
        }
    }
}

// Queues in `part` the deliveries of the spikes the other partitions emitted last epoch.
void Simulation::import_spikes(Partition& part, std::size_t parity) {
    for (const Partition& other : parts_) {
        if (other.index == part.index) continue;
        for (const Spike& s : other.outbox[parity])
            fan_out(part.queue, s.population, s.element, s.time);
    }
}

// Allocates a row for every sample that falls in [from, end).
void Simulation::stage_samples(Tick from, Tick end) {
    n_staged_ = 0;
    for (std::uint32_t r = 0; r < net_.reports().size(); ++r) {
        const Report& rep = net_.reports()[r];
        staged_first_[r] = n_staged_;
        staged_sample_[r] = next_sample_[r];
        for (std::uint64_t& k = next_sample_[r]; k < rep.n_samples; ++k) {
            const Tick t = rep.start + static_cast<Tick>(k) * rep.step;
            if (t >= end) break;
            assert(t >= from);
            (void)from;
            if (n_staged_ == staged_.size()) staged_.emplace_back();
            StagedSample& row = staged_[n_staged_++];
            row.time = t;
            row.report = r;
            row.values.assign(rep.neurons.size(), 0.0);
        }
    }
}

// Hands the epoch's spikes and samples to the recorders in the order a one-thread run does:
// by time; at one instant spikes (by population, element) before samples (by report).
void Simulation::flush_epoch(std::size_t parity) {
    merged_.clear();
    for (const Partition& part : parts_)
        for (const Spike& s : part.outbox[parity])
            if (net_.record_spikes(s.population)) merged_.push_back(s);
    std::sort(merged_.begin(), merged_.end());
    std::vector<std::size_t>& rows = staged_order_;
    rows.resize(n_staged_);
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    std::sort(rows.begin(), rows.end(), [&](std::size_t x, std::size_t y) {
        return std::tie(staged_[x].time, staged_[x].report) <
               std::tie(staged_[y].time, staged_[y].report);
    });
    std::size_t s = 0;
    for (const std::size_t row : rows) {
        const StagedSample& sample = staged_[row];
        for (; s < merged_.size() && merged_[s].time <= sample.time; ++s)
            for (Recorder* r : recorders_)
                r->spike(merged_[s].population, merged_[s].element, merged_[s].time);
        for (Recorder* r : recorders_) r->sample(sample.report, sample.time, sample.values);
    }
    for (; s < merged_.size(); ++s)
        for (Recorder* r : recorders_)
            r->spike(merged_[s].population, merged_[s].element, merged_[s].time);
}

namespace {

// All partitions wait here until the last one arrives. Waiters spin briefly (an epoch is often
// a few microseconds of work), then sleep on the generation counter (futex), so a loaded or
// oversubscribed machine does not burn its cores on waiting.
class SpinBarrier {
  public:
    explicit SpinBarrier(std::size_t n) : n_(n) {}

    void arrive_and_wait() {
        const std::size_t generation = generation_.load(std::memory_order_acquire);
        if (arrived_.fetch_add(1, std::memory_order_acq_rel) + 1 == n_) {
            arrived_.store(0, std::memory_order_relaxed);
            generation_.fetch_add(1, std::memory_order_release);
            generation_.notify_all();
            return;
        }
        for (int spins = 0; spins < 4000; ++spins)
            if (generation_.load(std::memory_order_acquire) != generation) return;
        while (generation_.load(std::memory_order_acquire) == generation)
            generation_.wait(generation, std::memory_order_acquire);
    }

  private:
    const std::size_t n_;
    std::atomic<std::size_t> arrived_{0};
    std::atomic<std::size_t> generation_{0};
};

}  // namespace

// Every partition runs on its own thread for the whole run (partition 0 on the caller's), so
// the barrier between epochs costs microseconds rather than a task launch. Between the two
// barriers of an epoch, partition 0 alone hands the epoch's output to the recorders, reports
// progress and sets up the next epoch; the others wait. A failure on any thread stops all of
// them at the next barrier and is rethrown here.
void Simulation::run_parallel(Tick duration) {
    staged_first_.assign(net_.reports().size(), 0);
    staged_sample_.assign(net_.reports().size(), 0);
    next_sample_.assign(net_.reports().size(), 0);
    SpinBarrier barrier(parts_.size());
    std::mutex error_mutex;
    std::exception_ptr error;
    auto fail = [&] {
        const std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
    };
    std::size_t parity = 0;
    bool first = true, stop = false;
    Tick t = 0, end = std::min(duration, epoch_);
    stage_samples(t, end);

    auto work = [&](std::size_t q) {
        Partition& part = parts_[q];
        for (;;) {
            barrier.arrive_and_wait();
            if (stop) return;
            try {
                if (first)
                    start(part);
                else
                    import_spikes(part, parity ^ 1);
                part.parity = parity;
                part.outbox[parity].clear();
                process(part, end);
            } catch (...) {
                fail();
            }
            barrier.arrive_and_wait();
            if (q != 0) continue;
            try {
                if (error) throw Stop{};
                flush_epoch(parity);
                if (progress_) progress_(end);
                // The next epoch starts at the earliest pending event: skip silent stretches.
                Tick next = kNever;
                for (const Partition& p : parts_) {
                    if (!p.queue.empty()) next = std::min(next, p.queue.next_time());
                    if (!p.outbox[parity].empty())
                        next = std::min(next, p.outbox[parity].front().time + epoch_);
                }
                t = std::max(end, next);
                if (next == kNever || t >= duration) throw Stop{};
                end = std::min(duration, t + epoch_);
                stage_samples(t, end);
                parity ^= 1;
                first = false;
            } catch (const Stop&) {
                stop = true;
            } catch (...) {
                fail();
                stop = true;
            }
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t q = 1; q < parts_.size(); ++q) threads.emplace_back(work, q);
    work(0);
    for (std::thread& th : threads) th.join();
    if (error) std::rethrow_exception(error);
}

RunSummary Simulation::run(Tick duration) {
    const auto wall_start = std::chrono::steady_clock::now();
    for (Partition& part : parts_) {
        part.summary = RunSummary{};
        part.queue.clear();
        part.outbox[0].clear();
        part.outbox[1].clear();
    }
    if (!parallel()) {
        start(parts_[0]);
        process(parts_[0], duration);
    } else {
        run_parallel(duration);
    }
    if (progress_) progress_(duration);
    for (std::uint32_t id = 0; id < net_.projections().size(); ++id)
        if (SynapseCircuit* c = net_.projection(id).circuit()) c->finish(duration);
    RunSummary summary;
    for (const Partition& part : parts_) {
        summary.events += part.summary.events;
        summary.stale_events += part.summary.stale_events;
        summary.wake_ups += part.summary.wake_ups;
        summary.spikes += part.summary.spikes;
        summary.synaptic_events += part.summary.synaptic_events;
    }
    for (const Projection& p : net_.projections())
        summary.projection_energy.push_back(p.circuit() ? p.circuit()->energy() : 0.0);
    summary.wall_time_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return summary;
}

}  // namespace memsnn
