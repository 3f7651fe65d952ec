// describe_command.cpp - `reformsim describe FILE`: what an output file holds.
#include <iostream>

#include "sim/cli/subcommands.h"
#include "sim/config/config_error.h"
#include "sim/output/file_description.h"
#include "sim/output/hdf5_handle.h"

namespace reformsim {

namespace po = boost::program_options;

int describe_command(const CommandLine& line, const ModelCatalogue&) {
  po::options_description options("reformsim describe FILE");
  options.add_options()("help", "this help")("file", po::value<std::string>(), "an output file");
  po::positional_options_description positional;
  positional.add("file", 1);
  std::vector<ConfigEntry> overrides;
  const auto values = parse_command(line, options, positional, overrides);
  if (values.count("help")) {
    std::cout << options;
    return exit_success;
  }
  if (!values.count("file"))
    throw ConfigError("command line", "FILE", "", "missing: describe needs an output file");
  const std::string path = values["file"].as<std::string>();
  try {
    std::cout << describe_file(path);
  } catch (const Hdf5Error& error) {
    throw ConfigError("command line", "FILE", path, error.what());
  }
  return is_complete_output(path) ? exit_success : exit_failure;
}

}  // namespace reformsim
