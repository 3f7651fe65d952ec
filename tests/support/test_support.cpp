#include "tests/support/test_support.h"

#include <fcntl.h>
#include <hdf5.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/output/hdf5_handle.h"

namespace reformsim::testing {

TemporaryDirectory::TemporaryDirectory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "reformsim-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
  path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::vector<std::string> TemporaryDirectory::entries() const {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(path_))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::filesystem::path source_dir() {
  return REFORMSIM_SOURCE_DIR;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream stream(path, std::ios::binary);
  stream << text;
}

CommandResult run_program(const std::string& program, const std::vector<std::string>& arguments) {
  TemporaryDirectory capture;
  const auto out_path = capture / "stdout", err_path = capture / "stderr";
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    if (chdir(REFORMSIM_SOURCE_DIR) != 0) _exit(127);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int nothing = open("/dev/null", O_RDONLY);
    dup2(nothing, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const auto& argument : arguments)
      argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execvp(program.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  CommandResult result;
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_text(out_path);
  result.err = read_text(err_path);
  return result;
}

CommandResult run_reformsim(const std::vector<std::string>& arguments) {
  return run_program(REFORMSIM_BINARY_PATH, arguments);
}

std::vector<double> read_hdf5_doubles(const std::filesystem::path& file, const std::string& name) {
  silence_hdf5_error_stack();
  Hdf5Handle handle(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                    "open " + file.string());
  Hdf5Handle dataset(H5Dopen2(handle, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
  Hdf5Handle space(H5Dget_space(dataset), H5Sclose, "space of " + name);
  std::vector<double> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  check_hdf5(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
             "read " + name);
  return values;
}

namespace {

herr_t collect_dataset(hid_t location, const char* name, const H5O_info_t* info, void* data) {
  if (info->type != H5O_TYPE_DATASET) return 0;
  auto& out = *static_cast<std::vector<std::pair<std::string, std::vector<char>>>*>(data);
  Hdf5Handle dataset(H5Dopen2(location, name, H5P_DEFAULT), H5Dclose, std::string("open ") + name);
  Hdf5Handle type(H5Dget_type(dataset), H5Tclose, "type");
  Hdf5Handle space(H5Dget_space(dataset), H5Sclose, "space");
  const auto count = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
  if (H5Tis_variable_str(type) > 0) {
    std::vector<char*> strings(count);
    check_hdf5(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, strings.data()), "read");
    std::vector<char> bytes;
    for (char* text : strings) {
      bytes.insert(bytes.end(), text, text + std::char_traits<char>::length(text) + 1);
      H5free_memory(text);
    }
    out.emplace_back(name, std::move(bytes));
    return 0;
  }
  std::vector<char> bytes(count * H5Tget_size(type));
  check_hdf5(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()), "read");
  out.emplace_back(name, std::move(bytes));
  return 0;
}

}  // namespace

std::vector<std::pair<std::string, std::vector<char>>> read_all_datasets(
    const std::filesystem::path& file) {
  silence_hdf5_error_stack();
  Hdf5Handle handle(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                    "open " + file.string());
  std::vector<std::pair<std::string, std::vector<char>>> datasets;
  check_hdf5(H5Ovisit(handle, H5_INDEX_NAME, H5_ITER_INC, collect_dataset, &datasets),
             "visit " + file.string());
  return datasets;
}

}  // namespace reformsim::testing
