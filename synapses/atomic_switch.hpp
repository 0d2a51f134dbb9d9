// SPDX-License-Identifier: MIT
// atomic_switch — Ag2S gap-type atomic switch: pulses grow an Ag atomic bridge across a vacuum
// gap. Sparse pulses give short-term plasticity (the bridge dissolves before the next pulse);
// frequent pulses complete a bridge of at least one atomic contact, which is then stable
// (long-term potentiation).
//
// The diffusive model (synapses/diffusive.hpp: s in [0, 1], G(s) = G_off + (G_on - G_off) s^beta,
// sinh drift under bias, exponential relaxation at zero bias, exact charge) plus stabilisation:
//
//   G(s) >= G_stable  ->  the bridge is stable: no relaxation at zero bias (tau_relax -> inf)
//   G(s) <  G_stable  ->  relaxes as the diffusive model, s(t) = s0 e^{-t/tau_relax}
//
// Stability is a property of the state, not a flag: a negative pulse that drives G back below
// G_stable makes the bridge volatile again. The default G_stable is the conductance quantum
// G_0 = 2 e^2 / h = 77.48 uS, the conductance of a single-atom contact.
//
// Parameters: those of diffusive (G_off 1 nS, G_on 100 uS, V_0 0.1 V, k_d 1e6 1/s, k_r 1e6 1/s,
// tau_relax 1 ms, beta 4) and
//   G_stable  77.48 uS  conductance at and above which the bridge no longer relaxes
//                       (G_off < G_stable <= G_on)
// Init: s (default 0). Variables: G [uS], s, stable (1 when G >= G_stable, else 0).
//
// Reference: Ohno T. et al. (2011) Nat. Mater. 10, 591 (STP and LTP in a single Ag2S atomic
// switch, LTP at the quantised conductance 2e^2/h).
#pragma once

#include "engine/model.hpp"
#include "synapses/diffusive.hpp"

namespace memsnn::atomic_switch {

inline constexpr double kConductanceQuantum = 77.480917298636;  // uS, 2 e^2 / h (SI exact e, h)

struct Params {
    diffusive::Params diffusive;
    double G_stable = kConductanceQuantum;  // uS
};

using State = diffusive::State;

// Whether the bridge is stable (no relaxation).
bool stable(const Params& p, const State& s);
void relax(const Params& p, State& s, double dt);
// Drives the state with V [mV] for dt [ms]; returns the charge [pC].
double drive(const Params& p, State& s, double V, double dt);

ModelInfo model_info();

}  // namespace memsnn::atomic_switch
