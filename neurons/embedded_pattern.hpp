// SPDX-License-Identifier: MIT
// embedded_pattern — a frozen spatio-temporal spike pattern copy-pasted at random times into
// equally dense background activity (Masquelier, Guyonneau & Thorpe 2008, PLoS ONE 3, e1377).
// The full generative process, and how it differs from the paper's, is in
// docs/encoders.md; in short:
//
// Windows. Time is cut into windows of `pattern_duration` D: window w is [w D, (w + 1) D).
// Window w holds the pattern (P(w)) when A(w) and not P(w - 1), with P(-1) false and A(w)
// true with probability `p_pattern` p (u_w < p, u_w the first number of counter block
// w mod 2^32 of the stream (seed, encoder_schedule, population index * 2^32 + floor(w / 2^32))).
// So the pattern never fills two windows in a row and fills a fraction p / (1 + p) of them in
// the long run (p = 1/3: 25 %). pattern_window() below is this rule as a pure function.
//
// Afferents. Elements 0 .. K - 1, K = round(pattern_fraction * size), take part in the pattern.
// Every afferent's background is an inhomogeneous Bernoulli process on the grid of `rate_step`
// whose rate r performs the paper's bounded random walk between rate_min and rate_max, with at
// most `max_silence` between two of its spikes (a spike is forced when needed). The pattern of
// afferent k < K is one window of the same process drawn once from its own stream (its frozen
// copy); in a pattern window afferent k emits that copy, each spike moved by a normal jitter
// (SD `jitter`, truncated at 5 SD), and its background, which runs on unaffected, is hidden (the
// paper's copy-paste). Afferents K .. size - 1 keep their background in every window. Every
// afferent also fires independent Poisson noise of `noise_rate`. So the max_silence bound holds
// between background spikes and within the pattern; across a pattern window's edge a pattern
// afferent can be silent for up to 2 max_silence (+ the jitter bound), as in the paper.
//
// Schedule reported to the output file (/memsnn/populations/<name>): pattern_start [ms] of every
// pattern window that starts before the end of the run, pattern_afferents (0 .. K - 1), and the
// frozen pattern itself as pattern_spike_afferent / pattern_spike_offset [ms] (before jitter,
// from the window start).
#pragma once

#include <cstdint>

#include "engine/model.hpp"

namespace memsnn::embedded_pattern {

ModelInfo model_info();

// P(w): whether window w of the embedded_pattern population at position `population` holds the
// pattern, for a run with `seed` (random access: looks back over the windows w - 1, w - 2, ...
// while A holds, on average 1 / (1 - p) of them).
bool pattern_window(std::uint64_t seed, std::uint32_t population, double probability,
                    std::uint64_t window);

}  // namespace memsnn::embedded_pattern
