// SPDX-License-Identifier: MIT
// Bad input through the memsnn binary: every class of user error (malformed JSON, unknown type or
// key, wrong or missing unit, out-of-range or inconsistent value, missing file, unwritable output,
// bad command line) gives exit code 2 and exactly one line "memsnn: error: <JSON path>: <rule>" on
// stderr, and leaves the working directory as it was: no output file, no temporary leftovers, an
// existing output byte-identical. An existing output is replaced only by a successful run.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.hpp"

namespace {

using namespace memsnn::test;

struct BadCase {
    const char* file;  // under tests/data/bad/
    const char* path;  // JSON pointer the message starts with, or (not starting with '/') a part
    const char* rule;  // part of the message stating the rule
};

// One scenario file per class of bad input; each is otherwise a valid, 10 ms scenario.
const BadCase kBadCases[] = {
    // Malformed JSON: the message names the file and the line.
    {"malformed_json.json", "malformed_json.json: line 5, column", "invalid JSON: syntax error"},
    {"truncated_json.json", "truncated_json.json: line 5, column", "unexpected end of input"},
    // Unknown type or key, with the nearest name suggested.
    {"unknown_type.json", "/populations/n/type",
     "unknown population type \"lfi\" (did you mean \"lif\"?)"},
    {"unknown_param.json", "/populations/n/params/tau",
     "unknown key \"tau\" (did you mean \"tau_m\"?)"},
    {"unknown_top_level_key.json", "/seeed", "unknown key \"seeed\" (did you mean \"seed\"?)"},
    {"unknown_connect_key.json", "/projections/0/connect/prob", "unknown key \"prob\""},
    {"unknown_rule.json", "/projections/0/connect/rule",
     "unknown connection rule \"all_to_al\" (did you mean \"all_to_all\"?)"},
    {"unknown_synapse_type.json", "/projections/0/synapse/type", "unknown synapse type \"stdp\""},
    {"unknown_target.json", "/projections/0/target",
     "no population named \"nn\" (did you mean \"n\"?)"},
    {"record_unknown_variable.json", "/record/0/what",
     "\"V\" is not recordable in population \"n\" (did you mean \"V_m\"?)"},
    {"bad_distribution.json", "/populations/n/params/tau_m/gaussian",
     "unknown distribution \"gaussian\""},
    // Units: wrong dimension, unknown unit, missing unit.
    {"wrong_unit.json", "/populations/n/params/tau_m", "expected a time, got \"5 mV\" (a voltage)"},
    {"unknown_unit.json", "/populations/n/params/tau_m", "unknown unit \"fortnights\""},
    {"missing_unit.json", "/populations/n/params/tau_m",
     "expected a time with a unit, e.g. \"1 ms\", got 20"},
    {"weight_wrong_dimension.json", "/projections/0/synapse/weight",
     "expected a voltage, got \"1 nA\" (a current)"},
    // Wrong JSON type, missing key.
    {"wrong_json_type.json", "/populations/n/size", "expected a non-negative integer, got \"ten\""},
    {"missing_duration.json", "/", "missing required key \"duration\""},
    // Out of range.
    {"negative_delay.json", "/projections/0/synapse/delay", "must be > 0, got -1 ms"},
    {"probability_above_one.json", "/projections/0/connect/p", "must be between 0 and 1, got 1.5"},
    {"zero_time_constant.json", "/populations/n/params/tau_m", "must be > 0, got 0 ms"},
    {"negative_rate.json", "/populations/src/params/rate", "must be >= 0, got -5 Hz"},
    {"negative_size.json", "/populations/n/size", "expected a non-negative integer, got -5"},
    {"list_pair_out_of_range.json", "/projections/0/connect/pairs/1/1",
     "target 7 is out of range (size 3)"},
    {"distribution_out_of_range.json", "/populations/n/params/tau_m/normal", "must be > 0, got -"},
    // Inconsistent values.
    {"reset_above_threshold.json", "/populations/n/params/V_reset",
     "must be below V_th (-50 mV), got -40 mV"},
    {"equal_time_constants.json", "/populations/n/params/tau_syn_ex", "must differ from tau_m"},
    {"one_to_one_sizes.json", "/projections/0/connect/rule",
     "one_to_one needs equal sizes, got 3 sources and 4 targets"},
    {"uniform_low_above_high.json", "/populations/n/params/tau_m/uniform",
     "low must not exceed high"},
    {"stimulus_stop_before_start.json", "/stimuli/0/stop", "must be after start"},
    {"duplicate_key.json", "/populations/n/params/tau_m", "duplicate key \"tau_m\""},
    {"refractory_input_exp_current.json", "/populations/n/params/refractory_input",
     "applies to input \"delta\" only"},
    {"name_with_dot.json", "/populations/n.exc", "must start with a letter"},
    {"init_wrong_input.json", "/populations/n/init/g_ex",
     "is not state of a lif with input \"exp_current\""},
    // Input encoders (a relative image file is found from the scenario file's directory).
    {"image_poisson_size_mismatch.json", "/populations/img/size",
     "three_pixels.csv\" has 3 pixels (one element per pixel)"},
    {"image_poisson_missing_file.json", "/populations/img/params/file",
     "images/no_such_file.csv\": no such file"},
    {"pattern_slots_pixel_out_of_range.json", "/populations/s/params/patterns/1/2",
     "pixel 16 is out of range (population size 16)"},
    {"correlated_index_out_of_range.json", "/populations/c/params/correlated/2",
     "element 20 is out of range (population size 20)"},
    {"embedded_pattern_window_not_multiple.json", "/populations/e/params/pattern_duration",
     "must be a whole multiple of rate_step (1 ms)"},
};

const std::string kTiny = source_path("tests/data/good/tiny.json");

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The user-error contract: exit code 2, nothing on stdout, exactly one line on stderr that starts
// with "memsnn: error: ", names `path` (a JSON pointer right after the prefix, else anywhere) and
// states `rule`.
void check_user_error(const CliResult& r, const std::string& path, const std::string& rule) {
    INFO("stderr: " << r.err);
    INFO("expected path: " << path << "   expected rule: " << rule);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.starts_with("memsnn: error: "));
    CHECK(r.err.ends_with("\n"));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    if (path.starts_with("/")) {
        CHECK(r.err.starts_with("memsnn: error: " + path + ": "));
    } else {
        CHECK(contains(r.err, path));
    }
    CHECK(contains(r.err, rule));
}

void check_empty(const TempDir& dir) {
    INFO("left in the working directory: " << join(dir.entries()));
    CHECK(dir.entries().empty());
}

// Some bytes that are not an HDF5 file, to tell an untouched output from a rewritten one.
const std::string kOldOutput = "previous output: must survive a failed run\n";

void check_untouched(const TempDir& dir) {
    INFO("in the working directory: " << join(dir.entries()));
    CHECK(dir.entries() == std::vector<std::string>{"OUT.h5"});
    CHECK(read_file(dir / "OUT.h5") == kOldOutput);
}

}  // namespace

TEST_CASE("bad input: each bad scenario file gives exit 2 and one message with path and rule") {
    for (const BadCase& c : kBadCases) {
        SUBCASE(c.file) {
            const std::string file = source_path(std::string("tests/data/bad/") + c.file);
            TempDir dir;
            const CliResult run = run_cli({"run", file, "-o", "OUT.h5"}, dir.path());
            check_user_error(run, c.path, c.rule);
            check_empty(dir);

            // Without -o the default output name is used: nothing may appear either.
            const CliResult run_default = run_cli({"run", file}, dir.path());
            check_user_error(run_default, c.path, c.rule);
            check_empty(dir);

            // validate reports the very same error.
            const CliResult validate = run_cli({"validate", file}, dir.path());
            check_user_error(validate, c.path, c.rule);
            CHECK(validate.err == run.err);
            check_empty(dir);
        }
    }
}

TEST_CASE("bad input: every file in tests/data/bad is covered by the table") {
    std::vector<std::string> listed;
    for (const BadCase& c : kBadCases) listed.emplace_back(c.file);
    for (const auto& e : fs::directory_iterator(source_path("tests/data/bad"))) {
        const std::string name = e.path().filename().string();
        INFO(name);
        CHECK(std::find(listed.begin(), listed.end(), name) != listed.end());
    }
    for (const auto& name : listed) {
        INFO(name);
        CHECK(fs::is_regular_file(source_path("tests/data/bad/" + name)));
    }
}

TEST_CASE("bad input: missing scenario file") {
    TempDir dir;
    const CliResult r = run_cli({"run", "no_such_scenario.json", "-o", "OUT.h5"}, dir.path());
    check_user_error(r, "\"no_such_scenario.json\"", "cannot read scenario");
    CHECK(contains(r.err, "no such file"));
    check_empty(dir);
    const CliResult v = run_cli({"validate", "no_such_scenario.json"}, dir.path());
    CHECK(v.err == r.err);
    CHECK(v.exit_code == 2);
    check_empty(dir);
}

TEST_CASE("bad input: output into a directory that does not exist") {
    TempDir dir;
    const CliResult r = run_cli({"run", kTiny, "-o", "no_such_dir/OUT.h5"}, dir.path());
    check_user_error(r, "\"no_such_dir/OUT.h5\"", "cannot write output file");
    CHECK(contains(r.err, "does not exist"));
    check_empty(dir);
}

TEST_CASE("bad input: output below a regular file") {
    // Running as root, a read-only directory would not stop the write; a path whose parent is a
    // regular file cannot be written by anyone.
    TempDir dir;
    write_file(dir / "plain_file", "not a directory\n");
    const CliResult r = run_cli({"run", kTiny, "-o", "plain_file/OUT.h5"}, dir.path());
    check_user_error(r, "\"plain_file/OUT.h5\"", "cannot write output file");
    CHECK(dir.entries() == std::vector<std::string>{"plain_file"});
    CHECK(read_file(dir / "plain_file") == "not a directory\n");
}

TEST_CASE("bad input: output is an existing directory") {
    TempDir dir;
    fs::create_directory(dir / "a_dir");
    const CliResult r = run_cli({"run", kTiny, "-o", "a_dir"}, dir.path());
    check_user_error(r, "\"a_dir\"", "is a directory");
    CHECK(dir.entries() == std::vector<std::string>{"a_dir"});
    CHECK(fs::is_empty(dir / "a_dir"));
}

TEST_CASE("bad input: empty output name") {
    TempDir dir;
    const CliResult r = run_cli({"run", kTiny, "-o", ""}, dir.path());
    check_user_error(r, "cannot write output file \"\"", "not a file name");
    check_empty(dir);
}

TEST_CASE("bad input: --set with an unknown key suggests the nearest one") {
    TempDir dir;
    const CliResult r = run_cli(
        {"run", kTiny, "-o", "OUT.h5", "--set", "populations.exx.params.tau_m=5 ms"}, dir.path());
    check_user_error(r, "--set populations.exx.params.tau_m",
                     "no key \"exx\" in /populations (did you mean \"exc\"?)");
    check_empty(dir);

    // The last component may be new, so it is checked against the model's keys instead.
    const CliResult last = run_cli(
        {"run", kTiny, "-o", "OUT.h5", "--set", "populations.exc.params.tau=5 ms"}, dir.path());
    check_user_error(last, "/populations/exc/params/tau",
                     "unknown key \"tau\" (did you mean \"tau_m\"?)");
    check_empty(dir);

    const CliResult top = run_cli({"validate", kTiny, "--set", "durtion=1 s"}, dir.path());
    check_user_error(top, "/durtion", "unknown key \"durtion\" (did you mean \"duration\"?)");
    check_empty(dir);
}

TEST_CASE("bad input: --set with a bad list index or no value") {
    TempDir dir;
    const CliResult index =
        run_cli({"run", kTiny, "-o", "OUT.h5", "--set", "projections.3.connect.p=0.1"}, dir.path());
    check_user_error(index, "--set projections.3.connect.p", "\"3\" is not a valid index");
    check_empty(dir);

    const CliResult no_value =
        run_cli({"run", kTiny, "-o", "OUT.h5", "--set", "duration"}, dir.path());
    check_user_error(no_value, "--set duration", "expected key=value");
    check_empty(dir);

    const CliResult scalar =
        run_cli({"run", kTiny, "-o", "OUT.h5", "--set", "duration.unit=ms"}, dir.path());
    check_user_error(scalar, "--set duration.unit", "/duration is not an object or list");
    check_empty(dir);
}

TEST_CASE("bad input: --set producing a bad value is reported at its JSON path") {
    struct SetCase {
        const char* set;
        const char* path;
        const char* rule;
    };
    const SetCase cases[] = {
        {"populations.exc.params.tau_m=0 ms", "/populations/exc/params/tau_m",
         "must be > 0, got 0 ms"},
        {"populations.exc.params.tau_m=\"0 ms\"", "/populations/exc/params/tau_m",
         "must be > 0, got 0 ms"},
        {"projections.0.connect.p=1.5", "/projections/0/connect/p",
         "must be between 0 and 1, got 1.5"},
        {"duration=50", "/duration", "expected a time with a unit"},
        {"duration=50 mV", "/duration", "expected a time, got \"50 mV\" (a voltage)"},
        {"populations.exc.size=-1", "/populations/exc/size", "expected a non-negative integer"},
        {"projections.0.synapse.weight=1 nA", "/projections/0/synapse/weight",
         "expected a voltage"},
    };
    for (const SetCase& c : cases) {
        SUBCASE(c.set) {
            TempDir dir;
            const CliResult r = run_cli({"run", kTiny, "-o", "OUT.h5", "--set", c.set}, dir.path());
            check_user_error(r, c.path, c.rule);
            check_empty(dir);
            const CliResult v =
                run_cli({"validate", kTiny, std::string("--set=") + c.set}, dir.path());
            check_user_error(v, c.path, c.rule);
            CHECK(v.err == r.err);
            check_empty(dir);
        }
    }
}

TEST_CASE("bad input: --seed must be a non-negative integer") {
    for (const char* seed : {"-3", "abc", "1.5", "12x", ""}) {
        SUBCASE(seed) {
            TempDir dir;
            const CliResult r = run_cli({"run", kTiny, "-o", "OUT.h5", "--seed", seed}, dir.path());
            check_user_error(r, "--seed",
                             "needs a non-negative integer, got \"" + std::string(seed) + "\"");
            check_empty(dir);
        }
    }
    SUBCASE("no value") {
        TempDir dir;
        const CliResult r = run_cli({"run", kTiny, "-o", "OUT.h5", "--seed"}, dir.path());
        check_user_error(r, "--seed", "needs a value");
        check_empty(dir);
    }
}

TEST_CASE("bad input: options and commands") {
    TempDir dir;
    SUBCASE("unknown option") {
        const CliResult r = run_cli({"run", kTiny, "-o", "OUT.h5", "--frobnicate"}, dir.path());
        check_user_error(r, "\"--frobnicate\"", "unknown option");
        CHECK(contains(r.err, "memsnn run --help"));
    }
    SUBCASE("run option given to validate") {
        const CliResult r = run_cli({"validate", kTiny, "-o", "OUT.h5"}, dir.path());
        check_user_error(r, "\"-o\"", "unknown option");
    }
    SUBCASE("option without its value") {
        const CliResult r = run_cli({"run", kTiny, "-o"}, dir.path());
        check_user_error(r, "-o", "needs a value");
    }
    SUBCASE("unknown command suggests the nearest") {
        const CliResult r = run_cli({"runn", kTiny}, dir.path());
        check_user_error(r, "\"runn\"", "unknown command \"runn\" (did you mean \"run\"?)");
    }
    SUBCASE("no scenario") {
        const CliResult r = run_cli({"run", "-o", "OUT.h5"}, dir.path());
        check_user_error(r, "scenario file", "expected one scenario file");
    }
    SUBCASE("two scenarios") {
        const CliResult r = run_cli({"run", kTiny, kTiny, "-o", "OUT.h5"}, dir.path());
        check_user_error(r, "scenario file", "expected one scenario file");
    }
    SUBCASE("inspect of a missing file") {
        const CliResult r = run_cli({"inspect", "OUT.h5"}, dir.path());
        check_user_error(r, "\"OUT.h5\"", "no such file");
    }
    SUBCASE("inspect of a file that is not HDF5") {
        const CliResult r = run_cli({"inspect", kTiny}, dir.path());
        check_user_error(r, "\"" + kTiny + "\"", "not an HDF5 file");
    }
    check_empty(dir);
}

TEST_CASE("bad input: an existing output is left byte-identical when the run fails") {
    const std::string bad = source_path("tests/data/bad/negative_delay.json");
    struct FailCase {
        const char* name;
        std::vector<std::string> args;
    };
    const FailCase cases[] = {
        {"bad scenario", {"run", bad, "-o", "OUT.h5"}},
        {"malformed scenario",
         {"run", source_path("tests/data/bad/malformed_json.json"), "-o", "OUT.h5"}},
        {"missing scenario", {"run", "no_such_scenario.json", "-o", "OUT.h5"}},
        {"bad --set", {"run", kTiny, "-o", "OUT.h5", "--set", "duration=-1 s"}},
        {"bad --seed", {"run", kTiny, "-o", "OUT.h5", "--seed", "-3"}},
        {"unknown option", {"run", kTiny, "-o", "OUT.h5", "--frobnicate"}},
        {"output via --set output", {"run", bad, "--set", "output=OUT.h5"}},
    };
    for (const FailCase& c : cases) {
        SUBCASE(c.name) {
            TempDir dir;
            write_file(dir / "OUT.h5", kOldOutput);
            const CliResult r = run_cli(c.args, dir.path());
            INFO("stderr: " << r.err);
            CHECK(r.exit_code == 2);
            CHECK(r.err.starts_with("memsnn: error: "));
            check_untouched(dir);
        }
    }
}

TEST_CASE("bad input: an interrupted run exits 130 and leaves an existing output untouched") {
    TempDir dir;
    write_file(dir / "OUT.h5", kOldOutput);
    // Far longer than a second uninterrupted; SIGINT arrives after the handlers are installed
    // even on a loaded machine under the sanitizers, and well before the end.
    const CliResult r =
        run_cli({"run", kTiny, "-o", "OUT.h5", "--set", "duration=100000 s", "--set", "record=[]"},
                dir.path(), std::chrono::seconds(60), std::chrono::milliseconds(1000));
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 130);
    CHECK(contains(r.err, "memsnn: interrupted; no output written"));
    check_untouched(dir);
}

TEST_CASE("bad input: an existing output is replaced when the run succeeds") {
    TempDir dir;
    write_file(dir / "OUT.h5", kOldOutput);
    const CliResult r =
        run_cli({"run", kTiny, "-o", "OUT.h5", "--set", "duration=50 ms"}, dir.path());
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "wrote OUT.h5"));
    CHECK(dir.entries() == std::vector<std::string>{"OUT.h5"});  // no temporary left behind
    const std::string bytes = read_file(dir / "OUT.h5");
    CHECK(bytes.starts_with("\x89HDF\r\n\x1a\n"));
    const CliResult inspect = run_cli({"inspect", "OUT.h5"}, dir.path());
    CHECK(inspect.exit_code == 0);
    CHECK(contains(inspect.out, "exc"));
}

TEST_CASE("bad input: output below a regular file says it is not a directory") {
    TempDir dir;
    write_file(dir / "plain_file", "not a directory\n");
    const CliResult r = run_cli({"run", kTiny, "-o", "plain_file/OUT.h5"}, dir.path());
    INFO("stderr: " << r.err);
    CHECK(contains(r.err, "not a directory"));
    CHECK_FALSE(contains(r.err, "does not exist"));
}

TEST_CASE("bad input: a directory given as scenario is reported as a directory") {
    TempDir dir;
    fs::create_directory(dir / "scenario.json");
    const CliResult r = run_cli({"run", "scenario.json", "-o", "OUT.h5"}, dir.path());
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "is a directory"));
    CHECK_FALSE(contains(r.err, "invalid JSON"));
    CHECK(dir.entries() == std::vector<std::string>{"scenario.json"});
}
