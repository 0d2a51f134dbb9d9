// SPDX-License-Identifier: MIT
// The parameter kinds of the input encoders (index lists, file paths), random access into
// streams, and the schedule columns a population hands to the output file.
#include <doctest/doctest.h>
#include <hdf5.h>
#include <unistd.h>

#include <filesystem>

#include "engine/error.hpp"
#include "engine/io/hdf5_writer.hpp"
#include "engine/io/scenario.hpp"
#include "engine/rng.hpp"

using namespace memsnn;

namespace {

const std::vector<ParamSpec> kSpecs{
    {"lists", Dim::dimensionless, kRequired, "index lists", Check::nonnegative,
     ParamKind::index_lists},
    {"optional", Dim::dimensionless, 0, "optional index lists", Check::nonnegative,
     ParamKind::index_lists},
    {"path", Dim::dimensionless, kRequired, "a file", Check::any, ParamKind::file},
};

ParamTable resolve(const Json& params) {
    return resolve_params(&params, "/p", kSpecs, 4, 1, 0, false);
}

std::string error_of(const Json& params) {
    try {
        resolve(params);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("index lists: a flat list is one list, a list of lists several") {
    const ParamTable flat = resolve({{"lists", {3, 0, 7}}, {"path", "x.csv"}});
    CHECK(flat.index_lists("lists") == std::vector<std::vector<std::uint64_t>>{{3, 0, 7}});
    CHECK(flat.index_path("lists", 0, 2) == "/p/lists/2");
    CHECK(flat.given("lists"));
    CHECK(!flat.given("optional"));
    CHECK(flat.index_lists("optional").empty());
    CHECK(flat.file("path") == "x.csv");

    const ParamTable nested = resolve({{"lists", {{1, 2}, Json::array(), {5}}}, {"path", "y"}});
    CHECK(nested.index_lists("lists") == std::vector<std::vector<std::uint64_t>>{{1, 2}, {}, {5}});
    CHECK(nested.index_path("lists", 2, 0) == "/p/lists/2/0");
    CHECK(resolve({{"lists", Json::array()}, {"path", "y"}}).index_lists("lists") ==
          std::vector<std::vector<std::uint64_t>>{{}});
}

TEST_CASE("index lists and files: wrong forms name their path") {
    CHECK(error_of({{"path", "x"}}) == "/p: missing required key \"lists\"");
    CHECK(error_of({{"lists", {1}}}) == "/p: missing required key \"path\" (a file path)");
    CHECK(error_of({{"lists", 3}, {"path", "x"}})
              .starts_with("/p/lists: expected a list of indices, or a list of such lists"));
    CHECK(error_of({{"lists", {1, -2}}, {"path", "x"}})
              .starts_with("/p/lists/1: expected a non-negative integer, got -2"));
    CHECK(error_of({{"lists", {1, 2.5}}, {"path", "x"}})
              .starts_with("/p/lists/1: expected a non-negative integer"));
    CHECK(error_of({{"lists", {{1}, 2}}, {"path", "x"}})
              .starts_with("/p/lists/1: expected a list of indices, got 2"));
    CHECK(error_of({{"lists", {{1}, {"a"}}}, {"path", "x"}})
              .starts_with("/p/lists/1/0: expected a non-negative integer"));
    CHECK(error_of({{"lists", {1}}, {"path", ""}})
              .starts_with("/p/path: expected a file path, got an empty string"));
    CHECK(error_of({{"lists", {1}}, {"path", {"a"}}}).starts_with("/p/path: expected a string"));
}

TEST_CASE("RandomStream::seek gives random access to a stream's blocks") {
    RandomStream sequential(42, StreamDomain::encoder_noise, 7);
    std::vector<std::uint64_t> draws;
    for (int k = 0; k < 24; ++k) draws.push_back(sequential.next_u64());
    for (std::uint32_t block : {9u, 0u, 3u}) {
        RandomStream s(42, StreamDomain::encoder_noise, 7);
        s.seek(block);
        CHECK(s.next_u64() == draws[2 * block]);
        CHECK(s.next_u64() == draws[2 * block + 1]);
        CHECK(s.next_u64() == draws[2 * block + 2]);
    }
    // New domains give new numbers.
    RandomStream other(42, StreamDomain::encoder_jitter, 7);
    CHECK(other.next_u64() != draws[0]);
}

TEST_CASE("schedule columns are written under /memsnn/populations/<name>") {
    namespace fs = std::filesystem;
    const fs::path file =
        fs::temp_directory_path() / ("memsnn_test_columns_" + std::to_string(::getpid()) + ".h5");
    RunInfo info;
    info.scenario_name = "t";
    info.populations.push_back({"enc", "image_poisson", 3, false});
    info.populations[0].columns.push_back({"presentation_start", "ms", {0, 500, 1000}});
    info.populations[0].columns.push_back({"label", "1", {}});
    {
        Hdf5Writer w(file);
        w.begin(info);
        w.end(RunSummary{});
        w.commit();
    }
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(f >= 0);
    const hid_t d = H5Dopen2(f, "/memsnn/populations/enc/presentation_start", H5P_DEFAULT);
    REQUIRE(d >= 0);
    std::vector<double> values(3);
    CHECK(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
    CHECK(values == std::vector<double>{0, 500, 1000});
    const hid_t a = H5Aopen(d, "units", H5P_DEFAULT);
    CHECK(a >= 0);
    H5Aclose(a);
    H5Dclose(d);
    const hid_t empty = H5Dopen2(f, "/memsnn/populations/enc/label", H5P_DEFAULT);
    CHECK(empty >= 0);
    const hid_t space = H5Dget_space(empty);
    CHECK(H5Sget_simple_extent_npoints(space) == 0);
    H5Sclose(space);
    H5Dclose(empty);
    H5Fclose(f);
    fs::remove(file);
}
