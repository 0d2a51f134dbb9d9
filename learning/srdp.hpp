// SPDX-License-Identifier: MIT
// srdp — spike-rate-dependent plasticity of a memristive synapse, 4T1R style (Milo et al. 2016
// IEDM; Milo et al. 2018 IEEE TVLSI 26, 2806). In the circuit each presynaptic spike also opens
// a copy of the gate delayed by t_D; a second spike arriving before that copy closes makes both
// transistor paths conduct with the top electrode above the set threshold (potentiation),
// whereas isolated spikes drive the reset path (depression). The simulator keeps the logic,
// not the transistors: at each presynaptic arrival at synapse k, with h the time since the
// previous arrival at k (infinite for the first),
//   h <  t_D:  with probability p_ltp, drive `ltp_waveform` into the synapse circuit
//   h >= t_D:  with probability p_ltd, drive `ltd_waveform`
// What the waveform does is the device's business (binary RRAM: set or reset; a gradual
// device: a step). Both go through the circuit's postsynaptic line like post_pulses' waveforms
// (a two-terminal device sees them with the opposite sign; a 1T1R cell sees them while the gate
// that the same spike just opened is open). The probability of LTP at a Poisson rate r is
// 1 - exp(-r t_D): LTP for rates above about 1 / t_D (100 Hz for the default 10 ms).
//
// Parameters: t_D 10 ms, p_ltp 1, p_ltd 1, ltp_waveform and ltd_waveform (required).
// Random draws: one counter-based stream per synapse (StreamDomain::learning, keyed by the
// projection and the synapse's creation index), one draw per arrival, so runs are reproducible
// for any thread count.
// Equal-time convention: two arrivals at the same tick count as h = 0 < t_D.
#pragma once

#include "engine/model.hpp"

namespace memsnn::srdp {

ModelInfo model_info();

}  // namespace memsnn::srdp
