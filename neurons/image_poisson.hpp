// SPDX-License-Identifier: MIT
// image_poisson — rate coding of images (Diehl & Cook 2015): images from a CSV file are shown
// one after the other; while image n is shown, element i is a Poisson train of rate
// pixel_i(n) * rate_scale. Element i is pixel i, so `size` must equal the number of pixels.
//
// File. One image per line, `label,p0,...,p(n-1)`: an integer label, then n pixel values
// (numbers >= 0, stored as 32-bit floats). Blank lines and lines starting with '#' are
// skipped; so is a first line whose first field is not a number (a header). A relative path
// is taken from the scenario file's directory (the working directory for scenarios that do
// not come from a file).
//
// Schedule. Images first .. first + count - 1 of the file (count 0: every image from first on)
// are shown `repeat` times (epochs); epoch e shows them in file order (`order` "sequential")
// or in the order image_order(seed, population index, e, count) ("shuffled", a new order every
// epoch). Presentation n = e * count + j starts at
//     t_n = start + n * (present + rest)
// (present and rest rounded to the tick first, so exactly): the image is on during
// [t_n, t_n + present), then `rest` without any spike. After the last presentation the source is
// silent. With "sequential" order, presentation n shows file row first + (n mod count).
// An evaluation pass (`eval_count` > 0) follows the epochs: images eval_first ..
// eval_first + eval_count - 1, once each in file order, with the same timing (a test phase
// after training; the scenario's learning "stop" freezes the weights for it).
//
// Draws. Element i draws exponential intervals from (seed, source_spikes, population
// index * 2^32 + i); an interval that crosses the end of a presentation is discarded and a new
// train starts at the next presentation (exact for piecewise-constant rates, as the Poisson
// process has no memory). A pixel of value 0 draws nothing.
//
// Schedule reported to the output file (/memsnn/populations/<name>): presentation_start [ms],
// image (0-based data line of the file) and label of every presentation that starts before
// the end of the run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/model.hpp"

namespace memsnn::image_poisson {

ModelInfo model_info();

// Rows first .. first + count - 1 (count 0: all from first) of an image file; ConfigError at
// `json_path` (the "file" parameter) for unreadable files and malformed lines, and at
// `first_path`/`count_path` when the range does not fit the file.
struct Images {
    std::size_t n_pixels = 0;
    std::size_t n_rows_in_file = 0;
    std::vector<std::int64_t> labels;  // one per row read
    std::vector<float> pixels;         // row-major: labels.size() x n_pixels
};
Images read_images(const std::filesystem::path& file, const std::string& json_path,
                   std::uint64_t first, std::uint64_t count, const std::string& first_path,
                   std::string count_path);

// The order of the `count` images in epoch `epoch` of a "shuffled" image_poisson population:
// a Fisher–Yates shuffle of 0 .. count-1 (for j = count-1 down to 1, swap j with a uniform
// draw from [0, j]) from the stream (seed, encoder_schedule, population * 2^32 + epoch).
std::vector<std::uint32_t> image_order(std::uint64_t seed, std::uint32_t population,
                                       std::uint64_t epoch, std::uint32_t count);

}  // namespace memsnn::image_poisson
