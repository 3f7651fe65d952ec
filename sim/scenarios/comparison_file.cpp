#include "sim/scenarios/comparison_file.h"

#include "sim/output/labelled_dimension.h"
#include "sim/scenarios/interval.h"
#include "sim/targets/target_values.h"
#include "sim/version.h"

namespace reformsim {
namespace {

void write_step_coordinates(const LabelledArrayFile& file, const Calendar& calendar) {
  const auto steps = static_cast<std::size_t>(calendar.total_steps());
  file.add_dimension(file.root(), "step", index_values(steps),
                     {"simulated working day since the start of the burn-in", "1", ""});
  std::vector<std::int64_t> year(steps), day(steps), burn_in(steps);
  for (std::size_t s = 0; s < steps; ++s) {
    year[s] = calendar.year(static_cast<std::int64_t>(s));
    day[s] = calendar.day_of_year(static_cast<std::int64_t>(s));
    burn_in[s] = calendar.is_burn_in(static_cast<std::int64_t>(s));
  }
  file.add_variable(file.root(), "year", {"step"}, std::span<const std::int64_t>(year),
                    {"calendar year of the step", "year", ""});
  file.add_variable(file.root(), "day_of_year", {"step"}, std::span<const std::int64_t>(day),
                    {"working day within the year, from 0", "working days", ""});
  file.add_variable(file.root(), "burn_in", {"step"}, std::span<const std::int64_t>(burn_in),
                    {"1 for burn-in steps", "1", ""});
}

void write_targets(const LabelledArrayFile& file, const std::vector<ResolvedTarget>& targets,
                   const std::vector<ScenarioOutcomes>& outcomes, std::size_t replications) {
  write_target_table(file, targets);
  std::vector<double> values;
  for (const auto& outcome : outcomes)
    for (std::size_t r = 0; r < replications; ++r)
      for (std::size_t t = 0; t < targets.size(); ++t)
        values.push_back(outcome.targets[t][r]);
  file.add_variable(file.root(), "target_value", {"scenario", "replication", "target"}, values,
                    {"simulated target statistic", "", "seed scenario_label target_label"});
}

void write_differences(const LabelledArrayFile& file, const std::vector<Scenario>& scenarios,
                       const std::vector<ScenarioOutcomes>& outcomes, std::size_t targets) {
  const auto pairs = scenario_pairs(scenarios.size());
  std::vector<std::string> labels;
  std::vector<std::int64_t> first, second;
  std::vector<double> mean, low, high;
  for (const auto& [a, b] : pairs) {
    labels.push_back(scenarios[b].name + " - " + scenarios[a].name);
    first.push_back(static_cast<std::int64_t>(a));
    second.push_back(static_cast<std::int64_t>(b));
    for (std::size_t t = 0; t < targets; ++t) {
      const auto interval =
          mean_interval(paired_differences(outcomes[a].targets[t], outcomes[b].targets[t]));
      mean.push_back(interval.mean);
      low.push_back(interval.low);
      high.push_back(interval.high);
    }
  }
  add_labelled_dimension(file, file.root(), "pair", "scenario pair (second - first)", labels);
  file.add_variable(file.root(), "pair_first", {"pair"}, std::span<const std::int64_t>(first),
                    {"index of the first scenario of the pair", "1", ""});
  file.add_variable(file.root(), "pair_second", {"pair"}, std::span<const std::int64_t>(second),
                    {"index of the second scenario of the pair", "1", ""});
  const std::string coordinates = "pair_label target_label";
  file.add_variable(file.root(), "difference_mean", {"pair", "target"}, mean,
                    {"mean over replications of second - first", "", coordinates});
  file.add_variable(file.root(), "difference_low", {"pair", "target"}, low,
                    {"lower end of the 95% interval of the mean difference", "", coordinates});
  file.add_variable(file.root(), "difference_high", {"pair", "target"}, high,
                    {"upper end of the 95% interval of the mean difference", "", coordinates});
}

}  // namespace

void write_provenance(const LabelledArrayFile& file, const Provenance& provenance) {
  using File = LabelledArrayFile;
  File::set_attribute(file.root(), "kind", provenance.kind);
  File::set_attribute(file.root(), "reformsim_version", std::string(version));
  File::set_attribute(file.root(), "git_commit", std::string(git_commit));
  File::set_attribute(file.root(), "command_line", provenance.command_line);
  File::set_attribute(file.root(), "master_seed", std::to_string(provenance.master_seed));
  File::set_attribute(file.root(), "threads", provenance.threads);
  File::set_attribute(file.root(), "start_time", provenance.start_time);
  File::set_attribute(file.root(), "end_time", provenance.end_time);
}

void write_target_table(const LabelledArrayFile& file, const std::vector<ResolvedTarget>& targets) {
  std::vector<std::string> keys, units, statistics;
  std::vector<double> reported, uncertainty;
  std::vector<std::int64_t> fit;
  for (const auto& bound : targets) {
    keys.push_back(bound.target.key);
    units.push_back(bound.target.unit);
    statistics.push_back(bound.target.describe());
    reported.push_back(bound.target.reported);
    uncertainty.push_back(bound.target.uncertainty);
    fit.push_back(bound.target.fit);
  }
  add_labelled_dimension(file, file.root(), "target", "target statistic", keys);
  file.add_variable(file.root(), "reported_value", {"target"}, reported,
                    {"reported value of the target", "", "target_label"});
  file.add_variable(
      file.root(), "target_uncertainty", {"target"}, uncertainty,
      {"scale of an acceptable deviation from the reported value", "", "target_label"});
  file.add_text_variable(file.root(), "target_unit", "target", units,
                         {"unit of the target", "", ""});
  file.add_text_variable(file.root(), "target_statistic", "target", statistics,
                         {"what is computed for the target", "", ""});
  file.add_variable(file.root(), "target_fit", {"target"}, std::span<const std::int64_t>(fit),
                    {"1 if the target is used to fit, 0 if held out", "1", ""});
}

std::vector<std::pair<std::size_t, std::size_t>> scenario_pairs(std::size_t scenarios) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t a = 0; a < scenarios; ++a)
    for (std::size_t b = a + 1; b < scenarios; ++b)
      pairs.emplace_back(a, b);
  return pairs;
}

void write_comparison_file(const std::filesystem::path& path, const Provenance& provenance,
                           const std::vector<Scenario>& scenarios,
                           const std::vector<ScenarioOutcomes>& outcomes,
                           const std::vector<std::uint64_t>& seeds) {
  auto file = LabelledArrayFile::create(path);
  write_provenance(file, provenance);
  std::vector<std::string> names;
  for (const auto& scenario : scenarios)
    names.push_back(scenario.name);
  add_labelled_dimension(file, file.root(), "scenario", "scenario (config file)", names);
  file.add_dimension(file.root(), "replication", index_values(seeds.size()),
                     {"replication index", "1", ""});
  file.add_variable(file.root(), "seed", {"replication"}, std::span<const std::uint64_t>(seeds),
                    {"seed of the replication, the same in every scenario", "1", ""});
  const Calendar calendar = Calendar::from(scenarios.front().parameters);
  write_step_coordinates(file, calendar);
  write_targets(file, scenarios.front().targets, outcomes, seeds.size());
  if (scenarios.size() > 1)
    write_differences(file, scenarios, outcomes, scenarios.front().targets.size());
  const auto series = scalar_series(scenarios.front().metrics);
  for (std::size_t m = 0; m < series.size(); ++m) {
    std::vector<double> values;
    for (const auto& outcome : outcomes)
      values.insert(values.end(), outcome.series[m].begin(), outcome.series[m].end());
    file.add_variable(
        file.root(), series[m].name, {"scenario", "replication", "step"}, values,
        {series[m].long_name, series[m].unit, "seed year day_of_year burn_in scenario_label"});
  }
  auto configs = file.create_group(file.root(), "configs");
  for (const auto& scenario : scenarios)
    LabelledArrayFile::set_attribute(configs, scenario.name, scenario.parameters.to_ini());
  file.flush();
  LabelledArrayFile::set_attribute(file.root(), "complete", std::int64_t{1});
  file.flush();
  file.close();
}

}  // namespace reformsim
