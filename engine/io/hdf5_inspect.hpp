// SPDX-License-Identifier: MIT
// `memsnn inspect`: a readable summary of an HDF5 output file.
//
// For a file written by Hdf5Writer: scenario name, seed, version, duration, wall time and event
// counts; one row per population (name, type, size, spike count, mean rate in Hz =
// spikes / (size * duration_s), or "not recorded"); one row per report (name, population,
// variable, units, nodes, samples, time grid). A file with /spikes but no /memsnn (plain SONATA
// from another simulator) gets its spike populations with their counts, and its reports.
#pragma once

#include <filesystem>
#include <ostream>

namespace memsnn {

// Throws ConfigError when the file is missing, unreadable or not an HDF5 file.
void inspect_file(const std::filesystem::path& path, std::ostream& out);

}  // namespace memsnn
