// parameters_command.cpp - `reformsim parameters --model NAME`: the parameter dictionary of a
// model (engine parameters included) as a Markdown table, generated from the declarations.
#include <iostream>

#include "sim/cli/subcommands.h"
#include "sim/config/config_error.h"
#include "sim/run/scenario.h"

namespace reformsim {

namespace po = boost::program_options;

int parameters_command(const CommandLine& line, const ModelCatalogue& models) {
  po::options_description options("reformsim parameters --model NAME");
  options.add_options()("help", "this help")("model", po::value<std::string>(),
                                             "model name (see reformsim --help)");
  std::vector<ConfigEntry> overrides;
  const auto values = parse_command(line, options, {}, overrides);
  if (values.count("help")) {
    std::cout << options;
    return exit_success;
  }
  const std::string name = values.count("model") ? values["model"].as<std::string>() : "";
  const Model* model = models.find(name);
  if (!model) {
    std::string accepted;
    for (const auto& known : models.names())
      accepted += (accepted.empty() ? "" : ", ") + known;
    throw ConfigError("command line", "--model", name, "unknown model: accepted " + accepted);
  }
  std::cout << "# Parameters of model `" << name << "`\n\n"
            << model->description() << "\n\n"
            << build_registry(*model, models)->markdown_table();
  return exit_success;
}

}  // namespace reformsim
