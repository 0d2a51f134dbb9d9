// SPDX-License-Identifier: MIT
#include "synapses/ferroelectric.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/error.hpp"
#include "synapses/device_array.hpp"

namespace memsnn::ferroelectric {

double conductance(const Params& p, const State& s) {
    return (1 - s.s) * p.G_off + s.s * p.G_on;
}

double switching_time(const Params& p, double Vc, double V) {
    const double over = std::abs(V) - Vc;
    if (!(over > 0)) return std::numeric_limits<double>::infinity();
    return p.tau_0 * std::exp(std::pow(p.V_a / over, p.n));
}

State initial(const Params& p, double s0, RandomStream& rng) {
    const auto N = static_cast<std::size_t>(p.domains);
    State s;
    s.s = s0;
    s.V_c.resize(N);
    for (double& v : s.V_c) {
        do {
            v = p.V_c * (1 + p.sigma_Vc * rng.normal());
        } while (!(v > 0));
    }
    // The domains with the lowest coercive voltages are the ones a prior pulse switched first.
    std::vector<std::size_t> order(N);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return s.V_c[a] < s.V_c[b]; });
    s.up.assign(N, 0);
    const auto n_up = static_cast<std::size_t>(std::llround(s0 * static_cast<double>(N)));
    for (std::size_t k = 0; k < n_up && k < N; ++k) s.up[order[k]] = 1;
    return s;
}

double drive(const Params& p, State& s, double V, double dt, RandomStream& rng) {
    const double G_start = conductance(p, s);
    if (V == 0) return 0;
    const std::uint8_t target = V > 0 ? 1 : 0;
    std::size_t flips = 0;
    double after = 0;  // sum over flipped domains of the time left in the segment after the flip
    for (std::size_t k = 0; k < s.up.size(); ++k) {
        if (s.up[k] == target) continue;
        const double tau = switching_time(p, s.V_c[k], V);
        if (!(tau < std::numeric_limits<double>::infinity())) continue;
        const double t_switch = tau * rng.exponential();
        if (!(t_switch < dt)) continue;
        s.up[k] = target;
        ++flips;
        after += dt - t_switch;
    }
    const double sign = V > 0 ? 1.0 : -1.0;
    const double N = static_cast<double>(s.up.size());
    s.s = std::clamp(s.s + sign * static_cast<double>(flips) / N, 0.0, 1.0);
    // G(t) = G_start + sign (G_on - G_off) / N per flip, from the flip to the end of the segment.
    return V * (G_start * dt + sign * (p.G_on - p.G_off) / N * after);  // mV * uS * ms = pC
}

namespace {

double up_fraction(const State& s) {
    const auto n = std::count(s.up.begin(), s.up.end(), std::uint8_t{1});
    return s.up.empty() ? 0.0 : static_cast<double>(n) / static_cast<double>(s.up.size());
}

struct Model {
    using Params = ferroelectric::Params;
    using State = ferroelectric::State;

    static std::vector<ParamSpec> param_specs() {
        return {
            {"G_off", Dim::conductance, 0.1, "conductance with all domains down (s = 0)",
             Check::positive},
            {"G_on", Dim::conductance, 10, "conductance with all domains up (s = 1)",
             Check::positive},
            {"domains", Dim::dimensionless, 100,
             "number of independently switching domains (integer, 1 to 100000)", Check::positive},
            {"V_c", Dim::voltage, 1000, "mean coercive voltage of the domains", Check::positive},
            {"sigma_Vc", Dim::dimensionless, 0.2,
             "relative spread (sd / mean) of the domains' coercive voltages", Check::nonnegative},
            {"V_a", Dim::voltage, 1000,
             "activation voltage: tau = tau_0 exp[(V_a / (|V| - V_c,k))^n]", Check::positive},
            {"tau_0", Dim::time, 1e-5, "attempt time of the nucleation law", Check::positive},
            {"n", Dim::dimensionless, 1, "exponent of the nucleation law", Check::positive},
        };
    }
    static std::vector<ParamSpec> init_specs() {
        return {{"s", Dim::dimensionless, 0,
                 "initial switched fraction (the domains with the lowest V_c start up)",
                 Check::probability}};
    }
    static std::vector<VariableSpec> variable_specs() {
        return {{"G", Dim::conductance, "small-signal conductance"},
                {"s", Dim::dimensionless, "switched fraction (normalised state)"},
                {"up", Dim::dimensionless, "fraction of domains pointing up"}};
    }
    static Params read(const ParamTable& t, std::size_t i) {
        return {t.number("G_off", i), t.number("G_on", i),     t.number("domains", i),
                t.number("V_c", i),   t.number("sigma_Vc", i), t.number("V_a", i),
                t.number("tau_0", i), t.number("n", i)};
    }
    static void validate(const Params& p, const ParamTable& t) {
        if (!(p.G_off < p.G_on)) throw ConfigError(t.path_of("G_on"), "must be above G_off");
        if (!(p.domains >= 1 && p.domains <= 1e5 && p.domains == std::floor(p.domains)))
            throw ConfigError(t.path_of("domains"), "must be an integer from 1 to 100000");
    }
    static State initial(const Params& p, const ParamTable& init, std::size_t i,
                         RandomStream& rng) {
        return ferroelectric::initial(p, init.number("s", i), rng);
    }
    static double drive(const Params& p, State& s, double V, double dt, RandomStream& rng) {
        return ferroelectric::drive(p, s, V, dt, rng);
    }
    static double conductance(const Params& p, const State& s) {
        return ferroelectric::conductance(p, s);
    }
    static double& level(State& s) { return s.s; }
    static double variable(const Params& p, const State& s, std::size_t v) {
        if (v == 0) return ferroelectric::conductance(p, s);
        return v == 1 ? s.s : up_fraction(s);
    }
};

}  // namespace

ModelInfo model_info() {
    return device_model_info<Model>(
        "ferroelectric",
        "ferroelectric tunnel junction: N domains with spread coercive voltages, "
        "nucleation-limited switching",
        "exact per sampled switching time: one exponential waiting time per eligible domain");
}

}  // namespace memsnn::ferroelectric
