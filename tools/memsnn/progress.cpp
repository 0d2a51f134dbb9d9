// SPDX-License-Identifier: MIT
#include "tools/memsnn/progress.hpp"

#include <cstdio>
#include <string>

namespace memsnn::cli {

ProgressBar::ProgressBar(Tick duration, bool enabled)
    : duration_(duration), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(Tick now) {
    if (!enabled_) return;
    const auto wall = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(wall - start_).count();
    if (elapsed < 1.0) return;
    if (drawn_ && wall - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = wall;
    drawn_ = true;
    const double fraction =
        duration_ > 0 ? static_cast<double>(now) / static_cast<double>(duration_) : 1;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '=');
    bar.resize(kWidth, ' ');
    const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
    std::fprintf(stderr, "\r[%s] %3.0f%%  %.4g / %.4g s simulated  elapsed %.0f s  ETA %.0f s ",
                 bar.c_str(), 100 * fraction, ticks_to_ms(now) / 1000,
                 ticks_to_ms(duration_) / 1000, elapsed, eta);
    std::fflush(stderr);
}

void ProgressBar::finish() {
    if (enabled_ && drawn_) {
        std::fprintf(stderr, "\r%80s\r", "");
        std::fflush(stderr);
    }
}

}  // namespace memsnn::cli
