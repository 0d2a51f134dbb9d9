// SPDX-License-Identifier: MIT
#include "neurons/embedded_pattern.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "engine/error.hpp"
#include "engine/rng.hpp"
#include "neurons/source.hpp"

namespace memsnn::embedded_pattern {

namespace {

// Per grid step the slope of the rate changes by a uniform amount in
// [-kSlopeStep, kSlopeStep] * slope_max (1/5 of the bound each way, as in the paper's code).
constexpr double kSlopeStep = 0.2;

// A(w): the window draw.
bool window_draw(std::uint64_t seed, std::uint32_t population, double p, std::uint64_t w) {
    if (p >= 1) return true;
    if (p <= 0) return false;
    RandomStream stream(seed, StreamDomain::encoder_schedule,
                        element_object(population, static_cast<std::size_t>(w >> 32)));
    stream.seek(static_cast<std::uint32_t>(w));
    return stream.uniform() < p;
}

// The background process, the same for every afferent.
struct Process {
    double rate_min = 0;   // Hz
    double rate_max = 0;   // Hz
    double slope_max = 0;  // Hz per ms
    Tick step = 0;
    double step_ms = 0;
    Tick silence = kNever;  // longest gap; kNever: none forced
};

// State of one background process: its rate, the rate's slope and its latest spike.
struct Walk {
    double rate = 0;
    double slope = 0;
    Tick last = 0;
};

Tick uniform_tick(RandomStream& s, Tick lo, Tick hi) {
    const Tick t = lo + static_cast<Tick>(s.uniform() * static_cast<double>(hi - lo + 1));
    return std::min(t, hi);
}

// A stationary-looking start: rate uniform in [rate_min, rate_max], slope uniform in
// [-slope_max, slope_max], and a virtual last spike uniform in (-max_silence, 0].
Walk start_walk(RandomStream& s, const Process& p) {
    Walk w;
    w.rate = p.rate_min + s.uniform() * (p.rate_max - p.rate_min);
    w.slope = (2 * s.uniform() - 1) * p.slope_max;
    const double u = s.uniform();
    w.last = p.silence == kNever ? 0 : -static_cast<Tick>(u * static_cast<double>(p.silence));
    return w;
}

// One grid step [t0, t0 + step): appends its spike, if any, to `out`. A spike comes with
// probability rate * step at a uniform time in the step; when the gap since the last spike
// would otherwise exceed max_silence, it is forced instead, at a uniform time between the step's
// start and the deadline (last + max_silence). Then the rate moves by slope * step and the slope
// by its random step, both clamped to their bounds. One 64-bit draw per step (32 bits each for
// the spike and the slope), plus one per spike time.
void walk_step(Walk& w, RandomStream& s, const Process& p, Tick t0, std::vector<Tick>& out) {
    const std::uint64_t bits = s.next_u64();
    const double u_spike = static_cast<double>(bits >> 32) * 0x1.0p-32;
    const double u_slope = static_cast<double>(bits & 0xffffffffu) * 0x1.0p-32;
    const Tick t1 = t0 + p.step;
    const Tick deadline =
        p.silence == kNever
            ? kNever
            : std::max(t0, w.last > kNever - p.silence ? kNever : w.last + p.silence);
    Tick spike = kNever;
    if (u_spike < w.rate * p.step_ms * 1e-3) spike = uniform_tick(s, t0, t1 - 1);
    if (deadline < t1 && spike > deadline) spike = uniform_tick(s, t0, deadline);
    if (spike != kNever) {
        out.push_back(spike);
        w.last = spike;
    }
    w.rate = std::clamp(w.rate + w.slope * p.step_ms, p.rate_min, p.rate_max);
    w.slope = std::clamp(w.slope + kSlopeStep * p.slope_max * (2 * u_slope - 1), -p.slope_max,
                         p.slope_max);
}

class EmbeddedPatternPopulation final : public SourcePopulation {
  public:
    explicit EmbeddedPatternPopulation(const PopulationArgs& args)
        : SourcePopulation(args), seed_(args.seed), id_(args.id) {
        const ParamTable& t = *args.params;
        const double fraction = population_number(t, "pattern_fraction");
        n_pattern_ =
            static_cast<std::size_t>(std::llround(fraction * static_cast<double>(args.size)));
        window_ = ms_to_ticks(population_number(t, "pattern_duration"));
        if (window_ < 1) throw ConfigError(t.path_of("pattern_duration"), "must be at least 1 ps");
        probability_ = population_number(t, "p_pattern");
        proc_.rate_min = population_number(t, "rate_min");
        proc_.rate_max = population_number(t, "rate_max");
        if (proc_.rate_max < proc_.rate_min)
            throw ConfigError(t.path_of("rate_max"),
                              "must not be below rate_min (" +
                                  format_quantity(proc_.rate_min, Dim::frequency) + "), got " +
                                  format_quantity(proc_.rate_max, Dim::frequency));
        proc_.step = ms_to_ticks(population_number(t, "rate_step"));
        if (proc_.step < 1) throw ConfigError(t.path_of("rate_step"), "must be at least 1 ps");
        if (window_ % proc_.step != 0)
            throw ConfigError(t.path_of("pattern_duration"),
                              "must be a whole multiple of rate_step (" +
                                  format_quantity(ticks_to_ms(proc_.step), Dim::time) + "), got " +
                                  format_quantity(ticks_to_ms(window_), Dim::time));
        proc_.step_ms = ticks_to_ms(proc_.step);
        proc_.silence = ms_to_ticks(population_number(t, "max_silence"));
        if (proc_.silence < 1) throw ConfigError(t.path_of("max_silence"), "must be at least 1 ps");
        proc_.slope_max = proc_.rate_max / population_number(t, "rate_change_time");
        jitter_ms_ = population_number(t, "jitter");
        margin_ = max_jitter(jitter_ms_);
        noise_rate_ = population_number(t, "noise_rate");
        silent_ = !(proc_.rate_max > 0) && proc_.silence == kNever;

        // The frozen pattern: one window of each pattern afferent's own background process.
        pattern_.resize(n_pattern_);
        for (std::size_t i = 0; i < n_pattern_; ++i) {
            RandomStream s(seed_, StreamDomain::encoder_pattern, element_object(id_, i));
            Walk w = start_walk(s, proc_);
            for (Tick t0 = 0; t0 < window_; t0 += proc_.step)
                walk_step(w, s, proc_, t0, pattern_[i]);
            std::sort(pattern_[i].begin(), pattern_[i].end());
        }
        afferents_.reserve(args.size);
        for (std::size_t i = 0; i < args.size; ++i) afferents_.emplace_back(seed_, id_, i);
    }

    std::vector<InfoColumn> schedule(Tick duration) const override {
        InfoColumn starts{"pattern_start", "ms", {}};
        bool previous = false;
        for (std::uint64_t w = 0; window_start(w) < duration; ++w) {
            const bool now = window_draw(seed_, id_, probability_, w) && !previous;
            if (now) starts.values.push_back(ticks_to_ms(window_start(w)));
            previous = now;
        }
        InfoColumn afferents{"pattern_afferents", "1", {}};
        InfoColumn spike_afferent{"pattern_spike_afferent", "1", {}};
        InfoColumn spike_offset{"pattern_spike_offset", "ms", {}};
        for (std::size_t i = 0; i < n_pattern_; ++i) {
            afferents.values.push_back(static_cast<double>(i));
            for (Tick o : pattern_[i]) {
                spike_afferent.values.push_back(static_cast<double>(i));
                spike_offset.values.push_back(ticks_to_ms(o));
            }
        }
        return {std::move(starts), std::move(afferents), std::move(spike_afferent),
                std::move(spike_offset)};
    }

  private:
    struct Afferent {
        Afferent(std::uint64_t seed, std::uint32_t id, std::size_t i)
            : background(seed, StreamDomain::source_spikes, element_object(id, i)),
              noise(seed, StreamDomain::encoder_noise, element_object(id, i)),
              jitter(seed, StreamDomain::encoder_jitter, element_object(id, i)) {}
        RandomStream background;
        RandomStream noise;
        RandomStream jitter;
        bool started = false;
        Walk walk;
        std::int64_t step = 0;  // the next grid step to generate
        Tick frontier = 0;      // every step before it is generated
        Tick noise_next = kNever;
        std::uint64_t window = 0;   // the window of the step generated next (pattern afferents)
        bool pattern_now = false;   // P(window)
        bool pattern_next = false;  // P(window + 1)
        std::vector<Tick> pending;  // spikes generated, not yet emitted (min-heap)
        std::vector<Tick> fresh;    // scratch: the spike of one step
    };

    Tick window_start(std::uint64_t w) const {
        if (w > static_cast<std::uint64_t>(kNever / window_) - 1) return kNever;
        return static_cast<Tick>(w) * window_;
    }

    static void push(Afferent& a, Tick t) {
        a.pending.push_back(t);
        std::push_heap(a.pending.begin(), a.pending.end(), std::greater<>());
    }

    void start(std::size_t i) {
        Afferent& a = afferents_[i];
        a.started = true;
        a.walk = start_walk(a.background, proc_);
        a.noise_next = poisson_next(a.noise, noise_rate_, 0, kNever);
        if (i < n_pattern_) {
            a.pattern_now = window_draw(seed_, id_, probability_, 0);
            a.pattern_next = window_draw(seed_, id_, probability_, 1) && !a.pattern_now;
            if (a.pattern_now) present(i, 0);
        }
    }

    // Queues the jittered pattern of afferent i for window w.
    void present(std::size_t i, std::uint64_t w) {
        Afferent& a = afferents_[i];
        const Tick origin = window_start(w);
        for (Tick offset : pattern_[i])
            push(a, std::max<Tick>(0, origin + offset + jitter(a.jitter, jitter_ms_)));
    }

    // Generates grid step a.step of afferent i. The background runs the same whether or not a
    // window holds the pattern; in a pattern window a pattern afferent's background spikes are
    // hidden (as in the paper, where the pattern overwrites the background).
    void advance(std::size_t i) {
        Afferent& a = afferents_[i];
        const Tick t0 = static_cast<Tick>(a.step) * proc_.step;
        a.fresh.clear();
        walk_step(a.walk, a.background, proc_, t0, a.fresh);
        if (i < n_pattern_) {
            const auto w = static_cast<std::uint64_t>(t0 / window_);
            if (w != a.window) {  // the first step of the next window
                a.window = w;
                a.pattern_now = a.pattern_next;
                a.pattern_next = window_draw(seed_, id_, probability_, w + 1) && !a.pattern_now;
                if (a.pattern_now) present(i, w);
            }
            if (a.pattern_now) a.fresh.clear();
        }
        for (Tick t : a.fresh) push(a, t);
        ++a.step;
        a.frontier = t0 + proc_.step;
    }

    Tick next_after(std::size_t i, Tick /*last*/) override {
        Afferent& a = afferents_[i];
        if (!a.started) start(i);
        if (silent_) {  // no background and no pattern: the noise only
            const Tick t = a.noise_next;
            if (t != kNever) a.noise_next = poisson_next(a.noise, noise_rate_, t, kNever);
            return t;
        }
        // Spikes generated later can precede the frontier by at most the jitter bound.
        const Tick margin = i < n_pattern_ ? margin_ : 0;
        for (;;) {
            const Tick safe = a.frontier - margin;
            const Tick top = a.pending.empty() ? kNever : a.pending.front();
            if (a.noise_next <= top && a.noise_next <= safe) {
                const Tick t = a.noise_next;
                a.noise_next = poisson_next(a.noise, noise_rate_, t, kNever);
                return t;
            }
            if (top <= safe) {
                std::pop_heap(a.pending.begin(), a.pending.end(), std::greater<>());
                a.pending.pop_back();
                return top;
            }
            advance(i);
        }
    }

    std::uint64_t seed_;
    std::uint32_t id_;
    std::size_t n_pattern_ = 0;
    Tick window_ = 0;
    double probability_ = 0;
    Process proc_;
    double jitter_ms_ = 0;
    Tick margin_ = 0;
    double noise_rate_ = 0;
    bool silent_ = false;
    std::vector<std::vector<Tick>> pattern_;  // per pattern afferent: offsets in [0, window)
    std::vector<Afferent> afferents_;
};

}  // namespace

bool pattern_window(std::uint64_t seed, std::uint32_t population, double probability,
                    std::uint64_t window) {
    // P(w) = A(w) and not P(w - 1): along a run of windows that all have A, P alternates
    // starting with true right after a window without A (or before window 0).
    if (!window_draw(seed, population, probability, window)) return false;
    std::uint64_t run = 1;
    while (run <= window && window_draw(seed, population, probability, window - run)) ++run;
    return run % 2 == 1;
}

ModelInfo model_info() {
    ModelInfo m;
    m.type = "embedded_pattern";
    m.kind = ModelKind::source;
    m.summary =
        "a frozen spike pattern pasted into random windows of equally dense background "
        "(Masquelier et al. 2008)";
    m.integrator =
        "background: Bernoulli draws on the rate_step grid with a bounded random walk of the "
        "rate's slope; pattern windows from a counter-based stream keyed by window index";
    m.params = {
        {"pattern_fraction", Dim::dimensionless, 0.5,
         "fraction of afferents in the pattern: elements 0 .. round(fraction * size) - 1",
         Check::probability},
        {"pattern_duration", Dim::time, 50,
         "pattern length, also the window length (a multiple of rate_step)", Check::positive},
        {"p_pattern",
         Dim::dimensionless,
         1.0 / 3.0,
         "probability that a window holds the pattern when the one before does not "
         "(time fraction p / (1 + p))",
         Check::probability,
         ParamKind::number,
         {},
         "1/3"},
        {"rate_min", Dim::frequency, 0, "lowest background rate", Check::nonnegative},
        {"rate_max", Dim::frequency, 90, "highest background rate", Check::nonnegative},
        {"rate_change_time", Dim::time, 50,
         "the rate's slope is bounded by rate_max / rate_change_time", Check::positive},
        {"rate_step", Dim::time, 1, "grid step of the background draws and of the rate walk",
         Check::positive},
        {"max_silence", Dim::time, 50, "longest gap between two background spikes",
         Check::positive},
        {"jitter", Dim::time, 1, "SD of the jitter of each pattern spike", Check::nonnegative},
        {"noise_rate", Dim::frequency, 10, "independent Poisson noise on every afferent",
         Check::nonnegative},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        return std::make_unique<EmbeddedPatternPopulation>(args);
    };
    return m;
}

}  // namespace memsnn::embedded_pattern
