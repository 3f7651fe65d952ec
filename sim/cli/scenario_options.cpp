#include "sim/cli/scenario_options.h"

#include "sim/config/config_error.h"

namespace reformsim {

namespace po = boost::program_options;

void add_comparison_options(po::options_description& options) {
  options.add_options()("replications", po::value<std::string>(),
                        "replications per scenario (default: the first config's run.replications)")(
      "seed", po::value<std::string>(), "master seed shared by every scenario (default: run.seed)")(
      "out", po::value<std::string>(), "output file (required)")("overwrite", po::bool_switch(),
                                                                 "replace an existing output file")(
      "targets", po::value<std::string>(),
      "targets CSV for every scenario (default: each config's "
      "run.targets_file)");
  add_common_options(options);
}

std::vector<Scenario> load_scenarios(const ModelCatalogue& models,
                                     const std::vector<std::string>& configs,
                                     const std::vector<ConfigEntry>& overrides,
                                     const po::variables_map& values) {
  if (configs.empty())
    throw ConfigError("command line", "--config", "", "missing: give at least one scenario config");
  auto with_targets = overrides;
  if (values.count("targets"))
    with_targets.push_back(
        {"run.targets_file", values["targets"].as<std::string>(), "command line"});
  std::vector<Scenario> scenarios;
  for (const auto& config : configs) {
    scenarios.push_back(load_scenario(models, config, with_targets));
    const Scenario& added = scenarios.back();
    const Scenario& first = scenarios.front();
    for (std::size_t i = 0; i + 1 < scenarios.size(); ++i)
      if (scenarios[i].name == added.name)
        throw ConfigError(
            "command line", "--config", config,
            "two scenarios named '" + added.name + "': scenario names are file names");
    if (added.targets.empty())
      throw ConfigError(config, "run.targets_file", "",
                        "comparisons need targets: set it or --targets");
    bool same = added.targets.size() == first.targets.size();
    for (std::size_t t = 0; same && t < added.targets.size(); ++t)
      same = added.targets[t].target.key == first.targets[t].target.key;
    if (!same)
      throw ConfigError(config, "run.targets_file", added.parameters.text("run.targets_file"),
                        "its targets differ from those of " + first.config_path);
    for (const char* key : {"calendar.days_per_year", "calendar.burn_in_days",
                            "calendar.first_year", "calendar.years"})
      if (added.parameters.integer(key) != first.parameters.integer(key))
        throw ConfigError(config, key, format_parameter_value(added.parameters.value(key)),
                          "differs from " + first.config_path + ": scenarios share one calendar");
  }
  return scenarios;
}

std::uint64_t master_seed_of(const Scenario& first, const po::variables_map& values) {
  if (!values.count("seed"))
    return static_cast<std::uint64_t>(first.parameters.integer("run.seed"));
  ParameterSet check = first.parameters;
  check.set_text("run.seed", values["seed"].as<std::string>(), "command line (--seed)");
  return static_cast<std::uint64_t>(check.integer("run.seed"));
}

std::size_t replications_of(const Scenario& first, const po::variables_map& values) {
  if (!values.count("replications"))
    return static_cast<std::size_t>(first.parameters.integer("run.replications"));
  ParameterSet check = first.parameters;
  check.set_text("run.replications", values["replications"].as<std::string>(),
                 "command line (--replications)");
  return static_cast<std::size_t>(check.integer("run.replications"));
}

}  // namespace reformsim
