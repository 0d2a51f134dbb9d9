// SPDX-License-Identifier: MIT
#include "engine/simulation.hpp"

#include <cassert>
#include <chrono>

namespace memsnn {

Simulation::Simulation(Network& network) : net_(network) {
    generation_.resize(net_.n_populations());
    wanted_.resize(net_.n_populations());
    queued_.resize(net_.n_populations());
    for (std::uint32_t p = 0; p < net_.n_populations(); ++p) {
        generation_[p].assign(net_.population(p).size(), 0);
        wanted_[p].assign(net_.population(p).size(), kNever);
        queued_[p].assign(net_.population(p).size(), kNever);
    }
}

void Simulation::repredict(std::uint32_t pop, std::size_t i, Tick now) {
    const Tick t = net_.population(pop).predict(i, now);
    assert(t >= now);
    wanted_[pop][i] = t;
    // A later (or no) prediction keeps the queued event: when it pops it is moved to the wanted
    // time. Only an earlier one needs a new entry, which cancels the queued one.
    Tick& queued = queued_[pop][i];
    if (t >= queued) return;
    queued = t;
    queue_.push(Event{t, EventKind::emit, pop, i, ++generation_[pop][i]});
}

// An emit event with the current generation popped at t: fire, or move to the wanted time.
void Simulation::emit_or_defer(std::uint32_t pop, std::size_t i, Tick t) {
    queued_[pop][i] = kNever;
    const Tick wanted = wanted_[pop][i];
    if (wanted == t) {
        emit(pop, i, t);
        return;
    }
    ++summary_.stale_events;
    if (wanted == kNever) return;
    assert(wanted > t);
    queued_[pop][i] = wanted;
    queue_.push(Event{wanted, EventKind::emit, pop, i, ++generation_[pop][i]});
}

void Simulation::emit(std::uint32_t pop, std::size_t i, Tick t) {
    wanted_[pop][i] = kNever;
    if (!net_.population(pop).fire(i, t)) {
        ++summary_.wake_ups;
        repredict(pop, i, t);
        return;
    }
    ++summary_.spikes;
    if (net_.record_spikes(pop))
        for (Recorder* r : recorders_) r->spike(pop, i, t);
    for (const std::uint32_t proj_id : net_.plastic_incoming(pop)) {
        Projection& proj = net_.projection(proj_id);
        proj.rule()->on_post(proj, static_cast<std::uint32_t>(i), t);
    }
    for (const std::uint32_t proj_id : net_.outgoing(pop)) {
        const Projection& proj = net_.projections()[proj_id];
        const std::uint32_t g = proj.first_group(i);
        if (g == proj.first_group(i + 1)) continue;
        queue_.push(Event{t + proj.group(g).delay, EventKind::delivery, proj_id, i, g});
    }
    repredict(pop, i, t);
}

void Simulation::deliver(const Event& e) {
    Projection& proj = net_.projection(e.a);
    PlasticityRule* rule = proj.rule();
    const Projection::DelayGroup& group = proj.group(e.c);
    const std::uint32_t target_pop = proj.target_population();
    Population& target = net_.population(target_pop);
    SynapseCircuit* circuit = proj.circuit();
    for (std::uint32_t k = group.begin; k < group.end; ++k) {
        const std::uint32_t j = proj.target(k);
        double w = circuit ? circuit->on_pre(proj.creation_index(k), e.time) : proj.weight(k);
        if (rule) w = rule->transmit(proj, k, e.time, w);
        target.deliver(j, e.time, w);
        repredict(target_pop, j, e.time);
        if (rule) rule->on_pre(proj, k, e.time);
    }
    summary_.synaptic_events += group.end - group.begin;
    // Chain the source's next delay group: one queue entry per spike in flight per projection.
    const std::uint32_t next = e.c + 1;
    if (next < proj.first_group(e.b + 1)) {
        const Tick spike_time = e.time - group.delay;
        queue_.push(
            Event{spike_time + proj.group(next).delay, EventKind::delivery, e.a, e.b, next});
    }
}

void Simulation::stimulate(const Event& e) {
    const StepCurrent& s = net_.stimuli()[e.a];
    const double delta = e.b == 0 ? s.amplitude : -s.amplitude;
    Population& pop = net_.population(s.population);
    for (const std::uint32_t i : s.neurons) {
        pop.add_current(i, e.time, delta);
        repredict(s.population, i, e.time);
    }
}

void Simulation::sample(const Event& e) {
    const Report& r = net_.reports()[e.a];
    sample_buffer_.resize(r.neurons.size());
    if (r.projection) {
        const Projection& proj = net_.projections()[r.population];
        const SynapseCircuit* circuit = proj.circuit();
        for (std::size_t k = 0; k < r.neurons.size(); ++k)
            sample_buffer_[k] = circuit ? circuit->sample(r.neurons[k], r.variable, e.time)
                                        : proj.weight_by_id(r.neurons[k]);
    } else {
        const Population& pop = net_.population(r.population);
        for (std::size_t k = 0; k < r.neurons.size(); ++k)
            sample_buffer_[k] = pop.sample(r.neurons[k], r.variable, e.time);
    }
    for (Recorder* rec : recorders_) rec->sample(e.a, e.time, sample_buffer_);
    const std::uint64_t next = e.b + 1;
    if (next < r.n_samples)
        queue_.push(
            Event{r.start + static_cast<Tick>(next) * r.step, EventKind::sample, e.a, next, 0});
}

RunSummary Simulation::run(Tick duration) {
    const auto wall_start = std::chrono::steady_clock::now();
    summary_ = RunSummary{};
    queue_.clear();

    for (std::uint32_t s = 0; s < net_.stimuli().size(); ++s) {
        const StepCurrent& stim = net_.stimuli()[s];
        queue_.push(Event{stim.start, EventKind::stimulus, s, 0, 0});
        if (stim.stop != kNever) queue_.push(Event{stim.stop, EventKind::stimulus, s, 1, 0});
    }
    for (std::uint32_t r = 0; r < net_.reports().size(); ++r) {
        const Report& rep = net_.reports()[r];
        if (rep.n_samples > 0) queue_.push(Event{rep.start, EventKind::sample, r, 0, 0});
    }
    for (std::uint32_t p = 0; p < net_.n_populations(); ++p)
        for (std::size_t i = 0; i < net_.population(p).size(); ++i) repredict(p, i, 0);

    std::uint64_t since_progress = 0;
    while (!queue_.empty() && queue_.top().time < duration) {
        const Event e = queue_.pop();
        switch (e.kind) {
            case EventKind::stimulus:
                stimulate(e);
                break;
            case EventKind::delivery:
                deliver(e);
                break;
            case EventKind::emit:
                if (e.c != generation_[e.a][e.b]) {
                    ++summary_.stale_events;
                    continue;
                }
                emit_or_defer(e.a, e.b, e.time);
                break;
            case EventKind::sample:
                sample(e);
                break;
        }
        ++summary_.events;
        if (progress_ && ++since_progress == 4096) {
            since_progress = 0;
            progress_(e.time);
        }
    }
    if (progress_) progress_(duration);
    for (std::uint32_t id = 0; id < net_.projections().size(); ++id)
        if (SynapseCircuit* c = net_.projection(id).circuit()) c->finish(duration);
    for (const Projection& p : net_.projections())
        summary_.projection_energy.push_back(p.circuit() ? p.circuit()->energy() : 0.0);
    summary_.wall_time_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return summary_;
}

}  // namespace memsnn
