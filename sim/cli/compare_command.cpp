// compare_command.cpp - `reformsim compare`: scenarios against each other with common random
// numbers; every target's difference between every pair, with an interval over replications.

#include <cstdio>
#include <iostream>
#include <string>

#include "sim/cli/scenario_options.h"
#include "sim/cli/subcommands.h"
#include "sim/config/config_error.h"
#include "sim/output/output_target.h"
#include "sim/output/run_file.h"
#include "sim/parallel/loops.h"
#include "sim/scenarios/comparison_file.h"
#include "sim/scenarios/interval.h"

namespace reformsim {

namespace po = boost::program_options;

namespace {

void print_comparison(const std::vector<Scenario>& scenarios,
                      const std::vector<ScenarioOutcomes>& outcomes) {
  const auto& targets = scenarios.front().targets;
  std::printf("%-40s", "target (mean over replications)");
  for (const auto& scenario : scenarios)
    std::printf(" %18.18s", scenario.name.c_str());
  std::printf(" %12s\n", "reported");
  for (std::size_t t = 0; t < targets.size(); ++t) {
    std::printf("%-40s", targets[t].target.key.c_str());
    for (const auto& outcome : outcomes)
      std::printf(" %18.4g", mean_interval(outcome.targets[t]).mean);
    std::printf(" %12.4g\n", targets[t].target.reported);
  }
  if (scenarios.size() < 2) return;
  // Every pair's difference (second - first) with its 95% interval over the paired
  // replications: the same numbers as difference_mean/low/high in the file.
  std::printf("\n%-40s %-40s %12s %s\n", "target", "difference (second - first)", "mean",
              "95% interval over paired replications");
  for (std::size_t t = 0; t < targets.size(); ++t)
    for (const auto& [a, b] : scenario_pairs(scenarios.size())) {
      const auto e =
          mean_interval(paired_differences(outcomes[a].targets[t], outcomes[b].targets[t]));
      const std::string pair = scenarios[b].name + " - " + scenarios[a].name;
      std::printf("%-40s %-40s %12.4g [%.4g, %.4g]\n", targets[t].target.key.c_str(), pair.c_str(),
                  e.mean, e.low, e.high);
    }
}

}  // namespace

int compare_command(const CommandLine& line, const ModelCatalogue& models) {
  po::options_description options(
      "reformsim compare --config A --config B ... --out FILE [options] [--section.key=value ...]");
  options.add_options()("help", "this help")(
      "config", po::value<std::vector<std::string>>()->composing(), "scenario config (repeat)");
  add_comparison_options(options);
  std::vector<ConfigEntry> overrides;
  const auto values = parse_command(line, options, {}, overrides);
  if (values.count("help")) {
    std::cout << options;
    return exit_success;
  }
  const auto configs = values.count("config") ? values["config"].as<std::vector<std::string>>()
                                              : std::vector<std::string>{};
  const auto scenarios = load_scenarios(models, configs, overrides, values);
  if (!values.count("out"))
    throw ConfigError("command line", "--out", "", "missing: compare needs an output file");
  OutputTarget target(values["out"].as<std::string>(), values["overwrite"].as<bool>());
  ThreadPoolLimit pool(values["threads"].as<int>());
  const std::uint64_t master_seed = master_seed_of(scenarios.front(), values);
  const auto seeds = replication_seeds(master_seed, 0, replications_of(scenarios.front(), values));

  Provenance provenance{"compare", line.joined(), master_seed, pool.threads(), utc_timestamp(), ""};
  std::vector<ScenarioOutcomes> outcomes(scenarios.size());
  {
    const auto steps =
        static_cast<std::uint64_t>(Calendar::from(scenarios.front().parameters).total_steps());
    ProgressReporter progress("compare", steps * seeds.size() * scenarios.size(),
                              ProgressReporter::style_for_stderr(values["quiet"].as<bool>()));
    pool.run([&] {
      parallel_for_each_index(std::size_t{0}, scenarios.size(), [&](std::size_t s) {
        outcomes[s] = run_scenario_outcomes(*scenarios[s].model, scenarios[s].parameters,
                                            scenarios[s].targets, seeds, true, &progress.counter());
      });
    });
  }
  provenance.end_time = utc_timestamp();
  write_comparison_file(target.temporary_path(), provenance, scenarios, outcomes, seeds);
  target.commit();
  if (!values["quiet"].as<bool>()) print_comparison(scenarios, outcomes);
  return exit_success;
}

}  // namespace reformsim
