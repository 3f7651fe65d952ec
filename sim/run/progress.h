// progress.h - progress of long work on stderr: a redrawn bar when stderr is a terminal, a plain
// line every few seconds otherwise (batch logs), nothing when quiet. Workers only bump an atomic
// counter; one reporting thread reads it, so the hot path never writes to stderr.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace reformsim {

class ProgressCounter {
 public:
  void add(std::uint64_t done) { done_.fetch_add(done, std::memory_order_relaxed); }
  std::uint64_t done() const { return done_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> done_{0};
};

class ProgressReporter {
 public:
  enum class Style { quiet, bar, lines };
  // Chooses bar or lines from whether stderr is a terminal, unless quiet.
  static Style style_for_stderr(bool quiet);

  ProgressReporter(std::string label, std::uint64_t total, Style style,
                   std::chrono::milliseconds line_interval = std::chrono::seconds(5));
  ~ProgressReporter();  // prints the final state and stops the reporting thread
  ProgressCounter& counter() { return counter_; }

  // The text of one report (for tests): "run: 37% (370/1000 steps), 2.1 s".
  static std::string format(const std::string& label, std::uint64_t done, std::uint64_t total,
                            double seconds, Style style);

 private:
  void report(bool final);

  std::string label_;
  std::uint64_t total_;
  Style style_;
  std::chrono::milliseconds interval_;
  ProgressCounter counter_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace reformsim
