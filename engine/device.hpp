// SPDX-License-Identifier: MIT
// A device array: the memristive devices of one projection (one device per synapse) or of a
// pulse-protocol run. The engine and the learning rules talk to devices through this interface
// only; the models live in synapses/.
//
// Units are memsnn's internal ones: voltage mV, time ms (events in ticks), conductance uS,
// current nA, charge pC, energy fJ (mV * nA * ms = 1 fJ).
//
// A device changes only when something happens to it:
//   apply     — a voltage waveform (piecewise-constant segments) across device k from tick t;
//               the device first relaxes lazily from its last event to t (closed form), then
//               evolves under each segment, and returns what a device researcher asks for:
//               conductance before and after, the charge and energy the waveform cost.
//   read      — the current at a read voltage at tick t (relaxes lazily; read noise applies).
//   sample    — a variable at tick t without changing anything (for recording).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/model.hpp"
#include "engine/time.hpp"

namespace memsnn {

// One piece of a waveform: `voltage` [mV] across the device for `duration` ticks.
struct Segment {
    Tick duration = 0;
    double voltage = 0;
};

struct PulseResult {
    double G_before = 0;   // uS, small-signal conductance just before the waveform
    double G_after = 0;    // uS, just after
    double charge = 0;     // pC, integral of I dt over the waveform
    double energy = 0;     // fJ, integral of V I dt over the waveform
    bool changed = false;  // whether the non-volatile state moved
};

class Device {
  public:
    virtual ~Device() = default;

    virtual std::size_t size() const = 0;

    virtual PulseResult apply(std::size_t k, Tick t, std::span<const Segment> waveform) = 0;

    // The same waveform in pieces, for circuits that recompute the voltage across the device
    // while it runs (a selector in series): begin at t, evolve under any number of segments
    // (physics only, back to back), end. Non-idealities act once, at the end, on the change
    // of the whole waveform. apply() is begin + segments + end.
    virtual void begin_program(std::size_t k, Tick t) = 0;
    virtual void program_segment(std::size_t k, const Segment& segment) = 0;
    virtual PulseResult end_program(std::size_t k) = 0;

    // Current [nA] through device k at read voltage V [mV] at tick t; adds the read energy
    // V * I * read_time to the device's energy account when read_time > 0.
    virtual double read(std::size_t k, Tick t, double V, Tick read_time = 0) = 0;

    // Small-signal conductance [uS] at tick t, without noise and without changing the state.
    virtual double conductance(std::size_t k, Tick t) const = 0;

    // Recordable variables (the first is always G) and their values at tick t.
    virtual const std::vector<VariableSpec>& variables() const = 0;
    virtual double sample(std::size_t k, std::size_t variable, Tick t) const = 0;

    // Energy [fJ] spent on device k so far: programming waveforms and reads.
    virtual double energy(std::size_t k) const = 0;
    // Books energy [fJ] spent on device k by a circuit outside read() and apply().
    virtual void add_energy(std::size_t k, double fJ) = 0;
};

}  // namespace memsnn
