// SPDX-License-Identifier: MIT
#include "engine/units.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <sstream>

namespace memsnn {

namespace {

struct BaseUnit {
    std::string_view symbol;
    Dim dim;
    double to_internal;  // internal value of one base unit (no prefix)
};

// Base units in SI (or the customary density units) with their factor to the internal unit.
constexpr std::array<BaseUnit, 18> kBaseUnits{{
    {"s", Dim::time, 1e3},
    {"V", Dim::voltage, 1e3},
    {"A", Dim::current, 1e9},
    {"S", Dim::conductance, 1e6},
    {"F", Dim::capacitance, 1e9},
    {"Ohm", Dim::resistance, 1e-6},
    {"\xCE\xA9", Dim::resistance, 1e-6},  // Ω
    {"Hz", Dim::frequency, 1.0},
    {"C", Dim::charge, 1e12},
    {"J", Dim::energy, 1e15},
    {"W", Dim::power, 1e12},
    {"A/cm2", Dim::current_density, 1e6},
    {"S/cm2", Dim::conductance_density, 1e3},
    {"F/cm2", Dim::capacitance_density, 1e6},
    {"Wb", Dim::flux, 1e6},
    {"Vs", Dim::flux, 1e6},
    {"K", Dim::temperature, 1.0},
    {"eV", Dim::energy, 1.602176634e-19 * 1e15},
}};

struct Prefix {
    std::string_view symbol;
    double factor;
};

constexpr std::array<Prefix, 10> kPrefixes{{
    {"f", 1e-15},
    {"p", 1e-12},
    {"n", 1e-9},
    {"u", 1e-6},
    {"\xC2\xB5", 1e-6},  // µ
    {"m", 1e-3},
    {"k", 1e3},
    {"M", 1e6},
    {"G", 1e9},
    {"T", 1e12},
}};

std::optional<Quantity> match_unit(std::string_view unit, double number) {
    for (const auto& base : kBaseUnits) {
        if (unit == base.symbol) return Quantity{number * base.to_internal, base.dim};
    }
    for (const auto& prefix : kPrefixes) {
        if (!unit.starts_with(prefix.symbol)) continue;
        const std::string_view rest = unit.substr(prefix.symbol.size());
        for (const auto& base : kBaseUnits) {
            if (rest == base.symbol) {
                return Quantity{number * prefix.factor * base.to_internal, base.dim};
            }
        }
    }
    return std::nullopt;
}

}  // namespace

std::string_view internal_unit(Dim dim) {
    switch (dim) {
        case Dim::dimensionless:
            return "1";
        case Dim::time:
            return "ms";
        case Dim::voltage:
            return "mV";
        case Dim::current:
            return "nA";
        case Dim::conductance:
            return "uS";
        case Dim::capacitance:
            return "nF";
        case Dim::resistance:
            return "MOhm";
        case Dim::frequency:
            return "Hz";
        case Dim::charge:
            return "pC";
        case Dim::energy:
            return "fJ";
        case Dim::power:
            return "pW";
        case Dim::current_density:
            return "uA/cm2";
        case Dim::conductance_density:
            return "mS/cm2";
        case Dim::capacitance_density:
            return "uF/cm2";
        case Dim::flux:
            return "mV ms";
        case Dim::temperature:
            return "K";
    }
    return "?";
}

std::string_view dim_article_name(Dim dim) {
    switch (dim) {
        case Dim::dimensionless:
            return "a plain number";
        case Dim::time:
            return "a time";
        case Dim::voltage:
            return "a voltage";
        case Dim::current:
            return "a current";
        case Dim::conductance:
            return "a conductance";
        case Dim::capacitance:
            return "a capacitance";
        case Dim::resistance:
            return "a resistance";
        case Dim::frequency:
            return "a frequency";
        case Dim::charge:
            return "a charge";
        case Dim::energy:
            return "an energy";
        case Dim::power:
            return "a power";
        case Dim::current_density:
            return "a current density";
        case Dim::conductance_density:
            return "a conductance density";
        case Dim::capacitance_density:
            return "a capacitance density";
        case Dim::flux:
            return "a flux (voltage times time, e.g. \"1 uWb\")";
        case Dim::temperature:
            return "a temperature";
    }
    return "?";
}

std::optional<Quantity> parse_quantity(std::string_view text, std::string& error) {
    std::size_t begin = 0;
    while (begin < text.size() && text[begin] == ' ') ++begin;
    std::size_t end = text.size();
    while (end > begin && text[end - 1] == ' ') --end;
    text = text.substr(begin, end - begin);

    double number = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (text.size() > 1 && text[0] == '+' && text[1] != '-') ++first;
    const auto [ptr, ec] = std::from_chars(first, last, number);
    if (ec != std::errc{} || ptr == first) {
        error = "expected a number followed by a unit, e.g. \"20 ms\"";
        return std::nullopt;
    }
    if (!std::isfinite(number)) {
        error = "the number must be finite";
        return std::nullopt;
    }
    std::string_view unit(ptr, static_cast<std::size_t>(last - ptr));
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    if (unit.empty()) {
        error = "a unit is missing after the number";
        return std::nullopt;
    }
    if (auto q = match_unit(unit, number)) return q;
    error = "unknown unit \"" + std::string(unit) + "\"";
    return std::nullopt;
}

std::string format_quantity(double value, Dim dim) {
    std::ostringstream out;
    out.precision(12);
    out << value;
    if (dim != Dim::dimensionless) out << ' ' << internal_unit(dim);
    return out.str();
}

}  // namespace memsnn
