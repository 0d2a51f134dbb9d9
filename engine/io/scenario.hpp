// SPDX-License-Identifier: MIT
// Reading a scenario file: JSON parsing with line/column errors, `--set path=value` overrides,
// and the value forms every key shares (quantities with units, per-element lists and
// distributions, strict key checking with nearest-name suggestions). The network itself is
// built in engine/io/build.hpp.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "engine/device.hpp"
#include "engine/model.hpp"
#include "engine/rng.hpp"
#include "engine/units.hpp"

namespace memsnn {

using Json = nlohmann::ordered_json;

// Reads and parses a scenario file; ConfigError names the file and the line/column.
Json load_scenario_file(const std::filesystem::path& path);

// Applies one "--set a.b.c=value" override. The value is parsed as JSON when it is valid JSON
// (numbers, lists, objects, quoted strings) and taken as a plain string otherwise, so
// `--set populations.n.params.tau_m="10 ms"` works from a shell.
void apply_override(Json& scenario, const std::string& assignment);

// Helpers shared by the scenario builder. `path` is a JSON pointer ("/populations/n/size").
std::string pointer(const std::string& parent, const std::string& key);
std::string pointer(const std::string& parent, std::size_t index);

// Rejects keys not in `allowed`, with a suggestion.
void check_keys(const Json& object, const std::string& path,
                const std::vector<std::string>& allowed);
const Json& require(const Json& object, const std::string& path, const std::string& key);
const Json& require_object(const Json& value, const std::string& path);
std::string require_string(const Json& value, const std::string& path);
std::uint64_t require_count(const Json& value, const std::string& path, std::uint64_t min = 0);
bool require_bool(const Json& value, const std::string& path);

// One scalar value: a quantity string of dimension `dim`, or a plain number when dim is
// dimensionless. Applies `check`.
double scalar_value(const Json& value, const std::string& path, Dim dim, Check check);

// A piecewise-constant voltage waveform: a non-empty list of {"duration": time > 0,
// "voltage": voltage} objects; every segment lasts at least one tick.
std::vector<Segment> waveform_value(const Json& value, const std::string& path);

// n values from one scalar, a list of n scalars, or a distribution object
// ({"uniform": [lo, hi]} or {"normal": {"mean": m, "sd": s, "min"?: a, "max"?: b}}) drawn from
// `stream` (only used for distributions).
std::vector<double> element_values(const Json& value, const std::string& path, Dim dim, Check check,
                                   std::size_t n, RandomStream& stream);
// The same into `out` (n = out.size()).
void element_values(const Json& value, const std::string& path, Dim dim, Check check,
                    std::span<double> out, RandomStream& stream);

// Resolves a params (or init) object against a model's specs. Missing parameters get their
// defaults; a missing required one is an error unless `defaults_optional` (init values, whose
// default is the model's rest state).
ParamTable resolve_params(const Json* object, const std::string& path,
                          const std::vector<ParamSpec>& specs, std::size_t n, std::uint64_t seed,
                          std::uint64_t stream_object, bool defaults_optional);

}  // namespace memsnn
