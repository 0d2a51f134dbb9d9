// SPDX-License-Identifier: MIT
#include "engine/io/connect.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "engine/error.hpp"
#include "engine/io/circuit_build.hpp"

namespace memsnn {

namespace {

// The pairs of a connection rule in creation order; for the list rule also each pair's own
// weight and delay (null: not given).
struct Pairs {
    LargeVector<std::uint32_t>& sources;
    LargeVector<std::uint32_t>& targets;
    std::vector<const Json*> weights;
    std::vector<const Json*> delays;
    bool& by_target;
    void add(std::uint32_t s, std::uint32_t t) {
        sources.push_back(s);
        targets.push_back(t);
    }
    void reserve(std::uint64_t n) {
        if (n > std::numeric_limits<std::uint32_t>::max()) return;  // the projection refuses it
        sources.reserve(n);
        targets.reserve(n);
    }
};

std::uint64_t stream_object(std::uint32_t projection, std::uint64_t element) {
    return (static_cast<std::uint64_t>(projection) << 32) | element;
}

bool flag(const Json& c, const std::string& path, const char* key, bool fallback) {
    return c.contains(key) ? require_bool(c.at(key), pointer(path, key)) : fallback;
}

void make_pairs(const ConnectInput& in, Pairs& pairs) {
    const std::string path = in.path + "/connect";
    const Json& c = require_object(require(in.projection, in.path, "connect"), path);
    const std::string rule = require_string(require(c, path, "rule"), path + "/rule");
    const auto ns = static_cast<std::uint32_t>(in.n_sources);
    const auto nt = static_cast<std::uint32_t>(in.n_targets);
    auto autapse = [&](std::uint32_t s, std::uint32_t t) { return in.same_population && s == t; };

    if (rule == "all_to_all") {
        check_keys(c, path, {"rule", "allow_autapses", "exclude_one_to_one"});
        const bool autapses = flag(c, path, "allow_autapses", true);
        // All pairs but source i -> target i, also between two populations (Diehl & Cook's
        // inhibition of every excitatory neuron except the partner).
        const bool partner = flag(c, path, "exclude_one_to_one", false);
        pairs.reserve(std::uint64_t{ns} * nt);
        for (std::uint32_t s = 0; s < ns; ++s)
            for (std::uint32_t t = 0; t < nt; ++t)
                if ((autapses || !autapse(s, t)) && !(partner && s == t)) pairs.add(s, t);
    } else if (rule == "one_to_one") {
        check_keys(c, path, {"rule"});
        if (ns != nt)
            throw ConfigError(path + "/rule", "one_to_one needs equal sizes, got " +
                                                  std::to_string(ns) + " sources and " +
                                                  std::to_string(nt) + " targets");
        pairs.reserve(ns);
        for (std::uint32_t s = 0; s < ns; ++s) pairs.add(s, s);
    } else if (rule == "fixed_probability") {
        check_keys(c, path, {"rule", "p", "allow_autapses"});
        const double p = scalar_value(require(c, path, "p"), path + "/p", Dim::dimensionless,
                                      Check::probability);
        const bool autapses = flag(c, path, "allow_autapses", true);
        if (p > 0) {
            // Geometric skipping: the gap to the next chosen target is geometric(p).
            const double log_q = std::log1p(-p);
            const double expected = static_cast<double>(ns) * nt * std::min(p, 1.0);
            pairs.reserve(static_cast<std::uint64_t>(expected + 5 * std::sqrt(expected) + 64));
            for (std::uint32_t s = 0; s < ns; ++s) {
                RandomStream stream(in.seed, StreamDomain::connect, stream_object(in.index, s));
                double t = -1;
                while (true) {
                    t += p >= 1 ? 1.0 : 1.0 + std::floor(std::log(stream.uniform_open0()) / log_q);
                    if (!(t < nt)) break;
                    const auto tt = static_cast<std::uint32_t>(t);
                    if (autapses || !autapse(s, tt)) pairs.add(s, tt);
                }
            }
        }
    } else if (rule == "fixed_indegree") {
        check_keys(c, path, {"rule", "indegree", "allow_autapses", "allow_multapses"});
        const std::uint64_t k = require_count(require(c, path, "indegree"), path + "/indegree");
        const bool autapses = flag(c, path, "allow_autapses", true);
        const bool multapses = flag(c, path, "allow_multapses", true);
        const std::uint64_t available = in.same_population && !autapses ? ns - 1 : ns;
        if (k > 0 && available == 0)
            throw ConfigError(path + "/indegree", "no source neuron to draw from");
        if (!multapses && k > available)
            throw ConfigError(path + "/indegree",
                              "is " + std::to_string(k) + " but only " + std::to_string(available) +
                                  " distinct sources exist (allow_multapses is false)");
        // Target t's sources fill [t * k, (t + 1) * k) in the order drawn.
        if (k > 0 && k <= std::numeric_limits<std::uint32_t>::max() / std::max(nt, 1u)) {
            pairs.sources.resize(nt * k);
            pairs.targets.resize(nt * k);
        }
        for (std::uint32_t t = 0; t < nt; ++t) {
            RandomStream stream(in.seed, StreamDomain::connect,
                                stream_object(in.index, (1ull << 31) | t));
            if (pairs.sources.size() < (t + 1) * k) {  // too many for one projection
                pairs.sources.resize((t + 1) * k);
                pairs.targets.resize((t + 1) * k);
            }
            std::uint32_t* const chosen = pairs.sources.data() + t * k;
            std::uint64_t m = 0;
            while (m < k) {
                const auto s = static_cast<std::uint32_t>(stream.below(ns));
                if (!autapses && autapse(s, t)) continue;
                if (!multapses && std::find(chosen, chosen + m, s) != chosen + m) continue;
                chosen[m++] = s;
            }
            std::fill_n(pairs.targets.data() + t * k, k, t);
        }
        // Creation order within a target is by source: the projection numbers them so.
        pairs.by_target = true;
    } else if (rule == "list") {
        check_keys(c, path, {"rule", "pairs"});
        const Json& list = require(c, path, "pairs");
        const std::string lpath = path + "/pairs";
        if (!list.is_array()) throw ConfigError(lpath, "expected a list of [source, target] pairs");
        pairs.reserve(list.size());
        for (std::size_t k = 0; k < list.size(); ++k) {
            const std::string ppath = pointer(lpath, k);
            const Json& e = list[k];
            if (!e.is_array() || e.size() < 2 || e.size() > 4)
                throw ConfigError(ppath,
                                  "expected [source, target] or [source, target, weight] or "
                                  "[source, target, weight, delay]");
            const std::uint64_t s = require_count(e[0], pointer(ppath, 0));
            const std::uint64_t t = require_count(e[1], pointer(ppath, 1));
            if (s >= ns)
                throw ConfigError(pointer(ppath, 0), "source " + std::to_string(s) +
                                                         " is out of range (size " +
                                                         std::to_string(ns) + ")");
            if (t >= nt)
                throw ConfigError(pointer(ppath, 1), "target " + std::to_string(t) +
                                                         " is out of range (size " +
                                                         std::to_string(nt) + ")");
            pairs.add(static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(t));
            pairs.weights.push_back(e.size() > 2 ? &e[2] : nullptr);
            pairs.delays.push_back(e.size() > 3 ? &e[3] : nullptr);
        }
    } else {
        throw ConfigError(path + "/rule",
                          "unknown connection rule \"" + rule + "\"" +
                              did_you_mean(rule, {"all_to_all", "one_to_one", "fixed_probability",
                                                  "fixed_indegree", "list"}) +
                              "; use all_to_all, one_to_one, fixed_probability, fixed_indegree or "
                              "list");
    }
}

}  // namespace

SynapseList connect(const ConnectInput& in, Dim weight_dim) {
    SynapseList out;
    Pairs pairs{out.sources, out.targets, {}, {}, out.by_target};
    make_pairs(in, pairs);
    const std::string spath = in.path + "/synapse";
    const Json& syn = require_object(require(in.projection, in.path, "synapse"), spath);
    const std::string type = require_string(require(syn, spath, "type"), spath + "/type");
    const bool circuit = is_circuit_type(type);
    if (type != "static" && !circuit) {
        std::vector<std::string> types{"static"};
        for (const auto& t : circuit_types()) types.push_back(t);
        throw ConfigError(spath + "/type", "unknown synapse type \"" + type + "\"" +
                                               did_you_mean(type, types) +
                                               "; `memsnn models` lists them");
    }
    // A circuit's own keys are checked where it is built (engine/io/circuit_build.cpp).
    if (!circuit) check_keys(syn, spath, {"type", "weight", "delay", "description"});

    const std::size_t n = out.size();
    const std::string lpath = in.path + "/connect/pairs";
    // Per-pair values (list rule): pairs.weights and pairs.delays hold one entry per pair.
    bool overrides = false;
    for (std::size_t k = 0; k < pairs.weights.size(); ++k) {
        overrides = overrides || pairs.weights[k] || pairs.delays[k];
        if (circuit && pairs.weights[k])
            throw ConfigError(pointer(pointer(lpath, k), 2),
                              "a " + type +
                                  " synapse takes its weight from its device; list "
                                  "pairs as [source, target] and set \"delay\" in \"synapse\"");
    }
    bool all_weights_in_list = n > 0 && !circuit && pairs.weights.size() == n;
    for (const Json* w : pairs.weights) all_weights_in_list = all_weights_in_list && w;
    // A constant weight or delay is stored once; distributions and lists give one per synapse.
    auto per_synapse = [](const Json& v) { return v.is_array() || v.is_object(); };
    out.weights.assign(1, 0.0);  // circuits: the circuit computes the weight at each spike
    if (circuit) {
    } else if (syn.contains("weight")) {
        if (per_synapse(syn["weight"])) {
            RandomStream stream(in.seed, StreamDomain::synapse_value, stream_object(in.index, 0));
            out.weights.resize(n);
            element_values(syn["weight"], spath + "/weight", weight_dim, Check::any, out.weights,
                           stream);
        } else {
            out.weights[0] = scalar_value(syn["weight"], spath + "/weight", weight_dim, Check::any);
        }
    } else if (!all_weights_in_list && n > 0) {
        throw ConfigError(spath, "missing required key \"weight\" (" +
                                     std::string(dim_article_name(weight_dim)) +
                                     " for this target)");
    }
    LargeVector<double> delays(1, 1.0);  // ms
    if (syn.contains("delay")) {
        if (per_synapse(syn["delay"])) {
            RandomStream stream(in.seed, StreamDomain::synapse_value, stream_object(in.index, 1));
            delays.resize(n);
            element_values(syn["delay"], spath + "/delay", Dim::time, Check::positive, delays,
                           stream);
        } else {
            delays[0] = scalar_value(syn["delay"], spath + "/delay", Dim::time, Check::positive);
        }
    }

    if (overrides) {
        if (out.weights.size() != n) out.weights.assign(n, out.weights[0]);
        if (delays.size() != n) delays.assign(n, delays[0]);
        for (std::size_t k = 0; k < n; ++k) {
            if (pairs.weights[k])
                out.weights[k] = scalar_value(*pairs.weights[k], pointer(pointer(lpath, k), 2),
                                              weight_dim, Check::any);
            if (pairs.delays[k])
                delays[k] = scalar_value(*pairs.delays[k], pointer(pointer(lpath, k), 3), Dim::time,
                                         Check::positive);
            if (ms_to_ticks(delays[k]) < 1)
                throw ConfigError(spath + "/delay", "must be at least 1 ps");
        }
    }
    out.delays.resize(n > 0 ? delays.size() : 0);
    for (std::size_t k = 0; k < out.delays.size(); ++k) {
        out.delays[k] = ms_to_ticks(delays[k]);
        if (out.delays[k] < 1) throw ConfigError(spath + "/delay", "must be at least 1 ps");
    }
    return out;
}

}  // namespace memsnn
