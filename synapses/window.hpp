// SPDX-License-Identifier: MIT
// Window functions of drift memristor models, on the normalised state x in [0, 1] (x = 1 is the
// fully conducting ON state). They slow the state near the boundaries.
//   none         F = 1
//   strukov      F = x (1 - x)                                   (Strukov et al. 2008)
//   joglekar     F = 1 - (2x - 1)^(2p)                           (Joglekar & Wolf 2009)
//   biolek       F = 1 - (x - 1)^(2p) when x decreases,
//                F = 1 - x^(2p)       when x increases           (Biolek et al. 2009)
//                (depends on the direction of motion, so a device never sticks at a bound)
//   prodromakis  F = j (1 - [(x - 0.5)^2 + 0.75]^p)              (Prodromakis et al. 2011)
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/model.hpp"

namespace memsnn::window {

enum class Kind { none, strukov, joglekar, biolek, prodromakis };

inline const std::vector<std::string>& names() {
    static const std::vector<std::string> n{"none", "strukov", "joglekar", "biolek", "prodromakis"};
    return n;
}

// The parameters every windowed model takes: window, p, j.
inline std::vector<ParamSpec> param_specs() {
    return {{"window", Dim::dimensionless, 0, "window function F(x) of the state rate", Check::any,
             ParamKind::choice, names()},
            {"p", Dim::dimensionless, 10, "window exponent", Check::positive},
            {"j", Dim::dimensionless, 1, "window scale (prodromakis)", Check::positive}};
}

// Joglekar and Biolek raise a signed number to the power 2p: p must be an integer.
inline void validate(Kind kind, double p, const ParamTable& t) {
    if ((kind == Kind::joglekar || kind == Kind::biolek) && p != std::floor(p))
        throw ConfigError(t.path_of("p"),
                          "must be an integer for the " + t.choice("window") + " window");
}

// The largest value of the window on [0, 1] (bounds the integration sub-step).
inline double maximum(Kind kind, double p, double j) {
    switch (kind) {
        case Kind::strukov:
            return 0.25;
        case Kind::prodromakis:
            return j * (1 - std::pow(0.75, p));
        default:
            return 1;
    }
}

// Sub-step limits of windowed integration: largest change of x, and of R relative to R.
inline constexpr double kMaxStep = 1e-3;
inline constexpr double kMaxRelR = 1e-3;

inline Kind parse(const std::string& name) {
    for (std::size_t k = 0; k < names().size(); ++k)
        if (names()[k] == name) return static_cast<Kind>(k);
    return Kind::none;
}

// F(x) for a state moving up (increasing = true) or down; p is the window exponent.
inline double value(Kind kind, double x, bool increasing, double p, double j = 1) {
    switch (kind) {
        case Kind::none:
            return 1;
        case Kind::strukov:
            return x * (1 - x);
        case Kind::joglekar:
            return 1 - std::pow(2 * x - 1, 2 * p);
        case Kind::biolek:
            return 1 - std::pow(increasing ? x : x - 1, 2 * p);
        case Kind::prodromakis:
            return j * (1 - std::pow((x - 0.5) * (x - 0.5) + 0.75, p));
    }
    return 1;
}

// Integrates a windowed drift model over dt ms: dx/dt = f(x) and dq/dt = g(x) (the current),
// classical RK4 on sub-steps no longer than step(x). x stays in [0, 1]; once it no longer moves
// (the window is zero at a bound) the rest of the interval is accounted at the frozen x.
// Returns the charge; x is updated in place.
template <class F, class G, class Step>
double integrate(double& x, double dt, F f, G g, Step step) {
    double q = 0;
    double t_left = dt;
    while (t_left > 0) {
        const double h = std::min(t_left, step(x));
        const double k1 = f(x), c1 = g(x);
        const double k2 = f(x + h / 2 * k1), c2 = g(x + h / 2 * k1);
        const double k3 = f(x + h / 2 * k2), c3 = g(x + h / 2 * k2);
        const double k4 = f(x + h * k3), c4 = g(x + h * k3);
        const double x_new = std::clamp(x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4), 0.0, 1.0);
        const double dq = h / 6 * (c1 + 2 * c2 + 2 * c3 + c4);
        q += dq;
        t_left -= h;
        if (x_new == x) {
            q += dq / h * t_left;
            break;
        }
        x = x_new;
    }
    return q;
}

}  // namespace memsnn::window
