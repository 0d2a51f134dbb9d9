// SPDX-License-Identifier: MIT
// Synapse circuits: how a memristive device sits between a presynaptic and a postsynaptic
// neuron. At every presynaptic spike the circuit reads its device(s) and returns the weight the
// spike delivers:
//
//   weight = sign * gain * I_read                    (targets with delta or exp_current input)
//   weight = sign * gain * I_read / V_read           (targets with exp_conductance input)
//
// where I_read is the read current at the circuit's read voltage V_read (with the device's read
// noise). For delta targets gain is a transimpedance [mV/nA = MOhm]; for current targets it is
// a plain factor; for conductance targets it scales the read conductance.
//
//   two_terminal  the device between the presynaptic and the postsynaptic line. A spike is read
//                 on arrival, then drives `pre_waveform` (if any) on the presynaptic line; a
//                 learning rule's postsynaptic waveform drives the other line. The device sees
//                 the difference V_pre(t) - V_post(t), integrated exactly over the merged
//                 segments of both waveforms, so overlapping waveforms give overlap STDP
//                 (Zamarreno-Ramos et al. 2011; Yu et al. 2011). A new spike on a line replaces
//                 what remains of the previous waveform on that line. The device is programmed
//                 lazily, one stretch per event at either terminal; recorded device variables
//                 include waveforms that have ended, while a waveform still running shows up at
//                 the next event or at the end of the run.
//   1t1r          one transistor, one resistor: the presynaptic spike drives the gate, opening
//                 the cell for `gate_width`; the read current is limited by the transistor's
//                 compliance I_C, which is also the set compliance of a device that has one
//                 (rram's I_C, unless the device sets its own); a postsynaptic waveform on the
//                 top electrode reaches the device only while the gate is open, including the
//                 remainder of a waveform that was already running when a later spike opens it.
//   1s1r          a volatile selector (e.g. `diffusive`) in series with a non-volatile device:
//                 every waveform divides between the two in proportion to their resistances,
//                 recomputed on `substeps` sub-steps per segment; the read current is the series
//                 current.
//
// Energy: every programming waveform and read (V_read * I * read_time) is booked on the device
// that saw it; a projection's total is written to the output file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/device.hpp"
#include "engine/synapse_circuit.hpp"

namespace memsnn::circuit {

enum class Kind { two_terminal, one_t_one_r, one_s_one_r };

struct Spec {
    Kind kind = Kind::two_terminal;
    double V_read = 100;                // mV
    Tick read_time = 0;                 // ticks; 0 books no read energy
    double gain = 1;                    // see above
    bool conductance_output = false;    // target takes conductances: weight from I_read / V_read
    double sign = 1;                    // +1 excitatory, -1 inhibitory
    std::vector<Segment> pre_waveform;  // two_terminal, 1s1r
    Tick gate_width = 0;                // 1t1r
    double I_C = 0;                     // nA, 1t1r transistor compliance (0: none)
    std::size_t substeps = 16;          // 1s1r
};

// The voltage across a two-terminal device over [from, to): pre - post, where each waveform
// starts at its tick (kNever: none) and is zero outside itself. Segments merge equal voltages;
// empty when the voltage is zero throughout.
std::vector<Segment> superpose(std::span<const Segment> pre, Tick pre_start,
                               std::span<const Segment> post, Tick post_start, Tick from, Tick to);
// The same into `out` (cleared first), which keeps its capacity from call to call.
void superpose_into(std::span<const Segment> pre, Tick pre_start, std::span<const Segment> post,
                    Tick post_start, Tick from, Tick to, std::vector<Segment>& out);

// The circuit type names, as scenarios write them.
const std::vector<std::string>& kind_names();

// Builds a circuit over `device` (and `selector` for 1s1r; null otherwise).
std::unique_ptr<SynapseCircuit> make(const Spec& spec, std::unique_ptr<Device> device,
                                     std::unique_ptr<Device> selector);

}  // namespace memsnn::circuit
