#include "sim/sensitivity/output_statistic.h"

#include <algorithm>
#include <cmath>

#include "sim/config/config_error.h"
#include "sim/output/labelled_arrays.h"

namespace reformsim::sensitivity {
namespace {

using sweep::DatasetShape;

std::string rule_name(SeriesReduction reduction) {
  switch (reduction) {
    case SeriesReduction::last_year:
      return "last_year";
    case SeriesReduction::last_step:
      return "last";
    case SeriesReduction::reported_mean:
      return "mean";
  }
  return "?";
}

bool is_series(const DatasetShape& shape) {
  return shape.dims == std::vector<std::string>{"point", "replication", "step"};
}

bool is_summary(const DatasetShape& shape) {
  return shape.dims == std::vector<std::string>{"point", "replication"};
}

// The weight of each step in the reduction (the statistic is the weighted mean).
std::vector<double> step_weights(const sweep::SweepSource& source, SeriesReduction reduction) {
  const auto year = source.shared_integers("year");
  const auto burn_in = source.shared_integers("burn_in");
  std::vector<double> weights(year.size(), 0.0);
  for (std::size_t s = 0; s < year.size(); ++s) {
    const bool counted = reduction == SeriesReduction::last_step ? s + 1 == year.size()
                         : reduction == SeriesReduction::last_year
                             ? year[s] == year.back() && !burn_in[s]
                             : !burn_in[s];
    weights[s] = counted ? 1.0 : 0.0;
  }
  double total = 0;
  for (double w : weights)
    total += w;
  for (double& w : weights)
    w /= total;
  return weights;
}

}  // namespace

std::string StatisticSpec::label() const {
  return series ? metric + ":" + rule_name(reduction) : metric;
}

StatisticSpec parse_statistic(const std::string& text, const sweep::SweepSource& source) {
  const auto colon = text.find(':');
  StatisticSpec statistic{text.substr(0, colon), false, SeriesReduction::last_year};
  const auto names = [&] {
    auto file = LabelledArrayFile::open_read_only(source.files().front());
    return sweep::dataset_names(file.root());
  }();
  if (std::find(names.begin(), names.end(), statistic.metric) == names.end())
    throw ConfigError("command line", "--output", text,
                      "no metric '" + statistic.metric + "' in the sweep");
  const DatasetShape shape = source.shape(statistic.metric);
  statistic.series = is_series(shape);
  if (!statistic.series && !is_summary(shape))
    throw ConfigError("command line", "--output", text,
                      "not a scalar metric over (point, replication[, step]); metrics with an "
                      "extra dimension are not reduced to one number");
  if (colon == std::string::npos) return statistic;
  const std::string rule = text.substr(colon + 1);
  if (!statistic.series)
    throw ConfigError("command line", "--output", text, "a summary metric takes no reduction rule");
  for (auto reduction :
       {SeriesReduction::last_year, SeriesReduction::last_step, SeriesReduction::reported_mean})
    if (rule == rule_name(reduction)) {
      statistic.reduction = reduction;
      return statistic;
    }
  throw ConfigError("command line", "--output", text,
                    "unknown rule '" + rule + "': accepted last_year, last, mean");
}

std::vector<StatisticSpec> default_statistics(const sweep::SweepSource& source) {
  auto file = LabelledArrayFile::open_read_only(source.files().front());
  std::vector<StatisticSpec> statistics;
  for (const auto& name : sweep::dataset_names(file.root())) {
    if (name == "seed" || sweep::stored_type(file.root(), name) != sweep::StoredType::float64)
      continue;
    const DatasetShape shape = source.shape(name);
    if (is_series(shape) || is_summary(shape))
      statistics.push_back({name, is_series(shape), SeriesReduction::last_year});
  }
  return statistics;
}

Eigen::VectorXd statistic_values(const sweep::SweepSource& source, const StatisticSpec& statistic) {
  const DatasetShape shape = source.shape(statistic.metric);
  const std::size_t points = shape.extents[0], replications = shape.extents[1];
  const std::size_t steps = statistic.series ? shape.extents[2] : 1;
  const std::vector<double> weights =
      statistic.series ? step_weights(source, statistic.reduction) : std::vector<double>{1.0};
  const std::vector<double> values = source.point_values(statistic.metric);
  Eigen::VectorXd result(static_cast<Eigen::Index>(points));
  for (std::size_t p = 0; p < points; ++p) {
    double sum = 0;
    for (std::size_t r = 0; r < replications; ++r) {
      const double* row = values.data() + (p * replications + r) * steps;
      // Steps outside the rule are skipped, not weighted by 0: a NaN there (a metric undefined
      // during the burn-in) must not leak into the statistic.
      for (std::size_t s = 0; s < steps; ++s)
        if (weights[s] > 0) sum += weights[s] * row[s];
    }
    result(static_cast<Eigen::Index>(p)) = sum / static_cast<double>(replications);
    if (!std::isfinite(result(static_cast<Eigen::Index>(p))))
      throw ConfigError("command line", "--output", statistic.label(),
                        "is not a finite number at design point " + std::to_string(p) +
                            " (a metric undefined there); choose another statistic");
  }
  return result;
}

}  // namespace reformsim::sensitivity
