// SPDX-License-Identifier: MIT
// spike_times — each element spikes at given times.
//
// Parameter: spike_times, either one list of times used by every element
// (["1 ms", "5.5 ms"]) or one list per element ([["1 ms"], ["2 ms", "3 ms"]]). Times must be
// non-negative and non-decreasing; repeated times give repeated spikes at the same instant.
// Times are rounded to the 1 ps tick.
#pragma once

#include "engine/model.hpp"

namespace memsnn::spike_times {

ModelInfo model_info();

}  // namespace memsnn::spike_times
