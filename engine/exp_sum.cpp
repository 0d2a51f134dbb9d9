// SPDX-License-Identifier: MIT
#include "engine/exp_sum.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace memsnn {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The boundary, to the last double, between lo (where below(lo) holds) and hi (where it does
// not); returns the first point on hi's side.
template <class Below>
double bisect(double lo, double hi, Below below) {
    while (true) {
        const double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi) return hi;
        if (below(mid))
            lo = mid;
        else
            hi = mid;
    }
}

// Critical points, zeros, or interval ends: f has at most one zero more than its terms.
using Points = SmallVector<ExpSum::kMaxTerms + 2>;

// Every critical point of f (zero of f') in (a, b), ascending.
Points critical_points(const ExpSum& f, double a, double b);

// Zeros of g in (a, b), where g = exp(mu t) f'(t) has the same zeros as f'.
Points zeros_in(const ExpSum& g, double a, double b) {
    Points points{a};
    for (double x : critical_points(g, a, b)) points.push_back(x);
    points.push_back(b);
    Points zeros;
    for (std::size_t k = 0; k + 1 < points.size(); ++k) {
        const bool lo_negative = g(points[k]) < 0;
        if (lo_negative == (g(points[k + 1]) < 0)) continue;
        zeros.push_back(
            bisect(points[k], points[k + 1], [&](double t) { return (g(t) < 0) == lo_negative; }));
    }
    return zeros;
}

Points critical_points(const ExpSum& f, double a, double b) {
    if (f.c.empty()) return {};
    // f'(t) = sum -lambda_k c_k exp(-lambda_k t); scale by exp(lambda_min t).
    const std::size_t slow = static_cast<std::size_t>(
        std::min_element(f.lambda.begin(), f.lambda.end()) - f.lambda.begin());
    ExpSum g;
    g.c0 = -f.lambda[slow] * f.c[slow];
    for (std::size_t k = 0; k < f.c.size(); ++k) {
        if (k == slow) continue;
        g.c.push_back(-f.lambda[k] * f.c[k]);
        g.lambda.push_back(f.lambda[k] - f.lambda[slow]);
    }
    return zeros_in(g, a, b);
}

}  // namespace

double ExpSum::operator()(double t) const {
    double sum = c0;
    for (std::size_t k = 0; k < c.size(); ++k) sum += c[k] * std::exp(-lambda[k] * t);
    return sum;
}

double first_upward_crossing(const ExpSum& f_in) {
    ExpSum f;
    f.c0 = f_in.c0;
    for (std::size_t k = 0; k < f_in.c.size(); ++k) {
        if (f_in.c[k] == 0) continue;
        f.c.push_back(f_in.c[k]);
        f.lambda.push_back(f_in.lambda[k]);
    }
    if (f.c.empty()) return kInf;
    // Beyond 60 of the slowest time constants every exponential is below 1e-26 of its
    // coefficient; the tail is handled separately below.
    const double horizon = 60.0 / *std::min_element(f.lambda.begin(), f.lambda.end());
    Points points{0.0};
    for (double x : critical_points(f, 0.0, horizon)) points.push_back(x);
    points.push_back(horizon);
    for (std::size_t k = 0; k + 1 < points.size(); ++k) {
        if (f(points[k + 1]) < 0) continue;
        // f(lo) < 0 here: either lo == 0 (given) or f was below zero on the previous interval.
        return bisect(points[k], points[k + 1], [&](double t) { return f(t) < 0; });
    }
    // Still below at the horizon: f is monotone there and tends to c0.
    if (!(f.c0 > 0)) return kInf;
    double lo = horizon;
    double hi = 2 * horizon;
    while (f(hi) < 0) {
        lo = hi;
        hi *= 2;
        if (!std::isfinite(hi)) return kInf;
    }
    return bisect(lo, hi, [&](double t) { return f(t) < 0; });
}

double upper_bound_on(const ExpSum& f, double h) {
    double level = f.c0, f0 = f.c0, slope = 0;
    for (std::size_t k = 0; k < f.c.size(); ++k) {
        const double decay = std::exp(-f.lambda[k] * h);
        const double c = f.c[k], d = -f.lambda[k] * c;  // d: the term's coefficient in f'
        level += c > 0 ? c : c * decay;
        f0 += c;
        slope += d > 0 ? d : d * decay;
    }
    return std::min(level, f0 + h * std::max(slope, 0.0));
}

}  // namespace memsnn
