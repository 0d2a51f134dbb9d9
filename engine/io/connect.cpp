// SPDX-License-Identifier: MIT
#include "engine/io/connect.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "engine/error.hpp"
#include "engine/io/circuit_build.hpp"

namespace memsnn {

namespace {

struct Pair {
    std::uint32_t source;
    std::uint32_t target;
    const Json* weight = nullptr;  // per-pair override (list rule)
    const Json* delay = nullptr;
};

std::uint64_t stream_object(std::uint32_t projection, std::uint64_t element) {
    return (static_cast<std::uint64_t>(projection) << 32) | element;
}

bool flag(const Json& c, const std::string& path, const char* key, bool fallback) {
    return c.contains(key) ? require_bool(c.at(key), pointer(path, key)) : fallback;
}

std::vector<Pair> make_pairs(const ConnectInput& in) {
    const std::string path = in.path + "/connect";
    const Json& c = require_object(require(in.projection, in.path, "connect"), path);
    const std::string rule = require_string(require(c, path, "rule"), path + "/rule");
    const auto ns = static_cast<std::uint32_t>(in.n_sources);
    const auto nt = static_cast<std::uint32_t>(in.n_targets);
    std::vector<Pair> pairs;
    auto autapse = [&](std::uint32_t s, std::uint32_t t) { return in.same_population && s == t; };

    if (rule == "all_to_all") {
        check_keys(c, path, {"rule", "allow_autapses", "exclude_one_to_one"});
        const bool autapses = flag(c, path, "allow_autapses", true);
        // All pairs but source i -> target i, also between two populations (Diehl & Cook's
        // inhibition of every excitatory neuron except the partner).
        const bool partner = flag(c, path, "exclude_one_to_one", false);
        for (std::uint32_t s = 0; s < ns; ++s)
            for (std::uint32_t t = 0; t < nt; ++t)
                if ((autapses || !autapse(s, t)) && !(partner && s == t)) pairs.push_back({s, t});
    } else if (rule == "one_to_one") {
        check_keys(c, path, {"rule"});
        if (ns != nt)
            throw ConfigError(path + "/rule", "one_to_one needs equal sizes, got " +
                                                  std::to_string(ns) + " sources and " +
                                                  std::to_string(nt) + " targets");
        for (std::uint32_t s = 0; s < ns; ++s) pairs.push_back({s, s});
    } else if (rule == "fixed_probability") {
        check_keys(c, path, {"rule", "p", "allow_autapses"});
        const double p = scalar_value(require(c, path, "p"), path + "/p", Dim::dimensionless,
                                      Check::probability);
        const bool autapses = flag(c, path, "allow_autapses", true);
        if (p > 0) {
            // Geometric skipping: the gap to the next chosen target is geometric(p).
            const double log_q = std::log1p(-p);
            for (std::uint32_t s = 0; s < ns; ++s) {
                RandomStream stream(in.seed, StreamDomain::connect, stream_object(in.index, s));
                double t = -1;
                while (true) {
                    t += p >= 1 ? 1.0 : 1.0 + std::floor(std::log(stream.uniform_open0()) / log_q);
                    if (!(t < nt)) break;
                    const auto tt = static_cast<std::uint32_t>(t);
                    if (autapses || !autapse(s, tt)) pairs.push_back({s, tt});
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
        std::vector<std::uint32_t> chosen;
        for (std::uint32_t t = 0; t < nt; ++t) {
            RandomStream stream(in.seed, StreamDomain::connect,
                                stream_object(in.index, (1ull << 31) | t));
            chosen.clear();
            while (chosen.size() < k) {
                const auto s = static_cast<std::uint32_t>(stream.below(ns));
                if (!autapses && autapse(s, t)) continue;
                if (!multapses && std::find(chosen.begin(), chosen.end(), s) != chosen.end())
                    continue;
                chosen.push_back(s);
            }
            std::sort(chosen.begin(), chosen.end());
            for (auto s : chosen) pairs.push_back({s, t});
        }
    } else if (rule == "list") {
        check_keys(c, path, {"rule", "pairs"});
        const Json& list = require(c, path, "pairs");
        const std::string lpath = path + "/pairs";
        if (!list.is_array()) throw ConfigError(lpath, "expected a list of [source, target] pairs");
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
            pairs.push_back({static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(t),
                             e.size() > 2 ? &e[2] : nullptr, e.size() > 3 ? &e[3] : nullptr});
        }
    } else {
        throw ConfigError(path + "/rule",
                          "unknown connection rule \"" + rule + "\"" +
                              did_you_mean(rule, {"all_to_all", "one_to_one", "fixed_probability",
                                                  "fixed_indegree", "list"}) +
                              "; use all_to_all, one_to_one, fixed_probability, fixed_indegree or "
                              "list");
    }
    return pairs;
}

}  // namespace

std::vector<SynapseSpec> connect(const ConnectInput& in, Dim weight_dim) {
    std::vector<Pair> pairs = make_pairs(in);
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

    const std::size_t n = pairs.size();
    if (circuit) {
        for (std::size_t k = 0; k < n; ++k)
            if (pairs[k].weight)
                throw ConfigError(pointer(pointer(in.path + "/connect/pairs", k), 2),
                                  "a " + type +
                                      " synapse takes its weight from its device; list "
                                      "pairs as [source, target] and set \"delay\" in \"synapse\"");
    }
    bool all_weights_in_list = n > 0 && !circuit;
    for (const auto& p : pairs) all_weights_in_list = all_weights_in_list && p.weight;
    std::vector<double> weights(n, 0.0);
    if (circuit) {
        // weights stay 0: the circuit computes them at each spike
    } else if (syn.contains("weight")) {
        RandomStream stream(in.seed, StreamDomain::synapse_value, stream_object(in.index, 0));
        weights =
            element_values(syn["weight"], spath + "/weight", weight_dim, Check::any, n, stream);
    } else if (!all_weights_in_list && n > 0) {
        throw ConfigError(spath, "missing required key \"weight\" (" +
                                     std::string(dim_article_name(weight_dim)) +
                                     " for this target)");
    }
    std::vector<double> delays(n, 1.0);
    if (syn.contains("delay")) {
        RandomStream stream(in.seed, StreamDomain::synapse_value, stream_object(in.index, 1));
        delays =
            element_values(syn["delay"], spath + "/delay", Dim::time, Check::positive, n, stream);
    }

    std::vector<SynapseSpec> out(n);
    const std::string lpath = in.path + "/connect/pairs";
    for (std::size_t k = 0; k < n; ++k) {
        if (pairs[k].weight)
            weights[k] = scalar_value(*pairs[k].weight, pointer(pointer(lpath, k), 2), weight_dim,
                                      Check::any);
        if (pairs[k].delay)
            delays[k] = scalar_value(*pairs[k].delay, pointer(pointer(lpath, k), 3), Dim::time,
                                     Check::positive);
        const Tick d = ms_to_ticks(delays[k]);
        if (d < 1) throw ConfigError(spath + "/delay", "must be at least 1 ps");
        out[k] = {pairs[k].source, pairs[k].target, weights[k], d};
    }
    return out;
}

}  // namespace memsnn
