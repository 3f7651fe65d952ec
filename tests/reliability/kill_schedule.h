// kill_schedule.h - when to SIGKILL a writer so that kills land where they matter. Writing the
// HDF5 file is a window of some 15 ms at the end of a run of a second or more: kills at random
// milliseconds of the run almost never hit it. So half the kills wait for the writer's
// temporary file (".NAME.partial-PID", which exists exactly while a file is being written) to
// appear, then kill at a seeded fraction of the write window measured on an uninterrupted run;
// the others kill at a seeded fraction of 1.2 times the measured run (start-up, simulation,
// writing, and after the commit). Moments are fractions, so the same seed gives the same
// schedule on a fast or a slow machine. After each kill the caller learns whether the
// temporary file was there, that is whether the kill landed during a write, so a test can
// assert that enough did. Header-only: the engine's tests (tests/sim) use it too.
#pragma once

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "sim/random/random_stream.h"

namespace reformsim::reliability {

// The temporary name a writer with this pid uses for final_path (sim/output/output_target.cpp).
inline std::filesystem::path partial_path(const std::filesystem::path& final_path, pid_t writer) {
  return final_path.parent_path() /
         ("." + final_path.filename().string() + ".partial-" + std::to_string(writer));
}

// What an uninterrupted run looked like from outside.
struct WriteTimeline {
  double run_seconds = 0;
  double write_seconds = 0;  // the longest time the temporary file existed at once
  int writes = 0;            // how many times it appeared (calibrate: once per checkpoint)
};

namespace detail {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Polls every 100 us: far finer than a write window, cheap (one stat and one waitpid).
constexpr auto poll_interval = std::chrono::microseconds(100);

inline bool exited(pid_t child, int& status) {
  return waitpid(child, &status, WNOHANG) == child;
}

}  // namespace detail

// Watches a started writer until it exits; returns its timeline and its wait status in status.
inline WriteTimeline watch_writes(pid_t child, const std::filesystem::path& final_path,
                                  int& status) {
  const auto start = detail::Clock::now();
  const auto partial = partial_path(final_path, child);
  WriteTimeline timeline;
  bool present = false;
  auto appeared = start;
  for (;;) {
    const bool done = detail::exited(child, status);
    const bool now_present = std::filesystem::exists(partial);
    if (now_present && !present) {
      ++timeline.writes;
      appeared = detail::Clock::now();
    }
    if (present && !now_present)
      timeline.write_seconds = std::max(timeline.write_seconds, detail::seconds_since(appeared));
    present = now_present;
    if (done) break;
    std::this_thread::sleep_for(detail::poll_interval);
  }
  timeline.run_seconds = detail::seconds_since(start);
  return timeline;
}

// One kill: during the write_number-th write at fraction of 0.9 times the write window, or at
// fraction of 1.2 times the run.
struct KillMoment {
  bool during_write = false;
  int write_number = 1;
  double fraction = 0;
  std::string describe() const {
    return during_write
               ? "at " + std::to_string(fraction) + " of write " + std::to_string(write_number)
               : "at " + std::to_string(fraction) + " of 1.2 runs";
  }
};

// Kills alternate between the two kinds, the write ones first; seeded, so a schedule repeats.
inline KillMoment draw_kill_moment(RandomStream& moments, int kill_number,
                                   const WriteTimeline& timeline) {
  KillMoment moment;
  moment.during_write = kill_number % 2 == 0;
  moment.write_number = 1 + static_cast<int>(moments.uniform_index(
                                static_cast<std::uint64_t>(std::max(timeline.writes, 1))));
  moment.fraction = moments.uniform();
  return moment;
}

// Kills child at moment; returns true when its temporary file existed after the kill (the kill
// landed during a write). Reaps the child.
inline bool kill_at(pid_t child, const std::filesystem::path& final_path, const KillMoment& moment,
                    const WriteTimeline& timeline) {
  const auto start = detail::Clock::now();
  const auto partial = partial_path(final_path, child);
  int status = 0;
  bool finished = false;
  if (moment.during_write) {
    // Wait for the write_number-th appearance of the temporary file (or the end of the run).
    int seen = 0;
    bool present = false;
    while (!(finished = detail::exited(child, status))) {
      const bool now_present = std::filesystem::exists(partial);
      if (now_present && !present && ++seen == moment.write_number) break;
      present = now_present;
      std::this_thread::sleep_for(detail::poll_interval);
    }
    // 0.9 of the measured window: a write a little faster than the reference's is still hit.
    if (!finished)
      std::this_thread::sleep_for(
          std::chrono::duration<double>(0.9 * moment.fraction * timeline.write_seconds));
  } else {
    const auto until =
        start + std::chrono::duration_cast<detail::Clock::duration>(
                    std::chrono::duration<double>(moment.fraction * 1.2 * timeline.run_seconds));
    while (detail::Clock::now() < until && !(finished = detail::exited(child, status)))
      std::this_thread::sleep_for(detail::poll_interval);
  }
  if (!finished) {
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
  }
  return std::filesystem::exists(partial);
}

}  // namespace reformsim::reliability
