// SPDX-License-Identifier: MIT
#include "tools/memsnn/models_command.hpp"

#include <cmath>
#include <iomanip>

#include "engine/error.hpp"

namespace memsnn::cli {

namespace {

const char* kind_title(ModelKind kind) {
    switch (kind) {
        case ModelKind::neuron:
            return "neuron models (populations)";
        case ModelKind::source:
            return "spike sources (populations)";
        case ModelKind::synapse:
            return "synapse models (projection \"synapse\")";
        case ModelKind::device:
            return "memristive devices (memsnn pulse; synapse devices)";
        case ModelKind::learning:
            return "learning rules (projection \"learning\")";
        case ModelKind::stimulus:
            return "stimuli (\"stimuli\" entries)";
    }
    return "";
}

std::string default_text(const ParamSpec& p) {
    if (!p.shown_default.empty()) return p.shown_default;
    if (p.kind == ParamKind::choice) return "\"" + p.choices.front() + "\"";
    if (p.kind == ParamKind::time_list || p.kind == ParamKind::waveform) return "(required)";
    if (p.kind == ParamKind::index_lists || p.kind == ParamKind::file)
        return p.required() ? "(required)" : "none";
    if (p.required()) return "(required)";
    if (std::isinf(p.default_value)) return "never";
    return format_quantity(p.default_value, p.dim);
}

std::string unit_text(const ParamSpec& p) {
    if (!p.shown_unit.empty()) return p.shown_unit;
    if (p.kind == ParamKind::waveform) return "waveform";
    if (p.kind == ParamKind::index_lists) return "indices";
    if (p.kind == ParamKind::file) return "file";
    if (p.kind == ParamKind::choice) return "option";
    return std::string(internal_unit(p.dim));
}

void print_specs(const char* title, const std::vector<ParamSpec>& specs, std::ostream& out) {
    if (specs.empty()) return;
    out << "  " << title << ":\n";
    for (const auto& p : specs) {
        out << "    " << std::left << std::setw(18) << p.name << std::setw(28) << default_text(p)
            << std::setw(10) << unit_text(p) << p.doc;
        if (p.check == Check::positive) out << " (> 0)";
        if (p.check == Check::nonnegative) out << " (>= 0)";
        if (p.check == Check::probability) out << " (0..1)";
        if (p.kind == ParamKind::choice) {
            out << " (options:";
            for (const auto& c : p.choices) out << " " << c;
            out << ")";
        }
        out << "\n";
    }
}

void print_model(const ModelInfo& m, std::ostream& out) {
    out << m.type << " — " << m.summary << "\n";
    if (!m.integrator.empty()) out << "  integration: " << m.integrator << "\n";
    print_specs(m.kind == ModelKind::neuron || m.kind == ModelKind::source ? "params" : "keys",
                m.params, out);
    print_specs("init", m.init, out);
    if (!m.variables.empty()) {
        out << "  recordable:\n";
        for (const auto& v : m.variables)
            out << "    " << std::left << std::setw(18) << v.name << std::setw(10)
                << internal_unit(v.dim) << v.doc << "\n";
    }
    out << "\n";
}

}  // namespace

void print_models(const Registry& registry, const std::string& type, std::ostream& out) {
    if (!type.empty()) {
        const ModelInfo* m = registry.find(type);
        if (!m)
            throw ConfigError("", "unknown model type \"" + type + "\"" +
                                      did_you_mean(type, registry.all_types()));
        print_model(*m, out);
        return;
    }
    out << "Units: values are written with units in scenarios (\"20 ms\", \"-70 mV\"); the unit "
           "column is the internal unit.\n\n";
    for (ModelKind kind : {ModelKind::neuron, ModelKind::source, ModelKind::synapse,
                           ModelKind::device, ModelKind::learning, ModelKind::stimulus}) {
        out << "== " << kind_title(kind) << " ==\n\n";
        for (const auto& m : registry.models())
            if (m.kind == kind) print_model(m, out);
    }
}

}  // namespace memsnn::cli
