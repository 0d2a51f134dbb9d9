// SPDX-License-Identifier: MIT
// DeviceArray<M>: the engine-facing Device built from a model's pure functions. It owns the
// per-device parameters, states, last-event times, random streams and energy accounts, applies
// lazy relaxation before anything happens to a device, and wraps each programming waveform in
// the shared non-idealities (synapses/nonideal.hpp).
//
// A model M provides (all pure, internal units):
//   struct Params; struct State;
//   static std::vector<ParamSpec> param_specs();        // model parameters
//   static std::vector<ParamSpec> init_specs();         // settable initial state
//   static std::vector<VariableSpec> variable_specs();  // recordable; the first is "G"
//   static Params read(const ParamTable&, std::size_t i);
//   static void validate(const Params&, const ParamTable&);   // throws ConfigError
//   static State initial(const Params&, const ParamTable& init, std::size_t i);
//   static void relax(const Params&, State&, double dt);       // zero bias for dt ms
//                                             (optional: absent means non-volatile)
//   static double drive(const Params&, State&, double V, double dt);  // V mV for dt ms; returns
//                                                              // the charge [pC] that flowed
//   static double conductance(const Params&, const State&);   // small-signal G [uS]
//   static double current(const Params&, const State&, double V);     // I [nA] at V [mV]
//                                             (optional: absent means ohmic, I = G V)
//   static double& level(State&);                 // the normalised non-volatile state x in [0,1]
//   static double variable(const Params&, const State&, std::size_t v);
// Models whose physics is stochastic take the device's random stream instead (either or both):
//   static State initial(const Params&, const ParamTable& init, std::size_t i, RandomStream&);
//   static double drive(const Params&, State&, double V, double dt, RandomStream&);
#pragma once

#include <memory>
#include <string>

#include "engine/device.hpp"
#include "engine/rng.hpp"
#include "synapses/nonideal.hpp"

namespace memsnn {

template <class M>
class DeviceArray final : public Device {
  public:
    explicit DeviceArray(const PopulationArgs& args) : variables_(M::variable_specs()) {
        const ParamTable& t = *args.params;
        params_.reserve(args.size);
        for (std::size_t i = 0; i < args.size; ++i) {
            params_.push_back(M::read(t, i));
            M::validate(params_.back(), t);
            nonideal_.push_back(nonideal::read(t, i));
            nonideal::validate(nonideal_.back(), t);
            streams_.emplace_back(args.seed, StreamDomain::device,
                                  (static_cast<std::uint64_t>(args.id) << 32) | i);
            State s = initial(params_.back(), *args.init, i, streams_.back());
            stuck_.push_back(nonideal::draw_stuck(nonideal_.back(), streams_.back()));
            if (stuck_.back() != nonideal::Stuck::no)
                M::level(s) = stuck_.back() == nonideal::Stuck::on ? 1.0 : 0.0;
            M::level(s) = nonideal::quantize(nonideal_.back().levels, M::level(s));
            states_.push_back(s);
        }
        last_.assign(args.size, 0);
        pending_.resize(args.size);
        energy_.assign(args.size, 0.0);
    }

    std::size_t size() const override { return states_.size(); }

    PulseResult apply(std::size_t k, Tick t, std::span<const Segment> waveform) override {
        begin_program(k, t);
        for (const Segment& seg : waveform) program_segment(k, seg);
        return end_program(k);
    }

    void begin_program(std::size_t k, Tick t) override {
        const State& s = relaxed(k, t);
        Pending& w = pending_[k];
        w = Pending{};
        w.result.G_before = M::conductance(params_[k], s);
        w.x0 = M::level(states_[k]);
    }

    void program_segment(std::size_t k, const Segment& seg) override {
        const typename M::Params& p = params_[k];
        State& s = states_[k];
        const double dt = ticks_to_ms(seg.duration);
        const double q =
            seg.voltage == 0 ? (relax(p, s, dt), 0.0) : drive(p, s, seg.voltage, dt, streams_[k]);
        pending_[k].result.charge += q;
        pending_[k].result.energy += seg.voltage * q;  // mV * pC = fJ
        last_[k] += seg.duration;
    }

    PulseResult end_program(std::size_t k) override {
        State& s = states_[k];
        PulseResult r = pending_[k].result;
        const double x0 = pending_[k].x0;
        double& x = M::level(s);
        x = stuck_[k] != nonideal::Stuck::no ? x0
                                             : nonideal::program(nonideal_[k], x0, x, streams_[k]);
        r.changed = x != x0;
        r.G_after = M::conductance(params_[k], s);
        energy_[k] += r.energy;
        return r;
    }

    double read(std::size_t k, Tick t, double V, Tick read_time) override {
        const State& s = relaxed(k, t);
        const double I = nonideal::read_noise(nonideal_[k], current(params_[k], s, V), streams_[k]);
        energy_[k] += V * I * ticks_to_ms(read_time);
        return I;
    }

    double conductance(std::size_t k, Tick t) const override {
        return M::conductance(params_[k], peek(k, t));
    }

    const std::vector<VariableSpec>& variables() const override { return variables_; }

    double sample(std::size_t k, std::size_t variable, Tick t) const override {
        return M::variable(params_[k], peek(k, t), variable);
    }

    double energy(std::size_t k) const override { return energy_[k]; }
    void add_energy(std::size_t k, double fJ) override { energy_[k] += fJ; }

  private:
    using State = typename M::State;

    // A programming waveform in progress: the state it started from and what it cost so far.
    struct Pending {
        double x0 = 0;
        PulseResult result;
    };

    static State initial(const typename M::Params& p, const ParamTable& init, std::size_t i,
                         RandomStream& rng) {
        if constexpr (requires { M::initial(p, init, i, rng); })
            return M::initial(p, init, i, rng);
        else
            return M::initial(p, init, i);
    }

    static void relax(const typename M::Params& p, State& s, double dt) {
        if constexpr (requires { M::relax(p, s, dt); }) M::relax(p, s, dt);
    }

    static double current(const typename M::Params& p, const State& s, double V) {
        if constexpr (requires { M::current(p, s, V); })
            return M::current(p, s, V);
        else
            return M::conductance(p, s) * V;  // ohmic: uS * mV = nA
    }

    static double drive(const typename M::Params& p, State& s, double V, double dt,
                        RandomStream& rng) {
        if constexpr (requires { M::drive(p, s, V, dt, rng); })
            return M::drive(p, s, V, dt, rng);
        else
            return M::drive(p, s, V, dt);
    }

    State& relaxed(std::size_t k, Tick t) {
        if (t > last_[k]) {
            relax(params_[k], states_[k], ticks_to_ms(t - last_[k]));
            last_[k] = t;
        }
        return states_[k];
    }

    State peek(std::size_t k, Tick t) const {
        State s = states_[k];
        if (t > last_[k]) relax(params_[k], s, ticks_to_ms(t - last_[k]));
        return s;
    }

    std::vector<typename M::Params> params_;
    std::vector<State> states_;
    std::vector<nonideal::Params> nonideal_;
    std::vector<nonideal::Stuck> stuck_;
    std::vector<RandomStream> streams_;
    std::vector<Tick> last_;
    std::vector<Pending> pending_;
    std::vector<double> energy_;
    std::vector<VariableSpec> variables_;
};

// The registry entry of a device model: its specs plus the shared non-ideality parameters.
template <class M>
ModelInfo device_model_info(std::string type, std::string summary, std::string integrator) {
    ModelInfo m;
    m.type = std::move(type);
    m.kind = ModelKind::device;
    m.summary = std::move(summary);
    m.integrator = std::move(integrator);
    m.params = M::param_specs();
    for (auto& p : nonideal::param_specs()) m.params.push_back(p);
    m.init = M::init_specs();
    m.variables = M::variable_specs();
    m.make_device = [](const PopulationArgs& args) -> std::unique_ptr<Device> {
        return std::make_unique<DeviceArray<M>>(args);
    };
    return m;
}

}  // namespace memsnn
