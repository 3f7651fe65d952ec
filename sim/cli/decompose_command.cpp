// decompose_command.cpp - `reformsim decompose`: the effect of the full reform on each target
// split among its measures by Shapley values, plus the trend (none of the measures).

#include <cstdio>
#include <iostream>

#include "sim/cli/scenario_options.h"
#include "sim/cli/subcommands.h"
#include "sim/config/config_error.h"
#include "sim/output/output_target.h"
#include "sim/output/run_file.h"
#include "sim/parallel/loops.h"
#include "sim/scenarios/decomposition_file.h"
#include "sim/scenarios/interval.h"

namespace reformsim {

namespace po = boost::program_options;

namespace {

void print_decomposition(const Scenario& full, const Decomposition& d) {
  std::printf("%-34s %11s", "target (mean)", "trend");
  for (const auto& measure : d.plan.measures) std::printf(" %11.11s", measure.name.c_str());
  std::printf(" %11s %11s\n", "total", "reported");
  for (std::size_t t = 0; t < full.targets.size(); ++t) {
    std::printf("%-34.34s %11.4g", full.targets[t].target.key.c_str(), mean_interval(d.trend[t]).mean);
    for (std::size_t m = 0; m < d.plan.measures.size(); ++m) {
      std::vector<double> values;
      for (const auto& replication : d.shapley[t]) values.push_back(replication[m]);
      std::printf(" %11.4g", mean_interval(values).mean);
    }
    std::printf(" %11.4g %11.4g\n", mean_interval(paired_differences(d.trend[t], d.full[t])).mean,
                full.targets[t].target.reported);
  }
}

}  // namespace

int decompose_command(const CommandLine& line, const ModelCatalogue& models) {
  po::options_description options(
      "reformsim decompose --config FULL --measures m1,m2,group=m3+m4 --out FILE [options]");
  options.add_options()("help", "this help")("config", po::value<std::string>(),
                                             "the full-reform scenario config")(
      "measures", po::value<std::string>(),
      "measures to split the effect among: a boolean key (reform.NAME when it has no dot), or "
      "NAME=key1+key2 for a group switched together")(
      "exact-up-to", po::value<int>()->default_value(10),
      "exact Shapley values over all subsets up to this many measures")(
      "permutations", po::value<int>()->default_value(0),
      "sample this many permutations instead of all subsets (also used above --exact-up-to)");
  add_comparison_options(options);
  std::vector<ConfigEntry> overrides;
  const auto values = parse_command(line, options, {}, overrides);
  if (values.count("help")) {
    std::cout << options;
    return exit_success;
  }
  const auto configs = values.count("config") ? std::vector<std::string>{values["config"].as<std::string>()}
                                              : std::vector<std::string>{};
  const Scenario full = load_scenarios(models, configs, overrides, values).front();
  if (!values.count("measures"))
    throw ConfigError("command line", "--measures", "", "missing: name the measures to decompose");
  auto measures = parse_measures(values["measures"].as<std::string>(), *full.registry);
  const int permutations = values["permutations"].as<int>();
  const int exact_up_to = values["exact-up-to"].as<int>();
  if (permutations < 0 || exact_up_to < 0 || exact_up_to > 16)
    throw ConfigError("command line", permutations < 0 ? "--permutations" : "--exact-up-to",
                      std::to_string(permutations < 0 ? permutations : exact_up_to),
                      "accepted: --permutations >= 0, --exact-up-to 0 to 16");
  if (!values.count("out")) throw ConfigError("command line", "--out", "", "missing: decompose needs an output file");
  OutputTarget target(values["out"].as<std::string>(), values["overwrite"].as<bool>());
  ThreadPoolLimit pool(values["threads"].as<int>());
  const std::uint64_t master_seed = master_seed_of(full, values);
  const auto seeds = replication_seeds(master_seed, 0, replications_of(full, values));
  auto plan = plan_decomposition(std::move(measures), static_cast<std::size_t>(exact_up_to),
                                 static_cast<std::size_t>(permutations), derive_seed(master_seed, 1, 0));

  Provenance provenance{"decompose", line.joined(), master_seed, pool.threads(), utc_timestamp(), ""};
  std::vector<ScenarioOutcomes> subsets(plan.masks.size());
  {
    const auto steps = static_cast<std::uint64_t>(Calendar::from(full.parameters).total_steps());
    ProgressReporter progress("decompose", steps * seeds.size() * plan.masks.size(),
                              ProgressReporter::style_for_stderr(values["quiet"].as<bool>()));
    pool.run([&] {
      parallel_for_each_index(std::size_t{0}, plan.masks.size(), [&](std::size_t k) {
        subsets[k] = run_scenario_outcomes(*full.model, with_measures(full.parameters, plan.measures, plan.masks[k]),
                                           full.targets, seeds, false, &progress.counter());
      });
    });
  }
  const auto decomposition = decompose(std::move(plan), std::move(subsets), full.targets.size(), seeds.size());
  provenance.end_time = utc_timestamp();
  write_decomposition_file(target.temporary_path(), provenance, full, decomposition, seeds);
  target.commit();
  if (!values["quiet"].as<bool>()) print_decomposition(full, decomposition);
  return exit_success;
}

}  // namespace reformsim
