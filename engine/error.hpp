// SPDX-License-Identifier: MIT
// User errors: a bad scenario, a bad command line, an unwritable file. Each carries the JSON
// pointer of the offending value (or a file name) and the rule it broke; the CLI prints one line
// and exits with code 2. Bugs are assertions, never ConfigError.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace memsnn {

class ConfigError : public std::runtime_error {
  public:
    ConfigError(std::string path, const std::string& message)
        : std::runtime_error(path.empty() ? message : path + ": " + message),
          path_(std::move(path)) {}
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

// The candidate closest to `word` by edit distance, or "" when none is plausibly meant.
std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean \"x\"?)" or "" — appended to unknown-key and unknown-type messages.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace memsnn
