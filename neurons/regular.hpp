// SPDX-License-Identifier: MIT
// regular — periodic spike trains: element i spikes at start + k/rate for k = 0, 1, ... while
// the time is before stop. Each spike time is computed from k (never accumulated), so there is
// no drift; times are rounded to the 1 ps tick.
//
// Parameters: rate [Hz] (> 0, per element), start, stop [ms].
#pragma once

#include "engine/model.hpp"

namespace memsnn::regular {

ModelInfo model_info();

}  // namespace memsnn::regular
