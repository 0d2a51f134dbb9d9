// SPDX-License-Identifier: MIT
#include "engine/io/build.hpp"

#include <algorithm>
#include <cmath>

#include "engine/error.hpp"
#include "engine/io/circuit_build.hpp"
#include "engine/io/connect.hpp"

namespace memsnn {

namespace {

constexpr double kDefaultDt = 0.1;  // ms
// Parameter streams of learning rules, apart from those of populations and devices.
constexpr std::uint64_t kLearningParamStreams = 1ull << 21;

void check_name(const std::string& name, const std::string& path, const char* what) {
    bool ok =
        !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
    for (char c : name)
        ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
    // No '.' (it separates --set path components) and no '/' (HDF5 group separator).
    if (!ok)
        throw ConfigError(path, std::string(what) + " name \"" + name +
                                    "\" must start with a letter or _ and contain only letters, "
                                    "digits, _ and -");
}

std::uint32_t population_by_name(const Network& net, const Json& value, const std::string& path) {
    const std::string name = require_string(value, path);
    const int id = net.find_population(name);
    if (id < 0) {
        std::vector<std::string> names;
        for (std::uint32_t p = 0; p < net.n_populations(); ++p)
            names.push_back(net.population(p).name());
        throw ConfigError(path, "no population named \"" + name + "\"" + did_you_mean(name, names));
    }
    return static_cast<std::uint32_t>(id);
}

std::vector<std::uint32_t> neuron_list(const Json* value, const std::string& path,
                                       std::size_t size) {
    std::vector<std::uint32_t> out;
    if (!value) {
        for (std::size_t i = 0; i < size; ++i) out.push_back(static_cast<std::uint32_t>(i));
        return out;
    }
    if (!value->is_array() || value->empty())
        throw ConfigError(path, "expected a non-empty list of neuron indices");
    for (std::size_t k = 0; k < value->size(); ++k) {
        const std::uint64_t i = require_count((*value)[k], pointer(path, k));
        if (i >= size)
            throw ConfigError(pointer(path, k), "neuron " + std::to_string(i) +
                                                    " is out of range (population size " +
                                                    std::to_string(size) + ")");
        out.push_back(static_cast<std::uint32_t>(i));
    }
    return out;
}

Tick time_key(const Json& object, const std::string& path, const std::string& key, double fallback,
              Check check) {
    if (!object.contains(key)) return ms_to_ticks(fallback);
    return ms_to_ticks(scalar_value(object.at(key), pointer(path, key), Dim::time, check));
}

class Builder {
  public:
    Builder(const Json& s, const Registry& registry, std::optional<std::uint64_t> seed_override,
            const std::string& default_name)
        : s_(s), registry_(registry) {
        require_object(s_, "/");
        check_keys(s_, "",
                   {"$schema", "name", "description", "seed", "duration", "dt", "populations",
                    "projections", "stimuli", "record", "output"});
        run_.network = std::make_unique<Network>();
        run_.info.scenario_name =
            s_.contains("name") ? require_string(s_["name"], "/name") : default_name;
        run_.info.seed = seed_override         ? *seed_override
                         : s_.contains("seed") ? require_count(s_["seed"], "/seed")
                                               : 1;
        const double duration =
            scalar_value(require(s_, "", "duration"), "/duration", Dim::time, Check::positive);
        run_.duration = ms_to_ticks(duration);
        if (run_.duration == kNever) throw ConfigError("/duration", "too long (limit ~106 days)");
        run_.info.duration_ms = duration;
        dt_ = s_.contains("dt") ? scalar_value(s_["dt"], "/dt", Dim::time, Check::positive)
                                : kDefaultDt;
        run_.output = s_.contains("output") ? require_string(s_["output"], "/output")
                                            : run_.info.scenario_name + ".h5";
        if (run_.output.empty()) throw ConfigError("/output", "must not be empty");
        run_.info.scenario_json = s_.dump(2);
    }

    BuiltRun build() {
        populations();
        if (s_.contains("projections")) projections();
        if (s_.contains("stimuli")) stimuli();
        record();
        // Circuits, rules and reports are set up: projections without them need no id maps.
        net().drop_unused_id_maps();
        return std::move(run_);
    }

    void set_scenario_dir(std::filesystem::path dir) { scenario_dir_ = std::move(dir); }

  private:
    Network& net() { return *run_.network; }

    void populations() {
        const Json& pops = require_object(require(s_, "", "populations"), "/populations");
        if (pops.empty()) throw ConfigError("/populations", "at least one population is needed");
        std::vector<std::string> types = registry_.types(ModelKind::neuron);
        for (const auto& t : registry_.types(ModelKind::source)) types.push_back(t);
        for (auto it = pops.begin(); it != pops.end(); ++it) {
            const std::string path = pointer("/populations", it.key());
            check_name(it.key(), path, "population");
            const Json& p = require_object(it.value(), path);
            check_keys(p, path, {"type", "size", "params", "init", "description"});
            const std::string type = require_string(require(p, path, "type"), path + "/type");
            const ModelInfo* model = registry_.find(type);
            if (!model || (model->kind != ModelKind::neuron && model->kind != ModelKind::source))
                throw ConfigError(path + "/type", "unknown population type \"" + type + "\"" +
                                                      did_you_mean(type, types) +
                                                      "; `memsnn models` lists them");
            const std::uint64_t size = require_count(require(p, path, "size"), path + "/size", 1);
            if (size > std::numeric_limits<std::uint32_t>::max())
                throw ConfigError(path + "/size", "at most 2^32 - 1 elements per population");
            const auto id = static_cast<std::uint32_t>(net().n_populations());
            const ParamTable params =
                resolve_params(p.contains("params") ? &p["params"] : nullptr, path + "/params",
                               model->params, size, run_.info.seed, 2ull * id, false);
            const Json* init = p.contains("init") ? &p["init"] : nullptr;
            if (init && model->init.empty())
                throw ConfigError(path + "/init", "a " + type + " population has no state to set");
            const ParamTable init_table = resolve_params(init, path + "/init", model->init, size,
                                                         run_.info.seed, 2ull * id + 1, true);
            PopulationArgs args{it.key(), size, id, run_.info.seed, &params, &init_table};
            args.dt = ms_to_ticks(dt_);
            args.scenario_dir = scenario_dir_;
            net().add_population(model->make(args));
            run_.info.populations.push_back({it.key(), type, size, false});
            run_.info.populations.back().columns = net().population(id).schedule(run_.duration);
        }
    }

    void projections() {
        const Json& list = s_["projections"];
        if (!list.is_array()) throw ConfigError("/projections", "expected a list of projections");
        std::vector<std::string> names;
        for (std::size_t k = 0; k < list.size(); ++k) {
            const std::string path = pointer("/projections", k);
            const Json& pj = require_object(list[k], path);
            check_keys(
                pj, path,
                {"name", "source", "target", "connect", "synapse", "learning", "description"});
            const std::uint32_t src =
                population_by_name(net(), require(pj, path, "source"), path + "/source");
            const std::uint32_t tgt =
                population_by_name(net(), require(pj, path, "target"), path + "/target");
            const std::string name =
                pj.contains("name")
                    ? require_string(pj["name"], path + "/name")
                    : net().population(src).name() + "_to_" + net().population(tgt).name();
            check_name(name, path + "/name", "projection");
            for (const auto& n : names)
                if (n == name)
                    throw ConfigError(path + "/name", "a second projection named \"" + name +
                                                          "\"; give each a distinct \"name\"");
            names.push_back(name);
            const auto weight_dim = net().population(tgt).weight_dim();
            if (!weight_dim)
                throw ConfigError(path + "/target", "population \"" + net().population(tgt).name() +
                                                        "\" is a spike source and takes no input");
            ConnectInput in{pj,
                            path,
                            net().population(src).size(),
                            net().population(tgt).size(),
                            src == tgt,
                            run_.info.seed,
                            static_cast<std::uint32_t>(k)};
            SynapseList synapses = connect(in, *weight_dim);
            const std::size_t n = synapses.size();
            Projection projection(name, src, tgt, net().population(src).size(),
                                  std::move(synapses));
            const Json& syn = pj["synapse"];
            const std::string synapse_type = syn["type"].get<std::string>();
            ProjectionInfo info{name, synapse_type, "", n};
            if (pj.contains("learning")) {
                projection.set_rule(learning_rule(pj["learning"], path + "/learning", n,
                                                  net().population(tgt).size(), *weight_dim,
                                                  synapse_type, static_cast<std::uint32_t>(k)),
                                    net().population(tgt).size());
                projection.set_schedule(learning_schedule(pj["learning"], path + "/learning",
                                                          *weight_dim, synapse_type));
            }
            if (is_circuit_type(synapse_type)) {
                CircuitBuild c =
                    build_circuit(syn, path + "/synapse", n, *weight_dim, run_.info.seed,
                                  static_cast<std::uint32_t>(k), registry_);
                projection.set_circuit(std::move(c.circuit));
                info.device = c.device_type;
            }
            net().add_projection(std::move(projection));
            run_.info.projections.push_back(std::move(info));
        }
    }

    // When a learning block's rule acts ("stop") and how the weights it changes are normalised
    // ("normalize": {"total", "start", "interval"}).
    Projection::LearningSchedule learning_schedule(const Json& l, const std::string& path,
                                                   Dim weight_dim,
                                                   const std::string& synapse_type) {
        Projection::LearningSchedule s;
        if (l.contains("stop")) s.stop = time_key(l, path, "stop", 0, Check::nonnegative);
        if (!l.contains("normalize")) return s;
        const std::string npath = path + "/normalize";
        const Json& n = require_object(l["normalize"], npath);
        check_keys(n, npath, {"total", "start", "interval"});
        if (is_circuit_type(synapse_type))
            throw ConfigError(npath, "normalises static weights; a " + synapse_type +
                                         " synapse's weight is its device state");
        s.normalize_total =
            scalar_value(require(n, npath, "total"), npath + "/total", weight_dim, Check::positive);
        s.normalize_start = time_key(n, npath, "start", 0, Check::nonnegative);
        s.normalize_interval = time_key(n, npath, "interval", 0, Check::nonnegative);
        return s;
    }

    // A projection's learning rule; parameters marked as weights take the target's weight unit.
    std::shared_ptr<PlasticityRule> learning_rule(const Json& l, const std::string& path,
                                                  std::size_t n_synapses, std::size_t n_targets,
                                                  Dim weight_dim, const std::string& synapse_type,
                                                  std::uint32_t projection_id) {
        const bool circuit = is_circuit_type(synapse_type);
        require_object(l, path);
        check_keys(l, path, {"type", "params", "stop", "normalize", "description"});
        const std::string type = require_string(require(l, path, "type"), path + "/type");
        const ModelInfo* model = registry_.find(type);
        if (!model || model->kind != ModelKind::learning)
            throw ConfigError(path + "/type",
                              "unknown learning rule \"" + type + "\"" +
                                  did_you_mean(type, registry_.types(ModelKind::learning)) +
                                  "; `memsnn models` lists them");
        if (circuit && !model->device_rule)
            throw ConfigError(path + "/type", "\"" + type +
                                                  "\" changes static weights; a synapse circuit "
                                                  "learns through a device rule (post_pulses)");
        if (!circuit && model->device_rule)
            throw ConfigError(path + "/type", "\"" + type +
                                                  "\" drives memristive synapse circuits; this "
                                                  "projection has static synapses");
        if (circuit && !model->circuits.empty() &&
            std::find(model->circuits.begin(), model->circuits.end(), synapse_type) ==
                model->circuits.end())
            throw ConfigError(path + "/type", "\"" + type + "\" needs a " +
                                                  model->circuits.front() + " synapse, not " +
                                                  synapse_type);
        std::vector<ParamSpec> specs = model->params;
        for (auto& spec : specs)
            if (spec.shown_unit == kWeightUnit) spec.dim = weight_dim;
        const ParamTable params =
            resolve_params(l.contains("params") ? &l["params"] : nullptr, path + "/params", specs,
                           1, run_.info.seed, kLearningParamStreams, false);
        PopulationArgs args{type,    n_synapses, projection_id, run_.info.seed,
                            &params, nullptr,    n_targets};
        return model->make_rule(args);
    }

    void stimuli() {
        const Json& list = s_["stimuli"];
        if (!list.is_array()) throw ConfigError("/stimuli", "expected a list of stimuli");
        for (std::size_t k = 0; k < list.size(); ++k) {
            const std::string path = pointer("/stimuli", k);
            const Json& sj = require_object(list[k], path);
            const std::string type = require_string(require(sj, path, "type"), path + "/type");
            const auto stim_types = registry_.types(ModelKind::stimulus);
            if (type != "step_current")
                throw ConfigError(path + "/type", "unknown stimulus type \"" + type + "\"" +
                                                      did_you_mean(type, stim_types));
            check_keys(sj, path,
                       {"type", "target", "neurons", "start", "stop", "amplitude", "description"});
            StepCurrent s;
            s.population = population_by_name(net(), require(sj, path, "target"), path + "/target");
            if (!net().population(s.population).accepts_current())
                throw ConfigError(path + "/target", "population \"" +
                                                        net().population(s.population).name() +
                                                        "\" takes no current input");
            s.neurons = neuron_list(sj.contains("neurons") ? &sj["neurons"] : nullptr,
                                    path + "/neurons", net().population(s.population).size());
            s.start = time_key(sj, path, "start", 0, Check::nonnegative);
            s.stop =
                sj.contains("stop") ? time_key(sj, path, "stop", 0, Check::nonnegative) : kNever;
            if (s.stop <= s.start) throw ConfigError(path + "/stop", "must be after start");
            s.amplitude = scalar_value(require(sj, path, "amplitude"), path + "/amplitude",
                                       Dim::current, Check::any);
            net().add_stimulus(std::move(s));
        }
    }

    void record() {
        if (!s_.contains("record")) {
            for (std::uint32_t p = 0; p < net().n_populations(); ++p) record_spikes(p);
            return;
        }
        const Json& list = s_["record"];
        if (!list.is_array()) throw ConfigError("/record", "expected a list of record entries");
        for (std::size_t k = 0; k < list.size(); ++k) {
            const std::string path = pointer("/record", k);
            const Json& rj = require_object(list[k], path);
            const std::string what = require_string(require(rj, path, "what"), path + "/what");
            if (rj.contains("projection")) {
                projection_report(rj, path, what);
                continue;
            }
            const std::uint32_t pop =
                population_by_name(net(), require(rj, path, "population"), path + "/population");
            if (what == "spikes") {
                check_keys(rj, path, {"what", "population", "description"});
                record_spikes(pop);
                continue;
            }
            variable_report(rj, path, what, pop);
        }
    }

    // A report over a projection's synapses: device variables and "energy" for circuits,
    // "weight" for static synapses.
    void projection_report(const Json& rj, const std::string& path, const std::string& what) {
        check_keys(
            rj, path,
            {"what", "projection", "synapses", "interval", "start", "stop", "name", "description"});
        const std::string pname = require_string(rj["projection"], path + "/projection");
        std::vector<std::string> names;
        int id = -1;
        for (std::size_t p = 0; p < net().projections().size(); ++p) {
            names.push_back(net().projections()[p].name());
            if (names.back() == pname) id = static_cast<int>(p);
        }
        if (id < 0)
            throw ConfigError(path + "/projection",
                              "no projection named \"" + pname + "\"" + did_you_mean(pname, names));
        const Projection& proj = net().projections()[static_cast<std::size_t>(id)];
        std::vector<VariableSpec> vars{{"weight", Dim::dimensionless, "static weight"}};
        if (proj.circuit()) vars = proj.circuit()->variables();
        std::vector<std::string> var_names;
        std::size_t var = vars.size();
        for (std::size_t v = 0; v < vars.size(); ++v) {
            var_names.push_back(vars[v].name);
            if (vars[v].name == what) var = v;
        }
        if (var == vars.size())
            throw ConfigError(path + "/what", "\"" + what +
                                                  "\" is not recordable on projection \"" + pname +
                                                  "\"" + did_you_mean(what, var_names));
        Report r;
        r.projection = true;
        r.population = static_cast<std::uint32_t>(id);
        r.variable = var;
        r.neurons = neuron_list(rj.contains("synapses") ? &rj["synapses"] : nullptr,
                                path + "/synapses", proj.n_synapses());
        const Dim unit = proj.circuit() ? vars[var].dim
                                        : *net().population(proj.target_population()).weight_dim();
        ProjectionInfo& pinfo = run_.info.projections[id];
        if (pinfo.source_ids.empty() && proj.n_synapses() > 0) {
            pinfo.source_ids.resize(proj.n_synapses());
            pinfo.target_ids.resize(proj.n_synapses());
            const std::size_t n_sources = net().population(proj.source_population()).size();
            for (std::uint32_t src = 0; src < n_sources; ++src)
                for (std::uint32_t g = proj.first_group(src); g < proj.first_group(src + 1); ++g)
                    for (std::uint32_t k = proj.group(g).begin; k < proj.group(g).end; ++k) {
                        pinfo.source_ids[proj.creation_index(k)] = src;
                        pinfo.target_ids[proj.creation_index(k)] = proj.target(k);
                    }
        }
        add_report(rj, path, pname, what, std::string(internal_unit(unit)), std::move(r));
    }

    void record_spikes(std::uint32_t pop) {
        net().set_record_spikes(pop, true);
        run_.info.populations[pop].record_spikes = true;
    }

    void variable_report(const Json& rj, const std::string& path, const std::string& what,
                         std::uint32_t pop) {
        check_keys(
            rj, path,
            {"what", "population", "neurons", "interval", "start", "stop", "name", "description"});
        const Population& population = net().population(pop);
        const auto& vars = population.variables();
        std::vector<std::string> names{"spikes"};
        std::size_t var = vars.size();
        for (std::size_t v = 0; v < vars.size(); ++v) {
            names.push_back(vars[v].name);
            if (vars[v].name == what) var = v;
        }
        if (var == vars.size())
            throw ConfigError(
                path + "/what", "\"" + what + "\" is not recordable in population \"" +
                                    population.name() + "\"" + did_you_mean(what, names) +
                                    "; it has: " + [&] {
                                        std::string s;
                                        for (const auto& n : names)
                                            s += (s.empty() ? "" : ", ") + n;
                                        return s;
                                    }());
        Report r;
        r.population = pop;
        r.variable = var;
        r.neurons = neuron_list(rj.contains("neurons") ? &rj["neurons"] : nullptr,
                                path + "/neurons", population.size());
        add_report(rj, path, population.name(), what, std::string(internal_unit(vars[var].dim)),
                   std::move(r));
    }

    // The timing keys and names shared by population and projection reports.
    void add_report(const Json& rj, const std::string& path, const std::string& owner,
                    const std::string& what, const std::string& units, Report r) {
        r.name = rj.contains("name") ? require_string(rj["name"], path + "/name") : owner;
        check_name(r.name, path + "/name", "report");
        for (const auto& other : run_.info.reports)
            if (other.name == r.name)
                throw ConfigError(path, "a second report named \"" + r.name +
                                            "\" (one report per group under /report); give this "
                                            "entry a distinct \"name\"");
        r.step = time_key(rj, path, "interval", dt_, Check::positive);
        if (r.step <= 0) throw ConfigError(path + "/interval", "must be at least 1 ps");
        r.start = time_key(rj, path, "start", 0, Check::nonnegative);
        const Tick stop = std::min(
            run_.duration, time_key(rj, path, "stop", run_.info.duration_ms, Check::nonnegative));
        if (stop <= r.start) throw ConfigError(path + "/stop", "must be after start");
        r.n_samples = static_cast<std::uint64_t>((stop - r.start + r.step - 1) / r.step);

        ReportInfo info;
        info.name = r.name;
        info.population = r.projection ? "" : owner;
        info.projection = r.projection ? owner : "";
        info.variable = what;
        info.units = units;
        for (auto n : r.neurons) info.node_ids.push_back(n);
        info.start_ms = ticks_to_ms(r.start);
        info.step_ms = ticks_to_ms(r.step);
        info.stop_ms = ticks_to_ms(r.start + static_cast<Tick>(r.n_samples) * r.step);
        info.n_samples = r.n_samples;
        run_.info.reports.push_back(std::move(info));
        net().add_report(std::move(r));
    }

    const Json& s_;
    const Registry& registry_;
    BuiltRun run_;
    double dt_ = kDefaultDt;
    std::filesystem::path scenario_dir_;
};

}  // namespace

BuiltRun build_run(const Json& scenario, const Registry& registry,
                   std::optional<std::uint64_t> seed_override, const std::string& default_name) {
    return Builder(scenario, registry, seed_override, default_name).build();
}

BuiltRun build_run(const Json& scenario, const Registry& registry,
                   std::optional<std::uint64_t> seed_override, const std::string& default_name,
                   const std::filesystem::path& scenario_dir) {
    Builder builder(scenario, registry, seed_override, default_name);
    builder.set_scenario_dir(scenario_dir);
    return builder.build();
}

}  // namespace memsnn
