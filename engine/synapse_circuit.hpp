// SPDX-License-Identifier: MIT
// A projection whose synapses have state: memristive devices inside a synapse circuit
// (synapses/circuit.hpp). The engine asks it for the weight each presynaptic spike delivers;
// learning rules send it postsynaptic waveforms; recorders sample its variables.
//
// Synapse indices are creation indices (the order in which the connection rule made the
// synapses), the same ids that reports write, independent of the packed storage.
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/device.hpp"
#include "engine/model.hpp"
#include "engine/time.hpp"

namespace memsnn {

class SynapseCircuit {
  public:
    virtual ~SynapseCircuit() = default;

    // A presynaptic spike reaches synapse k at t: the circuit applies what the spike does to its
    // device(s) and returns the weight delivered to the target, in the target's weight unit.
    virtual double on_pre(std::size_t k, Tick t) = 0;

    // A waveform driven from the postsynaptic side (e.g. a learning rule's feedback pulse); the
    // circuit decides what its device(s) see of it.
    virtual void on_post(std::size_t k, Tick t, std::span<const Segment> waveform) = 0;

    // A waveform a learning rule drives on the presynaptic line of synapse k at t, in place of
    // the circuit's own pre waveform (rules that shape the presynaptic pulse; only circuits
    // with a presynaptic line support it, see ModelInfo::circuits).
    virtual void on_pre_line(std::size_t /*k*/, Tick /*t*/, std::span<const Segment> /*waveform*/) {
        throw std::logic_error("this synapse circuit has no presynaptic line to drive");
    }

    // Recordable per-synapse variables (device variables, then "energy") and their values.
    virtual const std::vector<VariableSpec>& variables() const = 0;
    virtual double sample(std::size_t k, std::size_t variable, Tick t) const = 0;

    // The run ends at t: apply whatever is still pending (waveforms in flight) up to t.
    virtual void finish(Tick /*t*/) {}

    // Energy [fJ] spent so far by all devices of the projection (programming and reads).
    virtual double energy() const = 0;
};

}  // namespace memsnn
