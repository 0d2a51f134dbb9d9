// SPDX-License-Identifier: MIT
// izhikevich — Izhikevich's (2003) two-variable spiking neuron, stepped on the scenario's dt grid.
//
//   dv/dt = 0.04 v^2 + 5 v + 140 - u + J        du/dt = a (b v - u)
//   v >= V_peak  ->  spike, v <- c, u <- u + d   (V_peak is a cut-off at the spike's peak)
// v in mV, t in ms, u and the drive J in mV/ms. Inputs are currents in nA as for lif; C_m turns
// them into the paper's dimensionless I: J = (I_e + I_stim + I_syn_ex + I_syn_in) / C_m, and the
// default C_m = 1 nF makes "I_e": "10 nA" the paper's I = 10.
// Synaptic input (`input`):
//   delta        the weights w [mV] applied at a grid point are summed and enter J as w / dt for
//                the one step out of that point (Izhikevich's network code adds the summed
//                weights to I for one 1 ms step): with euler v ends that step w higher.
//   exp_current  w [nA] is added to I_syn_ex (w >= 0) or I_syn_in, which decay exactly over each
//                step (e^{-dt/tau_syn}); J uses their value at the step's start.
//
// Parameters (name, default, unit, meaning):
//   preset  "RS"   option  RS, IB, CH, FS, LTS, TC, RZ: sets a, b, c, d (Izhikevich 2003 Fig. 2);
//                          a, b, c or d given in the scenario override the preset's value
//   a  0.02 (RS)  1/ms   recovery rate       b  0.2 (RS)   1/ms   sensitivity of u to v
//   c  -65 mV (RS) mV    reset of v          d  8 (RS)     mV/ms  increment of u at a spike
//   V_peak  30 mV  spike cut-off (> c)     C_m  1 nF  converts nA to mV/ms
//   I_e 0 nA, tau_syn_ex 5 ms, tau_syn_in 10 ms (exp_current), lookahead 1 ms (speed only).
// State: V_m [mV] (init default -65 mV) and u [mV/ms] (init default b V_m), I_syn_ex, I_syn_in
// [nA] (exp_current); the drive I_stim [nA], the delta input pending for the next step, the grid
// index k. Recordable: V_m, u, I_syn_ex, I_syn_in.
//
// Integration (`integrator`), fixed step dt = the scenario's "dt" (use 0.01 ms for E-3):
//   euler                 v' = v + dt f(v, u),  u' = u + dt a (b v - u)  (both from the old v)
//   izhikevich_half_step  the published code: v1 = v + dt/2 f(v, u), v' = v1 + dt/2 f(v1, u),
//                         then u' = u + dt a (b v' - u) with the new v (dt = 1 ms is the paper's)
// with f(v, u) = 0.04 v^2 + 5 v + 140 - u + J evaluated left to right as in the paper's code.
// Grid convention: the state lives on grid points t_k = k dt. An input (spike, step-current
// change) arriving at time t is applied at grid point ceil(t / dt) — at t itself when t is on
// the grid — after the step into that point and before the step out of it; all inputs applied at
// one point are summed first. A spike is emitted at the grid time of the step at whose end
// v >= V_peak; the reset is applied then (after the inputs applied at that point, which only act
// on the next step). Brian2 stamps the same spike with its step's start, one dt earlier.
// Look-ahead: nothing wakes a neuron that receives no input, so predict steps a copy up to
// `lookahead` ahead (cached until the state changes) and, when no spike lies within it, asks to be
// woken at its end (fire then returns false). Results never depend on `lookahead`. A state that a
// step maps onto itself bit for bit is a fixed point: no wake-ups until an input.
// sample(t) returns the grid value at ceil(t/dt) (exactly the state there when t is on the grid).
// Reference: E.M. Izhikevich, IEEE Trans. Neural Netw. 14:1569 (2003); docs/izhikevich.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/model.hpp"
#include "engine/population.hpp"

namespace memsnn::izhikevich {

enum class Input { delta, exp_current };
enum class Integrator { euler, izhikevich_half_step };

// The four parameters a firing class sets.
struct Abcd {
    double a, b, c, d;
    friend bool operator==(const Abcd&, const Abcd&) = default;
};

// A preset by name (Izhikevich 2003 Fig. 2): RS, IB, CH, FS, LTS, TC, RZ; nullopt otherwise.
std::optional<Abcd> preset(std::string_view name);
// The preset names in the order `memsnn models` lists them (RS first: the default).
const std::vector<std::string_view>& preset_names();

struct Params {
    double a = 0.02;         // 1/ms
    double b = 0.2;          // 1/ms
    double c = -65;          // mV
    double d = 8;            // mV/ms
    double V_peak = 30;      // mV
    double C_m = 1;          // nF
    double I_e = 0;          // nA
    double tau_syn_ex = 5;   // ms
    double tau_syn_in = 10;  // ms
    double lookahead = 1;    // ms
};

// The variables the equations evolve.
struct Vars {
    double V_m = -65;   // mV
    double u = -13;     // mV/ms
    double syn_ex = 0;  // I_syn_ex [nA] (exp_current)
    double syn_in = 0;  // I_syn_in [nA] (exp_current)
    friend bool operator==(const Vars&, const Vars&) = default;
};

struct State {
    Vars x;                    // at grid point k
    double I_stim = 0;         // nA, step currents in effect from grid point k on
    double jump = 0;           // mV, delta input applied at k: acts on the step out of k
    std::int64_t k = 0;        // grid index: the state is at t = k dt
    bool fixed_point = false;  // the next step maps x onto itself bit for bit
};

// Per-element constants of a step of dt ms.
struct StepConstants {
    double dt = 0.01;                   // ms
    double decay_ex = 1, decay_in = 1;  // e^{-dt/tau_syn}
};
StepConstants step_constants(const Params& p, double dt_ms);

// f(v, u) = 0.04 v^2 + 5 v + 140 - u + J [mV/ms], in the paper's order of operations.
double dv_dt(double v, double u, double J);

// The drive J [mV/ms] of the step out of s.k: (I_e + I_stim + I_syn) / C_m + jump / dt.
double drive(const Params& p, const StepConstants& c, const State& s);

// One step of dt with drive J [mV/ms] held over it (synaptic currents decay exactly).
Vars step_euler(const Params& p, const StepConstants& c, const Vars& x, double J);
Vars step_half_step(const Params& p, const StepConstants& c, const Vars& x, double J);
Vars step(const Params& p, Integrator integrator, const StepConstants& c, const Vars& x, double J);

// Whether the state at its grid point is a spike (v >= V_peak), and the reset it triggers.
bool at_peak(const Params& p, const Vars& x);
void reset(const Params& p, Vars& x);

// Advances s towards grid point k_target (> s.k), stopping early at the first grid point where
// v >= V_peak (a spike to emit before time may move on). Returns whether k_target was reached.
bool advance(const Params& p, Integrator integrator, const StepConstants& c, State& s,
             std::int64_t k_target);

ModelInfo model_info();

}  // namespace memsnn::izhikevich
