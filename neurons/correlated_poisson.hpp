// SPDX-License-Identifier: MIT
// correlated_poisson — Poisson trains of which a chosen subset also fires together: the input
// of coincidence-detection experiments (Sebastian et al. 2017, Prezioso et al. 2018; MODELS
// §4.6).
//
// Every element i fires an independent homogeneous Poisson train of `rate` (per element),
// drawn as poisson does from the stream (seed, source_spikes, population index * 2^32 + i).
// The elements listed in `correlated` also fire at the times of one shared "mother" Poisson
// process of `rate_common`, each mother spike moved by its own jitter (normal, SD `jitter`,
// truncated at 5 SD; a jittered spike outside [start, stop) is dropped). An element's train is
// the union of both, so a correlated element fires at rate + rate_common (give the correlated
// elements a lower `rate` to make all totals equal).
//
// The mother process is a pure function of (seed, population index): it is the Poisson train
// of the stream (seed, encoder_schedule, population index * 2^32 + 0), first spike at
// start + X_1, each later one X_k after the previous. Every correlated element replays it from
// its own copy of that stream, so elements share no mutable state and can be advanced in any
// order or on different threads; without jitter they share exactly the same mother times.
// Jitter draws come from (seed, encoder_jitter, population index * 2^32 + i), one truncated
// normal per mother spike, in order.
//
// Schedule reported to the output file (/memsnn/populations/<name>): correlated (the indices)
// and mother_spikes [ms], the mother times before the end of the run (before jitter).
#pragma once

#include "engine/model.hpp"

namespace memsnn::correlated_poisson {

ModelInfo model_info();

}  // namespace memsnn::correlated_poisson
