// SPDX-License-Identifier: MIT
// A one-line progress bar on stderr for runs longer than a second, drawn only when stderr is a
// terminal (silent in pipes, files and CI logs).
#pragma once

#include <chrono>

#include "engine/time.hpp"

namespace memsnn::cli {

class ProgressBar {
  public:
    ProgressBar(Tick duration, bool enabled);
    void update(Tick now);
    void finish();

  private:
    Tick duration_;
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace memsnn::cli
