// sensitivity_command.cpp - `reformsim sensitivity DIR-or-FILE`: Sobol indices (Saltelli
// designs) or Morris elementary effects (Morris designs) of each output statistic, with
// bootstrap intervals, into an HDF5 file and printed as a table.
#include <iostream>

#include "sim/cli/command.h"
#include "sim/cli/subcommands.h"
#include "sim/config/config_error.h"
#include "sim/output/output_target.h"
#include "sim/sensitivity/sensitivity_analysis.h"

namespace reformsim {

namespace po = boost::program_options;

namespace {

po::options_description sensitivity_options() {
  po::options_description options(
      "reformsim sensitivity DIR-or-FILE [--output STAT ...] [options]");
  options.add_options()("help", "this help")("source", po::value<std::string>(),
                                             "sweep directory or merged file")(
      "output", po::value<std::vector<std::string>>()->composing(),
      "statistic: a summary metric, or a series metric as METRIC[:last_year|last|mean] (default "
      "rule last_year: the mean over the last simulated year); repeat; default every scalar "
      "metric")("out", po::value<std::string>(),
                "output file (default: DIR/sensitivity.h5 or FILE_sensitivity.h5)")(
      "bootstrap", po::value<std::string>()->default_value("1000"),
      "bootstrap resamples for the intervals")(
      "confidence", po::value<double>()->default_value(0.95), "confidence level of the intervals")(
      "seed", po::value<std::string>()->default_value("1"), "seed of the bootstrap resampling")(
      "overwrite", po::bool_switch(), "replace an existing output file")("quiet", po::bool_switch(),
                                                                         "do not print the table");
  return options;
}

std::uint64_t whole_number(const std::string& option, const std::string& text,
                           std::uint64_t minimum) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos || std::stoull(text) < minimum)
    throw ConfigError("command line", option, text,
                      "expected a whole number >= " + std::to_string(minimum));
  return std::stoull(text);
}

std::filesystem::path default_out(const std::filesystem::path& source) {
  if (std::filesystem::is_directory(source)) return source / "sensitivity.h5";
  return source.parent_path() / (source.stem().string() + "_sensitivity.h5");
}

}  // namespace

int sensitivity_command(const CommandLine& line, const ModelCatalogue&) {
  const auto options = sensitivity_options();
  po::positional_options_description positional;
  positional.add("source", 1);
  std::vector<ConfigEntry> overrides;
  const auto values = parse_command(line, options, positional, overrides);
  if (values.count("help")) {
    std::cout << options << "\n";
    return exit_success;
  }
  if (!overrides.empty())
    throw ConfigError("command line", "--" + overrides.front().key, overrides.front().value,
                      "sensitivity takes no config values");
  if (!values.count("source"))
    throw ConfigError("command line", "DIR-or-FILE", "",
                      "missing: a sweep directory or merged file");
  const std::filesystem::path source_path = values["source"].as<std::string>();
  if (!std::filesystem::exists(source_path))
    throw ConfigError("command line", "DIR-or-FILE", source_path.string(), "does not exist");
  sensitivity::BootstrapSettings bootstrap;
  bootstrap.resamples = whole_number("--bootstrap", values["bootstrap"].as<std::string>(), 1);
  bootstrap.seed = whole_number("--seed", values["seed"].as<std::string>(), 0);
  bootstrap.confidence = values["confidence"].as<double>();
  if (!(bootstrap.confidence > 0 && bootstrap.confidence < 1))
    throw ConfigError("command line", "--confidence", std::to_string(bootstrap.confidence),
                      "must lie strictly between 0 and 1");
  const sweep::SweepSource source(source_path);
  std::vector<sensitivity::StatisticSpec> statistics;
  if (values.count("output"))
    for (const auto& text : values["output"].as<std::vector<std::string>>())
      statistics.push_back(sensitivity::parse_statistic(text, source));
  else
    statistics = sensitivity::default_statistics(source);
  OutputTarget target(values.count("out") ? std::filesystem::path(values["out"].as<std::string>())
                                          : default_out(source_path),
                      values["overwrite"].as<bool>());
  const auto result = sensitivity::analyse_sweep(source, statistics, bootstrap);
  sensitivity::write_sensitivity_file(target.temporary_path(), result,
                                      {source_path.string(), line.joined()});
  target.commit();
  if (!values["quiet"].as<bool>())
    std::cout << sensitivity::format_sensitivity_table(result) << "wrote "
              << target.final_path().string() << "\n";
  return exit_success;
}

}  // namespace reformsim
