// SPDX-License-Identifier: MIT
// Pulse protocols: a train of programming waveforms applied to one device model (or to `size`
// devices of it at once, e.g. to see device-to-device spread), recording G after every pulse.
// This is how a device's potentiation/depression curve is measured, and what `memsnn pulse`
// runs. The file format is documented in scenarios/README.md ("Pulse protocols").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/io/scenario.hpp"
#include "engine/model.hpp"

namespace memsnn {

struct PulseRun {
    std::string name;
    std::string output;
    std::string device_type;
    std::string protocol_json;  // as run, after --set
    std::uint64_t seed = 0;
    std::size_t devices = 0;
    std::vector<double> G0;         // uS, per device before the first pulse
    std::vector<double> time;       // ms, start of each pulse
    std::vector<double> amplitude;  // mV, the largest |V| of each waveform, with its sign
    std::vector<double> width;      // ms, duration of each waveform
    std::vector<double> G;          // uS, [pulse][device] after each pulse (noise-free)
    std::vector<double> G_read;     // uS, [pulse][device] read after each pulse (read noise)
    std::vector<double> energy;     // fJ, [pulse][device] spent by each waveform
    double read_voltage = 0;        // mV; 0 when the protocol reads nothing
};

// Checks and runs a pulse protocol. ConfigError names the JSON path of any bad value.
// `threads` > 1 spreads the devices over that many threads (TBB); every device draws from its
// own stream, so the result is identical for any thread count.
PulseRun run_pulse_protocol(const Json& protocol, const Registry& registry,
                            std::optional<std::uint64_t> seed_override,
                            const std::string& default_name, unsigned threads = 1);

}  // namespace memsnn
