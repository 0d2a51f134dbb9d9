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

#include <cmath>
#include <string>
#include <vector>

namespace memsnn::window {

enum class Kind { none, strukov, joglekar, biolek, prodromakis };

inline const std::vector<std::string>& names() {
    static const std::vector<std::string> n{"none", "strukov", "joglekar", "biolek", "prodromakis"};
    return n;
}

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

}  // namespace memsnn::window
