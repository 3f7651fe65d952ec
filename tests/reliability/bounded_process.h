// bounded_process.h - running the reformsim executable the way the reliability tests need:
// with a time limit (a hang is a failure, not a stuck test), optional resource limits (address
// space, file size) and a way to start it in the background and kill it at a chosen moment.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace reformsim::reliability {

// True when this build runs under a sanitizer: ASan and TSan reserve terabytes of address
// space for their shadow memory, so an address-space limit cannot be applied to them.
constexpr bool built_with_sanitizer() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

struct Limits {
  std::chrono::milliseconds timeout{60000};
  std::size_t address_space_bytes = 0;  // RLIMIT_AS; 0 = none (always none under sanitizers)
  std::size_t file_size_bytes = 0;      // RLIMIT_FSIZE; 0 = none (writes beyond fail: EFBIG)
};

struct BoundedResult {
  int exit_status = -1;  // the exit code, or -1 when ended by a signal
  int signal = 0;        // the signal that ended it, 0 if it exited
  bool timed_out = false;
  double seconds = 0;
  std::string out, err;
  // For failure messages: "exit 2", "signal 11", "timed out".
  std::string how() const;
};

// Runs the reformsim executable with arguments from the source directory, killing it
// (SIGKILL) when it outlives limits.timeout.
BoundedResult run_reformsim_bounded(const std::vector<std::string>& arguments,
                                    const Limits& limits = {});

// Starts reformsim in the background (stdout and stderr to /dev/null); returns its pid.
pid_t start_reformsim(const std::vector<std::string>& arguments);
// Waits for a started process; returns its exit code, or 128 + signal.
int wait_for(pid_t process);

}  // namespace reformsim::reliability
