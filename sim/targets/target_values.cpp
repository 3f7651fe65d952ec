#include "sim/targets/target_values.h"

namespace reformsim {

std::vector<std::vector<double>> compute_target_values(const std::vector<ResolvedTarget>& targets,
                                                       const EnsembleResult& ensemble) {
  std::vector<std::vector<double>> values(targets.size());
  for (std::size_t t = 0; t < targets.size(); ++t)
    for (const auto& replication : ensemble.replications)
      values[t].push_back(evaluate_target(targets[t], replication.series, replication.summary,
                                          ensemble.metrics.series_width(), ensemble.calendar));
  return values;
}

std::string target_window(const Target& target) {
  if (target.statistic == Statistic::summary) return std::string(whole_run_window);
  std::string text = "working days " + std::to_string(target.window_first_day) + "-" +
                     std::to_string(target.window_first_day + target.window_days - 1) + " of " +
                     std::to_string(target.year);
  if (target.base_year != 0 && statistic_name(target.statistic).ends_with("_growth"))
    text += " against the same days of " + std::to_string(target.base_year);
  return text;
}

void describe_target(hid_t object, const Target& target) {
  using File = LabelledArrayFile;
  File::set_attribute(object, "reported_value", target.reported);
  File::set_attribute(object, "uncertainty", target.uncertainty);
  File::set_attribute(object, "weight", target.weight);
  File::set_attribute(object, "use", std::string(target.fit ? "fit" : "check"));
  File::set_attribute(object, "statistic", target.describe());
  // The raw definition, so readers can recompute the statistic exactly.
  File::set_attribute(object, "statistic_name", statistic_name(target.statistic));
  File::set_attribute(object, "metric", target.metric.text());
  File::set_attribute(object, "weight_metric", target.weight_metric.text());
  // `window`: "whole run" for a summary (a statistic of the whole replication, such as the
  // re-hiring counts: it has no window, so window_days, window_first_day, year and base_year
  // are not written; readers that look them up get none rather than a meaningless 187 and 0),
  // else the working days and year(s) the statistic was computed over.
  File::set_attribute(object, "window", target_window(target));
  if (target.statistic != Statistic::summary) {
    File::set_attribute(object, "window_days", target.window_days);
    File::set_attribute(object, "window_first_day", target.window_first_day);
    File::set_attribute(object, "year", target.year);
    File::set_attribute(object, "base_year", target.base_year);
  }
  File::set_attribute(object, "source", target.source);
  File::set_attribute(object, "note", target.note);
}

void write_targets_group(const LabelledArrayFile& file, const std::vector<ResolvedTarget>& targets,
                         const std::vector<std::vector<double>>& values) {
  auto group = file.create_group(file.root(), "targets");
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const Target& target = targets[t].target;
    file.add_variable(group, target.key, {"replication"}, values[t],
                      {"simulated " + target.key + ": " + target.describe(), target.unit, ""});
    Hdf5Handle dataset(H5Dopen2(group, target.key.c_str(), H5P_DEFAULT), H5Dclose,
                       "open target " + target.key);
    describe_target(dataset, target);
  }
}

}  // namespace reformsim
