// SPDX-License-Identifier: MIT
// Non-ideal weight updates for the abstract rules: how an update dw of a rule lands on a
// synapse that is a memory device with few levels and variable switching.
//
//   levels > 1      the range [w_min, w_max] has `levels` states, so one device step is
//                   (w_max - w_min) / (levels - 1); every update becomes a whole number of
//                   steps, rounded stochastically (floor(dw/step) + 1 with probability equal
//                   to the remainder), which keeps the mean update but makes small updates
//                   rare and discrete (Querlioz et al. 2013; a 16-level device: levels 16)
//   sigma_device    device-to-device spread: each synapse scales all its updates by a gain
//                   drawn once, max(0, 1 + sigma_device N(0, 1))
//   sigma_cycle     cycle-to-cycle spread: each update is scaled by max(0, 1 + sigma_cycle N)
// then w is clipped to [w_min, w_max]. With the defaults (levels 0, no spread) the update is
// exactly clip(w + dw) and no random numbers are drawn. Draws come from one stream per synapse
// (seed, learning, projection << 32 | synapse id), so they do not depend on the thread count.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/model.hpp"
#include "engine/rng.hpp"

namespace memsnn {

struct WeightUpdateParams {
    double levels = 0;  // 0 or 1: continuous
    double sigma_device = 0;
    double sigma_cycle = 0;
};

class WeightUpdate {
  public:
    WeightUpdate(const WeightUpdateParams& p, double w_min, double w_max,
                 const PopulationArgs& args)
        : p_(p), w_min_(w_min), w_max_(w_max) {
        if (p_.levels > 1) step_ = (w_max - w_min) / (p_.levels - 1);
        if (!ideal()) {
            streams_.reserve(args.size);
            for (std::size_t i = 0; i < args.size; ++i)
                streams_.emplace_back(args.seed, StreamDomain::learning,
                                      (static_cast<std::uint64_t>(args.id) << 32) | i);
            gain_.assign(args.size, 1.0);
            if (p_.sigma_device > 0)
                for (std::size_t i = 0; i < args.size; ++i)
                    gain_[i] = std::max(0.0, 1 + p_.sigma_device * streams_[i].normal());
        }
    }

    bool ideal() const { return step_ == 0 && p_.sigma_device == 0 && p_.sigma_cycle == 0; }

    // The new weight of the synapse created as number `id`, from w after an update dw.
    double apply(std::uint32_t id, double w, double dw) {
        if (ideal() || dw == 0) return std::clamp(w + dw, w_min_, w_max_);
        RandomStream& s = streams_[id];
        dw *= gain_[id];
        if (p_.sigma_cycle > 0) dw *= std::max(0.0, 1 + p_.sigma_cycle * s.normal());
        if (step_ > 0) {
            const double steps = std::abs(dw) / step_;
            const double whole = std::floor(steps);
            const double n = whole + (s.uniform() < steps - whole ? 1 : 0);
            dw = std::copysign(n * step_, dw);
        }
        return std::clamp(w + dw, w_min_, w_max_);
    }

  private:
    WeightUpdateParams p_;
    double w_min_, w_max_;
    double step_ = 0;
    std::vector<RandomStream> streams_;  // per synapse (creation order)
    std::vector<double> gain_;           // per synapse: device-to-device factor
};

// The three parameters, for a rule's ModelInfo, and reading them back.
inline std::vector<ParamSpec> weight_update_params() {
    return {
        {"levels", Dim::dimensionless, 0,
         "device levels in [w_min, w_max]: updates become whole steps of (w_max - w_min) / "
         "(levels - 1), rounded stochastically (0: continuous)",
         Check::nonnegative},
        {"sigma_device", Dim::dimensionless, 0,
         "device-to-device spread of the update size (a per-synapse gain 1 + sigma N(0,1))",
         Check::nonnegative},
        {"sigma_cycle", Dim::dimensionless, 0,
         "cycle-to-cycle spread of each update (a factor 1 + sigma N(0,1))", Check::nonnegative},
    };
}

inline WeightUpdateParams read_weight_update(const ParamTable& t) {
    return {t.number("levels", 0), t.number("sigma_device", 0), t.number("sigma_cycle", 0)};
}

}  // namespace memsnn
