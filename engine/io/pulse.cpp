// SPDX-License-Identifier: MIT
#include "engine/io/pulse.hpp"

#include <cmath>
#include <memory>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "engine/device.hpp"
#include "engine/error.hpp"
#include "engine/io/device_build.hpp"

namespace memsnn {

namespace {

struct Step {
    std::vector<Segment> waveform;  // empty for a wait
    std::uint64_t pulses = 0;
    Tick period = 0;
};

Step read_step(const Json& e, const std::string& path) {
    require_object(e, path);
    Step step;
    if (e.contains("wait")) {
        check_keys(e, path, {"wait", "description"});
        step.period =
            ms_to_ticks(scalar_value(e["wait"], path + "/wait", Dim::time, Check::nonnegative));
        return step;
    }
    check_keys(e, path, {"pulses", "amplitude", "width", "waveform", "period", "description"});
    step.pulses = require_count(require(e, path, "pulses"), path + "/pulses", 1);
    if (e.contains("waveform")) {
        if (e.contains("amplitude") || e.contains("width"))
            throw ConfigError(path, "give either \"waveform\" or \"amplitude\" and \"width\"");
        step.waveform = waveform_value(e["waveform"], path + "/waveform");
    } else {
        step.waveform.push_back(
            {ms_to_ticks(scalar_value(require(e, path, "width"), path + "/width", Dim::time,
                                      Check::positive)),
             scalar_value(require(e, path, "amplitude"), path + "/amplitude", Dim::voltage,
                          Check::any)});
    }
    Tick duration = 0;
    for (const auto& s : step.waveform) {
        if (s.duration < 1) throw ConfigError(path, "segments must last at least 1 ps");
        duration += s.duration;
    }
    if (e.contains("period")) {
        step.period =
            ms_to_ticks(scalar_value(e["period"], path + "/period", Dim::time, Check::positive));
        if (step.period < duration)
            throw ConfigError(path + "/period",
                              "is shorter than the waveform (" +
                                  format_quantity(ticks_to_ms(duration), Dim::time) + ")");
    } else if (step.pulses > 1) {
        throw ConfigError(path,
                          "missing required key \"period\" (time from one pulse to the next)");
    } else {
        step.period = duration;
    }
    return step;
}

}  // namespace

PulseRun run_pulse_protocol(const Json& s, const Registry& registry,
                            std::optional<std::uint64_t> seed_override,
                            const std::string& default_name, unsigned threads) {
    require_object(s, "/");
    check_keys(
        s, "",
        {"$schema", "name", "description", "seed", "device", "read_voltage", "protocol", "output"});
    PulseRun run;
    run.name = s.contains("name") ? require_string(s["name"], "/name") : default_name;
    run.seed = seed_override        ? *seed_override
               : s.contains("seed") ? require_count(s["seed"], "/seed")
                                    : 1;
    run.output = s.contains("output") ? require_string(s["output"], "/output") : run.name + ".h5";
    run.protocol_json = s.dump(2);
    if (s.contains("read_voltage")) {
        run.read_voltage =
            scalar_value(s["read_voltage"], "/read_voltage", Dim::voltage, Check::any);
        if (run.read_voltage == 0) throw ConfigError("/read_voltage", "must not be 0");
    }

    const Json& d = require_object(require(s, "", "device"), "/device");
    run.devices = d.contains("size") ? require_count(d["size"], "/device/size", 1) : 1;
    DeviceBuild built = build_device(d, "/device", run.devices, run.seed, 0, 0, registry, {"size"});
    run.device_type = built.type;
    std::unique_ptr<Device> device = std::move(built.device);

    const Json& list = require(s, "", "protocol");
    if (!list.is_array() || list.empty())
        throw ConfigError("/protocol", "expected a non-empty list of steps");
    std::vector<Step> steps;
    for (std::size_t k = 0; k < list.size(); ++k)
        steps.push_back(read_step(list[k], pointer("/protocol", k)));

    for (std::size_t k = 0; k < run.devices; ++k) run.G0.push_back(device->conductance(k, 0));
    tbb::task_arena arena(static_cast<int>(std::max(1u, threads)));
    Tick t = 0;
    for (const Step& step : steps) {
        if (step.waveform.empty()) {
            t += step.period;
            continue;
        }
        Tick duration = 0;
        double peak = 0;
        for (const auto& seg : step.waveform) {
            duration += seg.duration;
            if (std::abs(seg.voltage) > std::abs(peak)) peak = seg.voltage;
        }
        for (std::uint64_t n = 0; n < step.pulses; ++n) {
            run.time.push_back(ticks_to_ms(t));
            run.amplitude.push_back(peak);
            run.width.push_back(ticks_to_ms(duration));
            const std::size_t row = run.G.size();
            run.G.resize(row + run.devices);
            run.energy.resize(row + run.devices);
            if (run.read_voltage != 0) run.G_read.resize(row + run.devices);
            auto pulse = [&](std::size_t k) {
                const PulseResult r = device->apply(k, t, step.waveform);
                run.G[row + k] = r.G_after;
                run.energy[row + k] = r.energy;
                if (run.read_voltage != 0)
                    run.G_read[row + k] =
                        device->read(k, t + duration, run.read_voltage) / run.read_voltage;
            };
            if (threads > 1) {
                arena.execute([&] {
                    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, run.devices),
                                      [&](const tbb::blocked_range<std::size_t>& r) {
                                          for (std::size_t k = r.begin(); k != r.end(); ++k)
                                              pulse(k);
                                      });
                });
            } else {
                for (std::size_t k = 0; k < run.devices; ++k) pulse(k);
            }
            t += step.period;
        }
    }
    return run;
}

}  // namespace memsnn
