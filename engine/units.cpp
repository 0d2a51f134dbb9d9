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
    int exp10;  // internal value of one base unit: 10^exp10 * factor
    double factor = 1;
};

// Base units in SI (or the customary density units): the internal value of one base unit is
// 10^exp10 * factor (factor 1 except for eV).
constexpr std::array<BaseUnit, 18> kBaseUnits{{
    {"s", Dim::time, 3},
    {"V", Dim::voltage, 3},
    {"A", Dim::current, 9},
    {"S", Dim::conductance, 6},
    {"F", Dim::capacitance, 9},
    {"Ohm", Dim::resistance, -6},
    {"\xCE\xA9", Dim::resistance, -6},  // Ω
    {"Hz", Dim::frequency, 0},
    {"C", Dim::charge, 12},
    {"J", Dim::energy, 15},
    {"W", Dim::power, 12},
    {"A/cm2", Dim::current_density, 6},
    {"S/cm2", Dim::conductance_density, 3},
    {"F/cm2", Dim::capacitance_density, 6},
    {"Wb", Dim::flux, 6},
    {"Vs", Dim::flux, 6},
    {"K", Dim::temperature, 0},
    {"eV", Dim::energy, -4, 1.602176634},
}};

struct Prefix {
    std::string_view symbol;
    int exp10;
};

constexpr std::array<Prefix, 10> kPrefixes{{
    {"f", -15},
    {"p", -12},
    {"n", -9},
    {"u", -6},
    {"\xC2\xB5", -6},  // µ
    {"m", -3},
    {"k", 3},
    {"M", 6},
    {"G", 9},
    {"T", 12},
}};

// number * 10^e, rounded once: powers of ten up to 10^22 are exact doubles, so a negative
// exponent divides by an exact power ("9 nA" is exactly 9 nA, "0.1 ms" exactly 0.1 ms).
double scale10(double number, int e) {
    double p = 1;
    for (int k = 0; k < (e < 0 ? -e : e); ++k) p *= 10;
    return e < 0 ? number / p : number * p;
}

Quantity convert(double number, const BaseUnit& base, int prefix_exp10) {
    return Quantity{scale10(number, base.exp10 + prefix_exp10) * base.factor, base.dim};
}

std::optional<Quantity> match_unit(std::string_view unit, double number) {
    for (const auto& base : kBaseUnits) {
        if (unit == base.symbol) return convert(number, base, 0);
    }
    for (const auto& prefix : kPrefixes) {
        if (!unit.starts_with(prefix.symbol)) continue;
        const std::string_view rest = unit.substr(prefix.symbol.size());
        for (const auto& base : kBaseUnits) {
            if (rest == base.symbol) return convert(number, base, prefix.exp10);
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
