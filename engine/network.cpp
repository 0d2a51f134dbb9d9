// SPDX-License-Identifier: MIT
#include "engine/network.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <tuple>

namespace memsnn {

namespace {

template <class V>
void release(V& v) {
    V().swap(v);
}

// Moved-in columns keep the capacity they grew to; trim it when it is noticeably larger.
template <class V>
void trim(V& v) {
    if (v.capacity() > v.size() + v.size() / 64) v.shrink_to_fit();
}

bool all_equal(const LargeVector<double>& v) {
    // Bitwise, so that sharing the first weight changes no delivered value (not even -0.0).
    if (v.empty()) return true;
    const auto first = std::bit_cast<std::uint64_t>(v[0]);
    for (const double w : v)
        if (std::bit_cast<std::uint64_t>(w) != first) return false;
    return true;
}

bool all_equal(const LargeVector<Tick>& v) {
    return v.empty() || std::all_of(v.begin(), v.end(), [&](Tick d) { return d == v[0]; });
}

SynapseList columns(const std::vector<SynapseSpec>& synapses) {
    SynapseList list;
    const std::size_t n = synapses.size();
    list.sources.resize(n);
    list.targets.resize(n);
    list.weights.resize(n);
    list.delays.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        list.sources[i] = synapses[i].source;
        list.targets[i] = synapses[i].target;
        list.weights[i] = synapses[i].weight;
        list.delays[i] = synapses[i].delay;
    }
    return list;
}

}  // namespace

Projection::Projection(std::string name, std::uint32_t source_population,
                       std::uint32_t target_population, std::size_t n_sources, SynapseList synapses)
    : name_(std::move(name)), source_(source_population), target_(target_population) {
    pack(n_sources, synapses);
}

Projection::Projection(std::string name, std::uint32_t source_population,
                       std::uint32_t target_population, std::size_t n_sources,
                       const std::vector<SynapseSpec>& synapses)
    : Projection(std::move(name), source_population, target_population, n_sources,
                 columns(synapses)) {}

// The packed order is: by source; within a source by delay, then target, then creation order.
// So within a (source, delay) group the targets ascend and synapses onto one target keep their
// creation order: a partition of the target population owns one contiguous run of every group
// (group_range), whatever the number of partitions.
//
// A stable counting sort by source (skipped when the synapses come by source, as from
// all_to_all, one_to_one and fixed_probability) leaves each source's synapses in creation
// order; a source whose (delay, target) keys are then out of order (lists, several delays) is
// sorted on its own.
void Projection::pack(std::size_t n_sources, SynapseList& synapses) {
    const std::size_t n = synapses.size();
    if (n > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("projection " + name_ + ": more than 2^32 synapses");
    auto column_ok = [&](std::size_t size) { return size == n || (size == 1 && n > 0); };
    if (synapses.targets.size() != n || !(n == 0 || column_ok(synapses.weights.size())) ||
        !(n == 0 || column_ok(synapses.delays.size())))
        throw std::logic_error("projection " + name_ + ": synapse columns of different lengths");

    // Synapses per source, and whether they already come by source.
    std::vector<std::uint32_t> start(n_sources + 1, 0);
    bool by_source = true;
    std::size_t used_sources = 0;
    {
        const std::uint32_t* src = synapses.sources.data();
        std::uint32_t previous = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t s = src[i];
            if (s >= n_sources)
                throw std::logic_error("projection " + name_ + ": source out of range");
            ++start[s + 1];
            by_source = by_source && s >= previous;
            previous = s;
        }
        for (std::size_t s = 0; s < n_sources; ++s) {
            used_sources += start[s + 1] != 0;
            start[s + 1] += start[s];
        }
    }

    const bool shared_weight = all_equal(synapses.weights);
    const double weight0 = n > 0 ? synapses.weights[0] : 0.0;
    const bool one_delay = all_equal(synapses.delays);
    const Tick delay0 = n > 0 ? synapses.delays[0] : 0;
    LargeVector<Tick> delays;  // packed, when there are several

    if (by_source) {
        targets_ = std::move(synapses.targets);
        creation_.resize(n);
        std::iota(creation_.begin(), creation_.end(), 0u);
        if (!shared_weight) weights_ = std::move(synapses.weights);
        if (!one_delay) delays = std::move(synapses.delays);
    } else {
        targets_.resize(n);
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        const std::uint32_t* src = synapses.sources.data();
        const std::uint32_t* tgt = synapses.targets.data();
        if (synapses.by_target) {
            // A stable scatter by source gives each source its targets in ascending order;
            // walking the sources in order, the synapses onto target t then turn up in
            // creation order (by source), so counting them per target numbers them.
            std::vector<std::uint32_t> next;  // next creation index per target
            for (std::uint32_t i = 0; i < n; ++i) {
                if (i > 0 && tgt[i] < tgt[i - 1])
                    throw std::logic_error("projection " + name_ + ": not grouped by target");
                if (i == 0 || tgt[i] != tgt[i - 1]) {
                    next.resize(std::size_t{tgt[i]} + 1, 0);
                    next[tgt[i]] = i;
                }
                targets_[fill[src[i]]++] = tgt[i];
            }
            creation_ = std::move(synapses.targets);  // its buffer, no longer needed
            for (std::uint32_t k = 0; k < n; ++k) creation_[k] = next[targets_[k]]++;
        } else {
            creation_.resize(n);
            for (std::uint32_t i = 0; i < n; ++i) {
                const std::uint32_t k = fill[src[i]]++;
                targets_[k] = tgt[i];
                creation_[k] = i;
            }
        }
        if (!shared_weight) {
            weights_.resize(n);
            for (std::uint32_t k = 0; k < n; ++k) weights_[k] = synapses.weights[creation_[k]];
        }
        if (!one_delay) {
            delays.resize(n);
            for (std::uint32_t k = 0; k < n; ++k) delays[k] = synapses.delays[creation_[k]];
        }
    }
    release(synapses.targets);
    release(synapses.weights);
    release(synapses.delays);
    trim(targets_);
    trim(weights_);
    if (shared_weight) {
        weights_.assign(n > 0 ? 1 : 0, weight0);
        weight_stride_ = 0;
    }

    // Within each source: by delay, then target (creation order is already ascending).
    bool identity = by_source;
    std::vector<std::uint32_t> perm;
    std::vector<std::uint32_t> tmp_u32;
    std::vector<double> tmp_f64;
    std::vector<Tick> tmp_tick;
    auto permute = [&](auto& column, auto& tmp, std::uint32_t b) {
        tmp.resize(perm.size());
        for (std::size_t i = 0; i < perm.size(); ++i) tmp[i] = column[b + perm[i]];
        std::copy(tmp.begin(), tmp.end(), column.begin() + b);
    };
    for (std::size_t s = 0; s < n_sources; ++s) {
        const std::uint32_t b = start[s], e = start[s + 1];
        bool sorted = true;
        if (one_delay) {
            for (std::uint32_t k = b + 1; k < e && sorted; ++k)
                sorted = targets_[k - 1] <= targets_[k];
        } else {
            for (std::uint32_t k = b + 1; k < e && sorted; ++k)
                sorted = delays[k - 1] < delays[k] ||
                         (delays[k - 1] == delays[k] && targets_[k - 1] <= targets_[k]);
        }
        if (sorted) continue;
        identity = false;
        perm.resize(e - b);
        std::iota(perm.begin(), perm.end(), 0u);
        auto key = [&](std::uint32_t i) {
            return std::tuple{one_delay ? delay0 : delays[b + i], targets_[b + i], i};
        };
        std::sort(perm.begin(), perm.end(),
                  [&](std::uint32_t x, std::uint32_t y) { return key(x) < key(y); });
        permute(targets_, tmp_u32, b);
        permute(creation_, tmp_u32, b);
        if (!shared_weight) permute(weights_, tmp_f64, b);
        if (!one_delay) permute(delays, tmp_tick, b);
    }

    // Delay groups: one per source with synapses, or one per run of equal delays.
    std::size_t n_groups = used_sources;
    if (!one_delay)
        for (std::size_t s = 0; s < n_sources; ++s)
            for (std::uint32_t k = start[s] + 1; k < start[s + 1]; ++k)
                n_groups += delays[k] != delays[k - 1];
    groups_.reserve(n_groups);
    group_offset_.resize(n_sources + 1);
    for (std::size_t s = 0; s < n_sources; ++s) {
        group_offset_[s] = static_cast<std::uint32_t>(groups_.size());
        std::uint32_t k = start[s];
        const std::uint32_t e = start[s + 1];
        if (one_delay) {
            if (k < e) groups_.push_back({delay0, k, e});
            continue;
        }
        while (k < e) {
            const std::uint32_t b = k;
            while (k < e && delays[k] == delays[b]) ++k;
            groups_.push_back({delays[b], b, k});
        }
    }
    group_offset_[n_sources] = static_cast<std::uint32_t>(groups_.size());

    position_ = std::move(synapses.sources);  // its buffer, no longer needed
    if (identity)
        std::iota(position_.begin(), position_.end(), 0u);
    else
        for (std::uint32_t k = 0; k < n; ++k) position_[creation_[k]] = k;
}

std::pair<std::uint32_t, std::uint32_t> Projection::group_range(std::uint32_t g, std::uint32_t lo,
                                                                std::uint32_t hi) const {
    const DelayGroup& group = groups_[g];
    const auto first = targets_.begin() + group.begin, last = targets_.begin() + group.end;
    const auto b = std::lower_bound(first, last, lo);
    const auto e = std::lower_bound(b, last, hi);
    return {static_cast<std::uint32_t>(b - targets_.begin()),
            static_cast<std::uint32_t>(e - targets_.begin())};
}

void Projection::drop_id_maps() {
    if (circuit_ || rule_)
        throw std::logic_error("projection " + name_ + ": a circuit or rule needs the id maps");
    release(creation_);
    release(position_);
    has_id_maps_ = false;
}

void Projection::set_circuit(std::shared_ptr<SynapseCircuit> c) {
    if (!has_id_maps_) throw std::logic_error("projection " + name_ + ": id maps were dropped");
    circuit_ = std::move(c);
}

void Projection::expand_weights() {
    if (weight_stride_ == 1) return;
    const double w = weights_.empty() ? 0.0 : weights_[0];
    weights_.assign(targets_.size(), w);
    weight_stride_ = 1;
}

void Projection::set_rule(std::shared_ptr<PlasticityRule> rule, std::size_t n_targets) {
    if (!has_id_maps_) throw std::logic_error("projection " + name_ + ": id maps were dropped");
    rule_ = std::move(rule);
    expand_weights();
    incoming_offset_.assign(n_targets + 1, 0);
    for (const std::uint32_t j : targets_) ++incoming_offset_[j + 1];
    for (std::size_t j = 0; j < n_targets; ++j) incoming_offset_[j + 1] += incoming_offset_[j];
    incoming_.resize(targets_.size());
    std::vector<std::uint32_t> fill(incoming_offset_.begin(), incoming_offset_.end() - 1);
    for (std::uint32_t k = 0; k < targets_.size(); ++k) incoming_[fill[targets_[k]]++] = k;
}

void Projection::normalize(std::uint32_t lo, std::uint32_t hi) {
    assert(weight_stride_ == 1);
    const double total = schedule_.normalize_total;
    for (std::uint32_t j = lo; j < hi; ++j) {
        double sum = 0;
        for (const std::uint32_t k : incoming(j)) sum += weights_[k];
        if (sum == 0) continue;
        const double factor = total / sum;
        for (const std::uint32_t k : incoming(j)) weights_[k] *= factor;
    }
}

std::uint32_t Network::add_population(std::unique_ptr<Population> p) {
    populations_.push_back(std::move(p));
    record_spikes_.push_back(false);
    outgoing_.emplace_back();
    plastic_incoming_.emplace_back();
    return static_cast<std::uint32_t>(populations_.size() - 1);
}

std::uint32_t Network::add_projection(Projection p) {
    const auto id = static_cast<std::uint32_t>(projections_.size());
    outgoing_.at(p.source_population()).push_back(id);
    if (p.rule()) plastic_incoming_.at(p.target_population()).push_back(id);
    projections_.push_back(std::move(p));
    return id;
}

int Network::find_population(const std::string& name) const {
    for (std::size_t i = 0; i < populations_.size(); ++i)
        if (populations_[i]->name() == name) return static_cast<int>(i);
    return -1;
}

std::uint64_t Network::n_synapses() const {
    std::uint64_t n = 0;
    for (const auto& p : projections_) n += p.n_synapses();
    return n;
}

void Network::drop_unused_id_maps() {
    std::vector<bool> needed(projections_.size(), false);
    for (std::size_t p = 0; p < projections_.size(); ++p)
        needed[p] = projections_[p].circuit() || projections_[p].rule();
    for (const Report& r : reports_)
        if (r.projection) needed.at(r.population) = true;
    for (std::size_t p = 0; p < projections_.size(); ++p)
        if (!needed[p] && projections_[p].has_id_maps()) projections_[p].drop_id_maps();
}

std::size_t Projection::memory_bytes() const {
    auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    return bytes(group_offset_) + bytes(groups_) + bytes(targets_) + bytes(weights_) +
           bytes(creation_) + bytes(position_) + bytes(incoming_offset_) + bytes(incoming_);
}

}  // namespace memsnn
