// SPDX-License-Identifier: MIT
#include "engine/io/hdf5_inspect.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <iomanip>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/error.hpp"
#include "engine/io/hdf5_handle.hpp"

namespace memsnn {

namespace {

using hdf5::Handle;
using hdf5::QuietErrors;

// Whether a message on HDF5's error stack contains `word`.
bool error_stack_mentions(const std::string& word) {
    std::pair<std::string, bool> search{word, false};
    H5Ewalk2(
        H5E_DEFAULT, H5E_WALK_UPWARD,
        [](unsigned, const H5E_error2_t* error, void* client) -> herr_t {
            auto& [needle, found] = *static_cast<std::pair<std::string, bool>*>(client);
            if (error->desc != nullptr && std::strstr(error->desc, needle.c_str()) != nullptr) {
                found = true;
            }
            return 0;
        },
        &search);
    return search.second;
}

bool has_link(hid_t location, const std::string& name) {
    return H5Lexists(location, name.c_str(), H5P_DEFAULT) > 0;
}

// The group `name` under `location`, or an invalid handle when there is none.
Handle open_group(hid_t location, const std::string& name) {
    if (!has_link(location, name)) return Handle();
    return Handle(H5Gopen2(location, name.c_str(), H5P_DEFAULT));
}

// Names of the links in a group, in creation order when the group tracks it.
std::vector<std::string> children(hid_t group) {
    std::vector<std::string> names;
    H5_index_t index = H5_INDEX_NAME;
    Handle gcpl(H5Gget_create_plist(group));
    unsigned flags = 0;
    if (gcpl.valid() && H5Pget_link_creation_order(gcpl.get(), &flags) >= 0 &&
        (flags & H5P_CRT_ORDER_INDEXED) != 0) {
        index = H5_INDEX_CRT_ORDER;
    }
    hsize_t position = 0;
    H5Literate(
        group, index, H5_ITER_INC, &position,
        [](hid_t, const char* name, const H5L_info_t*, void* client) -> herr_t {
            static_cast<std::vector<std::string>*>(client)->emplace_back(name);
            return 0;
        },
        &names);
    return names;
}

// Reads one element of an attribute or dataset that holds a single value.
std::optional<std::string> read_string(hid_t object, hid_t type, hid_t space, bool is_attribute) {
    if (H5Tget_class(type) != H5T_STRING || H5Sget_simple_extent_npoints(space) != 1) return {};
    auto read = [&](hid_t memory_type, void* buffer) {
        return is_attribute ? H5Aread(object, memory_type, buffer)
                            : H5Dread(object, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
    };
    Handle memory_type(H5Tcopy(H5T_C_S1));
    if (H5Tis_variable_str(type) > 0) {
        H5Tset_size(memory_type.get(), H5T_VARIABLE);
        H5Tset_cset(memory_type.get(), H5Tget_cset(type));
        char* text = nullptr;
        if (read(memory_type.get(), &text) < 0) return {};
        std::string result = text != nullptr ? text : "";
        H5free_memory(text);
        return result;
    }
    const std::size_t size = H5Tget_size(type);
    H5Tset_size(memory_type.get(), size);
    H5Tset_cset(memory_type.get(), H5Tget_cset(type));
    H5Tset_strpad(memory_type.get(), H5T_STR_NULLPAD);
    std::string result(size, '\0');
    if (read(memory_type.get(), result.data()) < 0) return {};
    result.resize(std::strlen(result.c_str()));
    while (!result.empty() && result.back() == ' ') result.pop_back();
    return result;
}

std::optional<std::string> string_attribute(hid_t object, const char* name) {
    if (H5Aexists(object, name) <= 0) return {};
    Handle attr(H5Aopen(object, name, H5P_DEFAULT));
    Handle type(H5Aget_type(attr.get()));
    Handle space(H5Aget_space(attr.get()));
    if (!attr.valid() || !type.valid() || !space.valid()) return {};
    return read_string(attr.get(), type.get(), space.get(), true);
}

// A numeric single-value attribute, converted by HDF5 to T's native type.
template <typename T>
std::optional<T> number_attribute(hid_t object, const char* name, hid_t memory_type) {
    if (H5Aexists(object, name) <= 0) return {};
    Handle attr(H5Aopen(object, name, H5P_DEFAULT));
    Handle type(H5Aget_type(attr.get()));
    Handle space(H5Aget_space(attr.get()));
    if (!attr.valid() || !type.valid() || !space.valid()) return {};
    const H5T_class_t kind = H5Tget_class(type.get());
    if ((kind != H5T_INTEGER && kind != H5T_FLOAT) ||
        H5Sget_simple_extent_npoints(space.get()) != 1)
        return {};
    T value{};
    if (H5Aread(attr.get(), memory_type, &value) < 0) return {};
    return value;
}

std::optional<double> double_attribute(hid_t object, const char* name) {
    return number_attribute<double>(object, name, H5T_NATIVE_DOUBLE);
}
std::optional<std::uint64_t> count_attribute(hid_t object, const char* name) {
    return number_attribute<std::uint64_t>(object, name, H5T_NATIVE_UINT64);
}

// The extent of dataset `name` under `location` (empty when missing).
std::vector<hsize_t> dataset_dims(hid_t location, const std::string& name) {
    if (!has_link(location, name)) return {};
    Handle dataset(H5Dopen2(location, name.c_str(), H5P_DEFAULT));
    Handle space(H5Dget_space(dataset.get()));
    const int rank = space.valid() ? H5Sget_simple_extent_ndims(space.get()) : -1;
    if (rank < 0) return {};
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    return dims;
}

// All values of a small numeric dataset as doubles (empty when missing or not numeric).
std::vector<double> small_doubles(hid_t location, const std::string& name) {
    const auto dims = dataset_dims(location, name);
    if (dims.size() != 1 || dims[0] > 1024) return {};
    Handle dataset(H5Dopen2(location, name.c_str(), H5P_DEFAULT));
    std::vector<double> values(dims[0]);
    if (H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) <
        0) {
        return {};
    }
    return values;
}

std::string number(double x, int precision = 10) {
    std::ostringstream s;
    s << std::setprecision(precision) << x;
    return s.str();
}

std::string fixed(double x, int decimals) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(decimals) << x;
    return s.str();
}

template <typename T>
std::string or_dash(const std::optional<T>& value) {
    if (!value) return "-";
    if constexpr (std::is_same_v<T, std::string>) {
        return *value;
    } else if constexpr (std::is_floating_point_v<T>) {
        return number(*value);
    } else {
        return std::to_string(*value);
    }
}

// Left-aligned columns, two spaces apart, indented by two.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
    }
    for (const auto& row : rows) {
        std::string line = " ";
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += ' ';
            line += row[c];
            if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 1, ' ');
        }
        while (line.back() == ' ') line.pop_back();
        out << line << '\n';
    }
}

// Number of spikes in /spikes/<population> (from timestamps, else node_ids).
std::optional<hsize_t> spike_count(hid_t spikes_group, const std::string& population) {
    Handle group = open_group(spikes_group, population);
    if (!group.valid()) return {};
    for (const char* name : {"timestamps", "node_ids"}) {
        const auto dims = dataset_dims(group.get(), name);
        if (dims.size() == 1) return dims[0];
    }
    return {};
}

// Projections with memristive synapses: device type and the energy their devices spent.
void print_projections(hid_t meta, std::ostream& out) {
    Handle projections = open_group(meta, "projections");
    if (!projections.valid()) return;
    std::vector<std::vector<std::string>> rows = {
        {"name", "synapse", "device", "synapses", "energy (pJ)"}};
    for (const auto& name : children(projections.get())) {
        Handle p = open_group(projections.get(), name);
        if (!p.valid()) continue;
        const auto energy = double_attribute(p.get(), "energy_fJ");
        rows.push_back({name, or_dash(string_attribute(p.get(), "synapse")),
                        or_dash(string_attribute(p.get(), "device")),
                        or_dash(count_attribute(p.get(), "synapses")),
                        energy ? number(*energy * 1e-3) : "-"});
    }
    out << "\nprojections\n";
    print_table(out, rows);
}

void print_reports(hid_t file, std::ostream& out) {
    Handle reports = open_group(file, "report");
    if (!reports.valid()) return;
    std::vector<std::vector<std::string>> rows = {
        {"name", "of", "variable", "units", "nodes", "samples", "time (ms)"}};
    for (const auto& name : children(reports.get())) {
        Handle report = open_group(reports.get(), name);
        if (!report.valid()) continue;
        std::optional<std::string> variable, units;
        if (has_link(report.get(), "data")) {
            Handle data(H5Dopen2(report.get(), "data", H5P_DEFAULT));
            variable = string_attribute(data.get(), "variable");
            units = string_attribute(data.get(), "units");
        }
        const auto dims = dataset_dims(report.get(), "data");
        std::string grid = "-";
        std::string nodes = dims.size() == 2 ? std::to_string(dims[1]) : "-";
        if (Handle mapping = open_group(report.get(), "mapping"); mapping.valid()) {
            const auto node_dims = dataset_dims(mapping.get(), "node_ids");
            if (node_dims.size() == 1) nodes = std::to_string(node_dims[0]);
            const auto time = small_doubles(mapping.get(), "time");
            if (time.size() == 3) {
                grid = number(time[0]) + " to " + number(time[1]) + " step " + number(time[2]);
            }
        }
        // "of": the population, or "projection <name>" for reports over synapses.
        std::optional<std::string> owner = string_attribute(report.get(), "population");
        if (const auto proj = string_attribute(report.get(), "projection"))
            owner = "projection " + *proj;
        rows.push_back({name, or_dash(owner), or_dash(variable), or_dash(units), nodes,
                        dims.empty() ? "-" : std::to_string(dims[0]), grid});
    }
    out << "\nreports\n";
    if (rows.size() == 1) {
        out << "  (none)\n";
    } else {
        print_table(out, rows);
    }
}

void print_memsnn_file(hid_t file, hid_t meta, std::ostream& out) {
    const auto duration_ms = double_attribute(meta, "duration_ms");
    const auto wall_time_s = double_attribute(meta, "wall_time_s");
    std::vector<std::vector<std::string>> run = {
        {"scenario", or_dash(string_attribute(meta, "scenario_name"))},
        {"seed", or_dash(count_attribute(meta, "seed"))},
        {"version", or_dash(string_attribute(meta, "version"))},
        {"command line", or_dash(string_attribute(meta, "command_line"))},
        {"duration", duration_ms ? number(*duration_ms) + " ms" : "-"},
    };
    if (wall_time_s) {
        run.push_back({"wall time", fixed(*wall_time_s, 3) + " s"});
        run.push_back({"events", or_dash(count_attribute(meta, "events"))});
        run.push_back({"stale events", or_dash(count_attribute(meta, "stale_events"))});
        run.push_back({"wake-ups", or_dash(count_attribute(meta, "wake_ups"))});
        run.push_back({"spikes", or_dash(count_attribute(meta, "spikes"))});
        run.push_back({"synaptic events", or_dash(count_attribute(meta, "synaptic_events"))});
    } else {
        run.push_back({"wall time", "- (the run did not finish: no end summary)"});
    }
    print_table(out, run);

    Handle spikes = open_group(file, "spikes");
    std::vector<std::vector<std::string>> rows = {{"name", "type", "size", "spikes", "rate (Hz)"}};
    std::vector<std::string> listed;
    if (Handle populations = open_group(meta, "populations"); populations.valid()) {
        for (const auto& name : children(populations.get())) {
            Handle population = open_group(populations.get(), name);
            if (!population.valid()) continue;
            listed.push_back(name);
            const auto size = count_attribute(population.get(), "size");
            std::optional<hsize_t> count;
            if (spikes.valid()) count = spike_count(spikes.get(), name);
            std::string spikes_text = "not recorded", rate = "";
            if (count.has_value()) {
                spikes_text = std::to_string(count.value());
                rate = "-";
                if (size && *size > 0 && duration_ms && *duration_ms > 0) {
                    const double seconds = *duration_ms / 1000.0;
                    rate = fixed(
                        static_cast<double>(*count) / (static_cast<double>(*size) * seconds), 3);
                }
            }
            rows.push_back({name, or_dash(string_attribute(population.get(), "type")),
                            or_dash(size), spikes_text, rate});
        }
    }
    // Spike groups the run metadata does not describe (added by another tool).
    if (spikes.valid()) {
        for (const auto& name : children(spikes.get())) {
            if (std::find(listed.begin(), listed.end(), name) != listed.end()) continue;
            const auto count = spike_count(spikes.get(), name);
            rows.push_back({name, "-", "-", count ? std::to_string(*count) : "-", "-"});
        }
    }
    out << "\npopulations\n";
    if (rows.size() == 1) {
        out << "  (none)\n";
    } else {
        print_table(out, rows);
    }
    print_projections(meta, out);
    print_reports(file, out);
}

void print_sonata_file(hid_t file, std::ostream& out) {
    out << "  (no /memsnn group: not written by memsnn, run metadata unknown)\n";
    Handle spikes = open_group(file, "spikes");
    out << "\nspikes\n";
    if (!spikes.valid()) {
        out << "  (no /spikes group)\n";
    } else {
        std::vector<std::vector<std::string>> rows = {{"population", "spikes"}};
        for (const auto& name : children(spikes.get())) {
            const auto count = spike_count(spikes.get(), name);
            rows.push_back({name, count ? std::to_string(*count) : "-"});
        }
        if (rows.size() == 1) {
            out << "  (none)\n";
        } else {
            print_table(out, rows);
        }
    }
    print_reports(file, out);
}

}  // namespace

void inspect_file(const std::filesystem::path& path, std::ostream& out) {
    const auto fail = [&](const std::string& reason) {
        throw ConfigError("", "cannot open \"" + path.string() + "\": " + reason);
    };
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) fail("no such file");
    if (std::filesystem::is_directory(status)) fail("is a directory");
    // The file system names the reason (permission denied, ...) better than HDF5 does.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(std::strerror(errno));
    ::close(fd);

    QuietErrors quiet;
    if (H5Fis_hdf5(path.c_str()) <= 0) fail("not an HDF5 file");
    Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file.valid()) {
        fail(error_stack_mentions("unable to lock file")
                 ? "locked by the run writing it (HDF5_USE_FILE_LOCKING=FALSE reads it anyway)"
                 : "damaged HDF5 file");
    }

    out << "file " << path.string() << '\n';
    if (Handle meta = open_group(file.get(), "memsnn"); meta.valid()) {
        print_memsnn_file(file.get(), meta.get(), out);
    } else {
        print_sonata_file(file.get(), out);
    }
}

}  // namespace memsnn
