// SPDX-License-Identifier: MIT
// A population: `size` elements of one model (neurons or spike sources), its state stored per
// model (structure of arrays or a vector of per-element structs). The engine drives it through
// this interface only:
//
//   deliver / add_current  — an input at time t; the element advances lazily to t first
//   deliver_batch          — one spike's arrivals on many elements: deliver then predict for
//                            each in turn (models override it to run the loop without virtual
//                            calls and to prefetch the next targets' state)
//   predict                — the next time >= now at which the element will emit, or kNever;
//                            called after every change, the engine cancels older predictions
//   fire                   — the predicted time t has come: emit (reset, refractoriness, draw the
//                            next source spike) and return true, or return false when the
//                            prediction was only a wake-up. Models integrated on a time grid
//                            (Hodgkin–Huxley, Izhikevich) look ahead a bounded horizon in
//                            predict; when no spike lies within it they ask to be woken at its
//                            end, advance there in fire and return false, so a neuron that
//                            receives no input still spikes on time
//   sample                 — the value of a variable at t, without changing the state, so
//                            recording never perturbs a run
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model.hpp"
#include "engine/recorder.hpp"
#include "engine/time.hpp"

namespace memsnn {

class Population {
  public:
    Population(std::string name, std::size_t size) : name_(std::move(name)), size_(size) {}
    virtual ~Population() = default;
    Population(const Population&) = delete;
    Population& operator=(const Population&) = delete;

    const std::string& name() const { return name_; }
    std::size_t size() const { return size_; }

    // The dimension a synaptic weight onto this population must have (mV for voltage jumps, nA
    // for current synapses, uS for conductances); std::nullopt when it takes no synaptic input.
    virtual std::optional<Dim> weight_dim() const { return std::nullopt; }
    virtual bool accepts_current() const { return false; }

    virtual void deliver(std::size_t /*i*/, Tick /*t*/, double /*weight*/) {}
    virtual void add_current(std::size_t /*i*/, Tick /*t*/, double /*delta_nA*/) {}
    virtual Tick predict(std::size_t i, Tick now) = 0;
    // For k < n in order: deliver(targets[k], t, weights[k * weight_stride]), then
    // next[k] = predict(targets[k], t). Targets may repeat.
    virtual void deliver_batch(const std::uint32_t* targets, std::size_t n, const double* weights,
                               std::size_t weight_stride, Tick t, Tick* next) {
        for (std::size_t k = 0; k < n; ++k) {
            deliver(targets[k], t, weights[k * weight_stride]);
            next[k] = predict(targets[k], t);
        }
    }
    virtual bool fire(std::size_t i, Tick t) = 0;

    virtual const std::vector<VariableSpec>& variables() const = 0;
    virtual double sample(std::size_t i, std::size_t variable, Tick t) const = 0;

    // What the population's input schedule is over [0, duration): input encoders report their
    // presentation times, image rows, labels or pattern onsets, computed from the seed without
    // touching the state; the output file stores them under /memsnn/populations/<name>.
    virtual std::vector<InfoColumn> schedule(Tick /*duration*/) const { return {}; }

  private:
    std::string name_;
    std::size_t size_;
};

}  // namespace memsnn
