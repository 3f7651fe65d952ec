#include "sim/output/output_target.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

#include "sim/config/config_error.h"

namespace reformsim {

OutputTarget::OutputTarget(std::filesystem::path final_path, bool overwrite, std::string option,
                           std::string origin)
    : final_path_(std::move(final_path)), overwrite_(overwrite) {
  const std::string shown = final_path_.string();
  if (final_path_.filename().empty())
    throw ConfigError(origin, option, shown, "names a directory, not a file");
  std::filesystem::path directory = final_path_.parent_path();
  if (directory.empty()) directory = ".";
  // The error_code overloads: a name the system refuses (a component longer than NAME_MAX, say)
  // is an error naming the option, not a filesystem_error escaping with the run's failures.
  const auto missing = [](const std::error_code& error) {
    return error == std::errc::no_such_file_or_directory || error == std::errc::not_a_directory;
  };
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error))
    throw ConfigError(origin, option, shown,
                      "output directory '" + directory.string() +
                          (error && !missing(error) ? "' cannot be used: " + error.message()
                                                    : "' does not exist"));
  if (access(directory.c_str(), W_OK) != 0)
    throw ConfigError(origin, option, shown,
                      "output directory '" + directory.string() + "' is not writable");
  const std::filesystem::file_status status = std::filesystem::status(final_path_, error);
  if (error && !missing(error))
    throw ConfigError(origin, option, shown, "cannot be used: " + error.message());
  if (std::filesystem::is_directory(status))
    throw ConfigError(origin, option, shown, "is a directory");
  if (std::filesystem::exists(status) && !overwrite_)
    throw ConfigError(origin, option, shown, "exists already: pass --overwrite to replace it");
  const std::string temporary_name =
      "." + final_path_.filename().string() + ".partial-" + std::to_string(getpid());
  // The run is written under the temporary name first, which must fit where the final one does.
  const long longest_name = pathconf(directory.c_str(), _PC_NAME_MAX);
  if (longest_name > 0 && temporary_name.size() > static_cast<std::size_t>(longest_name))
    throw ConfigError(origin, option, shown,
                      "file name too long: the run is written first as '" + temporary_name + "', " +
                          std::to_string(temporary_name.size()) + " bytes, over the " +
                          std::to_string(longest_name) + " the directory allows");
  remove_stale_partials(final_path_);
  temporary_path_ = directory / temporary_name;
}

OutputTarget::~OutputTarget() {
  if (!committed_) std::remove(temporary_path_.c_str());
}

void OutputTarget::commit() {
  if (overwrite_) {
    if (std::rename(temporary_path_.c_str(), final_path_.c_str()) != 0)
      throw std::runtime_error("cannot move " + temporary_path_.string() + " to " +
                               final_path_.string() + ": " + std::strerror(errno));
  } else {
    // link() fails if the final name exists: no other writer's file is ever replaced.
    if (link(temporary_path_.c_str(), final_path_.c_str()) != 0)
      throw std::runtime_error("cannot create " + final_path_.string() + ": " +
                               std::strerror(errno) +
                               (errno == EEXIST ? " (written by another process meanwhile; "
                                                  "pass --overwrite to replace it)"
                                                : ""));
    std::remove(temporary_path_.c_str());
  }
  committed_ = true;
}

bool is_partial_output_name(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name[0] == '.' && name.find(".partial-") != std::string::npos;
}

std::size_t remove_stale_partials(const std::filesystem::path& final_path) {
  std::filesystem::path directory = final_path.parent_path();
  if (directory.empty()) directory = ".";
  const std::string prefix = "." + final_path.filename().string() + ".partial-";
  std::size_t removed = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string pid_text = name.substr(prefix.size());
    char* end = nullptr;
    const long pid = std::strtol(pid_text.c_str(), &end, 10);
    if (pid_text.empty() || *end != '\0' || pid <= 0) continue;
    // Only a writer that no longer exists leaves a partial file behind for good.
    if (kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    if (std::filesystem::remove(entry.path(), error)) ++removed;
  }
  return removed;
}

}  // namespace reformsim
