// SPDX-License-Identifier: MIT
// The observer interface between the engine and whatever stores results (HDF5 file, memory
// recorder for tests, live stream). The engine calls begin, then spike/sample in event order
// (non-decreasing time), then end. The engine knows no file format.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/time.hpp"

namespace memsnn {

// One column a population reports about its input schedule (input encoders: presentation
// times, image rows and labels, pattern onsets), stored under /memsnn/populations/<name>.
struct InfoColumn {
    std::string name;
    std::string units;  // "ms", or "1" for indices and labels
    std::vector<double> values;
};

struct PopulationInfo {
    std::string name;
    std::string type;
    std::size_t size = 0;
    bool record_spikes = false;
    std::vector<InfoColumn> columns;  // Population::schedule over the run
};

// One state report: one variable of one population, sampled on a regular grid
// t_k = start + k*step for k = 0 .. n_samples-1 (stop is exclusive, as in SONATA).
struct ReportInfo {
    std::string name;        // group name under /report (defaults to the population name)
    std::string population;  // population the nodes belong to (or the projection, below)
    std::string
        projection;        // set for reports over a projection's synapses (node ids = synapse ids)
    std::string variable;  // e.g. "V_m"
    std::string units;     // e.g. "mV"
    std::vector<std::uint64_t> node_ids;
    double start_ms = 0;
    double stop_ms = 0;
    double step_ms = 0;
    std::uint64_t n_samples = 0;
};

struct ProjectionInfo {
    std::string name;
    std::string synapse;  // synapse type ("static", "two_terminal", ...)
    std::string device;   // device type, or "" for static synapses
    std::uint64_t synapses = 0;
    // Source and target element of each synapse, by synapse id (creation order); filled for
    // projections with a report over their synapses, so weights can be mapped to neurons.
    std::vector<std::uint32_t> source_ids;
    std::vector<std::uint32_t> target_ids;
};

struct RunInfo {
    std::string scenario_name;
    std::string scenario_json;  // the scenario after --set overrides, as run
    std::string command_line;
    std::string version;
    std::uint64_t seed = 0;
    double duration_ms = 0;
    std::vector<PopulationInfo> populations;  // index = population id
    std::vector<ReportInfo> reports;          // index = report id
    std::vector<ProjectionInfo> projections;  // index = projection id
};

struct RunSummary {
    double wall_time_s = 0;
    std::uint64_t events = 0;               // events popped and processed (stale ones excluded)
    std::uint64_t stale_events = 0;         // cancelled predictions dropped on pop
    std::uint64_t wake_ups = 0;             // predictions that were look-ahead wake-ups, no spike
    std::uint64_t spikes = 0;               // spikes emitted by all populations
    std::uint64_t synaptic_events = 0;      // spike arrivals at single synapses
    std::vector<double> projection_energy;  // fJ per projection (index = projection id)
};

class Recorder {
  public:
    virtual ~Recorder() = default;
    virtual void begin(const RunInfo& info) = 0;
    // A spike of `node` in `population` at time t (only for populations with record_spikes).
    virtual void spike(std::uint32_t population, std::uint64_t node, Tick t) = 0;
    // One sample of report `report` at time t: one value per node of the report, in node order.
    virtual void sample(std::uint32_t report, Tick t, std::span<const double> values) = 0;
    virtual void end(const RunSummary& summary) = 0;
};

}  // namespace memsnn
