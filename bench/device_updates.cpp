// SPDX-License-Identifier: MIT
// Device update throughput: programming pulses per second for every registered device model,
// each printed with its ratio to the ideal `linear` device run in the same process (the peer),
// so the table means the same on a fast and a slow machine.
//
//   build/bench/memsnn_bench_devices [pulses_per_model]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "engine/device.hpp"
#include "engine/io/build.hpp"

using namespace memsnn;

namespace {

constexpr std::size_t kDevices = 10000;

double pulses_per_second(const ModelInfo& m, std::size_t pulses) {
    const Json params = Json::object();
    const ParamTable t = resolve_params(&params, "/b", m.params, kDevices, 1, 0, false);
    const ParamTable init = resolve_params(&params, "/b", m.init, kDevices, 1, 1, true);
    std::unique_ptr<Device> d = m.make_device(PopulationArgs{m.type, kDevices, 0, 1, &t, &init});
    // Alternating potentiating and depressing 1 us pulses of 1.5 V, 10 us apart per device.
    const Segment up{ms_to_ticks(1e-3), 1500};
    const Segment down{ms_to_ticks(1e-3), -1500};
    double sink = 0;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t n = 0; n < pulses; ++n) {
        const std::size_t k = n % kDevices;
        const Tick when = static_cast<Tick>(n / kDevices) * ms_to_ticks(0.01);
        sink += d->apply(k, when, std::span((n / kDevices) % 2 ? &down : &up, 1)).G_after;
    }
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (sink == 42.4242) std::puts("");  // keep the loop
    return static_cast<double>(pulses) / s;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t pulses = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2000000;
    const ModelInfo* peer = default_registry().find("linear");
    const double peer_rate = pulses_per_second(*peer, pulses);
    std::printf("device update throughput (%zu pulses over %zu devices per model, one thread)\n",
                pulses, kDevices);
    std::printf("%-16s %16s %14s\n", "model", "pulses/s", "vs linear");
    for (const auto& m : default_registry().models()) {
        if (m.kind != ModelKind::device) continue;
        const double rate = m.type == "linear" ? peer_rate : pulses_per_second(m, pulses);
        std::printf("%-16s %16.3e %14.3f\n", m.type.c_str(), rate, rate / peer_rate);
    }
    return 0;
}
