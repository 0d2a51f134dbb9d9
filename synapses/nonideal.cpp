// SPDX-License-Identifier: MIT
#include "synapses/nonideal.hpp"

#include <algorithm>
#include <cmath>

#include "engine/error.hpp"

namespace memsnn::nonideal {

std::vector<ParamSpec> param_specs() {
    return {
        {"levels", Dim::dimensionless, 0,
         "programmable levels of the normalised state (0: continuous)", Check::nonnegative},
        {"p_switch", Dim::dimensionless, 1, "probability that programming changes the state",
         Check::probability},
        {"sigma_c2c", Dim::dimensionless, 0, "cycle-to-cycle relative spread of each update",
         Check::nonnegative},
        {"sigma_read", Dim::dimensionless, 0, "relative read noise", Check::nonnegative},
        {"p_stuck_off", Dim::dimensionless, 0, "probability of a device stuck at G_min",
         Check::probability},
        {"p_stuck_on", Dim::dimensionless, 0, "probability of a device stuck at G_max",
         Check::probability},
    };
}

Params read(const ParamTable& t, std::size_t i) {
    return {t.number("levels", i),     t.number("p_switch", i),    t.number("sigma_c2c", i),
            t.number("sigma_read", i), t.number("p_stuck_off", i), t.number("p_stuck_on", i)};
}

void validate(const Params& p, const ParamTable& t) {
    if (p.levels != 0 && (p.levels < 2 || p.levels != std::floor(p.levels)))
        throw ConfigError(t.path_of("levels"), "must be 0 (continuous) or an integer >= 2");
    if (p.p_stuck_off + p.p_stuck_on > 1)
        throw ConfigError(t.path_of("p_stuck_on"), "p_stuck_off + p_stuck_on must not exceed 1");
}

Stuck draw_stuck(const Params& p, RandomStream& rng) {
    if (p.p_stuck_off == 0 && p.p_stuck_on == 0) return Stuck::no;
    const double u = rng.uniform();
    if (u < p.p_stuck_off) return Stuck::off;
    if (u < p.p_stuck_off + p.p_stuck_on) return Stuck::on;
    return Stuck::no;
}

double quantize(double levels, double x) {
    if (levels < 2) return x;
    const double steps = levels - 1;
    return std::round(x * steps) / steps;
}

double program(const Params& p, double x0, double x1, RandomStream& rng) {
    if (x1 == x0) return x0;
    if (p.p_switch < 1 && !(rng.uniform() < p.p_switch)) return x0;
    if (p.sigma_c2c > 0) x1 = x0 + (x1 - x0) * (1 + p.sigma_c2c * rng.normal());
    return quantize(p.levels, std::clamp(x1, 0.0, 1.0));
}

double read_noise(const Params& p, double I, RandomStream& rng) {
    return p.sigma_read > 0 ? I * (1 + p.sigma_read * rng.normal()) : I;
}

}  // namespace memsnn::nonideal
