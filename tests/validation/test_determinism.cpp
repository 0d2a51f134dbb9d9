// SPDX-License-Identifier: MIT
// Same seed => identical spikes; different seed => different spikes. In memory, and through
// the CLI down to the bytes of the HDF5 spike datasets.
#include <doctest/doctest.h>
#include <hdf5.h>

#include <cstdlib>
#include <filesystem>

#include "tests/support.hpp"

using namespace memsnn;

namespace {

std::vector<char> dataset_bytes(const std::string& file, const std::string& name) {
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(f >= 0);
    const hid_t d = H5Dopen2(f, name.c_str(), H5P_DEFAULT);
    REQUIRE(d >= 0);
    const hid_t type = H5Dget_type(d);
    const hid_t space = H5Dget_space(d);
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    std::vector<char> bytes(n * H5Tget_size(type));
    if (n > 0) REQUIRE(H5Dread(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()) >= 0);
    H5Sclose(space);
    H5Tclose(type);
    H5Dclose(d);
    H5Fclose(f);
    return bytes;
}

Json poisson_network() {
    Json s = load_scenario_file(test::source_path("scenarios/default.json"));
    apply_override(s, "duration=300 ms");
    return s;
}

}  // namespace

TEST_CASE("same seed gives identical spikes, another seed different ones") {
    const auto a = test::run_scenario(poisson_network(), 11);
    const auto b = test::run_scenario(poisson_network(), 11);
    const auto c = test::run_scenario(poisson_network(), 12);
    REQUIRE(a.recorder->spikes().size() > 100);
    CHECK(a.recorder->spikes() == b.recorder->spikes());
    CHECK(a.recorder->spikes() != c.recorder->spikes());
}

TEST_CASE("two CLI runs with one seed write byte-identical spike datasets") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("memsnn_determinism_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string scenario = test::source_path("scenarios/brette2007_cuba_jump.json");
    for (const char* out : {"a.h5", "b.h5"}) {
        const std::string cmd = std::string(MEMSNN_CLI) + " run '" + scenario + "' -q --seed 7 " +
                                "--set duration=\"200 ms\" -o '" + (dir / out).string() + "'";
        REQUIRE(std::system(cmd.c_str()) == 0);
    }
    for (const char* pop : {"exc", "inh"}) {
        for (const char* ds : {"timestamps", "node_ids"}) {
            const std::string name = std::string("/spikes/") + pop + "/" + ds;
            const auto x = dataset_bytes((dir / "a.h5").string(), name);
            CHECK(x.size() > 0);
            CHECK(x == dataset_bytes((dir / "b.h5").string(), name));
        }
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("memristive synapses with device noise repeat exactly under one seed") {
    Json s = load_scenario_file(test::source_path("scenarios/memristive_synapses.json"));
    apply_override(s, "projections.0.synapse.device.params.sigma_read=0.1");
    apply_override(s, "projections.1.synapse.device.params.sigma_c2c=0.3");
    const auto a = test::run_scenario(s, 3);
    const auto b = test::run_scenario(s, 3);
    const auto c = test::run_scenario(s, 4);
    REQUIRE(a.recorder->spikes().size() > 50);
    CHECK(a.recorder->spikes() == b.recorder->spikes());
    REQUIRE(a.recorder->samples().size() == b.recorder->samples().size());
    for (std::size_t k = 0; k < a.recorder->samples().size(); ++k)
        CHECK(a.recorder->samples()[k].values == b.recorder->samples()[k].values);
    CHECK(a.recorder->spikes() != c.recorder->spikes());
    CHECK(a.recorder->summary().projection_energy == b.recorder->summary().projection_energy);
}

namespace {

// Plastic and stochastic: Poisson afferents, pair STDP on static weights, 1T1R binary RRAM
// cells with spread compliance under the 4T1R SRDP rule (probabilistic depression), stochastic
// PCM neurons (reset noise) and recurrent exponential-current LIF cells with spread delays, so
// spikes cross partitions every epoch and every kind of per-element random stream is used.
Json plastic_stochastic_network() {
    return Json::parse(R"({
      "name": "threads", "seed": 5, "duration": "300 ms",
      "populations": {
        "input": {"type": "poisson", "size": 120, "params": {"rate": {"uniform": ["5 Hz", "60 Hz"]}}},
        "cells": {"type": "lif", "size": 60,
                  "params": {"input": "exp_current", "C_m": "0.25 nF", "E_L": "-70 mV",
                             "V_th": "-55 mV", "V_reset": "-70 mV", "tau_syn_ex": "2 ms"},
                  "init": {"V_m": {"uniform": ["-70 mV", "-56 mV"]}}},
        "pcm": {"type": "pcm_neuron", "size": 7, "params": {"sigma_r": 0.2}}
      },
      "projections": [
        {"name": "plastic", "source": "input", "target": "cells",
         "connect": {"rule": "fixed_indegree", "indegree": 30},
         "synapse": {"type": "static", "weight": {"uniform": ["0.2 nA", "0.9 nA"]},
                     "delay": {"uniform": ["1 ms", "4 ms"]}},
         "learning": {"type": "stdp", "params": {"A_plus": "0.01 nA", "A_minus": "0.012 nA",
                                                   "w_max": "1 nA"}}},
        {"name": "recurrent", "source": "cells", "target": "cells",
         "connect": {"rule": "fixed_probability", "p": 0.1, "allow_autapses": false},
         "synapse": {"type": "static", "weight": {"uniform": ["-1 nA", "0.8 nA"]},
                     "delay": {"uniform": ["0.5 ms", "2 ms"]}}},
        {"name": "rram", "source": "input", "target": "cells",
         "connect": {"rule": "fixed_probability", "p": 0.05},
         "synapse": {"type": "1t1r", "gate_width": "5 ms", "gain": 1e-4, "delay": "1 ms",
                     "device": {"type": "rram", "params": {"mode": "binary",
                       "I_C": {"normal": {"mean": "50 uA", "sd": "10 uA", "min": "20 uA"}}},
                       "init": {"x": {"uniform": [0, 1]}}}},
         "learning": {"type": "srdp", "params": {"t_D": "30 ms", "p_ltd": 0.5,
           "ltp_waveform": [{"duration": "1 ms", "voltage": "1.2 V"}],
           "ltd_waveform": [{"duration": "1 ms", "voltage": "-1.6 V"}]}}},
        {"name": "to_pcm", "source": "cells", "target": "pcm",
         "connect": {"rule": "fixed_indegree", "indegree": 10},
         "synapse": {"type": "static", "weight": "2 V", "delay": "1 ms"}}
      ],
      "record": [
        {"what": "spikes", "population": "input"},
        {"what": "spikes", "population": "cells"},
        {"what": "spikes", "population": "pcm"},
        {"what": "V_m", "population": "cells", "neurons": [0, 29, 30, 59], "interval": "0.3 ms"},
        {"what": "weight", "projection": "plastic", "interval": "10 ms", "name": "w"},
        {"what": "G", "projection": "rram", "interval": "7 ms", "name": "G"}
      ]})");
}

}  // namespace

TEST_CASE(
    "a plastic, stochastic network gives identical spikes and weights on 1, 2 and 4 threads") {
    const Json s = plastic_stochastic_network();
    const auto one = test::run_scenario(s, {}, 1);
    const auto& spikes = one.recorder->spikes();
    REQUIRE(one.recorder->summary().spikes > 500);
    // Learning happened and the SRDP rule drew: weights and conductances moved.
    const auto& samples = one.recorder->samples();
    REQUIRE(samples.size() > 100);
    std::size_t moved = 0;
    std::vector<const MemoryRecorder::Sample*> first_of(one.built.info.reports.size(), nullptr);
    for (const auto& x : samples) {
        if (!first_of[x.report]) first_of[x.report] = &x;
        if (x.values != first_of[x.report]->values) ++moved;
    }
    CHECK(moved > 20);
    for (const unsigned threads : {2u, 4u}) {
        INFO(threads << " threads");
        const auto many = test::run_scenario(s, {}, threads);
        CHECK(many.recorder->spikes() == spikes);
        REQUIRE(many.recorder->samples().size() == samples.size());
        for (std::size_t k = 0; k < samples.size(); ++k) {
            CHECK(many.recorder->samples()[k].report == samples[k].report);
            CHECK(many.recorder->samples()[k].time == samples[k].time);
            CHECK(many.recorder->samples()[k].values == samples[k].values);
        }
        CHECK(many.recorder->summary().spikes == one.recorder->summary().spikes);
        CHECK(many.recorder->summary().synaptic_events == one.recorder->summary().synaptic_events);
        CHECK(many.recorder->summary().projection_energy ==
              one.recorder->summary().projection_energy);
        const auto& a = one.built.network->projections();
        const auto& b = many.built.network->projections();
        // Packed order does not depend on the thread count (static projections without a
        // report have no id maps).
        for (std::size_t p = 0; p < a.size(); ++p)
            for (std::uint32_t k = 0; k < a[p].n_synapses(); ++k)
                CHECK(a[p].weight(k) == b[p].weight(k));
    }
}

TEST_CASE("the CLI writes byte-identical spike and trace datasets with --threads 1 and 3") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("memsnn_threads_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string scenario = test::source_path("scenarios/default.json");
    for (const char* threads : {"1", "3"}) {
        const std::string cmd = std::string(MEMSNN_CLI) + " run '" + scenario +
                                "' -q --seed 7 --threads " + threads +
                                " --set duration=\"600 ms\" -o '" +
                                (dir / (std::string("t") + threads + ".h5")).string() + "'";
        REQUIRE(std::system(cmd.c_str()) == 0);
    }
    for (const char* name :
         {"/spikes/afferents/timestamps", "/spikes/afferents/node_ids", "/spikes/cells/timestamps",
          "/spikes/cells/node_ids", "/spikes/stepped/timestamps", "/report/cells/data",
          "/report/stepped_V_m/data"}) {
        INFO(name);
        const auto x = dataset_bytes((dir / "t1.h5").string(), name);
        CHECK(x.size() > 0);
        CHECK(x == dataset_bytes((dir / "t3.h5").string(), name));
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("delays below the shortest epoch run on one thread, with the same output") {
    Json s = load_scenario_file(test::source_path("scenarios/brette2007_cuba_jump.json"));
    apply_override(s, "duration=100 ms");
    auto built = build_run(s, default_registry(), 3, "test");
    const Simulation sim(*built.network, 4);
    CHECK(sim.epoch() == 1);  // one tick
    CHECK(sim.threads() == 1);
    Json d = load_scenario_file(test::source_path("scenarios/default.json"));
    auto built_d = build_run(d, default_registry(), 3, "test");
    const Simulation sim_d(*built_d.network, 4);
    CHECK(sim_d.epoch() == ms_to_ticks(1));
    CHECK(sim_d.threads() == 4);
}

TEST_CASE(
    "the Diehl & Cook network (normalisation, adaptive thresholds, a noisy 16-level "
    "device, learning stop) is identical on 1, 2 and 3 threads") {
    Json s = load_scenario_file(test::source_path("scenarios/experiments/diehl_cook_digits.json"));
    s["duration"] = "6 s";
    s["populations"]["exc"]["size"] = 12;
    s["populations"]["inh"]["size"] = 12;
    Json& input = s["populations"]["input"]["params"];
    input["count"] = 8;
    input["repeat"] = 1;
    input["eval_count"] = 4;
    Json& learning = s["projections"][0]["learning"];
    learning["stop"] = "4 s";
    // Delays from 1 ms: epochs of 1 ms keep the test quick on an oversubscribed machine.
    s["projections"][0]["synapse"]["delay"] = Json{{"uniform", {"1 ms", "10 ms"}}};
    learning["params"]["levels"] = 16;
    learning["params"]["sigma_device"] = 0.3;
    learning["params"]["sigma_cycle"] = 0.3;
    s["record"][1]["start"] = "0 ms";
    s["record"][1]["interval"] = "1 s";
    s["record"][2]["start"] = "0 ms";
    s["record"][2]["interval"] = "1 s";
    const auto dir = test::source_path("scenarios/experiments");
    const auto one = test::run_scenario(s, {}, 1, dir);
    REQUIRE(one.recorder->summary().spikes > 1000);
    const auto& samples = one.recorder->samples();
    REQUIRE(samples.size() == 12);
    CHECK(samples[6].values != samples[0].values);   // weights learnt (sample at 3 s)
    CHECK(samples[11].values != samples[1].values);  // thresholds adapted (theta at 5 s)
    for (const unsigned threads : {2u, 3u}) {
        INFO(threads << " threads");
        const auto many = test::run_scenario(s, {}, threads, dir);
        CHECK(many.recorder->spikes() == one.recorder->spikes());
        REQUIRE(many.recorder->samples().size() == samples.size());
        for (std::size_t k = 0; k < samples.size(); ++k)
            CHECK(many.recorder->samples()[k].values == samples[k].values);
    }
}
