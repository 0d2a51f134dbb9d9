// SPDX-License-Identifier: MIT
// pattern_slots — binary images presented in time slots that alternate with random-noise slots
// (the one-layer perceptron of Pedretti et al. 2017 and Ambrogio et al. 2016). Element i is
// pixel i.
//
// Timing. Time from `start` is cut into slots of length `slot` (rounded to the 1 ps tick
// first, so slot s starts exactly at start + s * slot, without drift). An epoch is two slots:
// slot 2e shows a pattern, slot 2e + 1 is a noise slot. `phases` is a list of
// [pattern, epochs] pairs run one after the other: the first phase covers epochs
// 0 .. epochs_0 - 1, the next one follows, and so on; after the last phase the source is
// silent. A pixel that is active in a slot emits exactly one spike, at slot start + `offset`.
//
// Order. With `order` "phases" (the default) the phases run in the order given. With
// "shuffled" the phases only say how many epochs each pattern gets: the list of the epochs'
// patterns in phase order is shuffled once, when the population is built, and shown in that
// order (shuffled_order below; at most 2^24 epochs in all). E.g. [[0, 100], [1, 100],
// [2, 100]] shows each of three patterns 100 times in a random order.
//
// Which pixels are active. In a pattern slot, a pixel of the phase's pattern is active with
// probability 1 - p_drop and any other pixel with probability p_extra; in a noise slot every
// pixel is active with probability p_noise (p_drop and p_extra default to 0: the pattern
// exactly).
//
// Draws. Pixel i is active in slot s when u < p, u being the first number of counter block s
// of the stream (seed, encoder_noise, population index * 2^32 + i): every (pixel, slot)
// decision is a pure function of the seed, the population's position and i, independent of
// any other pixel, slot or parameter. A probability of 0 or 1 draws nothing.
//
// The shuffle is a Fisher-Yates shuffle of the list (for j = n - 1 down to 1, swap j with k = a
// uniform integer in [0, j]) with the stream (seed, encoder_schedule, population index * 2^32).
//
// Schedule reported to the output file (/memsnn/populations/<name>): slot_start [ms] and
// slot_pattern (the pattern index, -1 for a noise slot) of every slot that starts before the
// end of the run.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/model.hpp"

namespace memsnn::pattern_slots {

// The epochs' patterns in the order "shuffled" shows them: `epochs` (the pattern of each epoch
// in phase order) shuffled with the population's schedule stream.
std::vector<std::uint32_t> shuffled_order(std::vector<std::uint32_t> epochs, std::uint64_t seed,
                                          std::uint32_t population);

ModelInfo model_info();

}  // namespace memsnn::pattern_slots
