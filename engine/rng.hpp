// SPDX-License-Identifier: MIT
// Counter-based random streams (Philox4x32-10, Salmon et al. 2011, SC'11 "Parallel random
// numbers: as easy as 1, 2, 3"). A draw is a pure function of (seed, domain, object, counter),
// so every stochastic object owns its stream and results do not depend on which thread or in
// which order objects are visited.
//
//   seed    — the run's seed (scenario "seed" or --seed)
//   domain  — what the stream is for (see StreamDomain), so e.g. a population's Poisson spikes
//             and its initial-value draws never share numbers
//   object  — which object: a neuron's global index, a projection, a parameter, ...
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

namespace memsnn {

using PhiloxCounter = std::array<std::uint32_t, 4>;
using PhiloxKey = std::array<std::uint32_t, 2>;

// Ten rounds of Philox4x32 on one counter block.
PhiloxCounter philox4x32_10(PhiloxCounter counter, PhiloxKey key);

enum class StreamDomain : std::uint32_t {
    source_spikes = 1,  // spike sources: one stream per (population, neuron)
    parameter = 2,      // per-element parameter and init draws: one per (population, key)
    connect = 3,        // connection rules: one per (projection, source/target)
    synapse_value = 4,  // per-synapse weight/delay draws: one per (projection, key)
    device = 5,         // device noise and stochastic switching: one per (array, device)
    learning = 6,       // stochastic learning rules: one per (projection, synapse)
    neuron = 7,         // stochastic neuron models: one per (population, neuron)
    // Input encoders (neurons/pattern_slots, correlated_poisson, image_poisson,
    // embedded_pattern): population-level schedules, one per (population, k), where k is the
    // encoder's own index (0 for a single schedule, the epoch for per-epoch shuffles).
    encoder_schedule = 8,
    encoder_noise = 9,     // input encoders: noise draws, one per (population, element)
    encoder_jitter = 10,   // input encoders: spike-time jitter, one per (population, element)
    encoder_pattern = 11,  // embedded_pattern: the frozen pattern, one per (population, element)
};

class RandomStream {
  public:
    RandomStream(std::uint64_t seed, StreamDomain domain, std::uint64_t object)
        : key_{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)},
          domain_(static_cast<std::uint32_t>(domain)),
          object_(object) {}

    std::uint64_t next_u64() {
        if (used_ >= 2) refill();
        return block_[used_++];
    }

    // Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

    // Uniform on (0, 1].
    double uniform_open0() { return 1.0 - uniform(); }

    // Exponential with mean 1.
    double exponential() { return -std::log(uniform_open0()); }

    // Standard normal (Box–Muller; one pair of uniforms per draw).
    double normal() {
        const double r = std::sqrt(-2.0 * std::log(uniform_open0()));
        return r * std::cos(6.283185307179586 * uniform());
    }

    // Uniform integer in [0, n), n > 0, without modulo bias (Lemire's method).
    std::uint64_t below(std::uint64_t n);

    // Random access: the next draw is the first number of counter block `block` (a block
    // holds two 64-bit numbers), as if 2 * block numbers had been taken from a fresh stream.
    void seek(std::uint32_t block) {
        counter_ = block;
        used_ = 2;
    }

  private:
    void refill();

    PhiloxKey key_;
    std::uint32_t domain_;
    std::uint64_t object_;
    std::uint32_t counter_ = 0;
    std::array<std::uint64_t, 2> block_{};
    int used_ = 2;
};

}  // namespace memsnn
