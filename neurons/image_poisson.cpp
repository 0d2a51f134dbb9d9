// SPDX-License-Identifier: MIT
#include "neurons/image_poisson.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <string_view>

#include "engine/error.hpp"
#include "engine/rng.hpp"
#include "neurons/source.hpp"

namespace memsnn::image_poisson {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool parse_number(std::string_view s, double& out) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && ptr == s.data() + s.size() && std::isfinite(out);
}

std::vector<std::string_view> split(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t begin = 0;
    for (;;) {
        const std::size_t comma = line.find(',', begin);
        fields.push_back(trim(line.substr(
            begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin)));
        if (comma == std::string_view::npos) return fields;
        begin = comma + 1;
    }
}

}  // namespace

Images read_images(const std::filesystem::path& file, const std::string& json_path,
                   std::uint64_t first, std::uint64_t count, const std::string& first_path,
                   std::string count_path) {
    const std::string name = file.string();
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw ConfigError(json_path, "cannot read \"" + name + "\": it is a directory");
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        const int err = errno;
        throw ConfigError(
            json_path,
            "cannot read \"" + name +
                "\": " + (std::filesystem::exists(file, ec) ? std::strerror(err) : "no such file"));
    }
    Images images;
    std::string line;
    std::size_t line_number = 0;
    bool any_data_line = false;
    std::uint64_t row = 0;
    auto fail = [&](const std::string& why) {
        throw ConfigError(json_path, name + ": line " + std::to_string(line_number) + ": " + why);
    };
    while (std::getline(in, line)) {
        ++line_number;
        const std::string_view text = trim(line);
        if (text.empty() || text.front() == '#') continue;
        const auto fields = split(text);
        double label = 0;
        if (!parse_number(fields[0], label)) {
            if (!any_data_line) {  // a header line
                any_data_line = true;
                continue;
            }
            fail("the label \"" + std::string(fields[0]) + "\" is not a number");
        }
        any_data_line = true;
        if (label != std::floor(label) || std::abs(label) > 9.0e15)
            fail("the label must be a whole number, got " + std::string(fields[0]));
        if (fields.size() < 2) fail("expected a label and at least one pixel value");
        const std::size_t n = fields.size() - 1;
        if (images.n_pixels == 0) images.n_pixels = n;
        if (n != images.n_pixels)
            fail(std::to_string(n) + " pixel values, but the first image has " +
                 std::to_string(images.n_pixels));
        const bool wanted = row >= first && (count == 0 || row - first < count);
        if (wanted) images.labels.push_back(static_cast<std::int64_t>(label));
        for (std::size_t k = 1; k < fields.size(); ++k) {
            double v = 0;
            if (!parse_number(fields[k], v) || v < 0)
                fail("pixel " + std::to_string(k - 1) + ": expected a number >= 0, got \"" +
                     std::string(fields[k]) + "\"");
            if (wanted) images.pixels.push_back(static_cast<float>(v));
        }
        ++row;
    }
    if (in.bad()) throw ConfigError(json_path, "cannot read \"" + name + "\": read error");
    images.n_rows_in_file = static_cast<std::size_t>(row);
    if (row == 0) throw ConfigError(json_path, "\"" + name + "\" holds no images");
    if (first >= row)
        throw ConfigError(first_path, "is " + std::to_string(first) + " but \"" + name +
                                          "\" holds " + std::to_string(row) + " images");
    if (count != 0 && count > row - first)
        throw ConfigError(std::move(count_path),
                          "is " + std::to_string(count) + " but \"" + name + "\" holds only " +
                              std::to_string(row - first) +
                              " images from first = " + std::to_string(first));
    return images;
}

std::vector<std::uint32_t> image_order(std::uint64_t seed, std::uint32_t population,
                                       std::uint64_t epoch, std::uint32_t count) {
    std::vector<std::uint32_t> order(count);
    for (std::uint32_t j = 0; j < count; ++j) order[j] = j;
    RandomStream stream(seed, StreamDomain::encoder_schedule, element_object(population, epoch));
    for (std::uint32_t j = count; j > 1; --j) {
        const auto k = static_cast<std::uint32_t>(stream.below(j));
        std::swap(order[j - 1], order[k]);
    }
    return order;
}

namespace {

// The schedule is kept in memory (4 bytes per presentation).
constexpr std::uint64_t kMaxPresentations = std::uint64_t{1} << 28;

class ImagePoissonPopulation final : public SourcePopulation {
  public:
    explicit ImagePoissonPopulation(const PopulationArgs& args) : SourcePopulation(args) {
        const ParamTable& t = *args.params;
        std::filesystem::path file = t.file("file");
        if (file.is_relative() && !args.scenario_dir.empty())
            file = (args.scenario_dir / file).lexically_normal();
        const std::uint64_t first = population_count(t, "first", 0);
        const std::uint64_t count = population_count(t, "count", 0);
        const std::uint64_t repeat = population_count(t, "repeat", 1);
        Images images = read_images(file, t.path_of("file"), first, count, t.path_of("first"),
                                    t.path_of("count"));
        const std::uint64_t n_train = images.labels.size();
        for (std::uint64_t j = 0; j < n_train; ++j) rows_.push_back(first + j);
        // The evaluation images follow the training images in the same table.
        const std::uint64_t eval_count = population_count(t, "eval_count", 0);
        if (eval_count > 0) {
            const std::uint64_t eval_first = population_count(t, "eval_first", 0);
            Images more = read_images(file, t.path_of("file"), eval_first, eval_count,
                                      t.path_of("eval_first"), t.path_of("eval_count"));
            images.labels.insert(images.labels.end(), more.labels.begin(), more.labels.end());
            images.pixels.insert(images.pixels.end(), more.pixels.begin(), more.pixels.end());
            for (std::uint64_t j = 0; j < eval_count; ++j) rows_.push_back(eval_first + j);
        }
        if (images.n_pixels != args.size)
            throw ConfigError(population_path(t) + "/size",
                              "is " + std::to_string(args.size) + " but each image in \"" +
                                  file.string() + "\" has " + std::to_string(images.n_pixels) +
                                  " pixels (one element per pixel)");
        n_images_ = images.labels.size();
        if (repeat > kMaxPresentations || n_train * repeat + eval_count > kMaxPresentations)
            throw ConfigError(t.path_of("repeat"),
                              "at most 2^28 presentations (images times repeat), got " +
                                  std::to_string(n_train) + " images x " + std::to_string(repeat) +
                                  " + " + std::to_string(eval_count));
        labels_ = std::move(images.labels);
        // Pixel-major, so that one element reads one contiguous column.
        pixels_.resize(images.pixels.size());
        for (std::size_t r = 0; r < n_images_; ++r)
            for (std::size_t i = 0; i < args.size; ++i)
                pixels_[i * n_images_ + r] = images.pixels[r * args.size + i];

        rate_scale_ = population_number(t, "rate_scale");
        present_ = ms_to_ticks(population_number(t, "present"));
        period_ = present_ + ms_to_ticks(population_number(t, "rest"));
        start_ = ms_to_ticks(population_number(t, "start"));
        if (present_ < 1) throw ConfigError(t.path_of("present"), "must be at least 1 ps");
        const bool shuffled = t.choice("order") == "shuffled";
        for (std::uint64_t e = 0; e < repeat; ++e) {
            if (shuffled) {
                const auto order =
                    image_order(args.seed, args.id, e, static_cast<std::uint32_t>(n_train));
                order_.insert(order_.end(), order.begin(), order.end());
            } else {
                for (std::uint32_t j = 0; j < n_train; ++j) order_.push_back(j);
            }
        }
        for (std::uint64_t j = n_train; j < n_images_; ++j)
            order_.push_back(static_cast<std::uint32_t>(j));
        for (std::size_t i = 0; i < args.size; ++i) elements_.emplace_back(args.seed, args.id, i);
    }

    std::vector<InfoColumn> schedule(Tick duration) const override {
        InfoColumn start{"presentation_start", "ms", {}};
        InfoColumn image{"image", "1", {}};
        InfoColumn label{"label", "1", {}};
        for (std::size_t n = 0; n < order_.size(); ++n) {
            const Tick t = presentation_start(n);
            if (t >= duration) break;
            start.values.push_back(ticks_to_ms(t));
            image.values.push_back(static_cast<double>(rows_[order_[n]]));
            label.values.push_back(static_cast<double>(labels_[order_[n]]));
        }
        return {std::move(start), std::move(image), std::move(label)};
    }

  private:
    struct Element {
        Element(std::uint64_t seed, std::uint32_t id, std::size_t i)
            : stream(seed, StreamDomain::source_spikes, element_object(id, i)) {}
        RandomStream stream;
        std::size_t presentation = 0;  // the presentation being drawn
        Tick time = 0;                 // the last spike, or where drawing resumes
    };

    Tick presentation_start(std::size_t n) const {
        if (period_ > 0 && n > static_cast<std::size_t>((kNever - start_) / period_)) return kNever;
        return start_ + static_cast<Tick>(n) * period_;
    }

    Tick next_after(std::size_t i, Tick /*last*/) override {
        Element& e = elements_[i];
        while (e.presentation < order_.size()) {
            const Tick on = presentation_start(e.presentation);
            if (on == kNever || present_ > kNever - on) break;
            e.time = std::max(e.time, on);
            const double rate =
                static_cast<double>(pixels_[i * n_images_ + order_[e.presentation]]) * rate_scale_;
            const Tick t = poisson_next(e.stream, rate, e.time, on + present_);
            if (t != kNever) {
                e.time = t;
                return t;
            }
            ++e.presentation;
        }
        e.presentation = order_.size();
        return kNever;
    }

    std::vector<std::uint64_t> rows_;  // per image of the table: its data line in the file
    std::size_t n_images_ = 0;
    std::vector<std::int64_t> labels_;
    std::vector<float> pixels_;         // [pixel][image]
    std::vector<std::uint32_t> order_;  // per presentation: image index (from first)
    double rate_scale_ = 0;
    Tick present_ = 0;
    Tick period_ = 0;
    Tick start_ = 0;
    std::vector<Element> elements_;
};

}  // namespace

ModelInfo model_info() {
    ModelInfo m;
    m.type = "image_poisson";
    m.kind = ModelKind::source;
    m.summary = "images from a CSV file as Poisson rates, one after the other (element = pixel)";
    m.integrator = "piecewise-constant Poisson rates, restarted at each presentation";
    m.params = {
        {"file", Dim::dimensionless, kRequired,
         "CSV file, one image per line: label,p0,...,p(n-1) (relative: to the scenario file)",
         Check::any, ParamKind::file},
        {"rate_scale", Dim::frequency, 0.25,
         "rate per unit of pixel value (Diehl & Cook: 0.25 Hz for 0..255 pixels)",
         Check::nonnegative},
        {"present", Dim::time, 350, "how long each image is shown", Check::positive},
        {"rest", Dim::time, 150, "silence after each image", Check::nonnegative},
        {"start", Dim::time, 0, "start of the first presentation", Check::nonnegative},
        {"first", Dim::dimensionless, 0, "first image (0-based data line of the file)",
         Check::nonnegative},
        {"count", Dim::dimensionless, 0, "number of images (0: all from first on)",
         Check::nonnegative},
        {"repeat", Dim::dimensionless, 1, "epochs: how many times the images are shown",
         Check::positive},
        {"order",
         Dim::dimensionless,
         0,
         "image order within each epoch",
         Check::any,
         ParamKind::choice,
         {"sequential", "shuffled"}},
        {"eval_first", Dim::dimensionless, 0,
         "first image of the evaluation pass (0-based data line of the file)", Check::nonnegative},
        {"eval_count", Dim::dimensionless, 0,
         "images of the evaluation pass, shown once in file order after the epochs (0: none)",
         Check::nonnegative},
    };
    m.make = [](const PopulationArgs& args) -> std::unique_ptr<Population> {
        return std::make_unique<ImagePoissonPopulation>(args);
    };
    return m;
}

}  // namespace memsnn::image_poisson
