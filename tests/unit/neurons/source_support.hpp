// SPDX-License-Identifier: MIT
// Test helpers for spike sources: build one source population straight from the registry and
// draw its trains while advancing the elements in a chosen order, so tests can check that the
// order (and so the partition into threads) does not change any train.
#pragma once

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/population.hpp"
#include "tests/support.hpp"

namespace memsnn::test {

// A scenario with one population `name` of source `type` and nothing else.
inline Json source_scenario(const std::string& name, const std::string& type, const Json& params,
                            const char* duration, std::uint64_t size) {
    return Json{{"duration", duration},
                {"populations", {{name, {{"type", type}, {"size", size}, {"params", params}}}}}};
}

// The message of the ConfigError a scenario's run throws, or "" when it runs.
inline std::string error_of(const Json& s) {
    try {
        run_scenario(s);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

struct SourceUnderTest {
    ParamTable params;
    ParamTable init;
    std::unique_ptr<Population> population;
};

inline SourceUnderTest make_source(const std::string& type, const Json& params, std::size_t size,
                                   std::uint64_t seed = 1, std::uint32_t id = 0,
                                   const std::filesystem::path& scenario_dir = {}) {
    const ModelInfo* m = default_registry().find(type);
    REQUIRE(m != nullptr);
    SourceUnderTest s;
    s.params =
        resolve_params(&params, "/populations/s/params", m->params, size, seed, 2ull * id, false);
    s.init =
        resolve_params(nullptr, "/populations/s/init", m->init, size, seed, 2ull * id + 1, true);
    PopulationArgs args{"s", size, id, seed, &s.params, &s.init};
    args.scenario_dir = scenario_dir;
    s.population = m->make(args);
    return s;
}

enum class Order {
    by_element,      // element 0's whole train, then element 1's, ...
    reverse,         // the last element's whole train first
    round_robin,     // one spike of every element in turn
    earliest_first,  // the engine's order: always the element with the earliest next spike
};

// Every element's spikes before `until`, drawn in `order`.
inline std::vector<std::vector<Tick>> trains(Population& p, Tick until, Order order) {
    const std::size_t n = p.size();
    std::vector<std::vector<Tick>> out(n);
    std::vector<Tick> next(n);
    auto draw = [&](std::size_t i) {  // the next spike of i, recorded; false when done
        const Tick now = out[i].empty() ? 0 : out[i].back();
        const Tick t = p.predict(i, now);
        if (t >= until) return false;
        REQUIRE(t >= now);
        REQUIRE(p.fire(i, t));
        out[i].push_back(t);
        return true;
    };
    switch (order) {
        case Order::by_element:
            for (std::size_t i = 0; i < n; ++i)
                while (draw(i)) {
                }
            break;
        case Order::reverse:
            for (std::size_t i = n; i-- > 0;)
                while (draw(i)) {
                }
            break;
        case Order::round_robin: {
            bool any = true;
            while (any) {
                any = false;
                for (std::size_t i = 0; i < n; ++i) any = draw(i) || any;
            }
            break;
        }
        case Order::earliest_first: {
            for (std::size_t i = 0; i < n; ++i) next[i] = p.predict(i, 0);
            for (;;) {
                const auto it = std::min_element(next.begin(), next.end());
                if (*it >= until) break;
                const auto i = static_cast<std::size_t>(it - next.begin());
                REQUIRE(p.fire(i, *it));
                out[i].push_back(*it);
                next[i] = p.predict(i, *it);
                REQUIRE(next[i] >= *it);
            }
            break;
        }
    }
    return out;
}

// The trains of a freshly built population for each order; they must all be equal.
inline void check_order_independent(const std::string& type, const Json& params, std::size_t size,
                                    Tick until, std::uint64_t seed = 1,
                                    const std::filesystem::path& scenario_dir = {}) {
    std::vector<std::vector<std::vector<Tick>>> results;
    for (Order order :
         {Order::earliest_first, Order::by_element, Order::reverse, Order::round_robin}) {
        auto s = make_source(type, params, size, seed, 0, scenario_dir);
        results.push_back(trains(*s.population, until, order));
    }
    std::size_t spikes = 0;
    for (const auto& train : results[0]) spikes += train.size();
    CHECK(spikes > 0);
    for (std::size_t k = 1; k < results.size(); ++k) {
        INFO("order " << k);
        CHECK(results[k] == results[0]);
    }
}

}  // namespace memsnn::test
