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
