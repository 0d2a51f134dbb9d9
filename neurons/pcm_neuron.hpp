// SPDX-License-Identifier: MIT
// pcm_neuron — phase-change-memory integrate-and-fire neuron with stochastic firing (Tuma et
// al. 2016): the conductance G of a PCM cell is the membrane potential. Every input spike is a
// crystallising pulse that thins the amorphous cap; when G reaches G_th the neuron fires and
// the cell is reset to the amorphous phase with a random cap thickness. Purely event-driven.
//
// State: u_a, the amorphous cap thickness relative to its nominal reset thickness (1 after a
// nominal reset, 0 fully crystalline). The cell is the cap in series with the crystalline
// remainder (mushroom cell), so the resistance is linear in u_a:
//   G(u_a) = 1 / (1/G_set + (1/G_reset - 1/G_set) u_a)
// (G_reset at u_a = 1, G_set at u_a = 0), monotone: G >= G_th  <=>  u_a <= u_th,
//   u_th = (1/G_th - 1/G_set) / (1/G_reset - 1/G_set).
// A pulse of amplitude V_p and width t_p grows the crystal at the Arrhenius velocity of its
// Joule-heated temperature (MODELS.md §1.5.3, growth-velocity form):
//   u_a <- max(0, u_a - du(V_p, t_p) max(0, 1 + sigma_c xi)),   xi ~ N(0, 1)
//   du(V_p, t_p) = du_ref (t_p / t_p_ref) exp(-(E_a/k_B) (1/T(V_p) - 1/T(V_p_ref)))
//   T(V) = T_amb + dT_ref (V / V_p_ref)^2        (heating proportional to the power V^2 / R)
// so a larger amplitude or width gives a larger step, and du_ref is the step of the reference
// pulse (V_p_ref, t_p_ref). Fire when u_a <= u_th (G >= G_th) after an input; then reset
//   u_a <- 1 + sigma_r zeta,   zeta ~ N(0, 1) redrawn until u_a > u_th
// (the spread of the melt-quenched amorphous volume). Without noise the number of pulses to
// fire from a reset is the closed form N = ceil((1 - u_th) / du) (pulses_to_fire).
//
// Synaptic input: the weight w [mV] of an arriving spike is the amplitude V_p of the
// crystallising pulse it triggers (width t_p, a neuron parameter); w <= 0 triggers no pulse
// (the pulse generator makes crystallising pulses for excitatory input only). Every arrival is
// its own pulse, also at equal times. Inputs within t_ref after a spike are ignored.
//
// Parameters (name, default, unit, meaning):
//   G_reset 0.1 uS   G of the nominally reset cell     G_set 10 uS   fully crystalline G
//   G_th      1 uS   firing threshold (G_reset < G_th < G_set)
//   t_p      50 ns   width of each crystallising pulse
//   du_ref  0.1      relative cap thinning by the reference pulse (> 0)
//   V_p_ref  2 V     reference amplitude          t_p_ref 50 ns  reference width
//   E_a    0.5 eV    activation energy of growth  T_amb 300 K    ambient temperature
//   dT_ref 300 K     Joule heating at V_p_ref     t_ref   0 ms   refractory time after a spike
//   sigma_c  0       relative noise of each step  sigma_r 0.1    reset thickness spread
// The defaults give du = 0.1 at 2 V / 50 ns and u_th = 0.0909, so N = 10 pulses (MODELS.md:
// ~10 pulses at 2 V / 50 ns; sigma_r 0.1-0.2).
// Recordable: G [uS], u_a (dimensionless). init: u_a (default 1).
// Random numbers: the element's counter-based stream (seed, population, element).
// Equal-time behaviour: all inputs at t are applied before the neuron fires at t.
// References: Tuma et al. 2016 Nat. Nanotechnol. 11, 693; S4 §6 and Fig. 17.
#pragma once

#include "engine/model.hpp"
#include "engine/population.hpp"
#include "engine/rng.hpp"

namespace memsnn::pcm_neuron {

struct Params {
    double G_reset = 0.1;               // uS
    double G_set = 10;                  // uS
    double G_th = 1;                    // uS
    double t_p = 5e-5;                  // ms (50 ns)
    double du_ref = 0.1;                // 1
    double V_p_ref = 2000;              // mV
    double t_p_ref = 5e-5;              // ms
    double E_a = 0.5 * 1.602176634e-4;  // fJ (0.5 eV)
    double T_amb = 300;                 // K
    double dT_ref = 300;                // K
    double t_ref = 0;                   // ms
    double sigma_c = 0;                 // 1
    double sigma_r = 0.1;               // 1
};

struct State {
    double u_a = 1;    // relative amorphous cap thickness
    Tick ref_end = 0;  // inputs are ignored while t < ref_end
};

// Conductance [uS] at relative amorphous thickness u_a.
double conductance(const Params& p, double u_a);

// Thickness at which G = G_th.
double u_threshold(const Params& p);

// Cell temperature [K] during a pulse of amplitude V [mV].
double temperature(const Params& p, double V);

// Relative thinning of the cap by one pulse of amplitude V [mV] and width t [ms] (no noise).
double step(const Params& p, double V, double t);

// Noise-free number of identical pulses (V, t) that take a cell from u_a to the threshold.
long pulses_to_fire(const Params& p, double V, double t, double u_a = 1);

// One pulse: thins the cap (with the step noise drawn from rng when sigma_c > 0).
void apply_pulse(const Params& p, State& s, double V, RandomStream& rng);

// The reset after a spike: u_a = 1 + sigma_r zeta, redrawn until above u_th.
void reset(const Params& p, State& s, RandomStream& rng);

ModelInfo model_info();

}  // namespace memsnn::pcm_neuron
