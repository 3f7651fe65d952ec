#include "sim/cli/cli.h"

#include <iostream>
#include <map>

#include "sim/cli/subcommands.h"
#include "sim/config/config_error.h"
#include "sim/output/hdf5_handle.h"
#include "sim/version.h"

namespace reformsim {
namespace {

using Subcommand = int (*)(const CommandLine&, const ModelCatalogue&);

const std::map<std::string, std::pair<Subcommand, std::string>>& subcommands() {
  static const std::map<std::string, std::pair<Subcommand, std::string>> table{
      {"run", {run_command, "one scenario, one or more replications, one HDF5 file"}},
      {"describe", {describe_command, "what an output file holds and whether it is complete"}},
      {"compare", {compare_command, "scenarios against each other, common random numbers"}},
      {"decompose",
       {decompose_command, "the effect of each reform measure (Shapley) and the trend"}},
      {"calibrate",
       {calibrate_command, "fit free parameters to reported targets (ABC-SMC or MSM)"}},
      {"parameters", {parameters_command, "the parameter dictionary of a model (Markdown)"}},
      {"sweep", {sweep_command, "a design over parameters, chunked, resumable, Slurm/MPI"}},
      {"merge", {merge_command, "a sweep directory as one labelled HDF5 file"}},
      {"sensitivity", {sensitivity_command, "Sobol indices or Morris effects of a sweep"}},
  };
  return table;
}

void print_usage(const ModelCatalogue& models) {
  std::cout << "reformsim " << version << " - agent-based reform impact simulation\n\n"
            << "usage: reformsim COMMAND [options]   (reformsim COMMAND --help for each)\n\n"
            << "commands:\n";
  for (const auto& [name, entry] : subcommands())
    std::cout << "  " << name << std::string(12 - name.size(), ' ') << entry.second << "\n";
  std::cout << "\nmodels:";
  for (const auto& name : models.names())
    std::cout << " " << name;
  std::cout << "\n\noptions: --help, --version\n";
}

}  // namespace

int run_cli(const std::vector<std::string>& arguments, const ModelCatalogue& models) {
  if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "-h") {
    print_usage(models);
    return arguments.empty() ? exit_bad_input : exit_success;
  }
  if (arguments[0] == "--version") {
    std::cout << "reformsim " << version << " (" << git_commit << ")\n";
    return exit_success;
  }
  const auto found = subcommands().find(arguments[0]);
  try {
    if (found == subcommands().end())
      throw ConfigError("command line", "COMMAND", arguments[0],
                        "unknown command; see reformsim --help");
    CommandLine line{"reformsim", arguments[0], {arguments.begin() + 1, arguments.end()}};
    return found->second.first(line, models);
  } catch (const ConfigError& error) {
    std::cerr << "reformsim: error: " << error.what() << "\n";
    return exit_bad_input;
  } catch (const std::exception& error) {
    std::cerr << "reformsim: failed: " << error.what() << "\n";
    return exit_failure;
  }
}

}  // namespace reformsim
