// SPDX-License-Identifier: MIT
// What a model declares about itself, and the registry keyed by the JSON "type" string.
//
// A model lists its parameters as ParamSpec rows (name, dimension, default, check, doc). The
// scenario reader resolves the user's values against these rows into a ParamTable (one value per
// element, internal units), so models never see JSON or units. The same rows feed
// `memsnn models` and the documentation.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/time.hpp"
#include "engine/units.hpp"

namespace memsnn {

class Device;
class PlasticityRule;
class Population;

enum class Check { any, positive, nonnegative, probability };

enum class ParamKind {
    number,  // one number per element: a quantity, a list of `size` quantities, or a distribution
    choice,  // one string for the whole population, from `choices`
    time_list,  // a list of times (one list for all elements, or one list per element)
    waveform,   // a piecewise-constant voltage waveform: [{"duration": ..., "voltage": ...}, ...]
    // non-negative integers (indices, counts): one flat list, or a list of lists
    index_lists,
    // a file path; a relative path is taken from the scenario file's directory
    file,
};

struct ParamSpec {
    std::string name;
    Dim dim = Dim::dimensionless;
    double default_value = 0;  // internal units; NaN means "required"
    std::string doc;
    Check check = Check::any;
    ParamKind kind = ParamKind::number;
    std::vector<std::string> choices;  // kind == choice: allowed values, the first is the default
    std::string shown_default;         // for `memsnn models` when the default is not a plain value
    std::string shown_unit;            // for `memsnn models` when the unit depends on context

    bool required() const { return default_value != default_value; }
};

inline constexpr double kRequired = std::numeric_limits<double>::quiet_NaN();

// shown_unit of parameters measured in the unit of the target's synaptic weights (mV, nA or
// uS, decided by the target's input); the scenario builder substitutes the dimension.
inline constexpr const char* kWeightUnit = "weight";

// A parameter in the unit of the target's weights (learning rules).
inline ParamSpec weight_param(std::string name, double default_value, std::string doc,
                              Check check = Check::any) {
    return ParamSpec{std::move(name),
                     Dim::dimensionless,
                     default_value,
                     std::move(doc),
                     check,
                     ParamKind::number,
                     {},
                     "",
                     kWeightUnit};
}

// Resolved values of one model instance. Every declared parameter is present.
class ParamTable {
  public:
    ParamTable() = default;
    ParamTable(std::size_t size, std::string json_path)
        : size_(size), path_(std::move(json_path)) {}

    std::size_t size() const { return size_; }
    // JSON pointer of the params object, for error messages (e.g. "/populations/n/params").
    const std::string& path() const { return path_; }
    std::string path_of(const std::string& name) const { return path_ + "/" + name; }

    const std::vector<double>& numbers(const std::string& name) const;
    double number(const std::string& name, std::size_t i) const { return numbers(name)[i]; }
    const std::string& choice(const std::string& name) const;
    const std::vector<std::vector<double>>& time_lists(const std::string& name) const;
    // Waveforms as (duration [ms], voltage [mV]) pairs.
    const std::vector<std::pair<double, double>>& waveform(const std::string& name) const;
    // Lists of non-negative integers; a flat list in the scenario is one list.
    const std::vector<std::vector<std::uint64_t>>& index_lists(const std::string& name) const;
    // JSON pointer of entry `item` of list `list` of an index_lists parameter (as written:
    // ".../name/item" for a flat list, ".../name/list/item" for a list of lists).
    std::string index_path(const std::string& name, std::size_t list, std::size_t item) const;
    // A file parameter as written in the scenario (resolve it with PopulationArgs::scenario_dir).
    const std::string& file(const std::string& name) const;
    // Whether the scenario wrote this parameter (as opposed to the default).
    bool given(const std::string& name) const { return given_.count(name) != 0; }

    void set_numbers(const std::string& name, std::vector<double> v, bool given);
    void set_choice(const std::string& name, std::string v, bool given);
    void set_time_lists(const std::string& name, std::vector<std::vector<double>> v, bool given);
    void set_waveform(const std::string& name, std::vector<std::pair<double, double>> v,
                      bool given);
    void set_index_lists(const std::string& name, std::vector<std::vector<std::uint64_t>> v,
                         bool nested, bool given);
    void set_file(const std::string& name, std::string v, bool given);

  private:
    std::size_t size_ = 0;
    std::string path_;
    std::map<std::string, std::vector<double>> numbers_;
    std::map<std::string, std::string> choices_;
    std::map<std::string, std::vector<std::vector<double>>> lists_;
    std::map<std::string, std::vector<std::pair<double, double>>> waveforms_;
    std::map<std::string, std::vector<std::vector<std::uint64_t>>> index_lists_;
    std::map<std::string, bool> nested_;
    std::map<std::string, std::string> files_;
    std::map<std::string, bool> given_;
};

// A recordable state variable.
struct VariableSpec {
    std::string name;
    Dim dim = Dim::dimensionless;
    std::string doc;
};

enum class ModelKind { neuron, source, synapse, device, learning, stimulus };

struct PopulationArgs {
    std::string name;
    std::size_t size = 0;
    std::uint32_t id = 0;  // population index in the network (learning rules: projection index)
    std::uint64_t seed = 0;
    const ParamTable* params = nullptr;
    // Initial values of state variables (specs = ModelInfo::init).
    const ParamTable* init = nullptr;
    std::size_t n_targets = 0;  // learning rules: neurons of the target population
    // The scenario's "dt" (default 0.1 ms): the integration grid of stepped neuron models and
    // the default sampling interval of reports. Exact models ignore it.
    Tick dt = 0;
    // Directory of the scenario file: relative file parameters are taken from here (empty: the
    // working directory, for scenarios that do not come from a file).
    std::filesystem::path scenario_dir;
};

struct ModelInfo {
    std::string type;
    ModelKind kind = ModelKind::neuron;
    std::string summary;
    std::string integrator;  // how it advances, for `memsnn models`
    std::vector<ParamSpec> params;
    std::vector<ParamSpec> init;  // settable initial state
    std::vector<VariableSpec> variables;
    // Builds a population; throws ConfigError (with the JSON path) on inconsistent values.
    std::function<std::unique_ptr<Population>(const PopulationArgs&)> make;
    // Builds a device array (kind == device): `size` devices, per-element params.
    std::function<std::unique_ptr<Device>(const PopulationArgs&)> make_device;
    // Learning rules: true when the rule drives memristive synapse circuits (their devices)
    // rather than static weights.
    bool device_rule = false;
    // Device rules: the synapse circuit types the rule works with (empty: any).
    std::vector<std::string> circuits;
    // Builds a learning rule (kind == learning) over `size` synapses onto `n_targets` neurons.
    // Parameters whose shown_unit is "weight" take the unit of the target's weights.
    std::function<std::shared_ptr<PlasticityRule>(const PopulationArgs&)> make_rule;
};

class Registry {
  public:
    void add(ModelInfo info);
    const ModelInfo* find(const std::string& type) const;
    std::vector<std::string> types(ModelKind kind) const;
    std::vector<std::string> all_types() const;
    const std::vector<ModelInfo>& models() const { return models_; }

  private:
    std::vector<ModelInfo> models_;
};

}  // namespace memsnn
