// SPDX-License-Identifier: MIT
// The network: named populations, projections stored by source (CSR) with synapses grouped by
// delay, step-current stimuli and state reports. Built once by the scenario builder (or by hand
// in tests), then run by Simulation.
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/large_vector.hpp"
#include "engine/plasticity.hpp"
#include "engine/population.hpp"
#include "engine/synapse_circuit.hpp"
#include "engine/time.hpp"

namespace memsnn {

// One synapse as the builder creates it, before it is packed.
struct SynapseSpec {
    std::uint32_t source = 0;
    std::uint32_t target = 0;
    double weight = 0;
    Tick delay = 0;
};

// The synapses of one projection in creation order, as columns. A weight or delay column of
// one value applies to every synapse (constant weights and delays need no per-synapse array).
struct SynapseList {
    LargeVector<std::uint32_t> sources;
    LargeVector<std::uint32_t> targets;
    LargeVector<double> weights;  // one per synapse, or one for all
    LargeVector<Tick> delays;     // one per synapse, or one for all
    // The pairs come grouped by target in ascending order, and within a target creation order
    // is by ascending source, whatever the order of the pairs stored here (fixed_indegree
    // need not sort each target's draws). Weights and delays are in creation order.
    bool by_target = false;
    std::size_t size() const { return sources.size(); }
};

// Synapses of one projection, packed by source neuron; within a source, grouped by delay so a
// spike enters the event queue once per (source, delay group), never once per synapse; within a
// group, ordered by target.
//
// Compact storage: when all weights are equal (and no learning rule writes them) the weight is
// stored once; the maps between creation order and packed order (creation_index, weight_by_id,
// target_by_id) are kept until drop_id_maps(), which the scenario builder calls for
// projections without circuit, learning rule or report (Network::drop_unused_id_maps).
class Projection {
  public:
    struct DelayGroup {
        Tick delay;
        std::uint32_t begin;  // range of synapses in target/weight
        std::uint32_t end;
    };

    // Packs `synapses` (any order); within a (source, delay) group creation order is kept.
    Projection(std::string name, std::uint32_t source_population, std::uint32_t target_population,
               std::size_t n_sources, SynapseList synapses);
    Projection(std::string name, std::uint32_t source_population, std::uint32_t target_population,
               std::size_t n_sources, const std::vector<SynapseSpec>& synapses);

    const std::string& name() const { return name_; }
    std::uint32_t source_population() const { return source_; }
    std::uint32_t target_population() const { return target_; }
    std::size_t n_synapses() const { return targets_.size(); }
    // Bytes held by the synapse storage (CSR, weights, id maps, the by-target index), counted
    // by capacity.
    std::size_t memory_bytes() const;

    // Delay groups of source neuron s: [first_group(s), first_group(s + 1)).
    std::uint32_t first_group(std::size_t s) const { return group_offset_[s]; }
    const DelayGroup& group(std::uint32_t g) const { return groups_[g]; }
    std::uint32_t target(std::uint32_t k) const { return targets_[k]; }
    // The synapses of group g whose targets lie in [lo, hi): targets ascend within a group.
    std::pair<std::uint32_t, std::uint32_t> group_range(std::uint32_t g, std::uint32_t lo,
                                                        std::uint32_t hi) const;
    double weight(std::uint32_t k) const { return weights_[k * weight_stride_]; }
    // Packed targets and weights for batched delivery: synapse k's weight is
    // weight_data()[k * weight_stride()] (stride 0: one weight shared by all synapses).
    const std::uint32_t* target_data() const { return targets_.data(); }
    const double* weight_data() const { return weights_.data(); }
    std::size_t weight_stride() const { return weight_stride_; }

    // Synapse k's position in creation order (the id used in reports).
    std::uint32_t creation_index(std::uint32_t k) const {
        assert(has_id_maps_);
        return creation_[k];
    }
    // The static weight of the synapse created as number `id`.
    double weight_by_id(std::uint32_t id) const {
        assert(has_id_maps_);
        return weight(position_[id]);
    }
    // The target of the synapse created as number `id`.
    std::uint32_t target_by_id(std::uint32_t id) const {
        assert(has_id_maps_);
        return targets_[position_[id]];
    }
    // Whether creation_index, weight_by_id and target_by_id may be called.
    bool has_id_maps() const { return has_id_maps_; }
    // Frees the creation-order maps; only for projections without circuit, rule and report.
    void drop_id_maps();

    // Gives every synapse its own weight (set_rule does this: a rule writes the weights).
    void expand_weights();
    // Plastic weights: a learning rule changes them in place (one weight per synapse).
    double& weight_ref(std::uint32_t k) {
        assert(weight_stride_ == 1);
        return weights_[k];
    }
    // Packed positions of the synapses onto target neuron j (built with the rule).
    std::span<const std::uint32_t> incoming(std::size_t j) const {
        return {incoming_.data() + incoming_offset_[j], incoming_.data() + incoming_offset_[j + 1]};
    }
    // A learning rule on this projection; builds the by-target index it needs and gives every
    // synapse its own weight.
    void set_rule(std::shared_ptr<PlasticityRule> rule, std::size_t n_targets);
    PlasticityRule* rule() const { return rule_.get(); }
    const std::shared_ptr<PlasticityRule>& shared_rule() const { return rule_; }

    // When the rule acts, and the weight normalisation that goes with it (the scenario's
    // "learning" block: "stop", "normalize").
    struct LearningSchedule {
        Tick stop = kNever;           // the rule is not called from this time on
        double normalize_total = 0;   // > 0: incoming weights of each target scaled to this sum
        Tick normalize_start = 0;     // first normalisation
        Tick normalize_interval = 0;  // then every interval while learning (0: only once)
    };
    void set_schedule(const LearningSchedule& s) { schedule_ = s; }
    const LearningSchedule& schedule() const { return schedule_; }
    // The rule, if it is still learning at t; else null.
    PlasticityRule* rule_at(Tick t) const { return t < schedule_.stop ? rule_.get() : nullptr; }
    // Scales the static weights onto each target j in [lo, hi) by one factor so that they sum
    // to schedule().normalize_total; targets whose weights sum to zero are left alone.
    void normalize(std::uint32_t lo, std::uint32_t hi);

    // Synapses with state (memristive circuits); null for static synapses.
    void set_circuit(std::shared_ptr<SynapseCircuit> c);
    SynapseCircuit* circuit() const { return circuit_.get(); }

  private:
    void pack(std::size_t n_sources, SynapseList& synapses);

    std::string name_;
    std::uint32_t source_;
    std::uint32_t target_;
    std::vector<std::uint32_t> group_offset_;  // n_sources + 1
    LargeVector<DelayGroup> groups_;
    LargeVector<std::uint32_t> targets_;
    LargeVector<double> weights_;  // one per synapse, or one shared (weight_stride_ 0)
    std::size_t weight_stride_ = 1;
    LargeVector<std::uint32_t> creation_;  // packed position -> creation index
    LargeVector<std::uint32_t> position_;  // creation index -> packed position
    bool has_id_maps_ = true;
    std::shared_ptr<SynapseCircuit> circuit_;
    std::shared_ptr<PlasticityRule> rule_;
    LearningSchedule schedule_;
    std::vector<std::uint32_t> incoming_offset_;  // n_targets + 1
    LargeVector<std::uint32_t> incoming_;         // packed positions, by target
};

struct StepCurrent {
    std::uint32_t population = 0;
    std::vector<std::uint32_t> neurons;
    Tick start = 0;
    Tick stop = kNever;
    double amplitude = 0;  // nA
};

struct Report {
    std::string name;
    std::uint32_t population = 0;        // or the projection, when `projection` is set
    bool projection = false;             // a report over a projection's synapses
    std::size_t variable = 0;            // projection without circuit: 0 = static weight
    std::vector<std::uint32_t> neurons;  // neuron indices, or synapse (creation) ids
    Tick start = 0;
    Tick step = 0;
    std::uint64_t n_samples = 0;
};

class Network {
  public:
    std::uint32_t add_population(std::unique_ptr<Population> p);
    std::uint32_t add_projection(Projection p);
    void add_stimulus(StepCurrent s) { stimuli_.push_back(std::move(s)); }
    void add_report(Report r) { reports_.push_back(std::move(r)); }
    void set_record_spikes(std::uint32_t population, bool on) { record_spikes_[population] = on; }

    std::size_t n_populations() const { return populations_.size(); }
    Population& population(std::uint32_t id) { return *populations_[id]; }
    const Population& population(std::uint32_t id) const { return *populations_[id]; }
    // Population id by name, or -1.
    int find_population(const std::string& name) const;
    bool record_spikes(std::uint32_t id) const { return record_spikes_[id]; }

    const std::vector<Projection>& projections() const { return projections_; }
    // Projections whose source is population `id`.
    const std::vector<std::uint32_t>& outgoing(std::uint32_t id) const { return outgoing_[id]; }
    // Projections onto population `id` that have a learning rule.
    const std::vector<std::uint32_t>& plastic_incoming(std::uint32_t id) const {
        return plastic_incoming_[id];
    }
    Projection& projection(std::uint32_t id) { return projections_[id]; }
    const std::vector<StepCurrent>& stimuli() const { return stimuli_; }
    const std::vector<Report>& reports() const { return reports_; }
    std::uint64_t n_synapses() const;
    // Drops the id maps of projections that need none (no circuit, no learning rule, no report
    // over the projection); called by the scenario builder once everything is set up.
    void drop_unused_id_maps();

  private:
    std::vector<std::unique_ptr<Population>> populations_;
    std::vector<bool> record_spikes_;
    std::vector<Projection> projections_;
    std::vector<std::vector<std::uint32_t>> outgoing_;
    std::vector<std::vector<std::uint32_t>> plastic_incoming_;
    std::vector<StepCurrent> stimuli_;
    std::vector<Report> reports_;
};

}  // namespace memsnn
