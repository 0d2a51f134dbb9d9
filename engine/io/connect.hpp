// SPDX-License-Identifier: MIT
// Connection rules and per-synapse values of one projection entry:
//   all_to_all        {"rule": "all_to_all", "allow_autapses"?: true}
//   one_to_one        {"rule": "one_to_one"}                       (equal sizes)
//   fixed_probability {"rule": "fixed_probability", "p": 0.02, "allow_autapses"?: true}
//   fixed_indegree    {"rule": "fixed_indegree", "indegree": 100, "allow_autapses"?: true,
//                      "allow_multapses"?: true}
//   list              {"rule": "list", "pairs": [[s, t], [s, t, weight], [s, t, weight, delay]]}
// Random rules draw from streams keyed by (seed, projection, source or target), so the network
// is the same for any thread count. "Autapse" applies when source and target are one population.
#pragma once

#include <vector>

#include "engine/io/scenario.hpp"
#include "engine/network.hpp"

namespace memsnn {

struct ConnectInput {
    const Json& projection;  // the whole projection entry
    std::string path;        // its JSON pointer
    std::size_t n_sources = 0;
    std::size_t n_targets = 0;
    bool same_population = false;
    std::uint64_t seed = 0;
    std::uint32_t index = 0;  // projection index, keys the random streams
};

// Synapses in creation order, with weights (unit `weight_dim`) and delays resolved; a constant
// weight or delay comes as one value.
SynapseList connect(const ConnectInput& in, Dim weight_dim);

}  // namespace memsnn
