// SPDX-License-Identifier: MIT
// Hdf5Writer: the Recorder that stores a run as a SONATA-compatible HDF5 file.
//
// Layout
//   /spikes/<population>           attribute sorting = by_time (enum over int8: none=0,
//                                  by_id=1, by_time=2)
//       timestamps   float64 [n]   ms (attribute units = "ms")
//       node_ids     uint64  [n]
//   /report/<report name>          attribute population
//       data         float64 [n_samples, n_nodes]   attributes units, variable
//       mapping/node_ids        uint64  [n_nodes]
//       mapping/index_pointers  uint64  [n_nodes + 1] = 0 .. n_nodes (one element per node)
//       mapping/element_ids     uint32  [n_nodes]     = 0
//       mapping/time            float64 [3]           = start, stop, step (ms)
//   /memsnn                        attributes scenario_name, seed, version, command_line,
//                                  duration_ms; after end(): wall_time_s, events, stale_events,
//                                  wake_ups, spikes, synaptic_events
//       scenario     string        the scenario JSON as run
//       populations/<name>         attributes type, size
//           <column>   float64 [n]  input encoders' schedules (Population::schedule), with
//                                  attribute units
//
// Every growing dataset is chunked, shuffled + gzip-compressed and unlimited along its first
// dimension. Spikes and samples are buffered in memory and appended one chunk at a time, so
// memory stays bounded whatever the run length. Besides that, the file is flushed to disk at
// most every flush_interval_s of wall time, so a killed run leaves a readable file up to its
// last flush.
//
// Atomicity: the file is written under a temporary name next to the final path
// ("<final>.tmp-<pid>"); commit() renames it onto the final path (replacing an existing file in
// one step). A writer destroyed without commit() deletes its temporary file, so a failed run
// never leaves a half-written file and never touches an existing output.
//
// Errors: an unwritable file is a user error (ConfigError naming the file); HDF5's own error
// stack printing is silenced around every HDF5 call the writer makes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/recorder.hpp"

namespace memsnn {

struct Hdf5WriterOptions {
    std::size_t chunk_elements = 65536;  // target elements per chunk of every growing dataset
    double flush_interval_s = 10;        // s of wall time between two flushes of the file
};

class Hdf5Writer : public Recorder {
  public:
    // Creates the temporary file at once; throws ConfigError when it cannot be written.
    explicit Hdf5Writer(std::filesystem::path final_path, Hdf5WriterOptions options = {});
    ~Hdf5Writer() override;

    Hdf5Writer(const Hdf5Writer&) = delete;
    Hdf5Writer& operator=(const Hdf5Writer&) = delete;

    void begin(const RunInfo& info) override;
    void spike(std::uint32_t population, std::uint64_t node, Tick t) override;
    void sample(std::uint32_t report, Tick t, std::span<const double> values) override;
    void end(const RunSummary& summary) override;

    // Writes a whole float64 dataset at `path` (e.g. "/pulse/G"), creating missing groups, with
    // the row-major shape `dims` and a `units` attribute. For results that are not spikes or
    // regular reports (pulse protocols). Call between begin() and end().
    void table(const std::string& path, std::span<const double> data,
               const std::vector<std::size_t>& dims, const std::string& units);

    // Flushes and closes the file, then renames it onto the final path. Call once, after end();
    // the writer accepts nothing afterwards. Throws ConfigError when the file cannot be finished.
    void commit();

    const std::filesystem::path& final_path() const;
    const std::filesystem::path& temp_path() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace memsnn
