#include "sim/run/progress.h"

#include <unistd.h>

#include <cstdio>

namespace reformsim {

ProgressReporter::Style ProgressReporter::style_for_stderr(bool quiet) {
  if (quiet) return Style::quiet;
  return isatty(STDERR_FILENO) ? Style::bar : Style::lines;
}

ProgressReporter::ProgressReporter(std::string label, std::uint64_t total, Style style,
                                   std::chrono::milliseconds line_interval)
    : label_(std::move(label)),
      total_(total),
      style_(style),
      interval_(style == Style::bar ? std::chrono::milliseconds(200) : line_interval),
      start_(std::chrono::steady_clock::now()) {
  if (style_ == Style::quiet) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; }))
      report(false);
  });
}

ProgressReporter::~ProgressReporter() {
  if (style_ == Style::quiet) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  report(true);
}

std::string ProgressReporter::format(const std::string& label, std::uint64_t done,
                                     std::uint64_t total, double seconds, Style style) {
  const double fraction = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  char text[160];
  if (style == Style::bar) {
    const int width = 30, filled = static_cast<int>(fraction * width + 1e-9);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    std::snprintf(text, sizeof text, "%s [%s] %3.0f%% %.1f s", label.c_str(), bar.c_str(),
                  100 * fraction, seconds);
  } else {
    std::snprintf(text, sizeof text, "%s: %.0f%% (%llu/%llu steps), %.1f s", label.c_str(),
                  100 * fraction, static_cast<unsigned long long>(done),
                  static_cast<unsigned long long>(total), seconds);
  }
  return text;
}

void ProgressReporter::report(bool final) {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::string text = format(label_, counter_.done(), total_, seconds, style_);
  if (style_ == Style::bar)
    std::fprintf(stderr, "\r%s%s", text.c_str(), final ? "\n" : "");
  else
    std::fprintf(stderr, "%s\n", text.c_str());
  std::fflush(stderr);
}

}  // namespace reformsim
