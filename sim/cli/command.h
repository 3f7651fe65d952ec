// command.h - what every subcommand shares: its parsed common options, the thread limit, and
// the split between its own options and "--section.key=value" config overrides.
#pragma once

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <boost/program_options.hpp>
#include <memory>
#include <string>
#include <vector>

#include "sim/config/config_loader.h"
#include "sim/model/model.h"

namespace reformsim {

struct CommandLine {
  std::string program = "reformsim";
  std::string command;                 // "run"
  std::vector<std::string> arguments;  // after the command
  std::string joined() const;          // the whole line, for output files
};

// Parses arguments against options (and positional ones), collecting "--a.b=value" tokens as
// config overrides; any other unknown option throws ConfigError("command line", ...).
boost::program_options::variables_map parse_command(
    const CommandLine& line, const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional,
    std::vector<ConfigEntry>& overrides);

// Options every simulating subcommand takes: --threads, --quiet.
void add_common_options(boost::program_options::options_description& options);

// Runs work on exactly --threads worker threads (0 = all cores). More threads than cores is
// allowed on purpose (oversubscription), e.g. to show that results do not depend on it.
class ThreadPoolLimit {
 public:
  explicit ThreadPoolLimit(int requested);  // ConfigError for a negative count
  int threads() const { return threads_; }
  template <typename Work>
  void run(Work&& work) {
    arena_.execute(std::forward<Work>(work));
  }

 private:
  int threads_;
  tbb::global_control control_;
  tbb::task_arena arena_;
};

}  // namespace reformsim
