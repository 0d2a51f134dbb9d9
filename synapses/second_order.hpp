// SPDX-License-Identifier: MIT
// second_order — second-order memristor: a non-volatile state w (first order) whose change is
// gated by a volatile excess temperature (second order). A single weak pulse barely moves w; a
// second pulse soon after finds the device still warm and moves it much more, so the timing of
// pulses is encoded without overlapping waveforms.
//
// Each segment of nonzero voltage V and duration t_p is a pulse k, starting at t_k:
//   residual heat   T_res = sum_{j<k} dT_p,j e^{-(t_k - t_j)/tau_T}   (one number, decayed lazily)
//   heating         dT_p = dT_ref (V / V_ref)^2                       (Joule heating V^2 G at a
//                   fixed G: the dependence on G is neglected, so the enhancement of a pulse pair
//                   depends on the gap only)
//   peak temperature T_k = T_0 + dT_p + T_res
//   state change    dw_k = sgn(V) A exp(-E_a / (k_B T_k)) t_p, clipped to [0, 1]
//   then T_res += dT_p; the heat of a pulse is counted from its start, so t_k - t_j is the
//   start-to-start gap.
// Within a pulse w moves linearly at the rate sgn(V) A exp(-E_a / (k_B T_k)) until it reaches a
// bound, so the charge q = V int G dt is exact (trapezoid, then constant). G = G_min + (G_max -
// G_min) w, I = G V. Zero-bias segments only cool the device.
//
// A second identical pulse after a gap dt is enhanced, relative to an isolated pulse, by
//   exp(-E_a / k_B (T_0 + dT_p + dT_p e^{-dt/tau_T})) / exp(-E_a / k_B (T_0 + dT_p)):
// with the defaults ~280x at 0.1 us, ~3.4x at 1 us, ~1.0005x at 5 us.
//
// Parameters (name, default, unit, meaning):
//   G_min     1 uS     conductance at w = 0          G_max   100 uS   conductance at w = 1
//   tau_T   500 ns     thermal time constant         T_0     300 K    ambient temperature
//   dT_p    300 K      temperature rise of a pulse of amplitude V_ref
//   V_ref     1 V      reference amplitude of dT_p
//   E_a     1.0 eV     activation energy of ion migration
//   A    2.5e12 1/s    rate prefactor; calibrated so that an isolated 1 V, 100 ns pulse moves w
//                      by 9.96e-4 (<= 0.1 % of the range)
// Init: w (default 0). Variables: G [uS], w, T [K] (T_0 + residual heat).
// k_B = 1.380649e-8 fJ/K (internal energy unit fJ; 1 eV = 1.602176634e-4 fJ).
//
// Reference: Kim S. et al. (2015) Nano Lett. 15, 2203 (second-order memristor: residual heat
// with a ~500 ns decay gates the drift of a Ta2O5-x device; non-overlap STDP and SRDP).
#pragma once

#include "engine/model.hpp"

namespace memsnn::second_order {

inline constexpr double kBoltzmann = 1.380649e-8;  // fJ / K

struct Params {
    double G_min = 1;             // uS
    double G_max = 100;           // uS
    double tau_T = 5e-4;          // ms
    double T_0 = 300;             // K
    double dT_p = 300;            // K, at V_ref
    double V_ref = 1000;          // mV
    double E_a = 1.602176634e-4;  // fJ (1 eV)
    double A = 2.5e12;            // Hz (1/s)
};

struct State {
    double w = 0;
    double T_res = 0;  // K, residual excess temperature at the last event
};

double conductance(const Params& p, const State& s);
// Temperature rise of a pulse of amplitude V [mV].
double heating(const Params& p, double V);
// Peak temperature [K] of a pulse of amplitude V starting now.
double peak_temperature(const Params& p, const State& s, double V);
// Zero bias for dt [ms]: the residual heat decays.
void relax(const Params& p, State& s, double dt);
// A pulse of V [mV] for dt [ms]; returns the charge [pC].
double drive(const Params& p, State& s, double V, double dt);

ModelInfo model_info();

}  // namespace memsnn::second_order
