// SPDX-License-Identifier: MIT
// Sums of decaying exponentials, f(t) = c0 + sum_k c_k exp(-lambda_k t), and their first
// upward zero crossing. This is the membrane of a LIF neuron with exponential synaptic currents
// under constant drive, so exact threshold prediction reduces to it.
//
// Method: the critical points of f are the zeros of f', and exp(lambda_min t) f'(t) is again a
// sum of exponentials with one term fewer, so recursion gives every monotone interval of f.
// On the first interval where f goes from < 0 to >= 0 the crossing is bracketed and bisected
// to the last representable double. Multiplying by the slowest rate keeps every exponent
// negative, so nothing overflows.
#pragma once

#include <vector>

namespace memsnn {

struct ExpSum {
    double c0 = 0;
    std::vector<double> c;       // coefficients
    std::vector<double> lambda;  // rates (1/ms), all > 0 and distinct

    double operator()(double t) const;
};

// Smallest t in (0, infinity) with f(t) >= 0, given f(0) < 0; +infinity if f stays below 0.
double first_upward_crossing(const ExpSum& f);

}  // namespace memsnn
