// SPDX-License-Identifier: MIT
// poisson — independent homogeneous Poisson spike trains, one per element.
//
// Parameters: rate [Hz] (>= 0, per element), start, stop [ms] (active on [start, stop)).
// Inter-spike intervals are exponential with mean 1/rate, drawn from the element's own
// counter-based stream keyed by (seed, source_spikes, population index * 2^32 + element), so a
// train does not depend on anything else in the network or on the thread count. Times are
// rounded to the 1 ps tick.
#pragma once

#include "engine/model.hpp"

namespace memsnn::poisson {

ModelInfo model_info();

}  // namespace memsnn::poisson
