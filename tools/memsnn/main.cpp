// SPDX-License-Identifier: MIT
// memsnn — command-line interface.
//   memsnn run SCENARIO [-o OUT.h5] [--seed N] [--set key=value]... [--quiet]
//   memsnn validate SCENARIO [--set key=value]...
//   memsnn inspect OUT.h5
//   memsnn models [TYPE]
//   memsnn pulse PROTOCOL [-o OUT.h5] [--seed N] [--set key=value]... [--quiet]
// Exit codes: 0 success, 2 user error (bad scenario, bad arguments, unwritable output),
// 130 interrupted, 1 internal error.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/io/build.hpp"
#include "engine/io/hdf5_inspect.hpp"
#include "engine/io/hdf5_writer.hpp"
#include "engine/io/pulse.hpp"
#include "engine/simulation.hpp"
#include "tools/memsnn/models_command.hpp"
#include "tools/memsnn/progress.hpp"

namespace {

using namespace memsnn;

constexpr const char* kMainHelp =
    R"(memsnn — event-driven simulator of spiking networks with memristive devices

usage: memsnn <command> [options]

commands:
  run SCENARIO       simulate a scenario file and write HDF5 output (SONATA layout)
  validate SCENARIO  check a scenario and build its network without running it
  inspect FILE.h5    summarise an output file: populations, spike counts, rates, reports
  models [TYPE]      list every model type with its parameters, defaults and units
  pulse PROTOCOL     apply a train of programming pulses to a memristive device, write G

options:
  -h, --help         help (also: memsnn <command> --help)
  --version          print the version

Scenario files are described in scenarios/README.md.
Exit codes: 0 success, 2 user error, 130 interrupted, 1 internal error.
)";

constexpr const char* kRunHelp = R"(usage: memsnn run SCENARIO [options]

Simulates SCENARIO and writes an HDF5 file: /spikes/<population>/{timestamps,node_ids},
/report/<name>/{data,mapping}, run metadata under /memsnn. The file is written under a
temporary name and renamed when the run succeeds, so a failed or interrupted run never
leaves a partial file or replaces an existing one.

options:
  -o, --output FILE    output file (default: the scenario's "output", else <name>.h5)
  --seed N             override the scenario's seed (same seed => identical output)
  --set KEY=VALUE      override a scenario key, dot-separated, list entries by index:
                         --set duration="2 s"
                         --set populations.n.params.tau_m="10 ms"
                         --set projections.0.connect.p=0.1
                       VALUE is parsed as JSON if it is valid JSON, else taken as a string.
                       May be repeated.
  --threads N          run the network on N threads (default 1). Populations are cut into
                       N partitions that advance in parallel, epoch by epoch (an epoch is
                       at most the smallest synaptic delay); the output file is identical
                       for any N.
  -q, --quiet          no summary line and no progress bar
  -h, --help           this help

A progress bar is shown on a terminal for runs longer than a second.
)";

constexpr const char* kValidateHelp = R"(usage: memsnn validate SCENARIO [--set KEY=VALUE]...

Checks every key and value of SCENARIO and builds its network without running it.
Prints "ok" with the network size, or one error naming the JSON path and the rule (exit 2).
)";

constexpr const char* kInspectHelp = R"(usage: memsnn inspect FILE.h5

Prints the run metadata (scenario, seed, version, wall time, event counts), each population's
size, spike count and mean rate, and each recorded report.
)";

constexpr const char* kPulseHelp = R"(usage: memsnn pulse PROTOCOL [options]

Applies the programming waveforms of PROTOCOL to a device model (or to "size" devices of it)
and writes, per pulse: /pulse/time [ms], /pulse/amplitude [mV], /pulse/width [ms], and per
pulse and device /pulse/G [uS] (after the pulse), /pulse/energy [fJ], /pulse/G_read [uS] (when
the protocol has a read_voltage), plus /pulse/G0 [uS] and run metadata under /memsnn.
The protocol format is described in scenarios/README.md ("Pulse protocols").

options:
  -o, --output FILE    output file (default: the protocol's "output", else <name>.h5)
  --seed N             override the protocol's seed
  --set KEY=VALUE      override a key, e.g. --set device.params.G_max="50 uS"
  --threads N          spread the devices over N threads (identical results for any N)
  -q, --quiet          no summary line
  -h, --help           this help
)";

constexpr const char* kModelsHelp = R"(usage: memsnn models [TYPE]

Lists every registered model type (neurons, spike sources, synapses, stimuli) with each
parameter's default, internal unit and meaning, the settable initial state and the
recordable variables. With TYPE, prints only that model.
)";

std::atomic<bool> g_interrupted{false};

struct Interrupted {};

extern "C" void on_signal(int) {
    g_interrupted = true;
}

struct Args {
    std::vector<std::string> positional;
    std::optional<std::string> output;
    std::optional<std::uint64_t> seed;
    std::vector<std::string> sets;
    unsigned threads = 1;
    bool quiet = false;
    bool help = false;
};

Args parse_args(int argc, char** argv, bool run_options) {
    Args a;
    for (int k = 2; k < argc; ++k) {
        const std::string arg = argv[k];
        auto value = [&](const char* name) -> std::string {
            if (k + 1 >= argc) throw ConfigError("", std::string(name) + " needs a value");
            return argv[++k];
        };
        if (arg == "-h" || arg == "--help") {
            a.help = true;
        } else if (arg == "--set") {
            a.sets.push_back(value("--set"));
        } else if (arg.starts_with("--set=")) {
            a.sets.push_back(arg.substr(6));
        } else if (run_options && (arg == "-o" || arg == "--output")) {
            a.output = value("-o");
        } else if (run_options && arg == "--seed") {
            const std::string v = value("--seed");
            std::size_t used = 0;
            try {
                if (!v.empty() && v[0] != '-') a.seed = std::stoull(v, &used);
            } catch (const std::exception&) {
            }
            if (!a.seed || used != v.size())
                throw ConfigError("", "--seed needs a non-negative integer, got \"" + v + "\"");
        } else if (run_options && arg == "--threads") {
            const std::string v = value("--threads");
            std::size_t used = 0;
            unsigned long n = 0;
            try {
                if (!v.empty() && v[0] != '-') n = std::stoul(v, &used);
            } catch (const std::exception&) {
            }
            if (n < 1 || n > 1024 || used != v.size())
                throw ConfigError("",
                                  "--threads needs an integer from 1 to 1024, got \"" + v + "\"");
            a.threads = static_cast<unsigned>(n);
        } else if (run_options && (arg == "-q" || arg == "--quiet")) {
            a.quiet = true;
        } else if (arg.size() > 1 && arg[0] == '-') {
            throw ConfigError("",
                              "unknown option \"" + arg + "\" (see memsnn " + argv[1] + " --help)");
        } else {
            a.positional.push_back(arg);
        }
    }
    return a;
}

const std::string& one_positional(const Args& a, const char* what) {
    if (a.positional.size() != 1)
        throw ConfigError("", std::string("expected one ") + what + " (see --help)");
    return a.positional[0];
}

BuiltRun load_and_build(const Args& a, const std::string& file) {
    Json scenario = load_scenario_file(file);
    for (const auto& s : a.sets) apply_override(scenario, s);
    return build_run(scenario, default_registry(), a.seed,
                     std::filesystem::path(file).stem().string(),
                     std::filesystem::path(file).parent_path());
}

std::string command_line(int argc, char** argv) {
    std::string s;
    for (int k = 0; k < argc; ++k) {
        if (k > 0) s.push_back(' ');
        s.append(argv[k]);
    }
    return s;
}

int cmd_run(int argc, char** argv) {
    const Args a = parse_args(argc, argv, true);
    if (a.help) {
        std::cout << kRunHelp;
        return 0;
    }
    // Handlers first: a signal must never kill the process while the temporary file exists,
    // and one that arrives while the network is built stops the run at its first step.
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    BuiltRun run = load_and_build(a, one_positional(a, "scenario file"));
    run.info.command_line = command_line(argc, argv);
    run.info.version = MEMSNN_VERSION;
    const std::string output = a.output ? *a.output : run.output;
    if (g_interrupted) throw Interrupted{};
    Hdf5Writer writer(output);  // creates the temporary file; throws if unwritable
    Simulation sim(*run.network, a.threads);
    if (sim.threads() < a.threads && !a.quiet)
        std::fprintf(stderr,
                     "memsnn: note: the smallest synaptic delay (%g ms) is below %g ms, too short "
                     "for parallel epochs; running on one thread (same output)\n",
                     ticks_to_ms(sim.epoch()), ticks_to_ms(Simulation::kMinEpoch));
    sim.add_recorder(&writer);
    cli::ProgressBar bar(run.duration, !a.quiet && isatty(STDERR_FILENO));
    sim.set_progress([&](Tick now) {
        if (g_interrupted) throw Interrupted{};
        bar.update(now);
    });
    writer.begin(run.info);
    const RunSummary summary = sim.run(run.duration);
    bar.finish();
    writer.end(summary);
    writer.commit();
    if (!a.quiet) {
        std::printf(
            "%s: %zu populations, %llu synapses, %llu spikes, %llu synaptic events, "
            "%.3g s wall (%.3g events/s)\nwrote %s\n",
            run.info.scenario_name.c_str(), run.network->n_populations(),
            static_cast<unsigned long long>(run.network->n_synapses()),
            static_cast<unsigned long long>(summary.spikes),
            static_cast<unsigned long long>(summary.synaptic_events), summary.wall_time_s,
            summary.wall_time_s > 0 ? static_cast<double>(summary.events) / summary.wall_time_s
                                    : 0.0,
            output.c_str());
    }
    return 0;
}

int cmd_validate(int argc, char** argv) {
    const Args a = parse_args(argc, argv, false);
    if (a.help) {
        std::cout << kValidateHelp;
        return 0;
    }
    const std::string& file = one_positional(a, "scenario file");
    const BuiltRun run = load_and_build(a, file);
    std::cout << file << ": ok (" << run.network->n_populations() << " populations, "
              << run.network->projections().size() << " projections, " << run.network->n_synapses()
              << " synapses, " << run.info.duration_ms / 1000 << " s)\n";
    return 0;
}

int cmd_inspect(int argc, char** argv) {
    const Args a = parse_args(argc, argv, false);
    if (a.help) {
        std::cout << kInspectHelp;
        return 0;
    }
    if (!a.sets.empty()) throw ConfigError("", "inspect takes no --set");
    inspect_file(one_positional(a, "output file"), std::cout);
    return 0;
}

int cmd_pulse(int argc, char** argv) {
    const Args a = parse_args(argc, argv, true);
    if (a.help) {
        std::cout << kPulseHelp;
        return 0;
    }
    const std::string& file = one_positional(a, "protocol file");
    Json protocol = load_scenario_file(file);
    for (const auto& s : a.sets) apply_override(protocol, s);
    const auto wall_start = std::chrono::steady_clock::now();
    const PulseRun run = run_pulse_protocol(protocol, default_registry(), a.seed,
                                            std::filesystem::path(file).stem().string(), a.threads);
    const std::string output = a.output ? *a.output : run.output;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    Hdf5Writer writer(output);
    RunInfo info;
    info.scenario_name = run.name;
    info.scenario_json = run.protocol_json;
    info.command_line = command_line(argc, argv);
    info.version = MEMSNN_VERSION;
    info.seed = run.seed;
    info.duration_ms = run.time.empty() ? 0.0 : run.time.back() + run.width.back();
    writer.begin(info);
    const std::size_t n = run.time.size();
    writer.table("/pulse/time", run.time, {n}, "ms");
    writer.table("/pulse/amplitude", run.amplitude, {n}, "mV");
    writer.table("/pulse/width", run.width, {n}, "ms");
    writer.table("/pulse/G0", run.G0, {run.devices}, "uS");
    writer.table("/pulse/G", run.G, {n, run.devices}, "uS");
    writer.table("/pulse/energy", run.energy, {n, run.devices}, "fJ");
    if (!run.G_read.empty()) writer.table("/pulse/G_read", run.G_read, {n, run.devices}, "uS");
    RunSummary summary;
    summary.events = n * run.devices;
    summary.wall_time_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    writer.end(summary);
    if (g_interrupted) throw Interrupted{};
    writer.commit();
    if (!a.quiet) {
        double total = 0;
        for (double e : run.energy) total += e;
        const double G_end = run.G.empty() ? run.G0[0] : run.G[(n - 1) * run.devices];
        std::printf(
            "%s: %zu pulses on %zu %s device(s); device 0: G %.4g -> %.4g uS; "
            "energy %.4g pJ in all\nwrote %s\n",
            run.name.c_str(), n, run.devices, run.device_type.c_str(), run.G0[0], G_end,
            total * 1e-3, output.c_str());
    }
    return 0;
}

int cmd_models(int argc, char** argv) {
    const Args a = parse_args(argc, argv, false);
    if (a.help) {
        std::cout << kModelsHelp;
        return 0;
    }
    if (a.positional.size() > 1) throw ConfigError("", "models takes at most one TYPE");
    cli::print_models(default_registry(), a.positional.empty() ? "" : a.positional[0], std::cout);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << kMainHelp;
        return 2;
    }
    const std::string command = argv[1];
    try {
        if (command == "-h" || command == "--help" || command == "help") {
            std::cout << kMainHelp;
            return 0;
        }
        if (command == "--version") {
            std::cout << "memsnn " << MEMSNN_VERSION << "\n";
            return 0;
        }
        if (command == "run") return cmd_run(argc, argv);
        if (command == "validate") return cmd_validate(argc, argv);
        if (command == "inspect") return cmd_inspect(argc, argv);
        if (command == "models") return cmd_models(argc, argv);
        if (command == "pulse") return cmd_pulse(argc, argv);
        throw ConfigError(
            "", "unknown command \"" + command + "\"" +
                    did_you_mean(command, {"run", "validate", "inspect", "models", "pulse"}) +
                    " (see memsnn --help)");
    } catch (const ConfigError& e) {
        std::cerr << "memsnn: error: " << e.what() << "\n";
        return 2;
    } catch (const Interrupted&) {
        std::cerr << "\nmemsnn: interrupted; no output written\n";
        return 130;
    } catch (const std::exception& e) {
        std::cerr << "memsnn: internal error: " << e.what() << "\n";
        return 1;
    }
}
