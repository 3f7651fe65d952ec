// output_target.h - where a result file goes, claimed safely. Checked before any work starts
// (the directory exists and is writable, the file does not exist unless overwriting); written
// under a temporary name in the same directory; moved to its final name only when complete, so
// a killed process leaves either no file or a complete one.
#pragma once

#include <filesystem>
#include <string>

namespace reformsim {

class OutputTarget {
 public:
  // Throws ConfigError(origin, option, path, problem) when the directory is missing or not
  // writable, the path is a directory, or the file exists and overwrite is false.
  OutputTarget(std::filesystem::path final_path, bool overwrite, std::string option = "--out",
               std::string origin = "command line");
  ~OutputTarget();  // removes the temporary file unless committed
  OutputTarget(const OutputTarget&) = delete;
  OutputTarget& operator=(const OutputTarget&) = delete;

  const std::filesystem::path& final_path() const { return final_path_; }
  const std::filesystem::path& temporary_path() const { return temporary_path_; }

  // Moves the temporary file to the final name. Without overwrite this never replaces a file
  // that appeared meanwhile (another process): it throws instead and keeps both files intact.
  void commit();

 private:
  std::filesystem::path final_path_, temporary_path_;
  bool overwrite_;
  bool committed_ = false;
};

// Removes temporary files of final_path left by writers that were killed (their process no
// longer exists); returns how many. A live writer's temporary file is never touched.
std::size_t remove_stale_partials(const std::filesystem::path& final_path);

// Temporary names this engine writes: ".<name>.partial-<pid>" beside the final name.
bool is_partial_output_name(const std::filesystem::path& path);

}  // namespace reformsim
