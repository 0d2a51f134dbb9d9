// SPDX-License-Identifier: MIT
#include "engine/io/scenario.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "engine/error.hpp"

namespace memsnn {

namespace {

std::string describe(const Json& v) {
    std::string s = v.dump();
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
}

std::string check_rule(Check check) {
    switch (check) {
        case Check::positive:
            return "must be > 0";
        case Check::nonnegative:
            return "must be >= 0";
        case Check::probability:
            return "must be between 0 and 1";
        case Check::any:
            return "";
    }
    return "";
}

bool passes(Check check, double v) {
    switch (check) {
        case Check::positive:
            return v > 0;
        case Check::nonnegative:
            return v >= 0;
        case Check::probability:
            return v >= 0 && v <= 1;
        case Check::any:
            return true;
    }
    return true;
}

void apply_check(double v, Dim dim, Check check, const std::string& path, const std::string& what) {
    if (!passes(check, v))
        throw ConfigError(path, check_rule(check) + ", got " + format_quantity(v, dim) + what);
}

void distribution_values(const Json& value, const std::string& path, Dim dim, Check check,
                         std::span<double> out, RandomStream& stream) {
    if (value.size() != 1)
        throw ConfigError(path,
                          "a distribution object has exactly one key, \"uniform\" or \"normal\"");
    const std::string kind = value.begin().key();
    const std::string dpath = pointer(path, kind);
    if (kind == "uniform") {
        const Json& bounds = value.begin().value();
        if (!bounds.is_array() || bounds.size() != 2)
            throw ConfigError(dpath, "expected [low, high], got " + describe(bounds));
        const double lo = scalar_value(bounds[0], pointer(dpath, 0), dim, Check::any);
        const double hi = scalar_value(bounds[1], pointer(dpath, 1), dim, Check::any);
        if (!(lo <= hi)) throw ConfigError(dpath, "low must not exceed high");
        apply_check(lo, dim, check, pointer(dpath, 0), "");
        apply_check(hi, dim, check, pointer(dpath, 1), "");
        for (auto& v : out) v = lo + (hi - lo) * stream.uniform();
        return;
    }
    if (kind == "normal") {
        const Json& spec = value.begin().value();
        require_object(spec, dpath);
        check_keys(spec, dpath, {"mean", "sd", "min", "max"});
        const double mean =
            scalar_value(require(spec, dpath, "mean"), pointer(dpath, "mean"), dim, Check::any);
        const double sd =
            scalar_value(require(spec, dpath, "sd"), pointer(dpath, "sd"), dim, Check::nonnegative);
        const double lo = spec.contains("min")
                              ? scalar_value(spec["min"], pointer(dpath, "min"), dim, Check::any)
                              : -INFINITY;
        const double hi = spec.contains("max")
                              ? scalar_value(spec["max"], pointer(dpath, "max"), dim, Check::any)
                              : INFINITY;
        if (!(lo < hi)) throw ConfigError(dpath, "min must be below max");
        for (std::size_t i = 0; i < out.size(); ++i) {
            // Truncated normal by redrawing; give up when the window holds almost no mass.
            int tries = 0;
            double v;
            do {
                v = mean + sd * stream.normal();
                if (++tries > 1000)
                    throw ConfigError(dpath, "min/max leave almost no probability to draw from");
            } while (v < lo || v > hi);
            apply_check(v, dim, check, dpath,
                        " (drawn for element " + std::to_string(i) +
                            "; bound the distribution with \"min\"/\"max\")");
            out[i] = v;
        }
        return;
    }
    throw ConfigError(dpath, "unknown distribution \"" + kind + "\"" +
                                 did_you_mean(kind, {"uniform", "normal"}) +
                                 "; use \"uniform\" or \"normal\"");
}

// A parser callback that rejects duplicate keys (JSON allows them; the last would silently win).
Json::parser_callback_t duplicate_key_check() {
    struct Frame {
        bool array;
        long index = -1;
        std::string key;
        std::vector<std::string> keys;
    };
    auto frames = std::make_shared<std::vector<Frame>>();
    return [frames](int, Json::parse_event_t event, Json& parsed) {
        auto count_element = [&] {
            if (!frames->empty() && frames->back().array) ++frames->back().index;
        };
        switch (event) {
            case Json::parse_event_t::object_start:
                count_element();
                frames->push_back({false});
                break;
            case Json::parse_event_t::array_start:
                count_element();
                frames->push_back({true});
                break;
            case Json::parse_event_t::key: {
                Frame& f = frames->back();
                const std::string key = parsed.get<std::string>();
                for (const auto& k : f.keys) {
                    if (k != key) continue;
                    std::string path;
                    for (std::size_t i = 0; i + 1 < frames->size(); ++i)
                        path = (*frames)[i].array
                                   ? pointer(path, static_cast<std::size_t>((*frames)[i].index))
                                   : pointer(path, (*frames)[i].key);
                    throw ConfigError(pointer(path, key),
                                      "duplicate key \"" + key + "\" (each key may appear once)");
                }
                f.keys.push_back(key);
                f.key = key;
                break;
            }
            case Json::parse_event_t::value:
                count_element();
                break;
            case Json::parse_event_t::object_end:
            case Json::parse_event_t::array_end:
                frames->pop_back();
                break;
        }
        return true;
    };
}

}  // namespace

Json load_scenario_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw ConfigError("", "cannot read scenario \"" + path.string() + "\": it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int err = errno;
        throw ConfigError(
            "", "cannot read scenario \"" + path.string() + "\": " +
                    (std::filesystem::exists(path, ec) ? std::strerror(err) : "no such file"));
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    try {
        return Json::parse(text, duplicate_key_check());
    } catch (const Json::parse_error& e) {
        std::size_t line = 1, column = 1;
        for (std::size_t k = 0; k + 1 < e.byte && k < text.size(); ++k) {
            if (text[k] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        std::string reason = e.what();
        if (const auto pos = reason.find("syntax error"); pos != std::string::npos)
            reason = reason.substr(pos);
        throw ConfigError("", path.string() + ": line " + std::to_string(line) + ", column " +
                                  std::to_string(column) + ": invalid JSON: " + reason);
    }
}

void apply_override(Json& scenario, const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
        throw ConfigError("--set " + assignment, "expected key=value, e.g. duration=\"2 s\"");
    const std::string key = assignment.substr(0, eq);
    const std::string text = assignment.substr(eq + 1);
    Json value;
    try {
        value = Json::parse(text, duplicate_key_check());
    } catch (const Json::parse_error&) {
        value = text;
    }
    Json* node = &scenario;
    std::string path;
    std::size_t begin = 0;
    while (true) {
        const std::size_t dot = key.find('.', begin);
        const std::string part = key.substr(begin, dot == std::string::npos ? dot : dot - begin);
        const bool last = dot == std::string::npos;
        if (part.empty()) throw ConfigError("--set " + key, "empty path component");
        if (node->is_array()) {
            std::size_t index = 0;
            const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
            if (ec != std::errc{} || ptr != part.data() + part.size() || index >= node->size())
                throw ConfigError("--set " + key, "\"" + part + "\" is not a valid index into " +
                                                      path + " (a list of " +
                                                      std::to_string(node->size()) + ")");
            node = &(*node)[index];
        } else if (node->is_object()) {
            const bool creatable = last || part == "params" || part == "init" ||
                                   part == "connect" || part == "synapse";
            if (!node->contains(part) && !creatable) {
                std::vector<std::string> keys;
                for (auto it = node->begin(); it != node->end(); ++it) keys.push_back(it.key());
                throw ConfigError("--set " + key, "no key \"" + part + "\" in " +
                                                      (path.empty() ? "/" : path) +
                                                      did_you_mean(part, keys));
            }
            if (!node->contains(part) && !last) (*node)[part] = Json::object();
            node = &(*node)[part];
        } else {
            throw ConfigError("--set " + key,
                              (path.empty() ? "/" : path) + " is not an object or list");
        }
        path += "/" + part;
        if (last) break;
        begin = dot + 1;
    }
    *node = value;
}

std::string pointer(const std::string& parent, const std::string& key) {
    std::string escaped;
    for (char c : key) {
        if (c == '~')
            escaped += "~0";
        else if (c == '/')
            escaped += "~1";
        else
            escaped += c;
    }
    return parent + "/" + escaped;
}

std::string pointer(const std::string& parent, std::size_t index) {
    return parent + "/" + std::to_string(index);
}

void check_keys(const Json& object, const std::string& path,
                const std::vector<std::string>& allowed) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        if ((it.key() == "description" || it.key() == "$schema") && !it.value().is_string())
            throw ConfigError(pointer(path, it.key()),
                              "expected a string, got " + describe(it.value()));
        bool known = false;
        for (const auto& a : allowed) known = known || a == it.key();
        if (!known)
            throw ConfigError(pointer(path, it.key()),
                              "unknown key \"" + it.key() + "\"" + did_you_mean(it.key(), allowed));
    }
}

const Json& require(const Json& object, const std::string& path, const std::string& key) {
    if (!object.contains(key))
        throw ConfigError(path.empty() ? "/" : path, "missing required key \"" + key + "\"");
    return object.at(key);
}

const Json& require_object(const Json& value, const std::string& path) {
    if (!value.is_object()) throw ConfigError(path, "expected an object, got " + describe(value));
    return value;
}

std::string require_string(const Json& value, const std::string& path) {
    if (!value.is_string()) throw ConfigError(path, "expected a string, got " + describe(value));
    return value.get<std::string>();
}

std::uint64_t require_count(const Json& value, const std::string& path, std::uint64_t min) {
    if (!value.is_number_unsigned() &&
        !(value.is_number_integer() && value.get<std::int64_t>() >= 0))
        throw ConfigError(path, "expected a non-negative integer, got " + describe(value));
    const auto n = value.get<std::uint64_t>();
    if (n < min)
        throw ConfigError(path,
                          "must be at least " + std::to_string(min) + ", got " + std::to_string(n));
    return n;
}

bool require_bool(const Json& value, const std::string& path) {
    if (!value.is_boolean())
        throw ConfigError(path, "expected true or false, got " + describe(value));
    return value.get<bool>();
}

double scalar_value(const Json& value, const std::string& path, Dim dim, Check check) {
    double v = 0;
    if (value.is_number()) {
        if (dim != Dim::dimensionless)
            throw ConfigError(
                path, "expected " + std::string(dim_article_name(dim)) + " with a unit, e.g. \"1 " +
                          std::string(internal_unit(dim)) + "\", got " + describe(value));
        v = value.get<double>();
    } else if (value.is_string()) {
        std::string error;
        const auto q = parse_quantity(value.get<std::string>(), error);
        if (!q) throw ConfigError(path, error + ", got " + describe(value));
        if (q->dim != dim)
            throw ConfigError(path, "expected " + std::string(dim_article_name(dim)) + ", got " +
                                        describe(value) + " (" +
                                        std::string(dim_article_name(q->dim)) + ")");
        v = q->value;
    } else {
        throw ConfigError(path,
                          "expected " + std::string(dim_article_name(dim)) +
                              (dim == Dim::dimensionless
                                   ? ""
                                   : " such as \"1 " + std::string(internal_unit(dim)) + "\"") +
                              ", got " + describe(value));
    }
    apply_check(v, dim, check, path, "");
    return v;
}

std::vector<Segment> waveform_value(const Json& w, const std::string& path) {
    if (!w.is_array() || w.empty())
        throw ConfigError(path, "expected a non-empty list of {duration, voltage} segments");
    std::vector<Segment> out;
    for (std::size_t k = 0; k < w.size(); ++k) {
        const std::string spath = pointer(path, k);
        require_object(w[k], spath);
        check_keys(w[k], spath, {"duration", "voltage"});
        const Tick d = ms_to_ticks(scalar_value(require(w[k], spath, "duration"),
                                                spath + "/duration", Dim::time, Check::positive));
        if (d < 1) throw ConfigError(spath + "/duration", "must be at least 1 ps");
        out.push_back({d, scalar_value(require(w[k], spath, "voltage"), spath + "/voltage",
                                       Dim::voltage, Check::any)});
    }
    return out;
}

void element_values(const Json& value, const std::string& path, Dim dim, Check check,
                    std::span<double> out, RandomStream& stream) {
    const std::size_t n = out.size();
    if (value.is_array()) {
        if (value.size() != n)
            throw ConfigError(path, "expected one value or a list of " + std::to_string(n) +
                                        " values, got a list of " + std::to_string(value.size()));
        for (std::size_t i = 0; i < n; ++i)
            out[i] = scalar_value(value[i], pointer(path, i), dim, check);
        return;
    }
    if (value.is_object()) return distribution_values(value, path, dim, check, out, stream);
    std::fill(out.begin(), out.end(), scalar_value(value, path, dim, check));
}

std::vector<double> element_values(const Json& value, const std::string& path, Dim dim, Check check,
                                   std::size_t n, RandomStream& stream) {
    std::vector<double> out(n);
    element_values(value, path, dim, check, out, stream);
    return out;
}

ParamTable resolve_params(const Json* object, const std::string& path,
                          const std::vector<ParamSpec>& specs, std::size_t n, std::uint64_t seed,
                          std::uint64_t stream_object, bool defaults_optional) {
    std::vector<std::string> names;
    for (const auto& s : specs) names.push_back(s.name);
    if (object) {
        require_object(*object, path);
        check_keys(*object, path, names);
    }
    ParamTable table(n, path);
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const ParamSpec& spec = specs[k];
        const std::string ppath = pointer(path, spec.name);
        const Json* given =
            object && object->contains(spec.name) ? &object->at(spec.name) : nullptr;
        switch (spec.kind) {
            case ParamKind::choice: {
                std::string v = spec.choices.front();
                if (given) {
                    v = require_string(*given, ppath);
                    bool ok = false;
                    for (const auto& c : spec.choices) ok = ok || c == v;
                    if (!ok) {
                        std::string list;
                        for (const auto& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
                        throw ConfigError(ppath, "unknown option \"" + v + "\"" +
                                                     did_you_mean(v, spec.choices) +
                                                     "; choose one of: " + list);
                    }
                }
                table.set_choice(spec.name, v, given != nullptr);
                break;
            }
            case ParamKind::waveform: {
                if (!given) throw ConfigError(path, "missing required key \"" + spec.name + "\"");
                std::vector<std::pair<double, double>> w;
                for (const Segment& seg : waveform_value(*given, ppath))
                    w.emplace_back(ticks_to_ms(seg.duration), seg.voltage);
                table.set_waveform(spec.name, std::move(w), true);
                break;
            }
            case ParamKind::time_list: {
                if (!given) throw ConfigError(path, "missing required key \"" + spec.name + "\"");
                if (!given->is_array())
                    throw ConfigError(ppath, "expected a list of times, or one list per element");
                std::vector<std::vector<double>> lists;
                const bool nested = !given->empty() && (*given)[0].is_array();
                if (nested && given->size() != n)
                    throw ConfigError(ppath, "expected one list of times per element (" +
                                                 std::to_string(n) + "), got " +
                                                 std::to_string(given->size()));
                auto read_list = [&](const Json& list, const std::string& lpath) {
                    if (!list.is_array())
                        throw ConfigError(lpath, "expected a list of times, got " + describe(list));
                    std::vector<double> out;
                    for (std::size_t i = 0; i < list.size(); ++i)
                        out.push_back(
                            scalar_value(list[i], pointer(lpath, i), spec.dim, spec.check));
                    return out;
                };
                if (nested) {
                    for (std::size_t i = 0; i < given->size(); ++i)
                        lists.push_back(read_list((*given)[i], pointer(ppath, i)));
                } else {
                    lists.push_back(read_list(*given, ppath));
                }
                table.set_time_lists(spec.name, std::move(lists), true);
                break;
            }
            case ParamKind::index_lists: {
                if (!given) {
                    if (spec.required())
                        throw ConfigError(path.empty() ? "/" : path,
                                          "missing required key \"" + spec.name + "\"");
                    table.set_index_lists(spec.name, {}, false, false);
                    break;
                }
                if (!given->is_array())
                    throw ConfigError(ppath,
                                      "expected a list of indices, or a list of such lists, got " +
                                          describe(*given));
                const bool nested = !given->empty() && (*given)[0].is_array();
                auto read_indices = [&](const Json& list, const std::string& lpath) {
                    if (!list.is_array())
                        throw ConfigError(lpath,
                                          "expected a list of indices, got " + describe(list));
                    std::vector<std::uint64_t> out;
                    for (std::size_t i = 0; i < list.size(); ++i)
                        out.push_back(require_count(list[i], pointer(lpath, i)));
                    return out;
                };
                std::vector<std::vector<std::uint64_t>> lists;
                if (nested) {
                    for (std::size_t i = 0; i < given->size(); ++i)
                        lists.push_back(read_indices((*given)[i], pointer(ppath, i)));
                } else {
                    lists.push_back(read_indices(*given, ppath));
                }
                table.set_index_lists(spec.name, std::move(lists), nested, true);
                break;
            }
            case ParamKind::file: {
                if (!given) {
                    if (spec.required())
                        throw ConfigError(
                            path.empty() ? "/" : path,
                            "missing required key \"" + spec.name + "\" (a file path)");
                    table.set_file(spec.name, "", false);
                    break;
                }
                std::string v = require_string(*given, ppath);
                if (v.empty())
                    throw ConfigError(ppath, "expected a file path, got an empty string");
                table.set_file(spec.name, std::move(v), true);
                break;
            }
            case ParamKind::number: {
                if (!given) {
                    if (spec.required() && !defaults_optional)
                        throw ConfigError(path.empty() ? "/" : path,
                                          "missing required key \"" + spec.name + "\" (" +
                                              std::string(dim_article_name(spec.dim)) + ")");
                    table.set_numbers(spec.name, std::vector<double>(n, spec.default_value), false);
                    break;
                }
                RandomStream stream(seed, StreamDomain::parameter, (stream_object << 16) | k);
                table.set_numbers(spec.name,
                                  element_values(*given, ppath, spec.dim, spec.check, n, stream),
                                  true);
                break;
            }
        }
    }
    return table;
}

}  // namespace memsnn
