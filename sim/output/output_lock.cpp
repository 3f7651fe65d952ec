#include "sim/output/output_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sim/config/config_error.h"

namespace reformsim {
namespace {

// The pid the holder wrote into the lock file, for the message; "" when unreadable.
std::string holder_of(int descriptor) {
  char text[32] = {0};
  const ssize_t length = pread(descriptor, text, sizeof text - 1, 0);
  if (length <= 0) return "";
  std::string pid(text, static_cast<std::size_t>(length));
  return pid.substr(0, pid.find_first_not_of("0123456789"));
}

// True when descriptor is still the file named path: the previous holder may have removed the
// name between our open() and our flock(), and a lock on a removed file excludes no one.
bool still_named(int descriptor, const std::filesystem::path& path) {
  struct stat held {
  }, named{};
  return fstat(descriptor, &held) == 0 && stat(path.c_str(), &named) == 0 &&
         held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

}  // namespace

std::filesystem::path output_lock_path(const std::filesystem::path& final_path) {
  return final_path.parent_path() / ("." + final_path.filename().string() + ".lock");
}

OutputLock::OutputLock(const std::filesystem::path& final_path, const std::string& option,
                       const std::string& origin)
    : lock_path_(output_lock_path(final_path)) {
  const std::string shown = final_path.string();
  for (;;) {
    descriptor_ = open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (descriptor_ < 0) {
      const std::filesystem::path directory =
          final_path.parent_path().empty() ? "." : final_path.parent_path();
      throw ConfigError(
          origin, option, shown,
          std::filesystem::is_directory(directory)
              ? "cannot create the lock file " + lock_path_.string() + ": " + std::strerror(errno)
              : "output directory '" + directory.string() + "' does not exist");
    }
    if (flock(descriptor_, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      const std::string holder = holder_of(descriptor_);
      close(descriptor_);
      descriptor_ = -1;
      throw ConfigError(origin, option, shown,
                        error == EWOULDBLOCK
                            ? "is being written by another reformsim process" +
                                  (holder.empty() ? std::string() : " (pid " + holder + ")") +
                                  ", which holds " + lock_path_.string() +
                                  ": wait for it to finish, or choose another file"
                            : "cannot lock " + lock_path_.string() + ": " + std::strerror(error));
    }
    if (still_named(descriptor_, lock_path_)) break;
    close(descriptor_);
  }
  const std::string pid = std::to_string(getpid()) + "\n";
  // The pid is only for the message a second writer prints: the lock holds without it.
  [[maybe_unused]] const bool written =
      ftruncate(descriptor_, 0) == 0 &&
      pwrite(descriptor_, pid.data(), pid.size(), 0) == static_cast<ssize_t>(pid.size());
}

OutputLock::~OutputLock() {
  if (descriptor_ < 0) return;
  // Removed while still locked: a writer that opened the old file finds it unnamed and retries.
  unlink(lock_path_.c_str());
  close(descriptor_);
}

}  // namespace reformsim
