// SPDX-License-Identifier: MIT
#include "engine/io/circuit_build.hpp"

#include "engine/error.hpp"
#include "engine/io/device_build.hpp"
#include "synapses/circuit.hpp"

namespace memsnn {

namespace {

// Parameter streams of synapse devices, apart from those of populations (2 per population).
constexpr std::uint64_t kDeviceParamStreams = 1ull << 20;

}  // namespace

const std::vector<std::string>& circuit_types() {
    return circuit::kind_names();
}

bool is_circuit_type(const std::string& type) {
    for (const auto& t : circuit_types())
        if (t == type) return true;
    return false;
}

CircuitBuild build_circuit(const Json& syn, const std::string& path, std::size_t n, Dim weight_dim,
                           std::uint64_t seed, std::uint32_t id, const Registry& registry) {
    const std::string type = require_string(require(syn, path, "type"), path + "/type");
    circuit::Spec spec;
    std::vector<std::string> keys{"type", "device",   "read_voltage", "read_time",
                                  "gain", "polarity", "delay",        "description"};
    if (type == "two_terminal") {
        spec.kind = circuit::Kind::two_terminal;
        keys.push_back("pre_waveform");
    } else if (type == "1t1r") {
        spec.kind = circuit::Kind::one_t_one_r;
        keys.insert(keys.end(), {"gate_width", "I_C"});
    } else {
        spec.kind = circuit::Kind::one_s_one_r;
        keys.insert(keys.end(), {"selector", "pre_waveform", "substeps"});
    }
    check_keys(syn, path, keys);

    if (syn.contains("read_voltage")) {
        spec.V_read =
            scalar_value(syn["read_voltage"], path + "/read_voltage", Dim::voltage, Check::any);
        if (spec.V_read == 0) throw ConfigError(path + "/read_voltage", "must not be 0");
    }
    if (syn.contains("read_time"))
        spec.read_time = ms_to_ticks(
            scalar_value(syn["read_time"], path + "/read_time", Dim::time, Check::nonnegative));
    // gain: weight per nA of read current (a transimpedance for voltage-jump targets), or per
    // uS of read conductance for conductance targets.
    spec.conductance_output = weight_dim == Dim::conductance;
    const Dim gain_dim = weight_dim == Dim::voltage ? Dim::resistance : Dim::dimensionless;
    if (syn.contains("gain"))
        spec.gain = scalar_value(syn["gain"], path + "/gain", gain_dim, Check::nonnegative);
    if (syn.contains("polarity")) {
        const std::string polarity = require_string(syn["polarity"], path + "/polarity");
        if (polarity != "excitatory" && polarity != "inhibitory")
            throw ConfigError(path + "/polarity",
                              "must be \"excitatory\" or \"inhibitory\"" +
                                  did_you_mean(polarity, {"excitatory", "inhibitory"}));
        spec.sign = polarity == "inhibitory" ? -1 : 1;
    }
    if (syn.contains("pre_waveform"))
        spec.pre_waveform = waveform_value(syn["pre_waveform"], path + "/pre_waveform");
    if (spec.kind == circuit::Kind::one_t_one_r) {
        spec.gate_width = ms_to_ticks(
            syn.contains("gate_width")
                ? scalar_value(syn["gate_width"], path + "/gate_width", Dim::time, Check::positive)
                : 1.0);
        if (syn.contains("I_C"))
            spec.I_C = scalar_value(syn["I_C"], path + "/I_C", Dim::current, Check::positive);
    }
    if (syn.contains("substeps"))
        spec.substeps = require_count(syn["substeps"], path + "/substeps", 1);

    CircuitBuild out;
    Json device_json = require(syn, path, "device");
    bool injected_compliance = false;
    // The transistor of a 1T1R cell is what limits the set current: a device with a compliance
    // parameter of its own (rram's I_C) takes the circuit's unless it sets one itself.
    if (spec.kind == circuit::Kind::one_t_one_r && spec.I_C > 0 && device_json.is_object()) {
        const ModelInfo* model = device_json.contains("type") && device_json["type"].is_string()
                                     ? registry.find(device_json["type"].get<std::string>())
                                     : nullptr;
        bool has_compliance = false;
        if (model)
            for (const auto& p : model->params) has_compliance = has_compliance || p.name == "I_C";
        if (has_compliance) {
            Json& params = device_json["params"];
            if (params.is_null()) params = Json::object();
            if (params.is_object() && !params.contains("I_C")) {
                params["I_C"] = syn["I_C"];
                injected_compliance = true;
            }
        }
    }
    // Each device array keys its own streams: 2 id (the device), 2 id + 1 (the selector).
    auto build = [&](const Json& d, const std::string& where, std::uint32_t device_id) {
        return build_device(d, where, n, seed, device_id, kDeviceParamStreams + 2ull * device_id,
                            registry);
    };
    DeviceBuild device;
    try {
        device = build(device_json, path + "/device", 2 * id);
    } catch (const ConfigError& e) {
        // A rule broken by the compliance this circuit handed down is reported where it came from.
        const std::string injected_path = path + "/device/params/I_C";
        if (!injected_compliance || e.path() != injected_path) throw;
        const std::string what = e.what();
        throw ConfigError(path + "/I_C", "as the device's set compliance: " +
                                             what.substr(injected_path.size() + 2));
    }
    out.device_type = device.type;
    DeviceBuild selector;
    if (spec.kind == circuit::Kind::one_s_one_r) {
        selector = build(require(syn, path, "selector"), path + "/selector", 2 * id + 1);
        out.device_type += "+" + selector.type;
    }
    out.circuit = circuit::make(spec, std::move(device.device), std::move(selector.device));
    return out;
}

}  // namespace memsnn
