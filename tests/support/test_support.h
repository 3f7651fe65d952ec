// test_support.h - what many tests need: a fresh temporary directory, running the reformsim
// executable as a user would (exit status, stdout, stderr), and reading HDF5 variables back.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace reformsim::testing {

// A directory under the system temp dir, removed with everything in it when destroyed.
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // Names of the entries inside, sorted (hidden ones included).
  std::vector<std::string> entries() const;

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_status = -1;
  std::string out;
  std::string err;
};

// Runs the built reformsim executable with arguments (no shell), from the source directory.
CommandResult run_reformsim(const std::vector<std::string>& arguments);
// Runs any program with arguments, from the source directory.
CommandResult run_program(const std::string& program, const std::vector<std::string>& arguments);

std::filesystem::path source_dir();
std::string read_text(const std::filesystem::path& path);
void write_text(const std::filesystem::path& path, const std::string& text);

// A float64 dataset read back whole, row-major (throws on failure).
std::vector<double> read_hdf5_doubles(const std::filesystem::path& file, const std::string& name);
// The raw bytes of every dataset in the file, by path (for bit-identity comparisons).
std::vector<std::pair<std::string, std::vector<char>>> read_all_datasets(
    const std::filesystem::path& file);

}  // namespace reformsim::testing
