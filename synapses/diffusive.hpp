// SPDX-License-Identifier: MIT
// diffusive — the diffusive (volatile) Ag memristor: under bias Ag drifts into the oxide and
// completes a filament; at zero bias the filament dissolves by diffusion, so the device forgets.
//
//   s in [0, 1]  filament completeness,   G(s) = G_off + (G_on - G_off) s^beta,   I = G V
//   V > 0:  ds/dt =  k_d sinh(V/V_0) (1 - s)    ->  s(t) = 1 - (1 - s0) e^{-r t}
//   V < 0:  ds/dt = -k_r sinh(|V|/V_0) s        ->  s(t) = s0 e^{-r t}
//   V = 0:  ds/dt = -s / tau_relax              ->  s(t) = s0 e^{-t/tau_relax}  (applied lazily)
// with r = k_d sinh(V/V_0) or k_r sinh(|V|/V_0). beta >= 1 makes the turn-on abrupt.
//
// Charge of a segment of duration T: q = V int_0^T G(s(t)) dt, in closed form (beta is an
// integer):
//   V < 0:  int s^beta dt = s0^beta (1 - e^{-beta r T}) / (beta r)
//   V > 0:  ds = r (1 - s) dt, so int s^beta dt = (1/r) int_{s0}^{s1} s^beta / (1 - s) ds
//             = (1/r) sum_{m > beta} (s1^m - s0^m) / m          when s1 <= 3/4
//             = T - (1/r) sum_{m = 1..beta} (s1^m - s0^m) / m    when s1 > 3/4
//           (the first form converges geometrically and has no cancellation at small s; the
//           second has at most a (4/3)^beta cancellation). s1^m - s0^m = (s1 - s0) D_m with
//           D_1 = 1, D_{m+1} = s1 D_m + s0^m (all terms positive) and s1 - s0 = (1 - s0)(1 -
//           e^{-r T}) from expm1, so short segments keep full relative accuracy (~1e-14).
//
// Parameters (name, default, unit, meaning):
//   G_off      1 nS    conductance of the dissolved filament (s = 0)
//   G_on     100 uS    conductance of the complete filament (s = 1)
//   V_0      0.1 V     voltage scale of the field-driven drift (sinh law)
//   k_d    1e6 1/s     drift (formation) rate prefactor, V > 0
//   k_r    1e6 1/s     reverse-drift (rupture) rate prefactor, V < 0
//   tau_relax  1 ms    relaxation (diffusion) time constant at zero bias
//   beta       4       exponent of G(s); an integer from 1 to 16
// Init: s (default 0). Variables: G [uS], s.
//
// References: Wang Z. et al. (2017) Nat. Mater. 16, 101 (Ag drift under bias, diffusion at zero
// bias); Wang W. et al. (2018) IEDM (filament lifetime set by surface diffusion). The structure
// (s, sinh drift, exponential relaxation) is a compact behavioural model, not the Langevin model
// of those papers.
#pragma once

#include <vector>

#include "engine/model.hpp"
#include "engine/units.hpp"

namespace memsnn::diffusive {

struct Params {
    double G_off = 1e-3;   // uS
    double G_on = 100;     // uS
    double V_0 = 100;      // mV
    double k_d = 1e6;      // Hz (1/s)
    double k_r = 1e6;      // Hz (1/s)
    double tau_relax = 1;  // ms
    double beta = 4;       // integer
};

struct State {
    double s = 0;
};

// The model's parameter rows, reading and cross-checks (reused by atomic_switch).
std::vector<ParamSpec> param_specs();
std::vector<ParamSpec> init_specs();
std::vector<VariableSpec> variable_specs();
Params read(const ParamTable& t, std::size_t i);
void validate(const Params& p, const ParamTable& t);  // throws ConfigError
State initial(const ParamTable& init, std::size_t i);

double conductance(const Params& p, const State& s);
// Zero bias for dt [ms]: s <- s e^{-dt/tau_relax}.
void relax(const Params& p, State& s, double dt);
// Drift rate r [1/ms] under V [mV] (k_d for V > 0, k_r for V < 0).
double rate(const Params& p, double V);
// int_0^T s(t)^beta dt [ms] of a segment under V != 0 starting at s0 (no state change).
double integral_s_beta(const Params& p, double s0, double V, double T);
// Drives the state with V [mV] for dt [ms]; returns the charge [pC].
double drive(const Params& p, State& s, double V, double dt);

ModelInfo model_info();

}  // namespace memsnn::diffusive
