// SPDX-License-Identifier: MIT
#include "neurons/diffusive_lif.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "engine/error.hpp"

namespace memsnn::diffusive_lif {

namespace {

// A parameter row whose default `memsnn models` shows in a readable unit.
ParamSpec shown(ParamSpec spec, const char* shown_default) {
    spec.shown_default = shown_default;
    return spec;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

// Gauss-Legendre quadrature on [a, b] with 2 * x.size() points (symmetric nodes x, weights w).
template <std::size_t N, class F>
double gauss_legendre(const std::array<double, N>& x, const std::array<double, N>& w, double a,
                      double b, F f) {
    const double half = (b - a) / 2;
    const double mid = a + half;
    double sum = 0;
    for (std::size_t k = 0; k < N; ++k) sum += w[k] * (f(mid - half * x[k]) + f(mid + half * x[k]));
    return sum * half;
}

// 8 points: the incubation integral, on pieces where its integrand changes by < e^{1/2}.
template <class F>
double gl8(double a, double b, F f) {
    static constexpr std::array<double, 4> x{0.1834346424956498, 0.5255324099163290,
                                             0.7966664774136267, 0.9602898564975363};
    static constexpr std::array<double, 4> w{0.3626837833783620, 0.3137066458778873,
                                             0.2223810344533745, 0.1012285362903763};
    return gauss_legendre(x, w, a, b, f);
}

// 16 points: the membrane propagator on sub-steps over which the exponent changes by <= 8
// (error term ~ 8^32 (16!)^4 / (33 (32!)^3) ~ 3e-26 relative).
template <class F>
double gl16(double a, double b, F f) {
    static constexpr std::array<double, 8> x{
        0.09501250983763745, 0.2816035507792589, 0.45801677765722737, 0.6178762444026438,
        0.755404408355003,   0.8656312023878318, 0.9445750230732326,  0.9894009349916499};
    static constexpr std::array<double, 8> w{
        0.18945061045506859, 0.1826034150449236,  0.16915651939500262,  0.14959598881657676,
        0.12462897125553403, 0.09515851168249259, 0.062253523938647706, 0.027152459411754037};
    return gauss_legendre(x, w, a, b, f);
}

// (1 - e^{-d t}) / d for d >= 0, continuous at d = 0.
double phi(double d, double t) {
    return d > 0 ? -std::expm1(-d * t) / d : t;
}

// The OFF (relaxing) membrane under constant current I: C dV/dt = I - (g_L + g_x e^{-s/tau_r}) V.
struct Off {
    const Params& p;
    double I;

    double rate(double g_x) const { return (p.g_L() + g_x) / p.C; }  // 1/ms
    double b(double g_x) const { return g_x * p.tau_relax / p.C; }
    bool series_ok(double g_x) const { return b(g_x) <= 1; }
    // Gauss-Legendre sub-step limit: the integrand exponent varies by at most 8, and the
    // device conductance by at most a factor e^{1/2}.
    double max_step(double g_x) const { return std::min(8 / rate(g_x), p.tau_relax / 2); }
    double decay(double g_x, double s) const { return g_x * std::exp(-s / p.tau_relax); }
    double slope(double V, double g) const { return (I - (p.g_L() + g) * V) / p.C; }
    // Integrating factor K(s) = int_0^s (g_L + g_x e^{-u/tau_r}) du / C.
    double K(double g_x, double s) const {
        return (p.g_L() * s + g_x * p.tau_relax * -std::expm1(-s / p.tau_relax)) / p.C;
    }
    // Exact propagator, integral by 16-point Gauss-Legendre: accurate for s <= max_step(g_x).
    double gl(double V0, double g_x, double s) const {
        if (!(s > 0)) return V0;
        const double Ks = K(g_x, s);
        const double integral = gl16(0.0, s, [&](double u) { return std::exp(K(g_x, u) - Ks); });
        return V0 * std::exp(-Ks) + I / p.C * integral;
    }
    // Closed form for b <= 1, any t: with alpha = g_L/C, lambda = 1/tau_r, expanding
    // exp(-b e^{-lambda s}) in powers of b,
    //   e^{-K(t)} int_0^t e^{K(s)} ds = e^{b e^{-lambda t}} sum_n (-b)^n/n! e^{-alpha t} J_n(t),
    //   e^{-alpha t} J_n(t) = (e^{-alpha t} - e^{-n lambda t}) / (n lambda - alpha)
    // (both exponentials <= 1: no overflow; expm1 where they would cancel). With b <= 1 the terms
    // fall like b^n/n!, so about 20 terms reach 1e-18.
    double series(double V0, double g_x, double t) const {
        if (!(t > 0)) return V0;
        const double alpha = p.g_L() / p.C;
        const double lambda = 1 / p.tau_relax;
        const double bb = b(g_x);
        const double q = std::exp(-lambda * t);  // powers of q give e^{-n lambda t}
        const double e_alpha = std::exp(-alpha * t);
        const double homogeneous = V0 * std::exp(-alpha * t - bb * -std::expm1(-lambda * t));
        double sum = 0, coef = 1, q_n = 1;
        for (int n = 0; n < 64; ++n) {
            if (n > 0) {
                coef *= -bb / n;
                if (std::abs(coef) < 1e-18) break;
                q_n *= q;
            }
            const double d = n * lambda - alpha;
            // (e^{-alpha t} - e^{-n lambda t}) / d: expm1 where the difference would cancel.
            const double term = std::abs(d) * t < 1 ? std::exp(-std::min(alpha, n * lambda) * t) *
                                                          phi(std::abs(d), t)
                                                    : (e_alpha - q_n) / d;
            sum += coef * term;
        }
        return homogeneous + I / p.C * std::exp(bb * q) * sum;
    }
};

// Bisection to the last double between lo and hi (pred(lo) false, pred(hi) true): returns the
// smallest examined point where pred holds.
template <class Pred>
double bisect(double lo, double hi, Pred pred) {
    for (int k = 0; k < 2000; ++k) {
        const double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi) break;
        if (pred(mid))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

// Root of f, increasing through zero on [lo, hi] (f(lo) < 0 <= f(hi)), with derivative df:
// safeguarded Newton (a bisection step whenever Newton leaves the bracket), then bisection to
// the last double inside a bracket of +-1e-13 relative around the Newton limit. Returns the
// smallest examined point with f >= 0, like bisect.
template <class F, class D>
double find_root(double lo, double hi, F f, D df) {
    double x = lo + (hi - lo) / 2;
    for (int k = 0; k < 100; ++k) {
        const double fx = f(x);
        if (fx >= 0)
            hi = x;
        else
            lo = x;
        double next = x - fx / df(x);
        if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
        if (!(next > lo && next < hi)) break;  // the bracket is down to adjacent doubles
        if (std::abs(next - x) <= 4e-15 * std::abs(next)) {
            const double d = 1e-13 * std::abs(next);
            const double a = std::max(lo, next - d), b = std::min(hi, next + d);
            if ((a == lo || f(a) < 0) && (b == hi || f(b) >= 0)) {
                lo = a;
                hi = b;
            }
            break;
        }
        x = next;
    }
    return bisect(lo, hi, [&](double s) { return f(s) >= 0; });
}

double draw_target(Switching mode, RandomStream& rng) {
    return mode == Switching::stochastic ? rng.exponential() : 1.0;
}

// First tick at or after dt ms after t0, at least one tick later.
Tick transition_tick(Tick t0, double dt) {
    if (!std::isfinite(dt)) return kNever;
    const Tick offset = ms_to_ticks_ceil(dt);
    if (offset == kNever || offset >= kNever - t0) return kNever;
    return t0 + std::max<Tick>(offset, 1);
}

class DiffusivePopulation final : public Population {
  public:
    DiffusivePopulation(const PopulationArgs& args, std::vector<Params> params, Switching mode)
        : Population(args.name, args.size),
          params_(std::move(params)),
          state_(args.size),
          mode_(mode) {
        for (std::size_t i = 0; i < args.size; ++i) {
            // The element's own stream, keyed like a source's spike stream (population, element).
            rng_.emplace_back(args.seed, StreamDomain::neuron,
                              (static_cast<std::uint64_t>(args.id) << 32) | i);
            State& s = state_[i];
            s.V = args.init->number("V_C", i);
            s.E = draw_target(mode_, rng_.back());
            settle(params_[i], s);
        }
    }

    std::optional<Dim> weight_dim() const override { return Dim::voltage; }
    bool accepts_current() const override { return true; }

    void deliver(std::size_t i, Tick t, double w) override {
        State& s = state_[i];
        advance(params_[i], mode_, s, t, rng_[i]);
        s.V += w;
        settle(params_[i], s);
    }

    void add_current(std::size_t i, Tick t, double delta_nA) override {
        advance(params_[i], mode_, state_[i], t, rng_[i]);
        state_[i].I_stim += delta_nA;
    }

    Tick predict(std::size_t i, Tick now) override {
        const Params& p = params_[i];
        State& s = state_[i];
        advance(p, mode_, s, now, rng_[i]);
        if (s.pending > 0) return now;
        const double I = p.I_e + s.I_stim;
        if (s.on) return transition_tick(now, time_to_hold(p, s.V, I));
        const Off off{p, I};
        if (off.series_ok(s.g_x)) {
            const OffRun r = run_off(p, mode_, s.V, s.g_x, s.H, s.E, I, kInf);
            return r.switched ? transition_tick(now, r.t) : kNever;
        }
        // While the device still conducts strongly the trajectory takes Gauss-Legendre
        // sub-steps: look only a few of them ahead and ask for a wake-up at the end, so an input
        // arriving meanwhile (the common case under synaptic drive) costs a bounded search.
        double horizon = 0, g = s.g_x;
        for (int k = 0; k < 4 && !off.series_ok(g); ++k) {
            const double h = off.max_step(g);
            horizon += h;
            g = off.decay(g, h);
        }
        const Tick span =
            std::max<Tick>(1, static_cast<Tick>(horizon * static_cast<double>(kTicksPerMs)));
        const OffRun r = run_off(p, mode_, s.V, s.g_x, s.H, s.E, I, ticks_to_ms(span));
        if (r.switched) return transition_tick(now, r.t);
        return span >= kNever - now ? kNever : now + span;  // a wake-up
    }

    bool fire(std::size_t i, Tick t) override {
        State& s = state_[i];
        advance(params_[i], mode_, s, t, rng_[i]);
        if (s.pending == 0) return false;  // the ON -> OFF wake-up
        --s.pending;
        return true;
    }

    const std::vector<VariableSpec>& variables() const override { return variables_; }

    double sample(std::size_t i, std::size_t variable, Tick t) const override {
        const Params& p = params_[i];
        State s = state_[i];
        RandomStream rng = rng_[i];
        advance(p, mode_, s, t, rng);
        switch (variable) {
            case 0:
                return s.V;
            case 1:
                return device_conductance(p, s);
            case 2:
                return s.on ? 1.0 : 0.0;
            default:
                return device_conductance(p, s) * s.V;
        }
    }

  private:
    std::vector<Params> params_;
    std::vector<State> state_;
    std::vector<RandomStream> rng_;
    Switching mode_;
    std::vector<VariableSpec> variables_ = model_info().variables;
};

std::vector<Params> read_params(const ParamTable& t) {
    std::vector<Params> out(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        Params& p = out[i];
        p.C = t.number("C", i);
        p.R_p = t.number("R_p", i);
        p.G_off = t.number("G_off", i);
        p.G_on = t.number("G_on", i);
        p.V_th = t.number("V_th", i);
        p.V_hold = t.number("V_hold", i);
        p.tau_relax = t.number("tau_relax", i);
        p.t_0 = t.number("t_0", i);
        p.V_0 = t.number("V_0", i);
        p.I_e = t.number("I_e", i);
    }
    return out;
}

void validate(const std::vector<Params>& params, const ParamTable& t) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Params& p = params[i];
        const std::string element = params.size() > 1 ? " (element " + std::to_string(i) + ")" : "";
        if (!(p.V_hold < p.V_th))
            throw ConfigError(t.path_of("V_hold"),
                              "must be below V_th (" + format_quantity(p.V_th, Dim::voltage) +
                                  "), got " + format_quantity(p.V_hold, Dim::voltage) + element);
        if (!(p.G_off < p.G_on))
            throw ConfigError(t.path_of("G_off"),
                              "must be below G_on (" + format_quantity(p.G_on, Dim::conductance) +
                                  "), got " + format_quantity(p.G_off, Dim::conductance) + element);
    }
}

}  // namespace

double device_conductance(const Params& p, const State& s) {
    return s.on ? p.G_on : p.G_off + s.g_x;
}

double switching_delay(const Params& p, double V) {
    return p.t_0 * std::exp(-(V - p.V_th) / p.V_0);
}

double evolve_on(const Params& p, double V0, double I, double dt) {
    const double V_inf = I / p.g_on();
    return V_inf + (V0 - V_inf) * std::exp(-dt * p.g_on() / p.C);
}

double time_to_hold(const Params& p, double V0, double I) {
    if (V0 <= p.V_hold) return 0;
    const double V_inf = I / p.g_on();
    if (!(V_inf < p.V_hold)) return kInf;
    return p.C / p.g_on() * std::log1p((V0 - p.V_hold) / (p.V_hold - V_inf));
}

double evolve_off(const Params& p, double V0, double g_x0, double I, double t) {
    const Off off{p, I};
    double V = V0, g = g_x0, pos = 0;
    while (pos < t) {
        if (off.series_ok(g)) return off.series(V, g, t - pos);
        const double limit = off.max_step(g);
        const bool last = limit >= t - pos;
        const double h = last ? t - pos : limit;
        V = off.gl(V, g, h);
        g = off.decay(g, h);
        if (last) break;
        pos += h;
    }
    return V;
}

OffRun run_off(const Params& p, Switching mode, double V0, double g_x0, double H0, double E,
               double I, double horizon) {
    const Off off{p, I};
    const bool restart_below = mode == Switching::deterministic;
    double t = 0, V = V0, g = g_x0, H = H0;
    bool above = V >= p.V_th;
    if (!above && restart_below) H = 0;
    OffRun never{false, kInf, V, g, H};
    // Below V_th, V can rise at most to I / g_L (while rising V < I / (g_L + g_x)).
    if (!above && !std::isfinite(horizon) && !(I / p.g_L() > p.V_th)) return never;
    long guard = 0;
    while (horizon - t > 0) {
        // One trajectory piece from (V, g) at t, valid on [0, len]: a Gauss-Legendre sub-step,
        // or (series regime) the rest of the horizon.
        const double rest = horizon - t;
        const bool series = off.series_ok(g);
        const bool to_horizon = series || off.max_step(g) >= rest;
        const double len = to_horizon ? rest : off.max_step(g);
        const double V_start = V, g_start = g;
        auto V_at = [&](double s) {
            return series ? off.series(V_start, g_start, s) : off.gl(V_start, g_start, s);
        };
        auto g_at = [&](double s) { return off.decay(g_start, s); };
        auto slope_at = [&](double s, double Vs) { return off.slope(Vs, g_at(s)); };
        auto falls_by = [&](double s) { return p.V_th - V_at(s); };
        auto falls_rate = [&](double s) { return -slope_at(s, V_at(s)); };
        auto reached = [&](double s) { return V_at(s) >= p.V_th; };
        double pos = 0, V_pos = V_start;
        while (pos < len && ++guard < 10'000'000) {
            if (!above) {
                // V < V_th: at most one upward crossing ahead (V rises only after its minimum).
                double hi = len;
                if (!std::isfinite(len)) {
                    if (!(I / p.g_L() > p.V_th)) return never;  // V stays below I / g_L
                    double step = 1 / off.rate(g_at(pos));
                    int k = 0;
                    while (!reached(pos + step)) {
                        step *= 2;
                        if (++k > 200) return never;
                    }
                    hi = pos + step;
                } else if (!reached(len)) {
                    pos = len;
                    V_pos = V_at(len);
                    break;
                }
                pos = find_root(
                    pos, hi, [&](double u) { return V_at(u) - p.V_th; },
                    [&](double u) { return slope_at(u, V_at(u)); });
                V_pos = V_at(pos);
                above = true;
                continue;
            }
            // V >= V_th: incubate over a piece on which V changes by less than V_0 / 2.
            const double d = slope_at(pos, V_pos);
            double piece = std::min(1 / off.rate(g_at(pos)), p.tau_relax);
            if (d != 0) piece = std::min(piece, 0.5 * p.V_0 / std::abs(d));
            double end = 0, V_end = 0;
            for (int k = 0; k < 64; ++k) {
                end = piece >= len - pos ? len : pos + piece;
                V_end = V_at(end);
                if (std::abs(V_end - V_pos) <= 0.5 * p.V_0) break;
                piece /= 2;
            }
            // Where V falls below V_th inside: a decreasing V ends below, or a minimum inside
            // dips below.
            double cut = end;
            bool falls = false;
            if (V_end < p.V_th) {
                cut = find_root(pos, end, falls_by, falls_rate);
                falls = true;
            } else if (d < 0 && slope_at(end, V_end) > 0) {
                const double s_min =
                    bisect(pos, end, [&](double s) { return slope_at(s, V_at(s)) > 0; });
                if (V_at(s_min) < p.V_th) {
                    cut = find_root(pos, s_min, falls_by, falls_rate);
                    falls = true;
                }
            }
            const double a = pos;
            auto hazard = [&](double s) {
                return std::exp(std::min(700.0, (V_at(s) - p.V_th) / p.V_0)) / p.t_0;
            };
            const double dH = gl8(a, cut, hazard);
            if (H + dH >= E) {
                const double s_sw = find_root(
                    a, cut, [&](double u) { return H + gl8(a, u, hazard) - E; }, hazard);
                return OffRun{true, t + s_sw, V_at(s_sw), g_at(s_sw), E};
            }
            H += dH;
            pos = cut;
            V_pos = falls ? V_at(cut) : V_end;
            if (falls) {
                above = false;
                if (restart_below) H = 0;
            }
        }
        V = V_pos;
        g = g_at(len);
        if (to_horizon) break;
        t += len;
    }
    return OffRun{false, horizon, V, g, H};
}

void settle(const Params& p, State& s) {
    if (s.on && s.V <= p.V_hold) {
        s.on = false;
        s.g_x = p.G_on - p.G_off;
        s.H = 0;
    }
}

void advance(const Params& p, Switching mode, State& s, Tick t, RandomStream& rng) {
    if (t <= s.t_last) return;
    const Tick span = t - s.t_last;
    const double total = ticks_to_ms(span);
    const double I = p.I_e + s.I_stim;
    double pos = 0;
    while (true) {
        if (s.on) {
            // The hold crossing uses predict's test (its tick within the interval).
            const double dt = time_to_hold(p, s.V, I);
            if (std::isfinite(dt) && ms_to_ticks_ceil(pos + dt) <= span) {
                pos += dt;
                s.V = p.V_hold;
                s.on = false;
                s.g_x = p.G_on - p.G_off;
                s.H = 0;
                continue;
            }
            s.V = evolve_on(p, s.V, I, std::max(0.0, total - pos));
            break;
        }
        const OffRun r = run_off(p, mode, s.V, s.g_x, s.H, s.E, I, std::max(0.0, total - pos));
        s.V = r.V;
        s.g_x = r.g_x;
        s.H = r.H;
        if (!r.switched) break;
        pos += r.t;
        s.on = true;
        s.H = 0;
        s.E = draw_target(mode, rng);
        ++s.pending;
    }
    s.t_last = t;
    settle(p, s);
}

ModelInfo model_info() {
    ModelInfo m;
    m.type = "diffusive_lif";
    m.kind = ModelKind::neuron;
    m.summary =
        "LIF neuron from a volatile (diffusive, Ag-based) threshold switch across a parallel RC: "
        "voltage-dependent switching delay, refractoriness from filament relaxation";
    m.integrator =
        "exact: RC exponentials; relaxing device by integrating factor (Gauss-Legendre "
        "sub-steps while G_D is large, then a convergent closed-form series); switch from the "
        "incubation integral, bisected";
    m.params = {
        {"C", Dim::capacitance, 1, "integrating capacitor across the device", Check::positive},
        {"R_p", Dim::resistance, 10, "parallel (leak) resistor", Check::positive},
        shown({"G_off", Dim::conductance, 0.001, "relaxed (OFF) device conductance, below G_on",
               Check::nonnegative},
              "1 nS"),
        {"G_on", Dim::conductance, 100, "ON device conductance (filament formed)", Check::positive},
        shown({"V_th", Dim::voltage, 500, "threshold voltage of the switch", Check::positive},
              "0.5 V"),
        shown(
            {"V_hold", Dim::voltage, 100, "hold voltage: ON -> OFF when V falls to it, below V_th"},
            "0.1 V"),
        {"tau_relax", Dim::time, 1, "relaxation time of the filament (G_D back to G_off)",
         Check::positive},
        shown({"t_0", Dim::time, 0.001, "switching delay at V = V_th", Check::positive}, "1 us"),
        shown({"V_0", Dim::voltage, 100, "voltage scale of the delay t_0 exp(-(V - V_th)/V_0)",
               Check::positive},
              "0.1 V"),
        {"I_e", Dim::current, 0, "constant bias current"},
        {"switching",
         Dim::dimensionless,
         0,
         "deterministic: the switch closes when the incubation integral of 1/t_d(V) reaches 1; "
         "stochastic: when it reaches an Exp(1) draw (exponential waiting time with mean t_d)",
         Check::any,
         ParamKind::choice,
         {"deterministic", "stochastic"}},
    };
    m.init = {{"V_C", Dim::voltage, 0, "initial capacitor voltage (the device starts relaxed)"}};
    m.variables = {
        {"V_C", Dim::voltage, "capacitor (and device) voltage"},
        {"G_D", Dim::conductance, "device conductance"},
        {"s", Dim::dimensionless, "device state: 1 ON, 0 OFF (relaxing or relaxed)"},
        {"I_D", Dim::current, "current through the device G_D V_C (the output pulse)"},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        const ParamTable& t = *args.params;
        std::vector<Params> params = read_params(t);
        validate(params, t);
        const Switching mode = t.choice("switching") == "stochastic" ? Switching::stochastic
                                                                     : Switching::deterministic;
        return std::make_unique<DiffusivePopulation>(args, std::move(params), mode);
    };
    return m;
}

}  // namespace memsnn::diffusive_lif
