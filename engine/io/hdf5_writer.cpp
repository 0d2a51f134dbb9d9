// SPDX-License-Identifier: MIT
#include "engine/io/hdf5_writer.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "engine/error.hpp"
#include "engine/io/hdf5_handle.hpp"

namespace memsnn {

namespace {

using hdf5::Handle;
using hdf5::QuietErrors;

// The most specific message on HDF5's error stack (the system's reason when HDF5 quotes one),
// then clears the stack.
std::string hdf5_reason() {
    std::string reason;
    H5Ewalk2(
        H5E_DEFAULT, H5E_WALK_UPWARD,
        [](unsigned n, const H5E_error2_t* error, void* client) -> herr_t {
            if (n == 0 && error->desc != nullptr) *static_cast<std::string*>(client) = error->desc;
            return 0;
        },
        &reason);
    H5Eclear2(H5E_DEFAULT);
    const std::string marker = "error message = '";
    if (const auto at = reason.find(marker); at != std::string::npos) {
        const auto from = at + marker.size();
        const auto to = reason.find('\'', from);
        if (to != std::string::npos) return reason.substr(from, to - from);
    }
    return reason.empty() ? std::string("HDF5 error") : reason;
}

bool valid_link_name(const std::string& name) {
    return !name.empty() && name != "." && name.find('/') == std::string::npos;
}

struct SpikeStream {
    bool recorded = false;
    Handle group;
    Handle timestamps;
    Handle node_ids;
    std::vector<double> times;
    std::vector<std::uint64_t> ids;
    hsize_t written = 0;
    std::size_t flush_at = 0;      // buffered spikes that complete the current chunk
    bool partial_on_disk = false;  // the current chunk went to disk unfinished
};

struct ReportStream {
    Handle group;
    Handle data;
    hsize_t n_nodes = 0;
    hsize_t chunk_rows = 1;
    std::vector<double> rows;  // buffered samples, row-major
    hsize_t buffered_rows = 0;
    hsize_t written = 0;
    hsize_t flush_at = 0;          // buffered rows that complete the current chunk
    bool partial_on_disk = false;  // the current chunks went to disk unfinished
};

constexpr std::uint32_t kClockCheckCalls = 4096;

}  // namespace

struct Hdf5Writer::Impl {
    std::filesystem::path final_path;
    std::filesystem::path temp_path;
    Hdf5WriterOptions options;
    Handle file;
    Handle memsnn_group;
    Handle string_type;                 // variable-length UTF-8
    std::vector<SpikeStream> spikes;    // index = population id
    std::vector<ReportStream> reports;  // index = report id
    std::vector<Handle> projections;    // /memsnn/projections/<name>, index = projection id
    bool begun = false;
    bool committed = false;
    std::uint32_t calls_since_clock_check = 0;
    std::chrono::steady_clock::time_point last_flush = std::chrono::steady_clock::now();

    [[noreturn]] void fail(const std::string& reason) const {
        throw ConfigError("",
                          "cannot write output file \"" + final_path.string() + "\": " + reason);
    }

    // Returns an HDF5 identifier or status, or throws naming the step that failed.
    template <typename Id>
    Id check(Id id, const std::string& what) const {
        if (id < 0) fail(what + ": " + hdf5_reason());
        return id;
    }

    Handle make_group(hid_t parent, const std::string& name, const std::string& kind,
                      bool track_order = false) {
        if (!valid_link_name(name)) {
            fail(kind + " name \"" + name + "\" cannot be an HDF5 group name");
        }
        if (H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0) {
            fail("two " + kind + "s are named \"" + name + "\"");
        }
        Handle gcpl(check(H5Pcreate(H5P_GROUP_CREATE), "group properties"));
        if (track_order) {
            check(H5Pset_link_creation_order(gcpl.get(),
                                             H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
                  "group properties");
        }
        return Handle(check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                            "cannot create group \"" + name + "\""));
    }

    void attribute(hid_t object, const char* name, hid_t type, const void* value) {
        if (H5Aexists(object, name) > 0) check(H5Adelete(object, name), name);
        Handle space(check(H5Screate(H5S_SCALAR), name));
        Handle attr(check(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                          std::string("cannot create attribute ") + name));
        check(H5Awrite(attr.get(), type, value), std::string("cannot write attribute ") + name);
    }
    void attribute(hid_t object, const char* name, const std::string& value) {
        const char* text = value.c_str();
        attribute(object, name, string_type.get(), &text);
    }
    void attribute(hid_t object, const char* name, std::uint64_t value) {
        attribute(object, name, H5T_NATIVE_UINT64, &value);
    }
    void attribute(hid_t object, const char* name, double value) {
        attribute(object, name, H5T_NATIVE_DOUBLE, &value);
    }

    // A small fixed-size 1-D dataset written at once.
    void small_dataset(hid_t parent, const char* name, hid_t file_type, hid_t memory_type,
                       hsize_t n, const void* values) {
        Handle space(check(H5Screate_simple(1, &n, nullptr), name));
        Handle dataset(check(
            H5Dcreate2(parent, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
            std::string("cannot create dataset ") + name));
        if (n > 0) {
            check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
                  std::string("cannot write dataset ") + name);
        }
    }

    // An empty dataset that grows along its first dimension: chunked, shuffled, gzip level 4.
    Handle growing_dataset(hid_t parent, const char* name, hid_t file_type, int rank,
                           const hsize_t* max_dims, const hsize_t* chunk) {
        // No rows yet; a fixed second dimension starts at its full size.
        const hsize_t dims[2] = {0, rank == 2 && max_dims[1] != H5S_UNLIMITED ? max_dims[1] : 0};
        Handle space(check(H5Screate_simple(rank, dims, max_dims), name));
        Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), name));
        check(H5Pset_chunk(dcpl.get(), rank, chunk), name);
        check(H5Pset_shuffle(dcpl.get()), name);
        check(H5Pset_deflate(dcpl.get(), 4), name);
        // One chunk of cache is enough: every chunk is written whole, once.
        hsize_t chunk_elements = 1;
        for (int i = 0; i < rank; ++i) chunk_elements *= chunk[i];
        Handle dapl(check(H5Pcreate(H5P_DATASET_ACCESS), name));
        check(
            H5Pset_chunk_cache(dapl.get(), H5D_CHUNK_CACHE_NSLOTS_DEFAULT,
                               chunk_elements * H5Tget_size(file_type), H5D_CHUNK_CACHE_W0_DEFAULT),
            name);
        return Handle(check(
            H5Dcreate2(parent, name, file_type, space.get(), H5P_DEFAULT, dcpl.get(), dapl.get()),
            std::string("cannot create dataset ") + name));
    }

    // Appends `n_rows` rows of `row_size` values to a growing dataset of rank 1 or 2.
    void append(const Handle& dataset, hid_t memory_type, int rank, hsize_t& written,
                hsize_t n_rows, hsize_t row_size, const void* values) {
        if (n_rows == 0) return;
        const hsize_t size[2] = {written + n_rows, row_size};
        check(H5Dset_extent(dataset.get(), size), "cannot extend a dataset");
        written += n_rows;
        if (rank == 2 && row_size == 0) return;
        Handle file_space(check(H5Dget_space(dataset.get()), "dataspace"));
        const hsize_t start[2] = {written - n_rows, 0};
        const hsize_t count[2] = {n_rows, row_size};
        check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
              "dataspace");
        Handle memory_space(check(H5Screate_simple(rank, count, nullptr), "dataspace"));
        check(H5Dwrite(dataset.get(), memory_type, memory_space.get(), file_space.get(),
                       H5P_DEFAULT, values),
              "cannot write data");
    }

    // Appends the buffered spikes. Outside flush_all the buffer always ends on a chunk boundary,
    // so every chunk is written whole and once, except the unfinished chunks a periodic flush
    // put on disk.
    void write_spikes(SpikeStream& s) {
        QuietErrors quiet;
        hsize_t written = s.written;
        append(s.timestamps, H5T_NATIVE_DOUBLE, 1, written, s.times.size(), 1, s.times.data());
        append(s.node_ids, H5T_NATIVE_UINT64, 1, s.written, s.ids.size(), 1, s.ids.data());
        s.times.clear();
        s.ids.clear();
        const hsize_t chunk = options.chunk_elements;
        s.flush_at = static_cast<std::size_t>(chunk - s.written % chunk);
    }

    void write_report(ReportStream& r) {
        QuietErrors quiet;
        append(r.data, H5T_NATIVE_DOUBLE, 2, r.written, r.buffered_rows, r.n_nodes, r.rows.data());
        r.rows.clear();
        r.buffered_rows = 0;
        r.flush_at = r.chunk_rows - r.written % r.chunk_rows;
    }

    // Completing a chunk that a periodic flush put on disk unfinished makes HDF5 store it anew
    // (its compressed size changed) and free the old copy, which the next chunk may overwrite
    // while the index on disk still points there. Flushing at once keeps that window to the
    // flush itself, so a killed run still leaves a consistent file.
    void complete_chunk(bool& partial_on_disk) {
        if (!partial_on_disk) return;
        partial_on_disk = false;
        QuietErrors quiet;
        check(H5Fflush(file.get(), H5F_SCOPE_LOCAL), "cannot flush");
    }
    void flush_spikes(SpikeStream& s) {
        write_spikes(s);
        complete_chunk(s.partial_on_disk);
    }
    void flush_report(ReportStream& r) {
        write_report(r);
        complete_chunk(r.partial_on_disk);
    }

    // Writes every buffer and flushes the file, so that what was recorded so far is on disk.
    void flush_all() {
        for (auto& s : spikes) {
            if (!s.recorded) continue;
            write_spikes(s);
            s.partial_on_disk = s.written % options.chunk_elements != 0;
        }
        for (auto& r : reports) {
            write_report(r);
            r.partial_on_disk = r.written % r.chunk_rows != 0;
        }
        QuietErrors quiet;
        check(H5Fflush(file.get(), H5F_SCOPE_LOCAL), "cannot flush");
        last_flush = std::chrono::steady_clock::now();
    }

    // Called on every spike and sample; looks at the clock only every kClockCheckCalls calls.
    void maybe_flush() {
        if (++calls_since_clock_check < kClockCheckCalls) return;
        calls_since_clock_check = 0;
        const std::chrono::duration<double> since = std::chrono::steady_clock::now() - last_flush;
        if (since.count() >= options.flush_interval_s) flush_all();
    }

    void begin_spikes(hid_t spikes_group, const PopulationInfo& p, SpikeStream& s) {
        s.recorded = true;
        s.group = make_group(spikes_group, p.name, "population");
        Handle sorting(check(H5Tenum_create(H5T_NATIVE_INT8), "sorting type"));
        const std::int8_t none = 0, by_id = 1, by_time = 2;
        check(H5Tenum_insert(sorting.get(), "none", &none), "sorting type");
        check(H5Tenum_insert(sorting.get(), "by_id", &by_id), "sorting type");
        check(H5Tenum_insert(sorting.get(), "by_time", &by_time), "sorting type");
        attribute(s.group.get(), "sorting", sorting.get(), &by_time);

        const hsize_t unlimited = H5S_UNLIMITED;
        const hsize_t chunk = options.chunk_elements;
        s.timestamps =
            growing_dataset(s.group.get(), "timestamps", H5T_IEEE_F64LE, 1, &unlimited, &chunk);
        attribute(s.timestamps.get(), "units", std::string("ms"));
        s.node_ids =
            growing_dataset(s.group.get(), "node_ids", H5T_STD_U64LE, 1, &unlimited, &chunk);
        s.times.reserve(options.chunk_elements);
        s.ids.reserve(options.chunk_elements);
        s.flush_at = options.chunk_elements;
    }

    void begin_report(hid_t report_group, const ReportInfo& info, ReportStream& r) {
        r.group = make_group(report_group, info.name, "report");
        if (info.projection.empty())
            attribute(r.group.get(), "population", info.population);
        else
            attribute(r.group.get(), "projection", info.projection);

        // Chunks hold about chunk_elements values: whole rows when they fit, else slices of
        // one row cut into equal parts.
        const hsize_t n = info.node_ids.size();
        const hsize_t target = options.chunk_elements;
        r.n_nodes = n;
        hsize_t chunk[2] = {target, 1};
        hsize_t max_dims[2] = {H5S_UNLIMITED, H5S_UNLIMITED};
        if (n > 0) {
            const hsize_t parts = (n + target - 1) / target;
            chunk[0] = std::max<hsize_t>(1, target / n);
            chunk[1] = (n + parts - 1) / parts;
            max_dims[1] = n;
        }
        r.chunk_rows = chunk[0];
        r.flush_at = r.chunk_rows;
        r.data = growing_dataset(r.group.get(), "data", H5T_IEEE_F64LE, 2, max_dims, chunk);
        attribute(r.data.get(), "units", info.units);
        attribute(r.data.get(), "variable", info.variable);
        r.rows.reserve(static_cast<std::size_t>(chunk[0] * n));

        Handle mapping(
            check(H5Gcreate2(r.group.get(), "mapping", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                  "cannot create group mapping"));
        small_dataset(mapping.get(), "node_ids", H5T_STD_U64LE, H5T_NATIVE_UINT64, n,
                      info.node_ids.data());
        std::vector<std::uint64_t> pointers(info.node_ids.size() + 1);
        for (std::size_t i = 0; i < pointers.size(); ++i) pointers[i] = i;
        small_dataset(mapping.get(), "index_pointers", H5T_STD_U64LE, H5T_NATIVE_UINT64, n + 1,
                      pointers.data());
        const std::vector<std::uint32_t> elements(info.node_ids.size(), 0);
        small_dataset(mapping.get(), "element_ids", H5T_STD_U32LE, H5T_NATIVE_UINT32, n,
                      elements.data());
        const double time[3] = {info.start_ms, info.stop_ms, info.step_ms};
        small_dataset(mapping.get(), "time", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 3, time);
        Handle time_dataset(check(H5Dopen2(mapping.get(), "time", H5P_DEFAULT), "time"));
        attribute(time_dataset.get(), "units", std::string("ms"));
    }

    // Points the file's descriptor at an anonymous memory file, so that the flush H5Fclose does
    // lands nowhere. Used for a file about to be deleted: it is not worth writing, and when the
    // run failed for lack of disk space, writing it would fail again.
    void discard_writes() noexcept {
#ifdef __linux__
        if (!file.valid()) return;
        int* fd = nullptr;
        if (H5Fget_vfd_handle(file.get(), H5P_DEFAULT, reinterpret_cast<void**>(&fd)) < 0 ||
            fd == nullptr) {
            return;
        }
        const int scratch = ::memfd_create("memsnn-discarded-output", MFD_CLOEXEC);
        if (scratch < 0) return;
        ::dup2(scratch, *fd);
        ::close(scratch);
#endif
    }

    // Closes every identifier, the file last; returns false when the file did not close cleanly.
    bool close_all() noexcept {
        bool ok = true;
        for (auto& s : spikes) {
            ok = s.timestamps.reset() >= 0 && ok;
            ok = s.node_ids.reset() >= 0 && ok;
            s.group.reset();
        }
        for (auto& r : reports) {
            ok = r.data.reset() >= 0 && ok;
            r.group.reset();
        }
        memsnn_group.reset();
        string_type.reset();
        ok = file.reset() >= 0 && ok;
        return ok;
    }
};

Hdf5Writer::Hdf5Writer(std::filesystem::path final_path, Hdf5WriterOptions options)
    : impl_(std::make_unique<Impl>()) {
    // HDF5 1.10 cannot close a file after a failed flush (a full disk: "slist already enabled")
    // and then crashes when it closes the file again at exit. Asking it to skip its exit-time
    // cleanup (effective only before the library's first use; a no-op afterwards) keeps such a
    // run to its one-line error and its exit code.
    H5dont_atexit();
    Impl& w = *impl_;
    w.final_path = std::move(final_path);
    w.options = options;
    w.options.chunk_elements = std::max<std::size_t>(1, options.chunk_elements);
    w.temp_path = w.final_path;
    w.temp_path += ".tmp-" + std::to_string(::getpid());

    if (!w.final_path.has_filename()) w.fail("not a file name");
    std::error_code ec;
    if (std::filesystem::is_directory(w.final_path, ec)) w.fail("is a directory");
    const auto directory = w.final_path.parent_path();
    if (!directory.empty() && !std::filesystem::is_directory(directory, ec)) {
        w.fail(std::filesystem::exists(directory, ec)
                   ? "\"" + directory.string() + "\" is not a directory"
                   : "directory \"" + directory.string() + "\" does not exist");
    }
    // Try the file system first: its errno names the reason better than HDF5 does.
    const int fd = ::open(w.temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) w.fail(std::strerror(errno));
    ::close(fd);

    QuietErrors quiet;
    try {
        Handle fapl(w.check(H5Pcreate(H5P_FILE_ACCESS), "file properties"));
        // The POSIX driver, whose handle is a file descriptor (see discard_writes).
        w.check(H5Pset_fapl_sec2(fapl.get()), "file properties");
        w.check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), "file properties");
        w.file =
            Handle(w.check(H5Fcreate(w.temp_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()),
                           "cannot create"));
        w.string_type = Handle(w.check(H5Tcopy(H5T_C_S1), "string type"));
        w.check(H5Tset_size(w.string_type.get(), H5T_VARIABLE), "string type");
        w.check(H5Tset_cset(w.string_type.get(), H5T_CSET_UTF8), "string type");
    } catch (...) {
        w.close_all();
        std::filesystem::remove(w.temp_path, ec);
        throw;
    }
}

Hdf5Writer::~Hdf5Writer() {
    if (!impl_ || impl_->committed) return;
    QuietErrors quiet;
    impl_->discard_writes();
    impl_->close_all();
    std::error_code ec;
    std::filesystem::remove(impl_->temp_path, ec);
}

void Hdf5Writer::begin(const RunInfo& info) {
    Impl& w = *impl_;
    assert(!w.begun && !w.committed);
    w.begun = true;
    QuietErrors quiet;
    const hid_t root = w.file.get();

    w.memsnn_group = w.make_group(root, "memsnn", "group");
    const hid_t meta = w.memsnn_group.get();
    w.attribute(meta, "scenario_name", info.scenario_name);
    w.attribute(meta, "seed", info.seed);
    w.attribute(meta, "version", info.version);
    w.attribute(meta, "command_line", info.command_line);
    w.attribute(meta, "duration_ms", info.duration_ms);
    {
        // The scenario can exceed the 64 KiB an attribute may hold, so it is a dataset.
        Handle space(w.check(H5Screate(H5S_SCALAR), "scenario"));
        Handle scenario(w.check(H5Dcreate2(meta, "scenario", w.string_type.get(), space.get(),
                                           H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                "cannot create dataset scenario"));
        const char* text = info.scenario_json.c_str();
        w.check(H5Dwrite(scenario.get(), w.string_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &text),
                "cannot write dataset scenario");
    }

    Handle populations = w.make_group(meta, "populations", "group", true);
    for (const auto& p : info.populations) {
        Handle group = w.make_group(populations.get(), p.name, "population");
        w.attribute(group.get(), "type", p.type);
        w.attribute(group.get(), "size", static_cast<std::uint64_t>(p.size));
        for (const auto& c : p.columns)
            table("/memsnn/populations/" + p.name + "/" + c.name, c.values, {c.values.size()},
                  c.units);
    }

    if (!info.projections.empty()) {
        Handle projections = w.make_group(meta, "projections", "group", true);
        for (const auto& p : info.projections) {
            Handle group = w.make_group(projections.get(), p.name, "projection");
            w.attribute(group.get(), "synapse", p.synapse);
            if (!p.device.empty()) w.attribute(group.get(), "device", p.device);
            w.attribute(group.get(), "synapses", p.synapses);
            if (!p.source_ids.empty()) {
                w.small_dataset(group.get(), "source_ids", H5T_STD_U32LE, H5T_NATIVE_UINT32,
                                p.source_ids.size(), p.source_ids.data());
                w.small_dataset(group.get(), "target_ids", H5T_STD_U32LE, H5T_NATIVE_UINT32,
                                p.target_ids.size(), p.target_ids.data());
            }
            w.projections.push_back(std::move(group));
        }
    }

    w.spikes.resize(info.populations.size());
    const bool any_spikes = std::any_of(info.populations.begin(), info.populations.end(),
                                        [](const PopulationInfo& p) { return p.record_spikes; });
    if (any_spikes) {
        Handle spikes_group = w.make_group(root, "spikes", "group", true);
        for (std::size_t i = 0; i < info.populations.size(); ++i) {
            if (info.populations[i].record_spikes) {
                w.begin_spikes(spikes_group.get(), info.populations[i], w.spikes[i]);
            }
        }
    }

    w.reports.resize(info.reports.size());
    if (!info.reports.empty()) {
        Handle report_group = w.make_group(root, "report", "group", true);
        for (std::size_t i = 0; i < info.reports.size(); ++i) {
            w.begin_report(report_group.get(), info.reports[i], w.reports[i]);
        }
    }
    w.check(H5Fflush(root, H5F_SCOPE_LOCAL), "cannot flush");
    w.last_flush = std::chrono::steady_clock::now();
}

void Hdf5Writer::spike(std::uint32_t population, std::uint64_t node, Tick t) {
    Impl& w = *impl_;
    assert(w.begun && !w.committed);
    assert(population < w.spikes.size() && w.spikes[population].recorded);
    SpikeStream& s = w.spikes[population];
    s.times.push_back(ticks_to_ms(t));
    s.ids.push_back(node);
    if (s.times.size() >= s.flush_at) w.flush_spikes(s);
    w.maybe_flush();
}

void Hdf5Writer::sample(std::uint32_t report, Tick /*t*/, std::span<const double> values) {
    Impl& w = *impl_;
    assert(w.begun && !w.committed);
    assert(report < w.reports.size());
    ReportStream& r = w.reports[report];
    assert(values.size() == r.n_nodes);
    r.rows.insert(r.rows.end(), values.begin(), values.end());
    if (++r.buffered_rows >= r.flush_at) w.flush_report(r);
    w.maybe_flush();
}

void Hdf5Writer::end(const RunSummary& summary) {
    Impl& w = *impl_;
    assert(w.begun && !w.committed);
    {
        QuietErrors quiet;
        const hid_t meta = w.memsnn_group.get();
        w.attribute(meta, "wall_time_s", summary.wall_time_s);
        w.attribute(meta, "events", summary.events);
        w.attribute(meta, "stale_events", summary.stale_events);
        w.attribute(meta, "wake_ups", summary.wake_ups);
        w.attribute(meta, "spikes", summary.spikes);
        w.attribute(meta, "synaptic_events", summary.synaptic_events);
        // Energy spent by each projection's devices (programming and reads), fJ.
        for (std::size_t p = 0; p < w.projections.size() && p < summary.projection_energy.size();
             ++p)
            w.attribute(w.projections[p].get(), "energy_fJ", summary.projection_energy[p]);
    }
    w.flush_all();
}

void Hdf5Writer::commit() {
    Impl& w = *impl_;
    assert(!w.committed);
    if (w.begun) {
        for (auto& s : w.spikes) {
            if (s.recorded) w.write_spikes(s);
        }
        for (auto& r : w.reports) w.write_report(r);
    }
    {
        QuietErrors quiet;
        // Flush first, so that a full disk is reported with its reason and the close after it
        // has nothing left to write.
        w.check(H5Fflush(w.file.get(), H5F_SCOPE_LOCAL), "cannot flush");
        if (!w.close_all()) w.fail("cannot close: " + hdf5_reason());
    }
    // Make the data durable before the rename makes it visible under the final name.
    if (const int fd = ::open(w.temp_path.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
        const int synced = ::fsync(fd);
        const int saved_errno = errno;
        ::close(fd);
        if (synced != 0) w.fail(std::strerror(saved_errno));
    }
    std::error_code ec;
    std::filesystem::rename(w.temp_path, w.final_path, ec);
    if (ec) w.fail(ec.message());
    w.committed = true;
}

void Hdf5Writer::table(const std::string& path, std::span<const double> data,
                       const std::vector<std::size_t>& dims, const std::string& units) {
    Impl& w = *impl_;
    QuietErrors quiet;
    std::vector<hsize_t> shape(dims.begin(), dims.end());
    Handle space(w.check(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                         "dataspace of " + path));
    Handle lcpl(w.check(H5Pcreate(H5P_LINK_CREATE), "link properties"));
    w.check(H5Pset_create_intermediate_group(lcpl.get(), 1), "link properties");
    Handle set(w.check(H5Dcreate2(w.file.get(), path.c_str(), H5T_IEEE_F64LE, space.get(),
                                  lcpl.get(), H5P_DEFAULT, H5P_DEFAULT),
                       "cannot create dataset " + path));
    if (!data.empty()) {
        w.check(H5Dwrite(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()),
                "cannot write dataset " + path);
    }
    w.attribute(set.get(), "units", units);
}

const std::filesystem::path& Hdf5Writer::final_path() const {
    return impl_->final_path;
}
const std::filesystem::path& Hdf5Writer::temp_path() const {
    return impl_->temp_path;
}

}  // namespace memsnn
