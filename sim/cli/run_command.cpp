// run_command.cpp - `reformsim run`: one scenario, R replications, one HDF5 file.
#include <cmath>
#include <cstdio>
#include <iostream>

#include "sim/cli/command.h"
#include "sim/cli/subcommands.h"
#include "sim/config/config_error.h"
#include "sim/output/output_target.h"
#include "sim/output/run_file.h"
#include "sim/run/scenario.h"
#include "sim/scenarios/interval.h"
#include "sim/targets/target_values.h"

namespace reformsim {

namespace po = boost::program_options;

namespace {

po::options_description run_options() {
  po::options_description options(
      "reformsim run --config FILE [options] [--section.key=value ...]");
  options.add_options()("help", "this help")(
      "config", po::value<std::string>(),
      "scenario config file (INI), e.g. configs/binhai_2018.ini")(
      "out", po::value<std::string>(), "output file (default: results/<config name>.h5)")(
      "replications", po::value<std::string>(), "replications (sets run.replications)")(
      "seed", po::value<std::string>(), "master seed (sets run.seed)")(
      "overwrite", po::bool_switch(), "replace an existing output file");
  add_common_options(options);
  return options;
}

// The mean over replications of each scalar metric in specs, under a title line (after a blank
// line when `after_table`); nothing when there is none. value(replication, spec) reads one
// replication's value. Returns whether it printed.
template <typename Value>
bool print_means(const char* title, bool after_table, const std::vector<MetricSpec>& specs,
                 const EnsembleResult& ensemble, Value value) {
  bool header = false;
  for (const auto& spec : specs) {
    if (spec.width != 1) continue;
    if (!header) std::printf("%s%-40s %16s  %s\n", after_table ? "\n" : "", title, "value", "unit");
    header = true;
    double sum = 0;
    for (const auto& replication : ensemble.replications)
      sum += value(replication, spec);
    std::printf("%-40s %16.6g  %s\n", spec.name.c_str(),
                sum / static_cast<double>(ensemble.replications.size()), spec.unit.c_str());
  }
  return header;
}

// The last step's mean of each scalar series and the mean of each scalar summary: a first look
// at a run (for a model that records only summaries, the verification functions, its result).
void print_summary(const EnsembleResult& ensemble, const std::string& path, double seconds) {
  std::printf("wrote %s: %zu replication(s) x %lld steps in %.2f s\n", path.c_str(),
              ensemble.replications.size(), static_cast<long long>(ensemble.calendar.total_steps()),
              seconds);
  const std::size_t width = ensemble.metrics.series_width();
  const std::size_t last = static_cast<std::size_t>(ensemble.calendar.total_steps()) - 1;
  const bool series =
      print_means("metric (last step, mean)", false, ensemble.metrics.series(), ensemble,
                  [&](const ReplicationResult& r, const MetricSpec& spec) {
                    return r.series[last * width + spec.offset];
                  });
  print_means(
      "summary (mean)", series, ensemble.metrics.summaries(), ensemble,
      [](const ReplicationResult& r, const MetricSpec& spec) { return r.summary[spec.offset]; });
}

// Each target beside its reported figure: the replication mean, its 95% interval, and whether
// the mean lies within the target's uncertainty of the reported value.
void print_targets(const std::vector<ResolvedTarget>& targets,
                   const std::vector<std::vector<double>>& values) {
  if (targets.empty()) return;
  std::printf("\n%-34s %10s %10s %23s %8s  %s\n", "target", "reported", "simulated", "95% interval",
              "within", "use");
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const Target& target = targets[t].target;
    const IntervalEstimate estimate = mean_interval(values[t]);
    const bool within = std::fabs(estimate.mean - target.reported) <= target.uncertainty;
    std::printf("%-34.34s %10.4g %10.4g  [%9.4g, %9.4g] %8s  %s\n", target.key.c_str(),
                target.reported, estimate.mean, estimate.low, estimate.high,
                std::isnan(estimate.mean) ? "n/a"
                : within                  ? "yes"
                                          : "no",
                target.fit ? "fit" : "check (held out)");
  }
  std::printf("(within: |simulated mean - reported| <= the target's uncertainty)\n");
}

}  // namespace

int run_command(const CommandLine& line, const ModelCatalogue& models) {
  const auto options = run_options();
  std::vector<ConfigEntry> overrides;
  const auto values = parse_command(line, options, {}, overrides);
  if (values.count("help")) {
    std::cout << options
              << "\nConfig keys (any also as --section.key=value): reformsim "
                 "parameters --model NAME\n";
    return exit_success;
  }
  if (!values.count("config"))
    throw ConfigError("command line", "--config", "", "missing: run needs a scenario config file");
  if (values.count("replications"))
    overrides.push_back({"run.replications", values["replications"].as<std::string>(),
                         "command line (--replications)"});
  if (values.count("seed"))
    overrides.push_back({"run.seed", values["seed"].as<std::string>(), "command line (--seed)"});

  // Everything the user gave is checked before any simulation or any file is touched.
  const Scenario scenario = load_scenario(models, values["config"].as<std::string>(), overrides);
  const std::string out =
      values.count("out") ? values["out"].as<std::string>() : "results/" + scenario.name + ".h5";
  OutputTarget target(out, values["overwrite"].as<bool>());
  ThreadPoolLimit pool(values["threads"].as<int>());

  RunMetadata metadata{"reformsim run of " + scenario.name,
                       scenario.model->name(),
                       scenario.model->description(),
                       line.joined(),
                       scenario.config_path,
                       static_cast<std::uint64_t>(scenario.parameters.integer("run.seed")),
                       pool.threads(),
                       utc_timestamp(),
                       ""};
  const auto seeds =
      replication_seeds(metadata.master_seed, 0,
                        static_cast<std::size_t>(scenario.parameters.integer("run.replications")));
  const auto start = std::chrono::steady_clock::now();
  EnsembleResult ensemble{{}, Calendar::from(scenario.parameters), {}};
  {
    ProgressReporter progress(
        "run " + scenario.name,
        seeds.size() * static_cast<std::uint64_t>(ensemble.calendar.total_steps()),
        ProgressReporter::style_for_stderr(values["quiet"].as<bool>()));
    pool.run([&] {
      ensemble = run_ensemble(*scenario.model, scenario.parameters, seeds, &progress.counter());
    });
  }
  metadata.end_time = utc_timestamp();
  const auto target_values = compute_target_values(scenario.targets, ensemble);
  write_run_file(target.temporary_path(), metadata, scenario.parameters, ensemble,
                 [&](const LabelledArrayFile& file) {
                   if (!scenario.targets.empty())
                     write_targets_group(file, scenario.targets, target_values);
                 });
  target.commit();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!values["quiet"].as<bool>()) {
    print_summary(ensemble, out, seconds);
    print_targets(scenario.targets, target_values);
  }
  return exit_success;
}

}  // namespace reformsim
