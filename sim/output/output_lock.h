// output_lock.h - one writer at a time for an output that a command rewrites in place while it
// works (calibrate publishes a checkpoint after every generation by rename(), so two writers
// would both succeed and the last rename would silently win). An exclusive flock on
// ".<name>.lock" beside the output, held for the whole command: a second writer is refused at
// once, as bad input naming the file and the pid holding it. The holder removes the lock file
// when it ends; a killed holder leaves it behind unlocked (the kernel drops the lock with the
// process), and the next writer simply takes it.
#pragma once

#include <filesystem>
#include <string>

namespace reformsim {

class OutputLock {
 public:
  // Throws ConfigError(origin, option, final_path, ...) when another process holds the lock or
  // the lock file cannot be created (a missing or read-only directory).
  explicit OutputLock(const std::filesystem::path& final_path, const std::string& option = "--out",
                      const std::string& origin = "command line");
  ~OutputLock();  // removes the lock file, then releases the lock
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  const std::filesystem::path& lock_path() const { return lock_path_; }

 private:
  std::filesystem::path lock_path_;
  int descriptor_ = -1;
};

// ".<name>.lock" beside final_path.
std::filesystem::path output_lock_path(const std::filesystem::path& final_path);

}  // namespace reformsim
