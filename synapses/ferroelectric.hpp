// SPDX-License-Identifier: MIT
// ferroelectric — ferroelectric tunnel junction whose conductance follows the fraction of
// switched ferroelectric domains; switching is nucleation-limited, so each domain has its own
// coercive voltage and waiting time. This gives cumulative, amplitude-dependent and
// bidirectional plasticity.
//
//   N domains (`domains`), each with a coercive voltage V_c,k drawn once per device:
//     V_c,k = V_c (1 + sigma_Vc xi_k), xi_k standard normal, redrawn until V_c,k > 0
//   A segment of amplitude V and duration t_p acts on every domain not yet pointing along V
//   (up for V > 0, down for V < 0). If |V| > V_c,k the domain nucleates after an exponentially
//   distributed waiting time of mean
//     tau_k(V) = tau_0 exp[(V_a / (|V| - V_c,k))^n]
//   (Merz's law tau = tau_0 exp[(E_a/E)^n] applied to the overdrive |V| - V_c,k; the spread of
//   V_c,k makes the distribution of switching times broad, as in nucleation-limited switching),
//   so it switches within the segment with probability 1 - exp(-t_p / tau_k); if |V| <= V_c,k it
//   never switches.
//   s = (switched-up fraction) in [0, 1],   G = (1 - s) G_off + s G_on,   I = G V
//   Each switching domain changes s by +-1/N at its (sampled) switching time, so the charge
//   q = V int G dt of the segment is exact for the sampled switching times. No relaxation.
//
// s is the normalised state the shared non-idealities act on (levels, p_switch, c2c noise,
// stuck-at). Each domain flip moves s by 1/N; if a non-ideality moves s away from the
// switched-domain fraction (it is then no longer a multiple of 1/N), later flips keep moving s by
// 1/N each and s is clipped to [0, 1]. With the ideal defaults s is exactly the fraction of
// switched domains.
//
// Parameters (name, default, unit, meaning):
//   G_off     0.1 uS   conductance with all domains down (s = 0)
//   G_on       10 uS   conductance with all domains up (s = 1)
//   domains   100      number of independently switching domains (integer, 1 to 100000)
//   V_c         1 V    mean coercive voltage
//   sigma_Vc  0.2      relative spread (standard deviation / mean) of the coercive voltages
//   V_a         1 V    activation voltage of the nucleation law
//   tau_0      10 ns   attempt time of the nucleation law
//   n           1      exponent of the nucleation law
// Init: s (default 0): the round(s N) domains with the lowest coercive voltages start up.
// Variables: G [uS], s, up (fraction of domains that point up).
// The coercive voltages and switching times are drawn from the device's own random stream.
//
// References: Boyn S. et al. (2017) Nat. Commun. 8, 14736 (BiFeO3 FTJ synapse, conductance set by
// nucleation-dominated domain switching); Merz W.J. (1954) Phys. Rev. 95, 690 (switching time
// law); Tagantsev A.K. et al. (2002) Phys. Rev. B 66, 214109 (nucleation-limited switching).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/model.hpp"
#include "engine/rng.hpp"

namespace memsnn::ferroelectric {

struct Params {
    double G_off = 0.1;     // uS
    double G_on = 10;       // uS
    double domains = 100;   // integer
    double V_c = 1000;      // mV
    double sigma_Vc = 0.2;  // relative
    double V_a = 1000;      // mV
    double tau_0 = 1e-5;    // ms
    double n = 1;
};

struct State {
    double s = 0;                  // normalised state (switched fraction)
    std::vector<double> V_c;       // mV, coercive voltage of each domain
    std::vector<std::uint8_t> up;  // 1 when domain k points up (switched by V > 0)
};

double conductance(const Params& p, const State& s);
// Mean waiting time [ms] of a domain of coercive voltage Vc [mV] under |V| [mV] (inf if none).
double switching_time(const Params& p, double Vc, double V);
// Draws the coercive voltages; the round(s0 N) lowest start up.
State initial(const Params& p, double s0, RandomStream& rng);
// A segment of V [mV] for dt [ms]; returns the charge [pC].
double drive(const Params& p, State& s, double V, double dt, RandomStream& rng);

ModelInfo model_info();

}  // namespace memsnn::ferroelectric
