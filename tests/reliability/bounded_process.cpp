#include "tests/reliability/bounded_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

#include "tests/support/test_support.h"

namespace reformsim::reliability {
namespace {

// In the child, before exec: limits that survive exec (rlimits, an ignored SIGXFSZ so that an
// over-size write fails with EFBIG instead of killing the writer).
void apply_limits(const Limits& limits) {
  if (limits.address_space_bytes > 0 && !built_with_sanitizer()) {
    const rlimit limit{limits.address_space_bytes, limits.address_space_bytes};
    setrlimit(RLIMIT_AS, &limit);
  }
  if (limits.file_size_bytes > 0) {
    signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{limits.file_size_bytes, limits.file_size_bytes};
    setrlimit(RLIMIT_FSIZE, &limit);
  }
}

pid_t spawn(const std::vector<std::string>& arguments, const std::string& out_path,
            const std::string& err_path, const Limits& limits) {
  std::vector<std::string> argv_text{REFORMSIM_BINARY_PATH};
  argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& text : argv_text)
    argv.push_back(text.data());
  argv.push_back(nullptr);
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child > 0) return child;
  if (chdir(REFORMSIM_SOURCE_DIR) != 0) _exit(127);
  const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int nothing = open("/dev/null", O_RDONLY);
  dup2(nothing, 0);
  dup2(out, 1);
  dup2(err, 2);
  apply_limits(limits);
  execv(argv[0], argv.data());
  _exit(127);
}

}  // namespace

std::string BoundedResult::how() const {
  if (timed_out) return "timed out after " + std::to_string(seconds) + " s";
  if (signal != 0) return "killed by signal " + std::to_string(signal);
  return "exit " + std::to_string(exit_status);
}

BoundedResult run_reformsim_bounded(const std::vector<std::string>& arguments,
                                    const Limits& limits) {
  testing::TemporaryDirectory capture;
  const auto out_path = capture / "stdout", err_path = capture / "stderr";
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = spawn(arguments, out_path.string(), err_path.string(), limits);
  BoundedResult result;
  int status = 0;
  while (waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() - start > limits.timeout) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      result.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = testing::read_text(out_path);
  result.err = testing::read_text(err_path);
  return result;
}

pid_t start_reformsim(const std::vector<std::string>& arguments) {
  return spawn(arguments, "/dev/null", "/dev/null", {});
}

int wait_for(pid_t process) {
  int status = 0;
  waitpid(process, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace reformsim::reliability
