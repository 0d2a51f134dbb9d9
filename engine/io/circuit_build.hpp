// SPDX-License-Identifier: MIT
// Building a projection's synapse circuit (synapses/circuit.hpp) from its "synapse" object:
//   {"type": "two_terminal" | "1t1r" | "1s1r",
//    "device": {"type": <device model>, "params": {...}, "init": {...}},
//    "selector": {...}            (1s1r: the volatile element, e.g. "diffusive")
//    "read_voltage": "100 mV", "read_time": "0 ms", "gain": ..., "polarity": "excitatory",
//    "pre_waveform": [{"duration": ..., "voltage": ...}, ...]   (two_terminal, 1s1r)
//    "gate_width": "1 ms", "I_C": "10 uA"                       (1t1r)
//    "substeps": 16                                              (1s1r)
//    "delay": ..., "description": ...}
// Device parameters are per synapse (one device per synapse, in creation order).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/io/scenario.hpp"
#include "engine/model.hpp"
#include "engine/synapse_circuit.hpp"

namespace memsnn {

const std::vector<std::string>& circuit_types();
bool is_circuit_type(const std::string& type);

struct CircuitBuild {
    std::shared_ptr<SynapseCircuit> circuit;
    std::string device_type;
};

// `weight_dim` is what the target neuron takes (mV, nA or uS); `id` keys the random streams.
CircuitBuild build_circuit(const Json& synapse, const std::string& path, std::size_t n_synapses,
                           Dim weight_dim, std::uint64_t seed, std::uint32_t id,
                           const Registry& registry);

}  // namespace memsnn
