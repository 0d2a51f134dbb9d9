// SPDX-License-Identifier: MIT
#include "engine/network.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace memsnn {

Projection::Projection(std::string name, std::uint32_t source_population,
                       std::uint32_t target_population, std::size_t n_sources,
                       std::vector<SynapseSpec> synapses)
    : name_(std::move(name)), source_(source_population), target_(target_population) {
    if (synapses.size() > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("projection " + name_ + ": more than 2^32 synapses");
    // Order by target, then by source (two stable counting sorts), then by delay within each
    // source (stable, and skipped when a source's delays are already in order, as with a single
    // delay). So within a (source, delay) group the targets ascend and synapses onto one target
    // keep their creation order: a partition of the target population owns one contiguous run
    // of every group (group_range), whatever the number of partitions.
    std::uint32_t n_targets = 0;
    for (const auto& syn : synapses) {
        if (syn.source >= n_sources)
            throw std::logic_error("projection " + name_ + ": source out of range");
        n_targets = std::max(n_targets, syn.target + 1);
    }
    auto counting_sort = [&](const std::vector<std::uint32_t>& in, std::size_t n_keys, auto key) {
        std::vector<std::uint32_t> start(n_keys + 1, 0);
        for (const std::uint32_t i : in) ++start[key(i) + 1];
        for (std::size_t s = 0; s < n_keys; ++s) start[s + 1] += start[s];
        std::vector<std::uint32_t> out(in.size());
        for (const std::uint32_t i : in) out[start[key(i)]++] = i;
        return out;
    };
    std::vector<std::uint32_t> order(synapses.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    order = counting_sort(order, n_targets, [&](std::uint32_t i) { return synapses[i].target; });
    order = counting_sort(order, n_sources, [&](std::uint32_t i) { return synapses[i].source; });
    std::vector<std::uint32_t> start(n_sources + 1, 0);
    for (const auto& syn : synapses) ++start[syn.source + 1];
    for (std::size_t s = 0; s < n_sources; ++s) start[s + 1] += start[s];
    auto by_delay = [&](std::uint32_t x, std::uint32_t y) {
        return synapses[x].delay < synapses[y].delay;
    };
    for (std::size_t s = 0; s < n_sources; ++s) {
        const auto first = order.begin() + start[s], last = order.begin() + start[s + 1];
        if (!std::is_sorted(first, last, by_delay)) std::stable_sort(first, last, by_delay);
    }
    targets_.reserve(order.size());
    weights_.reserve(order.size());
    creation_.reserve(order.size());
    group_offset_.assign(n_sources + 1, 0);
    std::size_t k = 0;
    for (std::size_t s = 0; s < n_sources; ++s) {
        group_offset_[s] = static_cast<std::uint32_t>(groups_.size());
        while (k < order.size() && synapses[order[k]].source == s) {
            const Tick delay = synapses[order[k]].delay;
            DelayGroup g{delay, static_cast<std::uint32_t>(k), 0};
            while (k < order.size() && synapses[order[k]].source == s &&
                   synapses[order[k]].delay == delay) {
                const auto& syn = synapses[order[k]];
                targets_.push_back(syn.target);
                weights_.push_back(syn.weight);
                creation_.push_back(order[k]);
                ++k;
            }
            g.end = static_cast<std::uint32_t>(k);
            groups_.push_back(g);
        }
    }
    if (k != order.size()) throw std::logic_error("projection " + name_ + ": source out of range");
    group_offset_[n_sources] = static_cast<std::uint32_t>(groups_.size());
    position_.resize(creation_.size());
    for (std::uint32_t i = 0; i < creation_.size(); ++i) position_[creation_[i]] = i;
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

void Projection::set_rule(std::shared_ptr<PlasticityRule> rule, std::size_t n_targets) {
    rule_ = std::move(rule);
    incoming_offset_.assign(n_targets + 1, 0);
    for (const std::uint32_t j : targets_) ++incoming_offset_[j + 1];
    for (std::size_t j = 0; j < n_targets; ++j) incoming_offset_[j + 1] += incoming_offset_[j];
    incoming_.resize(targets_.size());
    std::vector<std::uint32_t> fill(incoming_offset_.begin(), incoming_offset_.end() - 1);
    for (std::uint32_t k = 0; k < targets_.size(); ++k) incoming_[fill[targets_[k]]++] = k;
}

void Projection::normalize(std::uint32_t lo, std::uint32_t hi) {
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

std::size_t Projection::memory_bytes() const {
    auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    return bytes(group_offset_) + bytes(groups_) + bytes(targets_) + bytes(weights_) +
           bytes(creation_) + bytes(position_) + bytes(incoming_offset_) + bytes(incoming_);
}

}  // namespace memsnn
