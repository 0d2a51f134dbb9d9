// SPDX-License-Identifier: MIT
// A plasticity rule on one projection: two hooks the engine calls, and nothing that scans all
// synapses.
//
//   on_pre(p, k, t)   a presynaptic spike arrived at synapse k (packed position) at t; called
//                     right after the spike was transmitted with the synapse's current weight,
//                     so a spike never carries its own update.
//   on_post(p, j, t)  target neuron j fired at t; p.incoming(j) lists the synapses onto j.
//
// Equal-time convention (from engine/event.hpp): arrivals at t are delivered before spikes
// are emitted at t, so a presynaptic arrival and a postsynaptic spike at the same instant count
// as pre-before-post (dt = t_post - t_pre = 0 takes the potentiation branch). Spike timing is
// measured at the synapse: the presynaptic time is the arrival time (spike time + delay).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/model.hpp"
#include "engine/time.hpp"

namespace memsnn {

class Projection;

class PlasticityRule {
  public:
    virtual ~PlasticityRule() = default;
    // The weight a presynaptic spike at synapse k transmits at t (short-term plasticity scales
    // it); called before the delivery. The default transmits the stored weight.
    virtual double transmit(Projection& /*p*/, std::uint32_t /*k*/, Tick /*t*/, double weight) {
        return weight;
    }
    virtual void on_pre(Projection& p, std::uint32_t k, Tick t) = 0;
    // True when transmit is the identity and on_pre(k) touches synapse k's weight and the
    // rule's own state alone (never another synapse's weight, the target neuron or a circuit).
    // The engine may then deliver a whole spike's arrivals first and call on_pre for each
    // synapse afterwards, in the same order: the result is the same.
    virtual bool local_pre() const { return false; }
    virtual void on_post(Projection& p, std::uint32_t j, Tick t) = 0;
};

}  // namespace memsnn
