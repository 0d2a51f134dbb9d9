// SPDX-License-Identifier: MIT
#include "neurons/source.hpp"

#include <limits>

namespace memsnn {

std::vector<ParamSpec> source_window_params() {
    return {
        {"start", Dim::time, 0, "no spikes before this time", Check::nonnegative},
        {"stop", Dim::time, std::numeric_limits<double>::infinity(),
         "no spikes at or after this time (default: never stops)", Check::nonnegative},
    };
}

}  // namespace memsnn
