// decompose_command.cpp - `reformsim decompose`: the effect of the full reform on each target
// split among its measures by Shapley values, plus the trend (none of the measures).

#include <cstdio>
#include <iostream>
#include <string>

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

std::string interval_text(const IntervalEstimate& e) {
  char text[64];
  std::snprintf(text, sizeof text, "[%.4g, %.4g]", e.low, e.high);
  return text;
}

// One block per target: the trend, each measure's Shapley value and the total effect, each
// with its mean over replications and 95% interval; when the values come from sampled
// permutations, also each measure's sampling error (NaN from a single permutation).
void print_decomposition(const Scenario& full, const Decomposition& d) {
  const bool sampled = !d.plan.exact;
  std::printf("%s; means over %zu replications, 95%% intervals over replications%s\n",
              d.plan.exact ? "exact Shapley values" : "Shapley values from sampled permutations",
              d.trend.empty() ? std::size_t{0} : d.trend[0].size(),
              sampled ? "; sampling se: standard error from the permutations (add it to the "
                        "interval's width to judge a value)"
                      : "");
  std::printf("%-34s %-22s %11s %-25s", "target", "component", "mean", "95% interval");
  std::printf(sampled ? " %11s\n" : "%s\n", sampled ? "sampling se" : "");
  for (std::size_t t = 0; t < full.targets.size(); ++t) {
    const auto row = [&](const char* target, const std::string& component,
                         const IntervalEstimate& e, const std::string& se) {
      std::printf("%-34.34s %-22.22s %11.4g %-25s%s\n", target, component.c_str(), e.mean,
                  interval_text(e).c_str(), se.c_str());
    };
    const auto& target = full.targets[t].target;
    row(target.key.c_str(), "trend (no measure)", mean_interval(d.trend[t]), "");
    for (std::size_t m = 0; m < d.plan.measures.size(); ++m) {
      std::vector<double> values;
      for (const auto& replication : d.shapley[t])
        values.push_back(replication[m]);
      char se[32] = "";
      if (sampled) std::snprintf(se, sizeof se, " %11.4g", d.sampling_se[t][m]);
      row("", d.plan.measures[m].name, mean_interval(values), se);
    }
    row("", "total (full - trend)", mean_interval(paired_differences(d.trend[t], d.full[t])), "");
    std::printf("%-34s %-22s %11.4g\n", "", "reported", target.reported);
  }
}

}  // namespace

int decompose_command(const CommandLine& line, const ModelCatalogue& models) {
  const std::string permutations_help =
      "sample this many permutations instead of all subsets; 0 (the default): all subsets up "
      "to --exact-up-to measures, above it " +
      std::to_string(default_permutations) +
      " permutations (the sampling error is written and printed; NaN from 1 permutation)";
  po::options_description options(
      "reformsim decompose --config FULL --measures m1,m2,group=m3+m4 --out FILE [options]");
  options.add_options()("help", "this help")("config", po::value<std::string>(),
                                             "the full-reform scenario config")(
      "measures", po::value<std::string>(),
      "measures to split the effect among: a boolean key (reform.NAME when it has no dot), or "
      "NAME=key1+key2 for a group switched together")(
      "exact-up-to", po::value<int>()->default_value(10),
      "exact Shapley values over all subsets up to this many measures")(
      "permutations", po::value<int>()->default_value(0), permutations_help.c_str());
  add_comparison_options(options);
  std::vector<ConfigEntry> overrides;
  const auto values = parse_command(line, options, {}, overrides);
  if (values.count("help")) {
    std::cout << options;
    return exit_success;
  }
  const auto configs = values.count("config")
                           ? std::vector<std::string>{values["config"].as<std::string>()}
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
  if (!values.count("out"))
    throw ConfigError("command line", "--out", "", "missing: decompose needs an output file");
  OutputTarget target(values["out"].as<std::string>(), values["overwrite"].as<bool>());
  ThreadPoolLimit pool(values["threads"].as<int>());
  const std::uint64_t master_seed = master_seed_of(full, values);
  const auto seeds = replication_seeds(master_seed, 0, replications_of(full, values));
  auto plan =
      plan_decomposition(std::move(measures), static_cast<std::size_t>(exact_up_to),
                         static_cast<std::size_t>(permutations), derive_seed(master_seed, 1, 0));
  if (!plan.exact && !values["quiet"].as<bool>())
    std::fprintf(
        stderr,
        "decompose: %zu measures, more than --exact-up-to %d: Shapley values from %zu "
        "sampled permutations (%zu subsets)%s\n",
        plan.measures.size(), exact_up_to, plan.orders.size(), plan.masks.size(),
        plan.orders.size() == 1 ? "; one permutation has no sampling error estimate (NaN)" : "");

  Provenance provenance{"decompose",    line.joined(),   master_seed,
                        pool.threads(), utc_timestamp(), ""};
  std::vector<ScenarioOutcomes> subsets(plan.masks.size());
  {
    const auto steps = static_cast<std::uint64_t>(Calendar::from(full.parameters).total_steps());
    ProgressReporter progress("decompose", steps * seeds.size() * plan.masks.size(),
                              ProgressReporter::style_for_stderr(values["quiet"].as<bool>()));
    pool.run([&] {
      parallel_for_each_index(std::size_t{0}, plan.masks.size(), [&](std::size_t k) {
        subsets[k] = run_scenario_outcomes(
            *full.model, with_measures(full.parameters, plan.measures, plan.masks[k]), full.targets,
            seeds, false, &progress.counter());
      });
    });
  }
  const auto decomposition =
      decompose(std::move(plan), std::move(subsets), full.targets.size(), seeds.size());
  provenance.end_time = utc_timestamp();
  write_decomposition_file(target.temporary_path(), provenance, full, decomposition, seeds);
  target.commit();
  if (!values["quiet"].as<bool>()) print_decomposition(full, decomposition);
  return exit_success;
}

}  // namespace reformsim
