// SPDX-License-Identifier: MIT
// lif with exponentially decaying conductances (input "exp_conductance"): the exact propagator
// of the membrane between events and the search for its next threshold crossing. The method
// is described in neurons/lif.hpp and docs/models.md section 1.5.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "neurons/lif.hpp"

namespace memsnn::lif {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

namespace {

// One sub-step of the conductance membrane: exact propagator e^{-K}, Gauss-Legendre integral.
struct ConductanceStep {
    const Params& p;
    double A;  // E_L + R I

    // K(h) = int_0^h a(s) ds for conductances g_ex, g_in at the start of the step.
    double K(double g_ex, double g_in, double h) const {
        const double R = p.R();
        return (h + R * g_ex * p.tau_syn_ex * -std::expm1(-h / p.tau_syn_ex) +
                R * g_in * p.tau_syn_in * -std::expm1(-h / p.tau_syn_in)) /
               p.tau_m;
    }
    double b(double g_ex, double g_in) const {
        return (A + p.R() * (g_ex * p.E_ex + g_in * p.E_in)) / p.tau_m;
    }
    double dVdt(double V, double g_ex, double g_in) const {
        return b(g_ex, g_in) - (1 + p.R() * (g_ex + g_in)) / p.tau_m * V;
    }
    double operator()(double V0, double g_ex, double g_in, double h) const {
        static constexpr std::array<double, 4> x{0.1834346424956498, 0.5255324099163290,
                                                 0.7966664774136267, 0.9602898564975363};
        static constexpr std::array<double, 4> w{0.3626837833783620, 0.3137066458778873,
                                                 0.2223810344533745, 0.1012285362903763};
        const double K_h = K(g_ex, g_in, h);
        const double R = p.R();
        double integral = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            for (const double sign : {-1.0, 1.0}) {
                const double s = h / 2 * (1 + sign * x[k]);
                // One expm1 per conductance serves both its value at s and K(s); a conductance
                // that is zero needs none.
                const double m_ex = g_ex != 0 ? std::expm1(-s / p.tau_syn_ex) : 0.0;
                const double m_in = g_in != 0 ? std::expm1(-s / p.tau_syn_in) : 0.0;
                const double K_s =
                    (s - R * g_ex * p.tau_syn_ex * m_ex - R * g_in * p.tau_syn_in * m_in) / p.tau_m;
                integral += w[k] * b(g_ex * (1 + m_ex), g_in * (1 + m_in)) * std::exp(K_s - K_h);
            }
        }
        return V0 * std::exp(-K_h) + integral * h / 2;
    }
    // Largest sub-step: a quarter of the fastest time constant, including the effective membrane
    // time constant tau_m / (1 + R g).
    double max_step(double g_ex, double g_in) const {
        double fastest = p.tau_m / (1 + p.R() * (g_ex + g_in));
        if (g_ex > 0) fastest = std::min(fastest, p.tau_syn_ex);
        if (g_in > 0) fastest = std::min(fastest, p.tau_syn_in);
        return 0.25 * fastest;
    }
    // Below this the conductances no longer change V by a representable amount.
    static bool negligible(double R, double g_ex, double g_in) { return R * (g_ex + g_in) < 1e-16; }
    // No future V can exceed the smaller of two bounds.
    // (1) Equilibrium: V relaxes towards b/a, and b/a over the box of conductances still
    //     reachable ([0, g_ex] x [0, g_in]) is largest at a corner.
    // (2) Charge: V never falls below L = min(V, A, E_ex, E_in), so each conductance can
    //     push V up by at most its driving force from L, and with e^{-(t-s)/tau_m} <= 1
    //     V(t) <= max(V, A) + R/tau_m [g_ex tau_ex (E_ex - L)+ + g_in tau_in (E_in - L)+].
    //     This is the tight one when the synapses are fast against tau_m (Diehl & Cook: a
    //     1 ms conductance on a 100 ms membrane moves V by well under a millivolt).
    // A lower bound on V from now on (see (2) below).
    double floor(double V) const { return std::min({V, A, p.E_ex, p.E_in}); }
    // An upper bound on dV/dt while V >= V_low and the conductances stay in [0, g_ex] x
    // [0, g_in]: dV/dt is linear in V with a negative coefficient and in each conductance.
    double max_slope(double V_low, double g_ex, double g_in) const {
        return (A - V_low +
                p.R() *
                    (g_ex * std::max(p.E_ex - V_low, 0.0) + g_in * std::max(p.E_in - V_low, 0.0))) /
               p.tau_m;
    }
    double bound(double V, double g_ex, double g_in) const {
        const double R = p.R();
        auto eq = [&](double ge, double gi) {
            return (A + R * (ge * p.E_ex + gi * p.E_in)) / (1 + R * (ge + gi));
        };
        const double equilibrium =
            std::max({V, eq(0, 0), eq(g_ex, 0), eq(0, g_in), eq(g_ex, g_in)});
        const double L = floor(V);
        const double charge =
            std::max(V, A) +
            R / p.tau_m * (g_ex * p.tau_syn_ex * (p.E_ex - L) + g_in * p.tau_syn_in * (p.E_in - L));
        return std::min(equilibrium, charge);
    }
};

}  // namespace

double evolve_exp_conductance(const Params& p, double V0, double I, double g_ex0, double g_in0,
                              double dt) {
    const ConductanceStep step{p, p.E_L + p.R() * I};
    double V = V0, t = 0, ge = g_ex0, gi = g_in0;
    // Sub-steps follow the decaying conductances; once they are negligible the delta-input
    // closed form covers the rest at once.
    while (t < dt) {
        if (ConductanceStep::negligible(p.R(), ge, gi)) return evolve_delta(p, V, I, dt - t);
        const double h = std::min(step.max_step(ge, gi), dt - t);
        V = step(V, ge, gi, h);
        t += h;
        ge = g_ex0 * std::exp(-t / p.tau_syn_ex);
        gi = g_in0 * std::exp(-t / p.tau_syn_in);
    }
    return V;
}

ConductanceSearch search_threshold_exp_conductance(const Params& p, double V0, double I,
                                                   double g_ex0, double g_in0, double horizon,
                                                   double theta0) {
    const ConductanceStep step{p, p.E_L + p.R() * I};
    // The threshold at time x of the search, and the slope of V minus it.
    auto theta = [&](double x) { return theta0 > 0 ? theta0 * std::exp(-x / p.tau_theta) : 0.0; };
    auto threshold = [&](double x) { return p.V_th + theta(x); };
    auto slope = [&](double x, double V, double ge, double gi) {
        return step.dVdt(V, ge, gi) + theta(x) / p.tau_theta;
    };
    double t = 0, V = V0, ge = g_ex0, gi = g_in0;
    // V(x) <= V(y) + (x - y) S for x > y: the slope bound S from V's floor and the starting
    // conductances holds for the whole search (the conductances only decay). The margin covers
    // the rounding of the propagator.
    const double S = std::max(step.max_slope(step.floor(V0), g_ex0, g_in0), 0.0);
    constexpr double kMargin = 1e-9;  // mV
    auto below_until = [&](double V_from, double from, double to) {
        return V_from + (to - from) * S < threshold(t + to) - kMargin;
    };
    // Crossing inside (lo, hi] of the exact sub-step from t0 (V(lo) below the threshold, V(hi)
    // at or above it): Newton steps from the bracket's upper end, kept inside it, else
    // bisection, until the bracket is below a tenth of a tick; the upper end is returned.
    auto refine = [&](double lo, double hi, double t0, double V_start, double ge0, double gi0) {
        constexpr double kResolution = 1e-10;  // ms
        double x = hi;
        while (hi - lo > kResolution) {
            const double Vx = step(V_start, ge0, gi0, x);
            const double gap = Vx - threshold(t0 + x);
            if (gap < 0)
                lo = x;
            else
                hi = x;
            const double df = slope(t0 + x, Vx, ge0 * std::exp(-x / p.tau_syn_ex),
                                    gi0 * std::exp(-x / p.tau_syn_in));
            const double newton = df > 0 ? x - gap / df : lo;
            x = newton > lo && newton < hi ? newton : lo + (hi - lo) / 2;
            // A Newton step that lands on the same side again moves the bracket only a little:
            // nudge it past the root so the bracket closes from both sides.
            if (x == hi || x == lo) x = lo + (hi - lo) / 2;
        }
        return ConductanceSearch{t0 + hi, kInf};
    };
    while (true) {
        const double bound = step.bound(V, ge, gi);
        if (bound < p.V_th) return {};
        if (bound < threshold(t)) {
            // V stays below the bound; the threshold can reach it only after it has decayed.
            return {kInf, p.tau_theta * std::log(theta0 / (bound - p.V_th))};
        }
        // Once the conductances are negligible the delta-input closed form finishes the job.
        if (ConductanceStep::negligible(p.R(), ge, gi)) {
            const double rest = time_to_threshold_delta(p, V, I, theta(t));
            return {std::isfinite(rest) ? t + rest : kInf, kInf};
        }
        if (t >= horizon) return {kInf, t};
        // Nothing can reach the threshold before the horizon at the largest slope: stop here.
        if (std::isfinite(horizon) && below_until(V, 0, horizon - t)) return {kInf, horizon};
        const double h = step.max_step(ge, gi);
        const double V_next = step(V, ge, gi, h);
        if (V_next >= threshold(t + h)) return refine(0, h, t, V, ge, gi);
        const double ge_next = ge * std::exp(-h / p.tau_syn_ex);
        const double gi_next = gi * std::exp(-h / p.tau_syn_in);
        if (slope(t, V, ge, gi) > 0 && slope(t + h, V_next, ge_next, gi_next) < 0) {
            // A maximum of V minus the threshold inside the step: find it from the sign of the
            // slope, test it. The bisection stops as soon as the slope bound keeps the whole
            // bracket below the threshold.
            double lo = 0, hi = h, V_lo = V;
            bool ruled_out = false;
            while (hi - lo > 1e-10) {
                if (below_until(V_lo, lo, hi)) {
                    ruled_out = true;
                    break;
                }
                const double mid = lo + (hi - lo) / 2;
                const double Vm = step(V, ge, gi, mid);
                if (slope(t + mid, Vm, ge * std::exp(-mid / p.tau_syn_ex),
                          gi * std::exp(-mid / p.tau_syn_in)) > 0) {
                    lo = mid;
                    V_lo = Vm;
                } else {
                    hi = mid;
                }
            }
            if (!ruled_out && step(V, ge, gi, lo) >= threshold(t + lo))
                return refine(0, lo, t, V, ge, gi);
        }
        t += h;
        V = V_next;
        ge = ge_next;
        gi = gi_next;
    }
}

double time_to_threshold_exp_conductance(const Params& p, double V0, double I, double g_ex0,
                                         double g_in0, double horizon, double theta0) {
    const ConductanceSearch r =
        search_threshold_exp_conductance(p, V0, I, g_ex0, g_in0, horizon, theta0);
    if (std::isinf(r.crossing) && std::isfinite(r.resume))
        return std::numeric_limits<double>::quiet_NaN();
    return r.crossing;
}

}  // namespace memsnn::lif
