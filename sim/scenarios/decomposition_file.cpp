#include "sim/scenarios/decomposition_file.h"

#include "sim/output/labelled_dimension.h"
#include "sim/scenarios/interval.h"

namespace reformsim {
namespace {

using Matrix = std::vector<std::vector<double>>;  // [target][replication]

void write_intervals(const LabelledArrayFile& file, const std::string& name,
                     const std::string& long_name, const std::vector<std::string>& dims,
                     const std::vector<IntervalEstimate>& estimates) {
  std::vector<double> mean, low, high;
  for (const auto& estimate : estimates) {
    mean.push_back(estimate.mean);
    low.push_back(estimate.low);
    high.push_back(estimate.high);
  }
  const std::string coordinates = dims.size() == 2 ? "measure_label target_label" : "target_label";
  file.add_variable(file.root(), name + "_mean", dims, mean,
                    {long_name + ", mean over replications", "", coordinates});
  file.add_variable(file.root(), name + "_low", dims, low,
                    {long_name + ", lower end of the 95% interval", "", coordinates});
  file.add_variable(file.root(), name + "_high", dims, high,
                    {long_name + ", upper end of the 95% interval", "", coordinates});
}

void write_shapley(const LabelledArrayFile& file, const Decomposition& d, std::size_t targets,
                   std::size_t replications) {
  const std::size_t n = d.plan.measures.size();
  std::vector<double> values, se;
  for (std::size_t r = 0; r < replications; ++r)
    for (std::size_t m = 0; m < n; ++m)
      for (std::size_t t = 0; t < targets; ++t)
        values.push_back(d.shapley[t][r][m]);
  file.add_variable(
      file.root(), "shapley_value", {"replication", "measure", "target"}, values,
      {"Shapley value of the measure for the target", "", "seed measure_label target_label"});
  std::vector<IntervalEstimate> estimates;
  for (std::size_t m = 0; m < n; ++m)
    for (std::size_t t = 0; t < targets; ++t) {
      std::vector<double> per_replication;
      for (std::size_t r = 0; r < replications; ++r)
        per_replication.push_back(d.shapley[t][r][m]);
      estimates.push_back(mean_interval(per_replication));
      se.push_back(d.sampling_se[t][m]);
    }
  write_intervals(file, "shapley", "Shapley value", {"measure", "target"}, estimates);
  file.add_variable(
      file.root(), "shapley_sampling_se", {"measure", "target"}, se,
      {"standard error from sampling permutations (0 when exact, NaN from one permutation)", "",
       "measure_label target_label"});
}

void write_trend_and_total(const LabelledArrayFile& file, const Decomposition& d,
                           std::size_t targets) {
  std::vector<double> trend, full;
  std::vector<IntervalEstimate> trend_estimates, total_estimates;
  const std::size_t replications = d.trend.empty() ? 0 : d.trend[0].size();
  for (std::size_t r = 0; r < replications; ++r)
    for (std::size_t t = 0; t < targets; ++t) {
      trend.push_back(d.trend[t][r]);
      full.push_back(d.full[t][r]);
    }
  for (std::size_t t = 0; t < targets; ++t) {
    trend_estimates.push_back(mean_interval(d.trend[t]));
    total_estimates.push_back(mean_interval(paired_differences(d.trend[t], d.full[t])));
  }
  file.add_variable(file.root(), "trend_value", {"replication", "target"}, trend,
                    {"target with none of the measures (the trend)", "", "seed target_label"});
  file.add_variable(file.root(), "full_value", {"replication", "target"}, full,
                    {"target with every measure", "", "seed target_label"});
  write_intervals(file, "trend", "target with none of the measures", {"target"}, trend_estimates);
  write_intervals(file, "total_effect", "full minus trend", {"target"}, total_estimates);
}

void write_subsets(const LabelledArrayFile& file, const Decomposition& d, std::size_t targets,
                   std::size_t replications) {
  std::vector<std::string> labels;
  std::vector<std::int64_t> masks;
  std::vector<double> values;
  for (std::size_t k = 0; k < d.plan.masks.size(); ++k) {
    labels.push_back(mask_label(d.plan.measures, d.plan.masks[k]));
    masks.push_back(d.plan.masks[k]);
    for (std::size_t r = 0; r < replications; ++r)
      for (std::size_t t = 0; t < targets; ++t)
        values.push_back(d.subsets[k].targets[t][r]);
  }
  add_labelled_dimension(file, file.root(), "subset", "measures switched on", labels);
  file.add_variable(file.root(), "subset_mask", {"subset"}, std::span<const std::int64_t>(masks),
                    {"bit i set = measure i on", "1", ""});
  file.add_variable(file.root(), "subset_value", {"subset", "replication", "target"}, values,
                    {"target with the subset's measures on", "", "seed subset_label target_label"});
}

}  // namespace

void write_decomposition_file(const std::filesystem::path& path, const Provenance& provenance,
                              const Scenario& full, const Decomposition& d,
                              const std::vector<std::uint64_t>& seeds) {
  auto file = LabelledArrayFile::create(path);
  write_provenance(file, provenance);
  LabelledArrayFile::set_attribute(file.root(), "config_file", full.config_path);
  LabelledArrayFile::set_attribute(file.root(), "config", full.parameters.to_ini());
  LabelledArrayFile::set_attribute(
      file.root(), "method",
      d.plan.exact
          ? "exact Shapley values over all " + std::to_string(d.plan.masks.size()) + " subsets"
          : "Shapley values from " + std::to_string(d.plan.orders.size()) +
                " sampled permutations (" + std::to_string(d.plan.masks.size()) + " subsets)");
  std::vector<std::string> names, keys;
  for (const auto& measure : d.plan.measures) {
    names.push_back(measure.name);
    std::string joined;
    for (const auto& key : measure.keys)
      joined += (joined.empty() ? "" : "+") + key;
    keys.push_back(joined);
  }
  add_labelled_dimension(file, file.root(), "measure", "reform measure", names);
  file.add_text_variable(file.root(), "measure_keys", "measure", keys,
                         {"parameters the measure switches", "", ""});
  file.add_dimension(file.root(), "replication", index_values(seeds.size()),
                     {"replication index", "1", ""});
  file.add_variable(file.root(), "seed", {"replication"}, std::span<const std::uint64_t>(seeds),
                    {"seed of the replication, the same in every subset", "1", ""});
  write_target_table(file, full.targets);
  write_shapley(file, d, full.targets.size(), seeds.size());
  write_trend_and_total(file, d, full.targets.size());
  write_subsets(file, d, full.targets.size(), seeds.size());
  file.flush();
  LabelledArrayFile::set_attribute(file.root(), "complete", std::int64_t{1});
  file.flush();
  file.close();
}

}  // namespace reformsim
