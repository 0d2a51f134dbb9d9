// SPDX-License-Identifier: MIT
// Hdf5Writer round trip (every value read back with the HDF5 C API), atomic commit and cleanup,
// user errors, and the inspect summary.
#include <doctest/doctest.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/io/hdf5_inspect.hpp"
#include "engine/io/hdf5_writer.hpp"
#include "engine/simulation.hpp"
#include "engine/time.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;
using namespace memsnn;

namespace {

// A fresh directory under the system temporary directory, removed with its contents at exit.
struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("memsnn_test_hdf5_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path, ec);
    }
    std::size_t entries() const {
        return static_cast<std::size_t>(
            std::distance(fs::directory_iterator(path), fs::directory_iterator{}));
    }
};

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// The text with every run of spaces made one space, so table rows compare without padding.
std::string squeeze(const std::string& text) {
    std::string result;
    for (const char c : text) {
        if (c != ' ' || result.empty() || result.back() != ' ') result += c;
    }
    return result;
}

// Minimal RAII for the identifiers the test opens.
struct H5 {
    hid_t id;
    herr_t (*close)(hid_t);
    H5(hid_t i, herr_t (*c)(hid_t)) : id(i), close(c) { REQUIRE(id >= 0); }
    ~H5() { close(id); }
    H5(const H5&) = delete;
    H5& operator=(const H5&) = delete;
    operator hid_t() const { return id; }
};

H5 open_file(const fs::path& path) {
    return {H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
}
H5 open_dataset(hid_t file, const char* name) {
    return {H5Dopen2(file, name, H5P_DEFAULT), H5Dclose};
}

std::vector<hsize_t> dims_of(hid_t file, const char* name) {
    H5 dataset = open_dataset(file, name);
    H5 space(H5Dget_space(dataset), H5Sclose);
    std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    return dims;
}

template <typename T>
std::vector<T> read_all(hid_t file, const char* name, hid_t memory_type) {
    std::size_t n = 1;
    for (const hsize_t d : dims_of(file, name)) n *= d;
    std::vector<T> values(n);
    H5 dataset = open_dataset(file, name);
    if (n > 0) {
        REQUIRE(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
    }
    return values;
}

std::vector<double> read_doubles(hid_t file, const char* name) {
    return read_all<double>(file, name, H5T_NATIVE_DOUBLE);
}
std::vector<std::uint64_t> read_u64(hid_t file, const char* name) {
    return read_all<std::uint64_t>(file, name, H5T_NATIVE_UINT64);
}

template <typename T>
T number_attribute(hid_t file, const char* object, const char* name, hid_t memory_type) {
    H5 attr(H5Aopen_by_name(file, object, name, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    T value{};
    REQUIRE(H5Aread(attr, memory_type, &value) >= 0);
    return value;
}

std::string string_attribute(hid_t file, const char* object, const char* name) {
    H5 attr(H5Aopen_by_name(file, object, name, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    H5 type(H5Aget_type(attr), H5Tclose);
    REQUIRE(H5Tis_variable_str(type) > 0);
    CHECK(H5Tget_cset(type) == H5T_CSET_UTF8);
    H5 memory_type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(memory_type, H5T_VARIABLE);
    H5Tset_cset(memory_type, H5T_CSET_UTF8);
    char* text = nullptr;
    REQUIRE(H5Aread(attr, memory_type, &text) >= 0);
    std::string result = text;
    H5free_memory(text);
    return result;
}

struct ExpectedSpikes {
    std::vector<double> times;
    std::vector<std::uint64_t> nodes;
};

RunInfo small_run() {
    RunInfo info;
    info.scenario_name = "mini";
    info.scenario_json = R"({"name": "mini", "populations": {"exc": {"type": "lif"}}})";
    info.command_line = "memsnn run mini.json --seed 42";
    info.version = "0.1.0-test";
    info.seed = 42;
    info.duration_ms = 1000;
    info.populations = {
        {"exc", "lif", 8, true}, {"inh", "izhikevich", 4, true}, {"input", "poisson", 10, false}};
    ReportInfo report;
    report.name = "v_exc";
    report.population = "exc";
    report.variable = "V_m";
    report.units = "mV";
    report.node_ids = {1, 5, 7};
    report.start_ms = 0;
    report.stop_ms = 10;
    report.step_ms = 1;
    report.n_samples = 10;
    info.reports = {report};
    return info;
}

double sample_value(std::uint64_t k, std::size_t j) {
    return -70.0 + static_cast<double>(k) + 0.125 * static_cast<double>(j);
}

// Feeds a run in time order: 5000 spikes (2/3 exc, 1/3 inh) and 10 samples of the report.
void feed_small_run(Hdf5Writer& writer, ExpectedSpikes expected[2]) {
    constexpr int kSpikes = 5000;
    const Tick spike_step = 123'456'789;  // ~0.123 ms, not a round number of ms
    std::uint64_t next_sample = 0;
    for (int i = 0; i < kSpikes; ++i) {
        const Tick t = 1 + i * spike_step;
        while (next_sample < 10 && static_cast<Tick>(next_sample) * kTicksPerMs <= t) {
            const double row[3] = {sample_value(next_sample, 0), sample_value(next_sample, 1),
                                   sample_value(next_sample, 2)};
            writer.sample(0, static_cast<Tick>(next_sample) * kTicksPerMs, row);
            ++next_sample;
        }
        const std::uint32_t population = i % 3 == 0 ? 1 : 0;
        const std::uint64_t node = static_cast<std::uint64_t>(i) % (population == 0 ? 8 : 4);
        writer.spike(population, node, t);
        expected[population].times.push_back(ticks_to_ms(t));
        expected[population].nodes.push_back(node);
    }
}

RunSummary small_summary() {
    RunSummary summary;
    summary.wall_time_s = 1.5;
    summary.events = 123456;
    summary.stale_events = 78;
    summary.spikes = 5000;
    summary.synaptic_events = 987654;
    return summary;
}

}  // namespace

TEST_CASE("Hdf5Writer: round trip of spikes, report and run metadata") {
    TempDir dir;
    const fs::path path = dir.path / "out.h5";
    const RunInfo info = small_run();
    ExpectedSpikes expected[2];
    {
        // Small chunks, so that spikes and report rows span many chunks.
        Hdf5Writer writer(path, {.chunk_elements = 16, .flush_interval_s = 10});
        CHECK(fs::exists(writer.temp_path()));
        CHECK(writer.temp_path().parent_path() == path.parent_path());
        writer.begin(info);
        feed_small_run(writer, expected);
        writer.end(small_summary());
        writer.commit();
        CHECK(!fs::exists(writer.temp_path()));
    }
    REQUIRE(fs::exists(path));
    CHECK(dir.entries() == 1);

    H5 file = open_file(path);
    const char* names[2] = {"exc", "inh"};
    for (int p = 0; p < 2; ++p) {
        CAPTURE(names[p]);
        const std::string group = std::string("/spikes/") + names[p];
        const auto times = read_doubles(file, (group + "/timestamps").c_str());
        const auto nodes = read_u64(file, (group + "/node_ids").c_str());
        CHECK(times.size() > 16);
        CHECK(times == expected[p].times);
        CHECK(nodes == expected[p].nodes);
        CHECK(string_attribute(file, (group + "/timestamps").c_str(), "units") == "ms");

        // sorting: an enum over int8 with none=0, by_id=1, by_time=2, set to by_time.
        H5 attr(H5Aopen_by_name(file, group.c_str(), "sorting", H5P_DEFAULT, H5P_DEFAULT),
                H5Aclose);
        H5 type(H5Aget_type(attr), H5Tclose);
        REQUIRE(H5Tget_class(type) == H5T_ENUM);
        CHECK(H5Tget_nmembers(type) == 3);
        CHECK(H5Tget_size(type) == 1);
        std::int8_t value = -1;
        REQUIRE(H5Aread(attr, type, &value) >= 0);
        CHECK(value == 2);
        char member[16] = {};
        REQUIRE(H5Tenum_nameof(type, &value, member, sizeof member) >= 0);
        CHECK(std::string(member) == "by_time");

        // Growing datasets: chunked, unlimited, shuffle + gzip.
        H5 dataset = open_dataset(file, (group + "/timestamps").c_str());
        H5 dcpl(H5Dget_create_plist(dataset), H5Pclose);
        CHECK(H5Pget_layout(dcpl) == H5D_CHUNKED);
        hsize_t chunk = 0;
        CHECK(H5Pget_chunk(dcpl, 1, &chunk) == 1);
        CHECK(chunk == 16);
        CHECK(H5Pget_nfilters(dcpl) == 2);
        unsigned flags = 0;
        CHECK(H5Pget_filter_by_id2(dcpl, H5Z_FILTER_DEFLATE, &flags, nullptr, nullptr, 0, nullptr,
                                   nullptr) >= 0);
        CHECK(H5Pget_filter_by_id2(dcpl, H5Z_FILTER_SHUFFLE, &flags, nullptr, nullptr, 0, nullptr,
                                   nullptr) >= 0);
        H5 space(H5Dget_space(dataset), H5Sclose);
        hsize_t max_dims = 0;
        H5Sget_simple_extent_dims(space, nullptr, &max_dims);
        CHECK(max_dims == H5S_UNLIMITED);
    }
    CHECK(H5Lexists(file, "/spikes/input", H5P_DEFAULT) == 0);

    // Report: data [10, 3] and its SONATA mapping.
    CHECK(dims_of(file, "/report/v_exc/data") == std::vector<hsize_t>{10, 3});
    const auto data = read_doubles(file, "/report/v_exc/data");
    for (std::uint64_t k = 0; k < 10; ++k) {
        for (std::size_t j = 0; j < 3; ++j) CHECK(data[k * 3 + j] == sample_value(k, j));
    }
    CHECK(string_attribute(file, "/report/v_exc/data", "units") == "mV");
    CHECK(string_attribute(file, "/report/v_exc/data", "variable") == "V_m");
    CHECK(string_attribute(file, "/report/v_exc", "population") == "exc");
    CHECK(read_u64(file, "/report/v_exc/mapping/node_ids") == std::vector<std::uint64_t>{1, 5, 7});
    CHECK(read_u64(file, "/report/v_exc/mapping/index_pointers") ==
          std::vector<std::uint64_t>{0, 1, 2, 3});
    CHECK(read_all<std::uint32_t>(file, "/report/v_exc/mapping/element_ids", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{0, 0, 0});
    CHECK(read_doubles(file, "/report/v_exc/mapping/time") == std::vector<double>{0, 10, 1});

    // Run metadata.
    CHECK(string_attribute(file, "/memsnn", "scenario_name") == "mini");
    CHECK(string_attribute(file, "/memsnn", "version") == "0.1.0-test");
    CHECK(string_attribute(file, "/memsnn", "command_line") == info.command_line);
    CHECK(number_attribute<std::uint64_t>(file, "/memsnn", "seed", H5T_NATIVE_UINT64) == 42);
    CHECK(number_attribute<double>(file, "/memsnn", "duration_ms", H5T_NATIVE_DOUBLE) == 1000);
    const RunSummary summary = small_summary();
    CHECK(number_attribute<double>(file, "/memsnn", "wall_time_s", H5T_NATIVE_DOUBLE) ==
          summary.wall_time_s);
    CHECK(number_attribute<std::uint64_t>(file, "/memsnn", "events", H5T_NATIVE_UINT64) ==
          summary.events);
    CHECK(number_attribute<std::uint64_t>(file, "/memsnn", "stale_events", H5T_NATIVE_UINT64) ==
          summary.stale_events);
    CHECK(number_attribute<std::uint64_t>(file, "/memsnn", "spikes", H5T_NATIVE_UINT64) ==
          summary.spikes);
    CHECK(number_attribute<std::uint64_t>(file, "/memsnn", "synaptic_events", H5T_NATIVE_UINT64) ==
          summary.synaptic_events);
    {
        H5 scenario = open_dataset(file, "/memsnn/scenario");
        H5 memory_type(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(memory_type, H5T_VARIABLE);
        H5Tset_cset(memory_type, H5T_CSET_UTF8);
        char* text = nullptr;
        REQUIRE(H5Dread(scenario, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &text) >= 0);
        CHECK(std::string(text) == info.scenario_json);
        H5free_memory(text);
    }
    for (const auto& p : info.populations) {
        const std::string group = "/memsnn/populations/" + p.name;
        CHECK(string_attribute(file, group.c_str(), "type") == p.type);
        CHECK(number_attribute<std::uint64_t>(file, group.c_str(), "size", H5T_NATIVE_UINT64) ==
              p.size);
    }
}

TEST_CASE("Hdf5Writer: default chunks with more than two chunks of spikes") {
    TempDir dir;
    const fs::path path = dir.path / "big.h5";
    RunInfo info;
    info.duration_ms = 100;
    info.populations = {{"all", "lif", 1000, true}, {"silent", "lif", 5, true}};
    ReportInfo report;
    report.name = "never_sampled";
    report.population = "silent";
    report.node_ids = {0, 1, 2};
    info.reports = {report};
    constexpr std::uint64_t kSpikes = 150'000;
    {
        Hdf5Writer writer(path);
        writer.begin(info);
        for (std::uint64_t i = 0; i < kSpikes; ++i) {
            writer.spike(0, (i * 7919) % 1000, static_cast<Tick>(i) * 654'321);
        }
        writer.end({});
        writer.commit();
    }
    H5 file = open_file(path);
    const auto times = read_doubles(file, "/spikes/all/timestamps");
    const auto nodes = read_u64(file, "/spikes/all/node_ids");
    REQUIRE(times.size() == kSpikes);
    REQUIRE(nodes.size() == kSpikes);
    bool all_equal = true;
    for (std::uint64_t i = 0; i < kSpikes; ++i) {
        all_equal = all_equal && times[i] == ticks_to_ms(static_cast<Tick>(i) * 654'321) &&
                    nodes[i] == (i * 7919) % 1000;
    }
    CHECK(all_equal);
    {
        H5 dataset = open_dataset(file, "/spikes/all/node_ids");
        H5 dcpl(H5Dget_create_plist(dataset), H5Pclose);
        hsize_t chunk = 0;
        H5Pget_chunk(dcpl, 1, &chunk);
        CHECK(chunk == 65536);
    }
    // A population that never spikes still gets its (empty) datasets.
    CHECK(dims_of(file, "/spikes/silent/timestamps") == std::vector<hsize_t>{0});
    CHECK(dims_of(file, "/spikes/silent/node_ids") == std::vector<hsize_t>{0});
    // A report without samples has no rows but its full width.
    CHECK(dims_of(file, "/report/never_sampled/data") == std::vector<hsize_t>{0, 3});
}

TEST_CASE("Hdf5Writer: a report wider than a chunk is split along nodes") {
    TempDir dir;
    const fs::path path = dir.path / "wide.h5";
    RunInfo info;
    info.populations = {{"exc", "lif", 40, false}};
    ReportInfo report;
    report.name = "wide";
    report.population = "exc";
    report.variable = "V_m";
    report.units = "mV";
    for (std::uint64_t n = 0; n < 40; ++n) report.node_ids.push_back(n);
    report.step_ms = 0.5;
    report.stop_ms = 3.5;
    report.n_samples = 7;
    info.reports = {report};
    {
        Hdf5Writer writer(path, {.chunk_elements = 16});
        writer.begin(info);
        std::vector<double> row(40);
        for (int k = 0; k < 7; ++k) {
            for (int j = 0; j < 40; ++j) row[static_cast<std::size_t>(j)] = k * 100 + j;
            writer.sample(0, k * kTicksPerMs / 2, row);
        }
        writer.end({});
        writer.commit();
    }
    H5 file = open_file(path);
    CHECK(dims_of(file, "/report/wide/data") == std::vector<hsize_t>{7, 40});
    const auto data = read_doubles(file, "/report/wide/data");
    bool all_equal = true;
    for (int k = 0; k < 7; ++k) {
        for (int j = 0; j < 40; ++j) all_equal = all_equal && data[k * 40 + j] == k * 100 + j;
    }
    CHECK(all_equal);
    CHECK(read_u64(file, "/report/wide/mapping/index_pointers").size() == 41);
}

TEST_CASE("Hdf5Writer: periodic flush leaves a readable file while the run goes on") {
    TempDir dir;
    const fs::path path = dir.path / "out.h5";
    const fs::path copy = dir.path / "snapshot.h5";
    RunInfo info;
    info.populations = {{"exc", "lif", 10, true}};
    Hdf5Writer writer(path, {.flush_interval_s = 0});
    writer.begin(info);
    // The clock is looked at every 4096 calls; with a zero interval that flushes everything.
    for (int i = 0; i < 5000; ++i) writer.spike(0, static_cast<std::uint64_t>(i % 10), i * 1000);
    fs::copy_file(writer.temp_path(), copy);
    {
        H5 file = open_file(copy);
        const auto times = read_doubles(file, "/spikes/exc/timestamps");
        REQUIRE(times.size() == 4096);
        CHECK(times[4095] == ticks_to_ms(4095 * 1000));
    }
    writer.end({});
    writer.commit();
    H5 file = open_file(path);
    const auto times = read_doubles(file, "/spikes/exc/timestamps");
    REQUIRE(times.size() == 5000);
    bool all_equal = true;
    for (int i = 0; i < 5000; ++i) all_equal = all_equal && times[i] == ticks_to_ms(i * 1000);
    CHECK(all_equal);
}

TEST_CASE("Hdf5Writer: commit replaces an existing file, abandoning leaves it untouched") {
    TempDir dir;
    const fs::path path = dir.path / "out.h5";
    const std::string previous = "previous results\n";
    write_text(path, previous);
    const RunInfo info = small_run();
    ExpectedSpikes expected[2];

    SUBCASE("destroyed without commit") {
        fs::path temp;
        {
            Hdf5Writer writer(path, {.chunk_elements = 16});
            temp = writer.temp_path();
            CHECK(fs::exists(temp));
            writer.begin(info);
            feed_small_run(writer, expected);
        }
        CHECK(!fs::exists(temp));
        CHECK(read_text(path) == previous);
        CHECK(dir.entries() == 1);
    }
    SUBCASE("destroyed right after construction") {
        { Hdf5Writer writer(path); }
        CHECK(read_text(path) == previous);
        CHECK(dir.entries() == 1);
    }
    SUBCASE("committed") {
        {
            Hdf5Writer writer(path);
            writer.begin(info);
            feed_small_run(writer, expected);
            writer.end(small_summary());
            writer.commit();
        }
        CHECK(H5Fis_hdf5(path.c_str()) > 0);
        CHECK(dir.entries() == 1);
    }
}

TEST_CASE("Hdf5Writer: unwritable output is a ConfigError that leaves nothing behind") {
    TempDir dir;
    SUBCASE("missing directory") {
        const fs::path path = dir.path / "no_such_dir" / "out.h5";
        try {
            Hdf5Writer writer(path);
            FAIL("no exception");
        } catch (const ConfigError& e) {
            const std::string message = e.what();
            CHECK(message.find("cannot write output file \"" + path.string() + "\": ") == 0);
        }
        CHECK(dir.entries() == 0);
    }
    SUBCASE("the output path is a directory") {
        fs::create_directory(dir.path / "taken");
        CHECK_THROWS_AS(Hdf5Writer(dir.path / "taken"), ConfigError);
        CHECK(dir.entries() == 1);
    }
    SUBCASE("read-only directory") {
        const fs::path locked = dir.path / "locked";
        fs::create_directory(locked);
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
        if (::access(locked.c_str(), W_OK) != 0) {  // root writes anyway: nothing to test then
            CHECK_THROWS_AS(Hdf5Writer(locked / "out.h5"), ConfigError);
            CHECK(fs::is_empty(locked));
        }
    }
}

TEST_CASE("Hdf5Writer: names that cannot be HDF5 groups are ConfigErrors") {
    TempDir dir;
    RunInfo info = small_run();
    SUBCASE("two reports with one name") {
        info.reports.push_back(info.reports[0]);
    }
    SUBCASE("a slash in a population name") {
        info.populations[0].name = "a/b";
    }
    Hdf5Writer writer(dir.path / "out.h5");
    CHECK_THROWS_AS(writer.begin(info), ConfigError);
}

TEST_CASE("inspect_file summarises a memsnn file") {
    TempDir dir;
    const fs::path path = dir.path / "out.h5";
    ExpectedSpikes expected[2];
    {
        Hdf5Writer writer(path);
        writer.begin(small_run());
        feed_small_run(writer, expected);
        writer.end(small_summary());
        writer.commit();
    }
    std::ostringstream out;
    inspect_file(path, out);
    const std::string text = squeeze(out.str());
    CAPTURE(text);
    for (const char* line :
         {"\n scenario mini\n", "\n seed 42\n", "\n version 0.1.0-test\n",
          "\n command line memsnn run mini.json --seed 42\n", "\n duration 1000 ms\n",
          "\n wall time 1.500 s\n", "\n events 123456\n", "\n stale events 78\n",
          "\n spikes 5000\n", "\n synaptic events 987654\n", "\n input poisson 10 not recorded\n",
          "\n v_exc exc V_m mV 3 10 0 to 10 step 1\n"}) {
        CHECK(text.find(line) != std::string::npos);
    }
    const char* rows[2] = {"\n exc lif 8 ", "\n inh izhikevich 4 "};
    for (int p = 0; p < 2; ++p) {
        const double size = p == 0 ? 8 : 4;
        const double seconds = 1.0;
        std::ostringstream row;
        row << rows[p] << expected[p].times.size() << ' ' << std::fixed << std::setprecision(3)
            << static_cast<double>(expected[p].times.size()) / (size * seconds) << '\n';
        CHECK(text.find(row.str()) != std::string::npos);
    }
}

TEST_CASE("inspect_file lists the spikes of a plain SONATA file") {
    TempDir dir;
    const fs::path path = dir.path / "sonata.h5";
    {
        H5 file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
        H5 spikes(H5Gcreate2(file, "spikes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
        H5 group(H5Gcreate2(spikes, "cortex", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
        const hsize_t n = 3;
        H5 space(H5Screate_simple(1, &n, nullptr), H5Sclose);
        H5 times(H5Dcreate2(group, "timestamps", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT,
                            H5P_DEFAULT),
                 H5Dclose);
        const double values[3] = {0.5, 1.5, 2.5};
        H5Dwrite(times, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values);
    }
    std::ostringstream out;
    inspect_file(path, out);
    const std::string text = squeeze(out.str());
    CAPTURE(text);
    CHECK(text.find("no /memsnn") != std::string::npos);
    CHECK(text.find("\n cortex 3\n") != std::string::npos);
}

TEST_CASE("inspect_file rejects missing and non-HDF5 files") {
    TempDir dir;
    std::ostringstream out;
    const fs::path text = dir.path / "notes.txt";
    write_text(text, "not an HDF5 file at all\n");
    try {
        inspect_file(text, out);
        FAIL("no exception");
    } catch (const ConfigError& e) {
        CHECK(std::string(e.what()) == "cannot open \"" + text.string() + "\": not an HDF5 file");
    }
    CHECK_THROWS_AS(inspect_file(dir.path / "missing.h5", out), ConfigError);
    CHECK(out.str().empty());
}

TEST_CASE(
    "Hdf5Writer: a projection with a synapse report stores each synapse's source and target") {
    const Json s = Json::parse(R"({
      "duration": "5 ms", "seed": 3,
      "populations": {"a": {"type": "poisson", "size": 30, "params": {"rate": "10 Hz"}},
                      "b": {"type": "lif", "size": 7}},
      "projections": [
        {"name": "random", "source": "a", "target": "b", "connect": {"rule": "fixed_probability", "p": 0.3},
         "synapse": {"type": "static", "weight": "1 mV", "delay": {"uniform": ["1 ms", "3 ms"]}}},
        {"name": "plain", "source": "a", "target": "b", "connect": {"rule": "all_to_all"},
         "synapse": {"type": "static", "weight": "1 mV", "delay": "1 ms"}}],
      "record": [{"what": "weight", "projection": "random", "interval": "1 ms"}]})");
    BuiltRun built = build_run(s, default_registry(), {}, "test");
    TempDir dir;
    const fs::path path = dir.path / "ids.h5";
    {
        Hdf5Writer writer(path);
        Simulation sim(*built.network);
        sim.add_recorder(&writer);
        writer.begin(built.info);
        writer.end(sim.run(built.duration));
        writer.commit();
    }
    H5 file = open_file(path);
    const auto sources =
        read_all<std::uint32_t>(file, "/memsnn/projections/random/source_ids", H5T_NATIVE_UINT32);
    const auto targets =
        read_all<std::uint32_t>(file, "/memsnn/projections/random/target_ids", H5T_NATIVE_UINT32);
    const Projection& p = built.network->projections()[0];
    REQUIRE(sources.size() == p.n_synapses());
    REQUIRE(targets.size() == p.n_synapses());
    REQUIRE(p.n_synapses() > 20);
    // The packed storage, walked by source, agrees with the datasets at every synapse id.
    std::size_t seen = 0;
    for (std::uint32_t src = 0; src < 30; ++src)
        for (std::uint32_t g = p.first_group(src); g < p.first_group(src + 1); ++g)
            for (std::uint32_t k = p.group(g).begin; k < p.group(g).end; ++k, ++seen) {
                CHECK(sources[p.creation_index(k)] == src);
                CHECK(targets[p.creation_index(k)] == p.target(k));
            }
    CHECK(seen == p.n_synapses());
    // fixed_probability creates synapses by source, then ascending target.
    CHECK(std::is_sorted(sources.begin(), sources.end()));
    // Without a report the mapping is not written.
    CHECK(H5Lexists(file, "/memsnn/projections/plain/source_ids", H5P_DEFAULT) == 0);
}
