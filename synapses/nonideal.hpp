// SPDX-License-Identifier: MIT
// Non-idealities shared by every device model (MODELS catalogue, "non-idealities"), each a
// parameter whose default is the ideal device:
//
//   levels        0      number of programmable levels of the normalised state x (0: continuous)
//   p_switch      1      probability that a programming waveform changes x at all
//   sigma_c2c     0      cycle-to-cycle noise: relative Gaussian spread of each change of x
//   sigma_read    0      read noise: relative Gaussian spread of each read current
//   p_stuck_off   0      probability that a device is stuck at x = 0 (G_min) from the start
//   p_stuck_on    0      probability that a device is stuck at x = 1 (G_max) from the start
//
// Device-to-device spread is not a parameter here: every device parameter is per element, so a
// distribution ({"normal": ...}, {"uniform": ...}) on G_max, thresholds or rates gives each
// device its own value from the seeded streams. All draws come from the device's own
// counter-based stream, so results do not depend on event order across devices.
//
// The order inside one programming waveform is: the model's physics changes x from x0 to x1;
// the switch succeeds with p_switch (else x1 = x0); x1 = x0 + (x1 - x0)(1 + sigma_c2c xi);
// x1 is clipped to [0, 1] and snapped to the nearest of `levels` equally spaced levels.
#pragma once

#include <vector>

#include "engine/model.hpp"
#include "engine/rng.hpp"

namespace memsnn::nonideal {

struct Params {
    double levels = 0;
    double p_switch = 1;
    double sigma_c2c = 0;
    double sigma_read = 0;
    double p_stuck_off = 0;
    double p_stuck_on = 0;
};

enum class Stuck { no, off, on };

std::vector<ParamSpec> param_specs();
Params read(const ParamTable& t, std::size_t i);
// Cross-parameter checks (levels is 0 or an integer >= 2; stuck probabilities sum to <= 1).
void validate(const Params& p, const ParamTable& t);

// Draws whether a device is stuck (one draw, at construction).
Stuck draw_stuck(const Params& p, RandomStream& rng);

// The normalised state after a programming waveform moved it from x0 to x1 (physics only).
double program(const Params& p, double x0, double x1, RandomStream& rng);

// x snapped to the nearest level (identity when levels == 0).
double quantize(double levels, double x);

// A read current with read noise.
double read_noise(const Params& p, double I, RandomStream& rng);

}  // namespace memsnn::nonideal
