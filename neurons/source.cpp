// SPDX-License-Identifier: MIT
#include "neurons/source.hpp"

#include <cmath>
#include <limits>

#include "engine/error.hpp"

namespace memsnn {

std::vector<ParamSpec> source_window_params() {
    return {
        {"start", Dim::time, 0, "no spikes before this time", Check::nonnegative},
        {"stop", Dim::time, std::numeric_limits<double>::infinity(),
         "no spikes at or after this time (default: never stops)", Check::nonnegative},
    };
}

double population_number(const ParamTable& t, const std::string& name) {
    const auto& v = t.numbers(name);
    for (std::size_t i = 1; i < v.size(); ++i)
        if (v[i] != v[0])
            throw ConfigError(t.path_of(name),
                              "must be one value for the whole population (elements 0 and " +
                                  std::to_string(i) + " differ)");
    return v.empty() ? 0 : v[0];
}

std::uint64_t population_count(const ParamTable& t, const std::string& name, std::uint64_t min) {
    const double v = population_number(t, name);
    if (!(v >= static_cast<double>(min)) || v != std::floor(v) || v > 4.0e18)
        throw ConfigError(t.path_of(name), "must be a whole number >= " + std::to_string(min) +
                                               ", got " + format_quantity(v, Dim::dimensionless));
    return static_cast<std::uint64_t>(v);
}

std::string population_path(const ParamTable& t) {
    const std::string& p = t.path();
    const std::string suffix = "/params";
    if (p.size() >= suffix.size() &&
        p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0)
        return p.substr(0, p.size() - suffix.size());
    return p;
}

Tick jitter(RandomStream& stream, double sd_ms) {
    if (!(sd_ms > 0)) return 0;
    double z;
    do {
        z = stream.normal();
    } while (std::abs(z) > kJitterBound);
    return ms_to_ticks(sd_ms * z);
}

Tick max_jitter(double sd_ms) {
    return sd_ms > 0 ? ms_to_ticks_ceil(sd_ms * kJitterBound) : 0;
}

Tick poisson_next(RandomStream& stream, double rate_hz, Tick from, Tick stop) {
    if (!(rate_hz > 0) || from == kNever) return kNever;
    const Tick isi = ms_to_ticks(stream.exponential() * 1000.0 / rate_hz);
    if (isi == kNever || isi >= stop - from) return kNever;
    return from + isi;
}

}  // namespace memsnn
