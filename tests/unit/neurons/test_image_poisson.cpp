// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "engine/error.hpp"
#include "neurons/image_poisson.hpp"
#include "tests/support.hpp"
#include "tests/unit/neurons/source_support.hpp"

using namespace memsnn;
namespace fs = std::filesystem;

namespace {

// A fresh directory for image files, removed at the end of the test.
struct ImageDir {
    fs::path path;
    ImageDir() {
        static int counter = 0;
        path = fs::temp_directory_path() / ("memsnn_test_images_" + std::to_string(::getpid()) +
                                            "_" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~ImageDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return path / name;
    }
};

// Two images of four pixels, with a header, a comment, a blank line and CRLF line ends.
const char* kFourPixels =
    "# four-pixel images\r\n"
    "label,a,b,c,d\r\n"
    "\r\n"
    "7, 0, 10, 40, 100\r\n"
    "3, 100, 0, 20, 5\r\n";

Json scenario(const Json& params, const char* duration, std::uint64_t size = 4) {
    return test::source_scenario("img", "image_poisson", params, duration, size);
}

using test::error_of;

}  // namespace

TEST_CASE("image_poisson: each pixel fires at pixel * rate_scale while shown, never at rest") {
    ImageDir dir;
    const fs::path file = dir.write("four.csv", kFourPixels);
    // 20 epochs of the two images: 1 s on, 0.5 s rest, from 0.25 s.
    const auto run = test::run_scenario(scenario({{"file", file.string()},
                                                  {"rate_scale", "1 Hz"},
                                                  {"present", "1 s"},
                                                  {"rest", "500 ms"},
                                                  {"start", "250 ms"},
                                                  {"repeat", 20}},
                                                 "61 s"));
    const double pixels[2][4] = {{0, 10, 40, 100}, {100, 0, 20, 5}};
    double count[2][4] = {};
    for (const auto& s : run.recorder->spikes()) {
        const double t = ticks_to_ms(s.time) - 250.0;
        REQUIRE(t >= 0);
        const auto n = static_cast<std::size_t>(t / 1500.0);
        CHECK(t - 1500.0 * static_cast<double>(n) < 1000.0);  // never during a rest
        REQUIRE(n < 40);
        count[n % 2][s.node] += 1;
    }
    // Counts over 20 presentations of 1 s are Poisson with mean 20 * pixel; 5 SD tolerance.
    // A pixel of value 0 never fires.
    for (int image = 0; image < 2; ++image)
        for (int i = 0; i < 4; ++i) {
            const double expected = 20 * pixels[image][i];
            INFO("image " << image << " pixel " << i << ": " << count[image][i] << " spikes");
            if (expected == 0)
                CHECK(count[image][i] == 0);
            else
                CHECK(std::abs(count[image][i] - expected) < 5 * std::sqrt(expected));
        }
}

TEST_CASE("image_poisson: sequential schedule is the closed form, with rows and labels") {
    ImageDir dir;
    const fs::path file =
        dir.write("five.csv", "0,1,1\n1,2,2\n2,3,3\n3,4,4\n4,5,5\n");  // no header
    const auto run = test::run_scenario(scenario({{"file", file.string()},
                                                  {"first", 1},
                                                  {"count", 3},
                                                  {"repeat", 4},
                                                  {"present", "30 ms"},
                                                  {"rest", "20 ms"},
                                                  {"start", "5 ms"}},
                                                 "500 ms", 2));
    const auto& c = run.recorder->info().populations[0].columns;
    REQUIRE(c.size() == 3);
    CHECK(c[0].name == "presentation_start");
    CHECK(c[1].name == "image");
    CHECK(c[2].name == "label");
    // 12 presentations, t_n = 5 + 50 n ms; the last two (555, 605 ms) start after the run.
    REQUIRE(c[0].values.size() == 10);
    for (std::size_t n = 0; n < 10; ++n) {
        CHECK(c[0].values[n] == 5.0 + 50.0 * static_cast<double>(n));
        CHECK(c[1].values[n] == static_cast<double>(1 + n % 3));
        CHECK(c[2].values[n] == static_cast<double>(1 + n % 3));  // labels equal rows here
    }
}

TEST_CASE("image_poisson: an evaluation pass follows the epochs, in file order") {
    ImageDir dir;
    const fs::path file = dir.write("five.csv", "0,1,1\n1,2,2\n2,3,3\n3,4,4\n4,5,5\n");
    const auto run = test::run_scenario(scenario({{"file", file.string()},
                                                  {"count", 2},
                                                  {"repeat", 2},
                                                  {"order", "shuffled"},
                                                  {"eval_first", 1},
                                                  {"eval_count", 4},
                                                  {"rate_scale", "1 kHz"},
                                                  {"present", "30 ms"},
                                                  {"rest", "20 ms"}},
                                                 "1 s", 2));
    const auto& c = run.recorder->info().populations[0].columns;
    // 2 epochs of images 0-1 (shuffled), then rows 1, 2, 3, 4 once each.
    REQUIRE(c[1].values.size() == 8);
    for (std::size_t e = 0; e < 2; ++e) {
        CHECK(std::min(c[1].values[2 * e], c[1].values[2 * e + 1]) == 0.0);
        CHECK(std::max(c[1].values[2 * e], c[1].values[2 * e + 1]) == 1.0);
    }
    for (std::size_t n = 4; n < 8; ++n) {
        CHECK(c[0].values[n] == 50.0 * static_cast<double>(n));
        CHECK(c[1].values[n] == static_cast<double>(n - 3));
        CHECK(c[2].values[n] == static_cast<double>(n - 3));
    }
    // The evaluation images drive the pixels: rows 1 and 4 (pixel values 2 and 5, at 1 kHz per
    // unit) are shown during [200, 230) and [350, 380) ms: about 2 x 60 and 2 x 150 spikes.
    auto spikes_in = [&](double from) {
        std::size_t n = 0;
        for (const auto& spike : run.recorder->spikes())
            if (spike.time >= ms_to_ticks(from) && spike.time < ms_to_ticks(from + 30)) ++n;
        return static_cast<double>(n);
    };
    CHECK(spikes_in(200) == doctest::Approx(120).epsilon(0.35));
    CHECK(spikes_in(350) == doctest::Approx(300).epsilon(0.25));
    CHECK(error_of(
              scenario({{"file", file.string()}, {"eval_first", 4}, {"eval_count", 2}}, "1 s", 2))
              .find("eval_count") != std::string::npos);
}

TEST_CASE("image_poisson: shuffled order is image_order per epoch, a permutation each epoch") {
    ImageDir dir;
    std::string text;
    for (int r = 0; r < 10; ++r) text += std::to_string(r) + ",1\n";
    const fs::path file = dir.write("ten.csv", text);
    Json s = scenario({{"file", file.string()},
                       {"repeat", 3},
                       {"order", "shuffled"},
                       {"present", "10 ms"},
                       {"rest", "0 ms"}},
                      "1 s", 1);
    s["populations"] = {
        {"other", {{"type", "poisson"}, {"size", 1}, {"params", {{"rate", "1 Hz"}}}}},
        {"img", s["populations"]["img"]}};  // population index 1
    const auto a = test::run_scenario(s, 21);
    const auto b = test::run_scenario(s, 21);
    const auto c = test::run_scenario(s, 22);
    const auto& rows = a.recorder->info().populations[1].columns[1].values;
    REQUIRE(rows.size() == 30);
    for (std::uint64_t e = 0; e < 3; ++e) {
        const auto order = image_poisson::image_order(21, 1, e, 10);
        std::vector<std::uint32_t> sorted = order;
        std::sort(sorted.begin(), sorted.end());
        std::vector<std::uint32_t> identity(10);
        std::iota(identity.begin(), identity.end(), 0u);
        CHECK(sorted == identity);
        for (std::size_t j = 0; j < 10; ++j) CHECK(rows[e * 10 + j] == order[j]);
    }
    CHECK(image_poisson::image_order(21, 1, 0, 10) != image_poisson::image_order(21, 1, 1, 10));
    CHECK(rows == b.recorder->info().populations[1].columns[1].values);
    CHECK(rows != c.recorder->info().populations[1].columns[1].values);
    CHECK(a.recorder->spikes() == b.recorder->spikes());
}

TEST_CASE("image_poisson: same trains in any element order; relative files from the scenario") {
    ImageDir dir;
    dir.write("four.csv", kFourPixels);
    const Json p{{"file", "four.csv"}, {"rate_scale", "2 Hz"}, {"present", "100 ms"},
                 {"rest", "50 ms"},    {"repeat", 30},         {"order", "shuffled"}};
    test::check_order_independent("image_poisson", p, 4, ms_to_ticks(10000.0), 3, dir.path);
    // build_run takes relative paths from the scenario's directory.
    const BuiltRun built = build_run(scenario(p, "1 s"), default_registry(), 1, "t", dir.path);
    CHECK(built.network->population(0).size() == 4);
    // Without it, from the working directory (which has no four.csv).
    CHECK(error_of(scenario(p, "1 s")).find("cannot read") != std::string::npos);
}

TEST_CASE("image_poisson: size mismatch, bad files and ranges are errors with their path") {
    ImageDir dir;
    const std::string four = dir.write("four.csv", kFourPixels).string();
    CHECK(error_of(scenario({{"file", four}}, "1 s", 5))
              .starts_with("/populations/img/size: is 5 but each image in \"" + four +
                           "\" has 4 pixels"));
    const std::string missing = (dir.path / "missing.csv").string();
    CHECK(error_of(scenario({{"file", missing}}, "1 s")) ==
          "/populations/img/params/file: cannot read \"" + missing + "\": no such file");
    CHECK(error_of(scenario({{"file", dir.path.string()}}, "1 s")).find("is a directory") !=
          std::string::npos);
    const std::string ragged = dir.write("ragged.csv", "1,2,3\n# c\n4,5\n").string();
    CHECK(error_of(scenario({{"file", ragged}}, "1 s", 2)) ==
          "/populations/img/params/file: " + ragged +
              ": line 3: 1 pixel values, but the first image has 2");
    const std::string word = dir.write("word.csv", "1,2,3\n4,x,5\n").string();
    CHECK(error_of(scenario({{"file", word}}, "1 s", 2)) ==
          "/populations/img/params/file: " + word +
              ": line 2: pixel 0: expected a number >= 0, got \"x\"");
    const std::string negative = dir.write("negative.csv", "1,2,-3\n").string();
    CHECK(error_of(scenario({{"file", negative}}, "1 s", 2)).find("pixel 1: expected a number") !=
          std::string::npos);
    const std::string label = dir.write("label.csv", "1,2\n1.5,3\n").string();
    CHECK(
        error_of(scenario({{"file", label}}, "1 s", 1)).find("line 2: the label must be a whole") !=
        std::string::npos);
    const std::string empty = dir.write("empty.csv", "# nothing\n").string();
    CHECK(error_of(scenario({{"file", empty}}, "1 s", 1)).find("holds no images") !=
          std::string::npos);
    CHECK(error_of(scenario({{"file", four}, {"first", 2}}, "1 s"))
              .starts_with("/populations/img/params/first: is 2 but"));
    CHECK(error_of(scenario({{"file", four}, {"first", 1}, {"count", 2}}, "1 s"))
              .starts_with("/populations/img/params/count: is 2 but"));
    CHECK(error_of(scenario({{"file", four}, {"count", 1.5}}, "1 s"))
              .starts_with("/populations/img/params/count: must be a whole number"));
    CHECK(error_of(scenario({{"file", ""}}, "1 s"))
              .starts_with("/populations/img/params/file: expected a file path"));
    CHECK(error_of(scenario({{"file", 3}}, "1 s"))
              .starts_with("/populations/img/params/file: expected a string"));
    CHECK(error_of(scenario({{"file", four}, {"order", "random"}}, "1 s"))
              .starts_with("/populations/img/params/order: unknown option"));
}
