// SPDX-License-Identifier: MIT
// Projection storage: the packed order against a reference sort, the shared weight, the
// expansion for learning rules, and the id maps the scenario builder drops.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <random>
#include <tuple>
#include <vector>

#include "engine/io/build.hpp"
#include "engine/io/memory_recorder.hpp"
#include "engine/network.hpp"
#include "engine/simulation.hpp"

namespace memsnn {
namespace {

class NoRule final : public PlasticityRule {
  public:
    void on_pre(Projection&, std::uint32_t, Tick) override {}
    void on_post(Projection&, std::uint32_t, Tick) override {}
};

// Synapses as created: `n` random pairs among 40 sources and 30 targets (multapses included),
// delays from `n_delays` values, weights from `n_weights` values.
SynapseList random_synapses(std::size_t n, int n_delays, int n_weights, unsigned seed) {
    std::mt19937 rng(seed);
    SynapseList l;
    for (std::size_t i = 0; i < n; ++i) {
        l.sources.push_back(static_cast<std::uint32_t>(rng() % 40));
        l.targets.push_back(static_cast<std::uint32_t>(rng() % 30));
        l.weights.push_back(0.5 + static_cast<int>(rng() % n_weights));
        l.delays.push_back(1000 * (1 + static_cast<int>(rng() % n_delays)));
    }
    return l;
}

// Checks `p` against the reference order: by source, delay, target, creation.
void check_packing(const Projection& p, const SynapseList& l) {
    const std::size_t n = l.size();
    auto value = [](const auto& v, std::size_t i) { return v[v.size() == 1 ? 0 : i]; };
    auto delay = [&](std::size_t i) { return l.delays[l.delays.size() == 1 ? 0 : i]; };
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
        return std::tuple{l.sources[x], delay(x), l.targets[x], x} <
               std::tuple{l.sources[y], delay(y), l.targets[y], y};
    });
    REQUIRE(p.n_synapses() == n);
    REQUIRE(p.has_id_maps());
    std::size_t k = 0;
    for (std::uint32_t s = 0; s < 40; ++s)
        for (std::uint32_t g = p.first_group(s); g < p.first_group(s + 1); ++g) {
            CHECK(p.group(g).begin == k);
            CHECK(p.group(g).end > p.group(g).begin);
            for (; k < p.group(g).end; ++k) {
                const std::uint32_t id = order[k];
                CHECK(l.sources[id] == s);
                CHECK(delay(id) == p.group(g).delay);
                CHECK(p.target(static_cast<std::uint32_t>(k)) == l.targets[id]);
                CHECK(p.weight(static_cast<std::uint32_t>(k)) == value(l.weights, id));
                CHECK(p.creation_index(static_cast<std::uint32_t>(k)) == id);
                CHECK(p.weight_by_id(id) == value(l.weights, id));
                CHECK(p.target_by_id(id) == l.targets[id]);
            }
        }
    CHECK(k == n);
}

}  // namespace

TEST_CASE("packing orders synapses by source, delay, target and creation, whatever the input") {
    SUBCASE("random order, several delays, per-synapse weights") {
        const SynapseList l = random_synapses(2000, 3, 7, 1);
        check_packing(Projection("p", 0, 1, 40, l), l);
    }
    SUBCASE("random order, one delay") {
        const SynapseList l = random_synapses(2000, 1, 7, 2);
        check_packing(Projection("p", 0, 1, 40, l), l);
    }
    SUBCASE("by target, sources ascending (fixed_indegree)") {
        SynapseList l = random_synapses(1500, 1, 5, 3);
        for (std::uint32_t t = 0; t < 30; ++t) {
            std::sort(l.sources.begin() + 50 * t, l.sources.begin() + 50 * (t + 1));
            std::fill(l.targets.begin() + 50 * t, l.targets.begin() + 50 * (t + 1), t);
        }
        check_packing(Projection("p", 0, 1, 40, l), l);
        // The same synapses with each target's sources stored in any order: by_target.
        SynapseList shuffled = l;
        std::mt19937 rng(33);
        for (std::uint32_t t = 0; t < 30; ++t)
            std::shuffle(shuffled.sources.begin() + 50 * t, shuffled.sources.begin() + 50 * (t + 1),
                         rng);
        shuffled.by_target = true;
        check_packing(Projection("p", 0, 1, 40, shuffled), l);
        shuffled.delays = l.delays;
        for (std::size_t i = 0; i < l.size(); i += 3) shuffled.delays[i] = 2000;
        SynapseList reference = l;
        reference.delays = shuffled.delays;
        check_packing(Projection("p", 0, 1, 40, shuffled), reference);
        std::swap(shuffled.targets[0], shuffled.targets.back());  // not grouped by target
        CHECK_THROWS_AS(Projection("p", 0, 1, 40, shuffled), std::logic_error);
    }
    SUBCASE("by source, targets ascending except in a few sources, several delays") {
        SynapseList l = random_synapses(1000, 2, 3, 4);
        std::sort(l.sources.begin(), l.sources.end());
        for (std::size_t i = 0; i < 1000; i += 100)
            std::sort(l.targets.begin() + i, l.targets.begin() + i + 90);
        check_packing(Projection("p", 0, 1, 40, l), l);
        l.delays.assign(1, 1500);
        check_packing(Projection("p", 0, 1, 40, l), l);
    }
    SUBCASE("the SynapseSpec form packs the same") {
        const SynapseList l = random_synapses(500, 2, 4, 5);
        std::vector<SynapseSpec> specs;
        for (std::size_t i = 0; i < l.size(); ++i)
            specs.push_back({l.sources[i], l.targets[i], l.weights[i], l.delays[i]});
        check_packing(Projection("p", 0, 1, 40, specs), l);
    }
    SUBCASE("a source out of range is refused") {
        SynapseList l = random_synapses(10, 1, 1, 6);
        l.sources[3] = 40;
        CHECK_THROWS_AS(Projection("p", 0, 1, 40, l), std::logic_error);
    }
}

TEST_CASE("equal weights are stored once and read back for every synapse") {
    SynapseList l = random_synapses(3000, 2, 1, 7);  // one weight value, given per synapse
    const Projection shared("p", 0, 1, 40, l);
    CHECK(shared.weight_stride() == 0);
    check_packing(shared, l);
    for (std::uint32_t k = 0; k < shared.n_synapses(); ++k) {
        CHECK(shared.weight(k) == 0.5);
        CHECK(shared.weight_data()[k * shared.weight_stride()] == 0.5);
    }
    l.weights[1234] = 0.25;  // one different weight: one per synapse
    const Projection own("p", 0, 1, 40, l);
    CHECK(own.weight_stride() == 1);
    check_packing(own, l);
    // The shared weight saves 8 bytes per synapse.
    CHECK(own.memory_bytes() - shared.memory_bytes() >= 8 * (l.size() - 1));
    // -0.0 and 0.0 compare equal but are not shared: a delivered value never changes.
    SynapseList z = random_synapses(10, 1, 1, 8);
    z.weights.assign(10, 0.0);
    z.weights[4] = -0.0;
    CHECK(Projection("z", 0, 1, 40, z).weight_stride() == 1);
}

TEST_CASE("set_rule gives every synapse its own weight, which the rule changes alone") {
    SynapseList l = random_synapses(400, 1, 1, 9);
    l.weights.assign(1, 0.75);  // one weight for all
    Projection p("p", 0, 1, 40, l);
    REQUIRE(p.weight_stride() == 0);
    const std::size_t before = p.memory_bytes();
    p.set_rule(std::make_shared<NoRule>(), 30);
    CHECK(p.weight_stride() == 1);
    CHECK(p.memory_bytes() >= before + 8 * (p.n_synapses() - 1));
    p.weight_ref(17) = 2.0;
    p.weight_ref(18) *= 3;
    for (std::uint32_t k = 0; k < p.n_synapses(); ++k)
        CHECK(p.weight(k) == (k == 17 ? 2.0 : k == 18 ? 2.25 : 0.75));
    CHECK(p.weight_data()[17 * p.weight_stride()] == 2.0);
}

TEST_CASE("dropping the id maps frees 8 bytes per synapse; rules and circuits need them") {
    const SynapseList l = random_synapses(1000, 2, 3, 10);
    Projection p("p", 0, 1, 40, l);
    const std::size_t before = p.memory_bytes();
    p.drop_id_maps();
    CHECK_FALSE(p.has_id_maps());
    CHECK(p.memory_bytes() == before - 8 * l.size());
    CHECK(p.target(0) == Projection("p", 0, 1, 40, l).target(0));  // the CSR stays
    CHECK_THROWS_AS(p.set_rule(std::make_shared<NoRule>(), 30), std::logic_error);
    Projection q("q", 0, 1, 40, l);
    q.set_rule(std::make_shared<NoRule>(), 30);
    CHECK_THROWS_AS(q.drop_id_maps(), std::logic_error);
}

namespace {

Json compact_network() {
    return Json::parse(R"({"duration": "60 ms", "seed": 3,
      "populations": {
        "exc": {"type": "lif", "size": 800, "params": {"tau_m": "20 ms", "E_L": "-49 mV",
                "V_th": "-50 mV", "V_reset": "-60 mV", "t_ref": "5 ms"},
                "init": {"V_m": {"uniform": ["-60 mV", "-50 mV"]}}},
        "inh": {"type": "lif", "size": 200, "params": {"tau_m": "20 ms", "E_L": "-49 mV",
                "V_th": "-50 mV", "V_reset": "-60 mV", "t_ref": "5 ms"},
                "init": {"V_m": {"uniform": ["-60 mV", "-50 mV"]}}}},
      "projections": [
        {"name": "ee", "source": "exc", "target": "exc",
         "connect": {"rule": "fixed_indegree", "indegree": 80},
         "synapse": {"type": "static", "weight": "0.25 mV", "delay": "1 ms"}},
        {"name": "ei", "source": "exc", "target": "inh",
         "connect": {"rule": "fixed_probability", "p": 0.1},
         "synapse": {"type": "static", "weight": {"uniform": ["0.1 mV", "0.4 mV"]},
                     "delay": {"uniform": ["1 ms", "2 ms"]}}},
        {"name": "ie", "source": "inh", "target": "exc",
         "connect": {"rule": "fixed_indegree", "indegree": 20},
         "synapse": {"type": "static", "weight": "-2.25 mV", "delay": "1.5 ms"}},
        {"name": "ii", "source": "inh", "target": "inh",
         "connect": {"rule": "all_to_all", "allow_autapses": false},
         "synapse": {"type": "static", "weight": "-0.5 mV", "delay": "1 ms"}}],
      "record": [{"what": "spikes", "population": "exc"},
                 {"what": "spikes", "population": "inh"}]})");
}

std::vector<MemoryRecorder::Spike> run(BuiltRun& built) {
    MemoryRecorder recorder;
    Simulation sim(*built.network, 1);
    sim.add_recorder(&recorder);
    recorder.begin(built.info);
    recorder.end(sim.run(built.duration));
    return recorder.spikes();
}

}  // namespace

TEST_CASE("the builder keeps id maps only where a report, rule or circuit needs them") {
    Json s = compact_network();
    s["record"].push_back({{"what", "weight"}, {"projection", "ie"}, {"synapses", {0, 5}}});
    const BuiltRun built = build_run(s, default_registry(), {}, "test");
    const auto& p = built.network->projections();
    CHECK_FALSE(p[0].has_id_maps());
    CHECK_FALSE(p[1].has_id_maps());
    CHECK(p[2].has_id_maps());  // reported
    CHECK_FALSE(p[3].has_id_maps());
    // Shared weights where the weight is one value, per synapse where it is drawn.
    CHECK(p[0].weight_stride() == 0);
    CHECK(p[1].weight_stride() == 1);
    CHECK(p[2].weight_stride() == 0);
    // ee: the CSR targets (4 bytes) and one delay group per source (20 bytes / 80 synapses).
    CHECK(static_cast<double>(p[0].memory_bytes()) / static_cast<double>(p[0].n_synapses()) < 4.5);
}

TEST_CASE("a scenario gives identical spikes with compact and with expanded synapse storage") {
    BuiltRun compact = build_run(compact_network(), default_registry(), {}, "test");
    // The same network with every projection reported (so all id maps stay) and every weight
    // stored per synapse.
    Json s = compact_network();
    for (const char* name : {"ee", "ei", "ie", "ii"})
        s["record"].push_back({{"what", "weight"},
                               {"projection", name},
                               {"synapses", {0}},
                               {"interval", "60 ms"},
                               {"name", std::string("w_") + name}});
    BuiltRun expanded = build_run(s, default_registry(), {}, "test");
    std::size_t compact_bytes = 0, expanded_bytes = 0;
    for (std::uint32_t p = 0; p < 4; ++p) {
        Projection& e = expanded.network->projection(p);
        e.expand_weights();
        REQUIRE(e.has_id_maps());
        REQUIRE_FALSE(compact.network->projections()[p].has_id_maps());
        compact_bytes += compact.network->projections()[p].memory_bytes();
        expanded_bytes += e.memory_bytes();
    }
    CHECK(compact_bytes < expanded_bytes / 2);
    const auto a = run(compact);
    const auto b = run(expanded);
    CHECK(a.size() > 1000);
    CHECK(a == b);
}

}  // namespace memsnn
