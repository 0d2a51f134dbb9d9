// SPDX-License-Identifier: MIT
// Quantities with units, as scenario files write them: "20 ms", "-70 mV", "1.5 uS", "100 kOhm",
// "10 Hz", "10 uA/cm2". Inside memsnn one consistent set is used:
//   time ms, voltage mV, current nA, conductance uS, capacitance nF, resistance MOhm,
//   frequency Hz, charge pC, energy fJ, power pW,
//   current density uA/cm2, conductance density mS/cm2, capacitance density uF/cm2,
//   flux mV ms (1 Wb = 1 V s = 1e6 mV ms), temperature K; energies may be written in eV
// (mV = nA*MOhm, nA = uS*mV, ms = MOhm*nF). A value in a wrong dimension or an unknown unit is
// a user error naming the JSON path.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace memsnn {

enum class Dim {
    dimensionless,
    time,
    voltage,
    current,
    conductance,
    capacitance,
    resistance,
    frequency,
    charge,
    energy,
    power,
    current_density,
    conductance_density,
    capacitance_density,
    flux,         // V s (Wb): internal mV ms
    temperature,  // K
};

// The internal unit of a dimension, e.g. "ms" for Dim::time ("1" for dimensionless).
std::string_view internal_unit(Dim dim);

// "a time", "a voltage", ... for error messages.
std::string_view dim_article_name(Dim dim);

struct Quantity {
    double value = 0;  // in the internal unit of `dim`
    Dim dim = Dim::dimensionless;
};

// Parses "<number> <unit>" (the space is optional). Returns std::nullopt and sets `error` to a
// readable reason when the text is not a number followed by a known unit.
std::optional<Quantity> parse_quantity(std::string_view text, std::string& error);

// Formats an internal value with its internal unit, e.g. "20 ms".
std::string format_quantity(double value, Dim dim);

}  // namespace memsnn
