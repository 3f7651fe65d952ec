// concurrency_probe.h - measures how many tasks of a parallel loop run at once. Each task
// holds its thread until `wanted` tasks are running together (or a time limit passes), so a
// loop that uses fewer threads than it was given shows as a peak below `wanted`, and one that
// uses more as a peak above it, without depending on how fast the threads start.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include <tbb/info.h>

namespace reformsim::testing {

// One more thread than the machine's default, so that a loop which fell back to the default
// instead of the count it was given shows as a peak below it.
inline int more_threads_than_cores() {
  return tbb::info::default_concurrency() + 1;
}

class ConcurrencyProbe {
 public:
  explicit ConcurrencyProbe(int wanted) : wanted_(wanted) {}

  // At a task's start: counts it and, until `wanted` tasks have run at once, waits for that.
  // After the first time limit nobody waits any more, so a failing test ends soon.
  void task_begins() {
    std::unique_lock<std::mutex> lock(mutex_);
    ++running_;
    peak_ = std::max(peak_, running_);
    threads_.insert(std::this_thread::get_id());
    if (running_ >= wanted_) reached_ = true;
    changed_.notify_all();
    if (!changed_.wait_for(lock, std::chrono::seconds(20), [&] { return reached_ || gave_up_; }))
      gave_up_ = true;
  }
  void task_ends() {
    const std::lock_guard<std::mutex> lock(mutex_);
    --running_;
  }

  // The most tasks that ever ran at once, and the number of distinct threads that ran them.
  int peak() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return peak_;
  }
  int threads() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<int>(threads_.size());
  }

 private:
  const int wanted_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int running_ = 0;
  int peak_ = 0;
  bool reached_ = false;
  bool gave_up_ = false;
  std::set<std::thread::id> threads_;
};

}  // namespace reformsim::testing
