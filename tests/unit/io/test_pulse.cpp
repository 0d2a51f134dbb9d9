// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/io/pulse.hpp"

using namespace memsnn;

namespace {

Json protocol() {
    return Json::parse(R"({
      "name": "t", "seed": 3,
      "device": {"type": "linear", "size": 2, "params": {"Phi_0": "10 uWb"}},
      "read_voltage": "0.1 V",
      "protocol": [
        {"pulses": 3, "amplitude": "1 V", "width": "1 us", "period": "5 us"},
        {"wait": "1 ms"},
        {"pulses": 2, "waveform": [{"duration": "1 us", "voltage": "-0.5 V"},
                                   {"duration": "1 us", "voltage": "-1 V"}], "period": "4 us"}
      ]})");
}

}  // namespace

TEST_CASE("a pulse protocol applies each waveform at its time and records G per device") {
    const PulseRun run = run_pulse_protocol(protocol(), default_registry(), {}, "x");
    REQUIRE(run.time.size() == 5);
    CHECK(run.devices == 2);
    CHECK(run.G.size() == 10);
    CHECK(run.G_read.size() == 10);
    // Pulse starts: 0, 5, 10 us; then the wait from 15 us; then 1015, 1019 us.
    const std::vector<double> expected{0, 5e-3, 10e-3, 1.015, 1.019};
    for (std::size_t k = 0; k < 5; ++k) CHECK(run.time[k] == doctest::Approx(expected[k]));
    CHECK(run.amplitude[3] == -1000);
    CHECK(run.width[3] == doctest::Approx(2e-3));
    // Linear device, Phi_0 = 10 mV ms: +0.1 per 1 V x 1 us pulse, -0.15 per waveform.
    const double step = 99 * 0.1;
    CHECK(run.G[0] == doctest::Approx(1 + step));
    CHECK(run.G[4] == doctest::Approx(1 + 3 * step));
    CHECK(run.G[8] == doctest::Approx(1 + 3 * step - 2 * 99 * 0.15));
    CHECK(run.G[9] == run.G[8]);  // both devices are identical without variability
    CHECK(run.G_read[0] == doctest::Approx(run.G[0]));
}

TEST_CASE("pulse protocols: bad values name their JSON path") {
    auto error_of = [](const Json& p) {
        try {
            run_pulse_protocol(p, default_registry(), {}, "x");
        } catch (const ConfigError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    Json p = protocol();
    p["protocol"][0].erase("period");
    CHECK(error_of(p).find("/protocol/0: missing required key \"period\"") == 0);
    p = protocol();
    p["protocol"][2]["amplitude"] = "1 V";
    CHECK(error_of(p).find("/protocol/2: give either") == 0);
    p = protocol();
    p["device"]["type"] = "lif";
    CHECK(error_of(p).find("/device/type: unknown device type \"lif\"") == 0);
    p = protocol();
    p["protocol"] = Json::array();
    CHECK(error_of(p).find("/protocol: expected a non-empty list") == 0);
    p = protocol();
    p["read_voltage"] = "0 V";
    CHECK(error_of(p).find("/read_voltage: must not be 0") == 0);
}
