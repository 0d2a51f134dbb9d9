// SPDX-License-Identifier: MIT
#include "synapses/circuit.hpp"

#include <algorithm>
#include <cmath>

namespace memsnn::circuit {

namespace {

Tick duration_of(std::span<const Segment> w) {
    Tick d = 0;
    for (const auto& s : w) d += s.duration;
    return d;
}

}  // namespace

std::vector<Segment> superpose(std::span<const Segment> pre, Tick pre_start,
                               std::span<const Segment> post, Tick post_start, Tick from, Tick to) {
    std::vector<Segment> out;
    superpose_into(pre, pre_start, post, post_start, from, to, out);
    return out;
}

void superpose_into(std::span<const Segment> pre, Tick pre_start, std::span<const Segment> post,
                    Tick post_start, Tick from, Tick to, std::vector<Segment>& out) {
    // Breakpoints of both waveforms inside (from, to), merged; the voltage is constant between.
    // The buffer is the thread's own (circuits are called from every partition's thread) and
    // keeps its capacity, so a call allocates nothing once warm.
    thread_local std::vector<Tick> cuts;
    cuts.assign({from, to});
    auto add_cuts = [&](std::span<const Segment> w, Tick start) {
        if (start == kNever) return;
        Tick at = start;
        if (at > from && at < to) cuts.push_back(at);
        for (const auto& seg : w) {
            at += seg.duration;
            if (at > from && at < to) cuts.push_back(at);
        }
    };
    add_cuts(pre, pre_start);
    add_cuts(post, post_start);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    auto value_at = [](std::span<const Segment> w, Tick start, Tick t) {
        if (start == kNever || t < start) return 0.0;
        Tick at = start;
        for (const auto& seg : w) {
            if (t < at + seg.duration) return seg.voltage;
            at += seg.duration;
        }
        return 0.0;
    };
    out.clear();
    bool any = false;
    for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
        const double V = value_at(pre, pre_start, cuts[c]) - value_at(post, post_start, cuts[c]);
        any = any || V != 0;
        const Tick d = cuts[c + 1] - cuts[c];
        if (!out.empty() && out.back().voltage == V)
            out.back().duration += d;
        else
            out.push_back({d, V});
    }
    if (!any) out.clear();
}

namespace {

// What the circuits share: the device, the read-out and the recordable variables.
class Base : public SynapseCircuit {
  public:
    Base(const Spec& spec, std::unique_ptr<Device> device)
        : spec_(spec), device_(std::move(device)) {
        variables_ = device_->variables();
        variables_.push_back({"energy", Dim::energy, "energy spent by the synapse's device(s)"});
    }

    const std::vector<VariableSpec>& variables() const override { return variables_; }

    double sample(std::size_t k, std::size_t variable, Tick t) const override {
        if (variable + 1 == variables_.size()) return device_energy(k);
        return device_->sample(k, variable, t);
    }

    double energy() const override {
        double sum = 0;
        for (std::size_t k = 0; k < device_->size(); ++k) sum += device_energy(k);
        return sum;
    }

  protected:
    virtual double device_energy(std::size_t k) const { return device_->energy(k); }

    double weight(double I) const {
        const double w = spec_.conductance_output ? I / spec_.V_read : I;
        return spec_.sign * spec_.gain * w;
    }

    Spec spec_;
    std::unique_ptr<Device> device_;
    std::vector<VariableSpec> variables_;
};

class TwoTerminal final : public Base {
  public:
    TwoTerminal(const Spec& spec, std::unique_ptr<Device> device)
        : Base(spec, std::move(device)), lines_(device_->size()) {}

    double on_pre(std::size_t k, Tick t) override {
        commit(k, t);
        const double I = device_->read(k, t, spec_.V_read, spec_.read_time);
        if (!spec_.pre_waveform.empty()) {
            Lines& l = lines_[k];
            l.pre_start = t;
            l.pre.clear();
            l.own_pre = false;
        }
        return weight(I);
    }

    void on_pre_line(std::size_t k, Tick t, std::span<const Segment> waveform) override {
        commit(k, t);
        Lines& l = lines_[k];
        l.pre.assign(waveform.begin(), waveform.end());
        l.own_pre = true;
        l.pre_start = t;
    }

    void on_post(std::size_t k, Tick t, std::span<const Segment> waveform) override {
        commit(k, t);
        Lines& l = lines_[k];
        l.post.assign(waveform.begin(), waveform.end());
        l.post_start = t;
    }

    double sample(std::size_t k, std::size_t variable, Tick t) const override {
        settle(k, t);
        return Base::sample(k, variable, t);
    }

    double energy() const override {
        for (std::size_t k = 0; k < lines_.size(); ++k) settle(k, kNever - 1);
        return Base::energy();
    }

    void finish(Tick t) override {
        for (std::size_t k = 0; k < lines_.size(); ++k) commit(k, t);
    }

  private:
    // What drives synapse k's two lines: the last waveform started on each (a new spike on a
    // line replaces what remains of the previous waveform there), and how far the device has
    // seen their difference.
    struct Lines {
        Tick pre_start = kNever;
        Tick post_start = kNever;
        Tick committed = 0;
        bool own_pre = false;      // pre holds a rule's waveform, else the line runs pre_waveform
        std::vector<Segment> pre;  // see own_pre
        std::vector<Segment> post;
    };

    std::span<const Segment> pre_of(const Lines& l) const {
        return l.own_pre ? std::span<const Segment>(l.pre) : spec_.pre_waveform;
    }

    Tick end_of_waveforms(const Lines& l) const {
        Tick end = 0;
        if (l.pre_start != kNever) end = l.pre_start + duration_of(pre_of(l));
        if (l.post_start != kNever) end = std::max(end, l.post_start + duration_of(l.post));
        return end;
    }

    // The device sees pre - post up to `to` (> committed): one programming call per stretch.
    void apply_until(std::size_t k, Tick to) const {
        Lines& l = lines_[k];
        if (to <= l.committed) return;
        thread_local std::vector<Segment> v;
        superpose_into(pre_of(l), l.pre_start, l.post, l.post_start, l.committed, to, v);
        if (!v.empty()) device_->apply(k, l.committed, v);
        l.committed = to;
    }

    // An event at t: everything before t is final, since nothing can start before t any more.
    void commit(std::size_t k, Tick t) const {
        const Tick end = end_of_waveforms(lines_[k]);
        apply_until(k, std::min(end, t));
        lines_[k].committed = std::max(lines_[k].committed, t);
    }

    // Recording at t: waveforms that have ended by t are applied, in the same stretch the next
    // event would apply them, so recording never changes a run. A waveform still running at t
    // shows up once the next event (or the end of the run) commits it.
    void settle(std::size_t k, Tick t) const {
        const Tick end = end_of_waveforms(lines_[k]);
        if (end <= t) apply_until(k, end);
    }

    mutable std::vector<Lines> lines_;
};

// The part of `waveform` (starting at `start`) inside [from, to), as segments from `from`.
std::vector<Segment> slice(std::span<const Segment> waveform, Tick start, Tick from, Tick to) {
    std::vector<Segment> out;
    Tick at = start;
    for (const auto& s : waveform) {
        const Tick a = std::max(at, from);
        const Tick b = std::min(at + s.duration, to);
        if (b > a) out.push_back({b - a, s.voltage});
        at += s.duration;
    }
    return out;
}

class OneTransistorOneResistor final : public Base {
  public:
    OneTransistorOneResistor(const Spec& spec, std::unique_ptr<Device> device)
        : Base(spec, std::move(device)),
          gate_until_(device_->size(), -1),
          feedback_(device_->size()) {}

    double on_pre(std::size_t k, Tick t) override {
        gate_until_[k] = t + spec_.gate_width;
        // A feedback waveform that started before the gate opened reaches the device for the
        // part that is still running while the gate is open.
        Feedback& f = feedback_[k];
        const Tick from = std::max(t, f.applied_until);
        const Tick to = std::min(f.end, gate_until_[k]);
        if (to > from) {
            device_->apply(k, from, slice(f.waveform, f.start, from, to));
            f.applied_until = to;
        }
        // The transistor limits the current, so the read energy is booked on the limited one.
        double I = device_->read(k, t, spec_.V_read);
        if (spec_.I_C > 0) I = std::clamp(I, -spec_.I_C, spec_.I_C);
        device_->add_energy(k, spec_.V_read * I * ticks_to_ms(spec_.read_time));
        return weight(I);
    }

    void on_post(std::size_t k, Tick t, std::span<const Segment> waveform) override {
        // The top electrode carries the feedback; the device sees it only while the gate is
        // open. It is remembered, so a gate that opens later still catches its remainder.
        Feedback& f = feedback_[k];
        f.start = t;
        f.end = t + duration_of(waveform);
        f.waveform.assign(waveform.begin(), waveform.end());
        f.applied_until = t;
        const Tick to = std::min(f.end, gate_until_[k]);
        if (to > t) {
            device_->apply(k, t, slice(waveform, t, t, to));
            f.applied_until = to;
        }
    }

  private:
    struct Feedback {
        Tick start = 0;
        Tick end = 0;
        Tick applied_until = 0;  // the device has seen (or missed, gate closed) all before this
        std::vector<Segment> waveform;
    };
    std::vector<Tick> gate_until_;
    std::vector<Feedback> feedback_;
};

class SelectorInSeries final : public Base {
  public:
    SelectorInSeries(const Spec& spec, std::unique_ptr<Device> device,
                     std::unique_ptr<Device> selector)
        : Base(spec, std::move(device)), selector_(std::move(selector)) {
        const auto& sel = selector_->variables();
        // Selector variables follow the device's, before "energy", prefixed "selector_".
        for (std::size_t v = 0; v < sel.size(); ++v)
            variables_.insert(variables_.end() - 1,
                              {"selector_" + sel[v].name, sel[v].dim, "selector " + sel[v].doc});
        n_device_vars_ = device_->variables().size();
    }

    double on_pre(std::size_t k, Tick t) override {
        if (!spec_.pre_waveform.empty()) {
            drive(k, t, spec_.pre_waveform);
            t += duration_of(spec_.pre_waveform);
        }
        // The read voltage divides like any other: each device is read at its share.
        const double Vm = spec_.V_read * device_share(k, t);
        selector_->read(k, t, spec_.V_read - Vm, spec_.read_time);
        return weight(device_->read(k, t, Vm, spec_.read_time));
    }

    void on_post(std::size_t k, Tick t, std::span<const Segment> waveform) override {
        std::vector<Segment> seen(waveform.begin(), waveform.end());
        for (auto& s : seen) s.voltage = -s.voltage;
        drive(k, t, seen);
    }

    double sample(std::size_t k, std::size_t variable, Tick t) const override {
        if (variable + 1 == variables_.size()) return device_energy(k);
        if (variable < n_device_vars_) return device_->sample(k, variable, t);
        return selector_->sample(k, variable - n_device_vars_, t);
    }

  private:
    double device_energy(std::size_t k) const override {
        return device_->energy(k) + selector_->energy(k);
    }

    // The part of a voltage across the pair that falls on the device (the rest on the
    // selector); two devices that both conduct nothing share it equally.
    double device_share(std::size_t k, Tick t) const {
        const double Gs = selector_->conductance(k, t);
        const double Gm = device_->conductance(k, t);
        return Gs + Gm > 0 ? Gs / (Gs + Gm) : 0.5;
    }

    // Voltage division, re-evaluated on sub-steps of every segment; each device's
    // non-idealities act once, on the change over the whole waveform.
    void drive(std::size_t k, Tick t, std::span<const Segment> waveform) {
        selector_->begin_program(k, t);
        device_->begin_program(k, t);
        for (const auto& s : waveform) {
            const auto n = static_cast<Tick>(std::max<std::size_t>(1, spec_.substeps));
            for (Tick i = 0; i < n; ++i) {
                const Tick h = s.duration / n + (i < s.duration % n ? 1 : 0);
                if (h == 0) continue;
                const double share = device_share(k, t);
                selector_->program_segment(k, {h, s.voltage * (1 - share)});
                device_->program_segment(k, {h, s.voltage * share});
                t += h;
            }
        }
        selector_->end_program(k);
        device_->end_program(k);
    }

    std::unique_ptr<Device> selector_;
    std::size_t n_device_vars_ = 0;
};

}  // namespace

const std::vector<std::string>& kind_names() {
    static const std::vector<std::string> names{"two_terminal", "1t1r", "1s1r"};
    return names;
}

std::unique_ptr<SynapseCircuit> make(const Spec& spec, std::unique_ptr<Device> device,
                                     std::unique_ptr<Device> selector) {
    switch (spec.kind) {
        case Kind::two_terminal:
            return std::make_unique<TwoTerminal>(spec, std::move(device));
        case Kind::one_t_one_r:
            return std::make_unique<OneTransistorOneResistor>(spec, std::move(device));
        case Kind::one_s_one_r:
            return std::make_unique<SelectorInSeries>(spec, std::move(device), std::move(selector));
    }
    return nullptr;
}

}  // namespace memsnn::circuit
