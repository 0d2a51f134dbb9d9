// SPDX-License-Identifier: MIT
// The memsnn command line on good input: help texts, the model list, validate, run + inspect,
// seeds, the default output name and the absence of progress output when not on a terminal.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.hpp"

namespace {

using namespace memsnn::test;

const std::string kTiny = source_path("tests/data/good/tiny.json");

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> words_of(const std::string& line) {
    std::vector<std::string> words;
    std::istringstream in(line);
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

// The lines of one model's block in `memsnn models` output: from "<type> — " to the blank line.
std::vector<std::string> model_block(const std::string& models, const std::string& type) {
    std::vector<std::string> block;
    bool inside = false;
    for (const auto& line : lines_of(models)) {
        if (line.starts_with(type + " \xE2\x80\x94 ")) inside = true;
        if (!inside) continue;
        if (line.empty()) break;
        block.push_back(line);
    }
    return block;
}

// Per-population spike counts from the "populations" table of `memsnn inspect`.
std::map<std::string, std::uint64_t> population_spikes(const std::string& inspect) {
    std::map<std::string, std::uint64_t> spikes;
    const auto lines = lines_of(inspect);
    auto it = std::find(lines.begin(), lines.end(), "populations");
    if (it == lines.end() || ++it == lines.end()) return spikes;
    const auto header = words_of(*it);
    if (header.size() < 4 || header[0] != "name" || header[3] != "spikes") return spikes;
    for (++it; it != lines.end() && !it->empty(); ++it) {
        const auto words = words_of(*it);
        if (words.size() >= 4) spikes[words[0]] = std::stoull(words[3]);
    }
    return spikes;
}

std::uint64_t total(const std::map<std::string, std::uint64_t>& spikes) {
    std::uint64_t n = 0;
    for (const auto& [name, count] : spikes) n += count;
    return n;
}

// The "<N> spikes" of the run summary line; -1 when absent.
long long summary_spikes(const std::string& out) {
    std::smatch m;
    if (!std::regex_search(out, m, std::regex(R"((\d+) spikes,)"))) return -1;
    return std::stoll(m[1].str());
}

void check_ok(const CliResult& r) {
    INFO("stdout: " << r.out);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
}

}  // namespace

TEST_CASE("cli: help for memsnn and each command") {
    TempDir dir;
    struct HelpCase {
        std::vector<std::string> args;
        const char* usage;
    };
    const HelpCase cases[] = {
        {{"--help"}, "usage: memsnn <command> [options]"},
        {{"-h"}, "usage: memsnn <command> [options]"},
        {{"help"}, "usage: memsnn <command> [options]"},
        {{"run", "--help"}, "usage: memsnn run SCENARIO [options]"},
        {{"run", "-h"}, "usage: memsnn run SCENARIO [options]"},
        {{"validate", "--help"}, "usage: memsnn validate SCENARIO"},
        {{"inspect", "--help"}, "usage: memsnn inspect FILE.h5"},
        {{"models", "--help"}, "usage: memsnn models [TYPE]"},
    };
    for (const auto& c : cases) {
        const CliResult r = run_cli(c.args, dir.path());
        INFO("memsnn " << join(c.args));
        check_ok(r);
        CHECK(contains(r.out, c.usage));
    }
    const CliResult main_help = run_cli({"--help"}, dir.path());
    for (const char* command : {"run SCENARIO", "validate SCENARIO", "inspect FILE.h5",
                                "models [TYPE]", "Exit codes: 0 success, 2 user error"})
        CHECK(contains(main_help.out, command));
    const CliResult run_help = run_cli({"run", "--help"}, dir.path());
    for (const char* option : {"-o, --output", "--seed N", "--set KEY=VALUE", "-q, --quiet"})
        CHECK(contains(run_help.out, option));
    CHECK(dir.entries().empty());
}

TEST_CASE("cli: no command prints the usage on stderr with exit 2") {
    TempDir dir;
    const CliResult r = run_cli({}, dir.path());
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "usage: memsnn <command> [options]"));
}

TEST_CASE("cli: --version") {
    TempDir dir;
    const CliResult r = run_cli({"--version"}, dir.path());
    check_ok(r);
    CHECK(r.out.starts_with("memsnn "));
    CHECK(lines_of(r.out).size() == 1);
}

TEST_CASE("cli: models lists every type with parameters defaults and units") {
    TempDir dir;
    const CliResult r = run_cli({"models"}, dir.path());
    check_ok(r);
    for (const char* type :
         {"lif", "poisson", "regular", "spike_times", "static", "step_current"}) {
        INFO(type);
        CHECK_FALSE(model_block(r.out, type).empty());
    }
    const auto lif = model_block(r.out, "lif");
    struct Expected {
        const char* name;
        const char* value;
        const char* unit;
        const char* default_unit;
    };
    const Expected params[] = {
        {"tau_m", "20", "ms", "ms"},    {"C_m", "2", "nF", "nF"},   {"V_th", "-50", "mV", "mV"},
        {"V_reset", "-65", "mV", "mV"}, {"t_ref", "2", "ms", "ms"},
    };
    for (const auto& p : params) {
        INFO(p.name);
        const auto line = std::find_if(lif.begin(), lif.end(), [&](const std::string& l) {
            const auto w = words_of(l);
            return !w.empty() && w[0] == p.name;
        });
        REQUIRE(line != lif.end());
        const auto w = words_of(*line);
        REQUIRE(w.size() >= 4);
        CHECK(w[1] == p.value);         // default
        CHECK(w[2] == p.default_unit);  // default's unit
        CHECK(w[3] == p.unit);          // internal unit column
    }
    // Recordable variables are listed too.
    CHECK(std::any_of(lif.begin(), lif.end(), [](const std::string& l) {
        return l.find("recordable") != std::string::npos;
    }));
    CHECK(dir.entries().empty());
}

TEST_CASE("cli: models TYPE prints only that model") {
    TempDir dir;
    const CliResult r = run_cli({"models", "lif"}, dir.path());
    check_ok(r);
    CHECK_FALSE(model_block(r.out, "lif").empty());
    CHECK(model_block(r.out, "poisson").empty());
    CHECK(contains(r.out, "tau_m"));
}

TEST_CASE("cli: models with an unknown type suggests the nearest") {
    TempDir dir;
    const CliResult r = run_cli({"models", "lfi"}, dir.path());
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "memsnn: error: unknown model type \"lfi\" (did you mean \"lif\"?)\n");
}

TEST_CASE("cli: validate a good scenario prints ok and writes nothing") {
    TempDir dir;
    const std::string file = source_path("scenarios/lif_fi_curve.json");
    const CliResult r = run_cli({"validate", file}, dir.path());
    check_ok(r);
    CHECK(r.out.starts_with(file + ": ok ("));
    CHECK(contains(r.out, "1 populations"));
    CHECK(lines_of(r.out).size() == 1);
    CHECK(dir.entries().empty());

    const CliResult tiny = run_cli({"validate", kTiny, "--set", "duration=50 ms"}, dir.path());
    check_ok(tiny);
    CHECK(contains(tiny.out, ": ok (2 populations, 1 projections"));
    CHECK(dir.entries().empty());
}

TEST_CASE("cli: run then inspect shows populations and spike counts") {
    TempDir dir;
    const CliResult r =
        run_cli({"run", kTiny, "-o", "out.h5", "--set", "duration=\"50 ms\""}, dir.path());
    check_ok(r);
    CHECK(contains(r.out, "tiny: 2 populations"));
    CHECK(contains(r.out, "wrote out.h5"));
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});

    const CliResult inspect = run_cli({"inspect", "out.h5"}, dir.path());
    check_ok(inspect);
    INFO("inspect: " << inspect.out);
    CHECK(contains(inspect.out, "tiny"));
    CHECK(contains(inspect.out, "duration         50 ms"));
    const auto spikes = population_spikes(inspect.out);
    REQUIRE(spikes.size() == 2);
    REQUIRE(spikes.contains("input"));
    REQUIRE(spikes.contains("exc"));
    CHECK(spikes.at("input") > 0);
    CHECK(spikes.at("exc") > 0);
    CHECK(static_cast<long long>(total(spikes)) == summary_spikes(r.out));
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
}

TEST_CASE("cli: --seed changes a Poisson run and the same seed repeats it") {
    TempDir dir;
    auto run_seed = [&](const char* seed, const char* out) {
        const CliResult r = run_cli(
            {"run", kTiny, "-o", out, "--seed", seed, "--set", "duration=50 ms", "-q"}, dir.path());
        check_ok(r);
        CHECK(r.out.empty());  // --quiet
        const CliResult inspect = run_cli({"inspect", out}, dir.path());
        check_ok(inspect);
        CHECK(contains(inspect.out, std::string("seed             ") + seed + "\n"));
        return population_spikes(inspect.out);
    };
    const auto a = run_seed("1", "a.h5");
    const auto b = run_seed("1", "b.h5");
    const auto c = run_seed("2", "c.h5");
    REQUIRE(a.size() == 2);
    CHECK(a == b);
    CHECK(a != c);
    CHECK(dir.entries() == std::vector<std::string>{"a.h5", "b.h5", "c.h5"});
}

TEST_CASE("cli: the output defaults to <name>.h5 in the working directory") {
    TempDir dir;
    SUBCASE("scenario name") {
        const CliResult r = run_cli({"run", kTiny, "--set", "duration=20 ms"}, dir.path());
        check_ok(r);
        CHECK(contains(r.out, "wrote tiny.h5"));
        CHECK(dir.entries() == std::vector<std::string>{"tiny.h5"});
    }
    SUBCASE("file stem when the scenario has no name") {
        write_file(dir / "anonymous.json", R"({
  "duration": "20 ms",
  "populations": { "src": { "type": "regular", "size": 2, "params": { "rate": "100 Hz" } } }
})");
        const CliResult r = run_cli({"run", "anonymous.json"}, dir.path());
        check_ok(r);
        CHECK(contains(r.out, "wrote anonymous.h5"));
        CHECK(dir.entries() == std::vector<std::string>{"anonymous.h5", "anonymous.json"});
        const CliResult inspect = run_cli({"inspect", "anonymous.h5"}, dir.path());
        check_ok(inspect);
        CHECK(population_spikes(inspect.out) ==
              std::map<std::string, std::uint64_t>{{"src", 4}});  // 100 Hz for 20 ms, t = 0, 10
    }
    SUBCASE("the output key is used and -o overrides it") {
        const CliResult keyed = run_cli(
            {"run", kTiny, "--set", "duration=20 ms", "--set", "output=keyed.h5"}, dir.path());
        check_ok(keyed);
        CHECK(dir.entries() == std::vector<std::string>{"keyed.h5"});
        const CliResult both = run_cli(
            {"run", kTiny, "--set", "duration=20 ms", "--set", "output=keyed2.h5", "-o", "cli.h5"},
            dir.path());
        check_ok(both);
        CHECK(dir.entries() == std::vector<std::string>{"cli.h5", "keyed.h5"});
    }
}

TEST_CASE("cli: no progress bar when stderr is not a terminal") {
    // Long enough (> 1 s of wall time on a typical machine) for the bar to be drawn on a terminal.
    TempDir dir;
    const CliResult r = run_cli(
        {"run", kTiny, "-o", "out.h5", "--set", kLongDuration, "--set", "record=[]"}, dir.path());
    check_ok(r);
    CHECK(r.err.find('\r') == std::string::npos);
    CHECK(r.out.find('\r') == std::string::npos);
    CHECK(contains(r.out, "wrote out.h5"));
    std::smatch m;
    const bool has_wall = std::regex_search(r.out, m, std::regex(R"(([0-9.e+-]+) s wall)"));
    CHECK(has_wall);
    if (has_wall) WARN_MESSAGE(std::stod(m[1].str()) > 1.0, "run too short to draw a bar at all");
}

TEST_CASE("cli: a progress bar is drawn on a terminal for runs over a second") {
    // `script` (util-linux) gives the command a pseudo-terminal and copies what it draws.
    if (std::system("script -qec true /dev/null </dev/null >/dev/null 2>&1") != 0) {
        // No script(1), or no pseudo-terminals here (e.g. a chroot without /dev/pts).
        WARN_MESSAGE(false, "no pseudo-terminal available; progress bar on a terminal not tested");
        return;
    }
    TempDir dir;
    const std::string cmd = "cd '" + dir.path().string() + "' && script -qec \"'" +
                            std::string(MEMSNN_CLI) + "' run '" + kTiny + "' -o out.h5 --set '" +
                            kLongDuration + "' --set record=[]\" /dev/null " +
                            "</dev/null >tty.txt 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    const std::string tty = read_file(dir.path() / "tty.txt");
    std::smatch m;
    REQUIRE(std::regex_search(tty, m, std::regex(R"(([0-9.e+-]+) s wall)")));
    const double wall = std::stod(m[1].str());
    if (wall > 1.2) {
        CHECK(contains(tty, "\r["));
        CHECK(contains(tty, "% "));
        CHECK(contains(tty, "s simulated"));
    } else {
        WARN_MESSAGE(false, "run took only " << wall << " s: too short for the bar");
    }
    CHECK(contains(tty, "wrote out.h5"));
}

TEST_CASE("cli: every shipped scenario passes memsnn validate") {
    TempDir dir;
    int n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(source_path("scenarios"))) {
        const auto& path = entry.path();
        if (path.extension() != ".json" || path.filename() == "scenario.schema.json") continue;
        const auto folder = path.parent_path().filename();
        if (folder == "data" || folder == "devices") continue;  // devices/: pulse protocols
        const CliResult r = run_cli({"validate", path.string()}, dir.path());
        INFO(path.string() << ": " << r.err);
        CHECK(r.exit_code == 0);
        CHECK(contains(r.out, ": ok ("));
        ++n;
    }
    CHECK(n >= 3);
    CHECK(dir.entries().empty());  // validate writes nothing
}

TEST_CASE("cli: every device protocol in scenarios/devices runs with memsnn pulse") {
    TempDir dir;
    int n = 0;
    for (const auto& entry : fs::directory_iterator(source_path("scenarios/devices"))) {
        const auto& path = entry.path();
        if (path.extension() != ".json" || path.filename() == "protocol.schema.json") continue;
        const CliResult r = run_cli({"pulse", path.string(), "-o", "out.h5", "-q"}, dir.path());
        INFO(path.string() << ": " << r.err);
        CHECK(r.exit_code == 0);
        CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
        fs::remove(dir.path() / "out.h5");
        ++n;
    }
    CHECK(n >= 1);
}

TEST_CASE("cli: memsnn pulse writes G per pulse and rejects bad protocols with a path") {
    TempDir dir;
    const std::string protocol = source_path("scenarios/devices/linear.json");
    const CliResult ok = run_cli({"pulse", protocol, "-o", "p.h5"}, dir.path());
    check_ok(ok);
    CHECK(contains(ok.out, "200 pulses on 1 linear device(s)"));
    const CliResult inspect = run_cli({"inspect", "p.h5"}, dir.path());
    CHECK(inspect.exit_code == 0);
    CHECK(contains(inspect.out, "linear"));

    const CliResult bad_type =
        run_cli({"pulse", protocol, "--set", "device.type=lineer", "-o", "q.h5"}, dir.path());
    CHECK(bad_type.exit_code == 2);
    CHECK(contains(bad_type.err, "/device/type: unknown device type \"lineer\""));
    CHECK(contains(bad_type.err, "did you mean \"linear\""));
    const CliResult bad_period = run_cli(
        {"pulse", protocol, "--set", "protocol.0.period=\"0.5 us\"", "-o", "q.h5"}, dir.path());
    CHECK(bad_period.exit_code == 2);
    CHECK(contains(bad_period.err, "/protocol/0/period: is shorter than the waveform"));
    const CliResult bad_flux = run_cli(
        {"pulse", protocol, "--set", "device.params.Phi_0=\"1 mV\"", "-o", "q.h5"}, dir.path());
    CHECK(bad_flux.exit_code == 2);
    CHECK(contains(bad_flux.err, "/device/params/Phi_0: expected a flux"));
    CHECK_FALSE(fs::exists(dir.path() / "q.h5"));
}

TEST_CASE("cli: pulse and run accept --threads (equality: conformance and determinism tests)") {
    TempDir dir;
    const std::string protocol = source_path("scenarios/devices/pcm.json");
    check_ok(run_cli({"pulse", protocol, "-o", "one.h5", "-q", "--threads", "1"}, dir.path()));
    check_ok(run_cli({"pulse", protocol, "-o", "two.h5", "-q", "--threads", "2"}, dir.path()));
    const CliResult a = run_cli({"inspect", "one.h5"}, dir.path());
    CHECK(a.exit_code == 0);
    const CliResult bad = run_cli({"pulse", protocol, "--threads", "0"}, dir.path());
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err, "--threads needs an integer from 1 to 1024"));
    check_ok(run_cli({"run", kTiny, "-o", "t2.h5", "-q", "--threads", "2"}, dir.path()));
    CHECK(fs::exists(dir.path() / "t2.h5"));
    const CliResult bad_run = run_cli({"run", kTiny, "--threads", "x"}, dir.path());
    CHECK(bad_run.exit_code == 2);
    CHECK(contains(bad_run.err, "--threads needs an integer from 1 to 1024"));
}

TEST_CASE("cli: inspect lists memristive projections with their energy") {
    TempDir dir;
    check_ok(run_cli({"run", source_path("scenarios/memristive_synapses.json"), "-o", "m.h5",
                      "--set", "duration=\"200 ms\""},
                     dir.path()));
    const CliResult r = run_cli({"inspect", "m.h5"}, dir.path());
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "projections"));
    CHECK(contains(r.out, "energy (pJ)"));
    CHECK(contains(r.out, "linear+diffusive"));
    CHECK(contains(r.out, "projection diffusive_2t"));
}
