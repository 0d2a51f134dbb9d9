// SPDX-License-Identifier: MIT
// tsodyks_markram — short-term depression and facilitation (Tsodyks & Markram 1997; Markram,
// Wang & Tsodyks 1998; the event-driven form of NEST's tsodyks2_synapse).
//
// Per synapse: resources x (1 at rest) and utilisation u (U at rest). At a presynaptic spike,
// h after the previous one:
//   x <- 1 + (x - u x - 1) exp(-h / tau_rec)      (recovery of what the last spike used)
//   u <- U + u (1 - U) exp(-h / tau_fac)          (facilitation decays back to U)
// and the spike transmits weight * u * x; the stored weight itself never changes. The first
// spike transmits weight * U. tau_fac = 0 disables facilitation (u stays U).
//
// Parameters: U 0.5 (0..1], tau_rec 800 ms, tau_fac 0 ms.
#pragma once

#include "engine/model.hpp"

namespace memsnn::tsodyks_markram {

ModelInfo model_info();

}  // namespace memsnn::tsodyks_markram
