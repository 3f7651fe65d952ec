#include "sim/targets/target.h"

#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/config/config_error.h"
#include "sim/config/csv_table.h"

namespace reformsim {
namespace {

constexpr double not_defined = std::numeric_limits<double>::quiet_NaN();

const std::array<std::string, 8>& statistic_names() {
  static const std::array<std::string, 8> names{"summary",
                                                "window_sum",
                                                "window_mean",
                                                "window_end",
                                                "window_weighted_mean",
                                                "window_sum_growth",
                                                "window_mean_growth",
                                                "window_end_growth"};
  return names;
}

bool is_growth(Statistic s) {
  return s == Statistic::window_sum_growth || s == Statistic::window_mean_growth ||
         s == Statistic::window_end_growth;
}

std::int64_t whole_number(const CsvTable& table, std::size_t row, const std::string& column,
                          std::int64_t fallback) {
  const double value = table.number_or(row, column, static_cast<double>(fallback));
  if (value != std::floor(value))
    throw ConfigError(table.origin(row), column, table.cell(row, column), "not a whole number");
  // Years and day counts; beyond this the cast below would be undefined behaviour.
  if (std::fabs(value) > 1e9)
    throw ConfigError(table.origin(row), column, table.cell(row, column),
                      "out of range: accepted -1e9 to 1e9");
  return static_cast<std::int64_t>(value);
}

Target read_row(const CsvTable& table, std::size_t row) {
  Target target;
  target.origin = table.origin(row);
  target.key = table.cell(row, "key");
  if (target.key.empty()) throw ConfigError(target.origin, "key", "", "empty target key");
  target.reported = table.number(row, "value");
  target.uncertainty = table.number(row, "uncertainty");
  if (target.uncertainty <= 0)
    throw ConfigError(target.origin, "uncertainty", table.cell(row, "uncertainty"), "must be > 0");
  target.weight = table.number_or(row, "weight", 1.0);
  if (target.weight < 0)
    throw ConfigError(target.origin, "weight", table.cell(row, "weight"), "must be >= 0");
  const std::string use = table.cell(row, "use");
  if (use != "fit" && use != "check")
    throw ConfigError(target.origin, "use", use, "accepted fit or check");
  target.fit = use == "fit";
  try {
    target.statistic = statistic_from_name(table.cell(row, "statistic"));
  } catch (const std::invalid_argument& error) {
    throw ConfigError(target.origin, "statistic", table.cell(row, "statistic"), error.what());
  }
  target.metric = MetricSelector::parse(table.cell(row, "metric"));
  target.weight_metric = MetricSelector::parse(table.cell(row, "weight_metric"));
  target.year = whole_number(table, row, "year", 0);
  target.base_year = whole_number(table, row, "base_year", 0);
  target.window_days = whole_number(table, row, "window_days", 187);
  target.window_first_day = whole_number(table, row, "window_first_day", 0);
  target.unit = table.cell(row, "unit");
  target.source = table.cell(row, "source");
  target.note = table.cell(row, "note");
  if (target.metric.metric.empty()) throw ConfigError(target.origin, "metric", "", "empty metric");
  if (target.statistic == Statistic::window_weighted_mean && target.weight_metric.metric.empty())
    throw ConfigError(target.origin, "weight_metric", "", "window_weighted_mean needs one");
  if (is_growth(target.statistic) && target.base_year == 0)
    throw ConfigError(target.origin, "base_year", "", "growth statistics need a base year");
  return target;
}

// The column of a selector in a list of specs, or throws naming the target.
std::size_t column_of(const Target& target, const MetricSelector& selector,
                      const std::vector<MetricSpec>& specs, const MetricCatalogue& metrics,
                      const std::string& kind) {
  for (const auto& spec : specs) {
    if (spec.name != selector.metric) continue;
    if (spec.dimension.empty()) {
      if (!selector.label.empty())
        throw ConfigError(target.origin, "metric", selector.text(), "the metric has no dimension");
      return spec.offset;
    }
    const auto& labels = metrics.dimension(spec.dimension).labels;
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i] == selector.label) return spec.offset + i;
    throw ConfigError(target.origin, "metric", selector.text(),
                      "needs one of the labels of dimension '" + spec.dimension + "' in [ ]");
  }
  throw ConfigError(target.origin, "metric", selector.text(),
                    "the model records no " + kind + " metric of that name");
}

struct Window {
  std::size_t first, last;  // steps, inclusive
};

Window window_of(const Calendar& calendar, std::int64_t year, std::int64_t first_day,
                 std::int64_t days) {
  const auto first = static_cast<std::size_t>(calendar.step_of(year, first_day));
  return {first, first + static_cast<std::size_t>(days) - 1};
}

double window_value(Statistic s, const std::vector<double>& series, std::size_t width,
                    std::size_t column, const Window& window) {
  if (s == Statistic::window_end || s == Statistic::window_end_growth)
    return series[window.last * width + column];
  double sum = 0;
  for (std::size_t step = window.first; step <= window.last; ++step)
    sum += series[step * width + column];
  if (s == Statistic::window_mean || s == Statistic::window_mean_growth)
    return sum / static_cast<double>(window.last - window.first + 1);
  return sum;
}

}  // namespace

MetricSelector MetricSelector::parse(const std::string& text) {
  const auto open = text.find('[');
  if (open == std::string::npos || text.back() != ']') return {text, ""};
  return {text.substr(0, open), text.substr(open + 1, text.size() - open - 2)};
}

Statistic statistic_from_name(const std::string& name) {
  for (std::size_t i = 0; i < statistic_names().size(); ++i)
    if (statistic_names()[i] == name) return static_cast<Statistic>(i);
  std::string accepted;
  for (const auto& known : statistic_names())
    accepted += (accepted.empty() ? "" : ", ") + known;
  throw std::invalid_argument("unknown statistic: accepted " + accepted);
}

const std::string& statistic_name(Statistic statistic) {
  return statistic_names()[static_cast<std::size_t>(statistic)];
}

std::string Target::describe() const {
  if (statistic == Statistic::summary) return "summary metric " + metric.text();
  const std::string window = "days " + std::to_string(window_first_day) + "-" +
                             std::to_string(window_first_day + window_days - 1);
  std::string text = statistic_name(statistic) + " of " + metric.text();
  if (statistic == Statistic::window_weighted_mean) text += " weighted by " + weight_metric.text();
  text += " over " + window + " of " + std::to_string(year);
  if (is_growth(statistic)) text += " relative to " + std::to_string(base_year) + ", minus 1";
  return text;
}

std::vector<Target> read_targets(const std::filesystem::path& file) {
  const auto table =
      CsvTable::read(file, {"key", "value", "uncertainty", "use", "statistic", "metric"});
  std::vector<Target> targets;
  for (std::size_t row = 0; row < table.rows(); ++row) {
    targets.push_back(read_row(table, row));
    for (std::size_t other = 0; other + 1 < targets.size(); ++other)
      if (targets[other].key == targets.back().key)
        throw ConfigError(targets.back().origin, "key", targets.back().key,
                          "target key given twice");
  }
  return targets;
}

std::vector<ResolvedTarget> resolve_targets(const std::vector<Target>& targets,
                                            const MetricCatalogue& metrics,
                                            const Calendar& calendar) {
  std::vector<ResolvedTarget> resolved;
  const std::int64_t last_year = calendar.first_year() + calendar.years() - 1;
  for (const auto& target : targets) {
    ResolvedTarget bound{target, target.statistic == Statistic::summary, 0, 0};
    bound.column = column_of(target, target.metric,
                             bound.from_summary ? metrics.summaries() : metrics.series(), metrics,
                             bound.from_summary ? "summary" : "time-series");
    if (target.statistic == Statistic::window_weighted_mean)
      bound.weight_column =
          column_of(target, target.weight_metric, metrics.series(), metrics, "time-series");
    if (!bound.from_summary) {
      if (target.window_days < 1 || target.window_days > calendar.days_per_year())
        throw ConfigError(target.origin, "window_days", std::to_string(target.window_days),
                          "accepted 1 to calendar.days_per_year (" +
                              std::to_string(calendar.days_per_year()) + ")");
      if (target.window_first_day < 0 ||
          target.window_first_day + target.window_days > calendar.days_per_year())
        throw ConfigError(target.origin, "window_first_day",
                          std::to_string(target.window_first_day),
                          "the window must end inside the year: window_first_day + window_days "
                          "<= " +
                              std::to_string(calendar.days_per_year()));
      for (auto [column, year] :
           {std::pair{"year", target.year}, std::pair{"base_year", target.base_year}}) {
        if (std::string(column) == "base_year" && !is_growth(target.statistic)) continue;
        if (year < calendar.first_year() || year > last_year)
          throw ConfigError(target.origin, column, std::to_string(year),
                            "outside the simulated years " + std::to_string(calendar.first_year()) +
                                "-" + std::to_string(last_year));
      }
    }
    resolved.push_back(bound);
  }
  return resolved;
}

double evaluate_target(const ResolvedTarget& bound, const std::vector<double>& series,
                       const std::vector<double>& summary, std::size_t width,
                       const Calendar& calendar) {
  const Target& target = bound.target;
  if (bound.from_summary) return summary[bound.column];
  const Window window =
      window_of(calendar, target.year, target.window_first_day, target.window_days);
  if (target.statistic == Statistic::window_weighted_mean) {
    double weighted = 0, weights = 0;
    for (std::size_t step = window.first; step <= window.last; ++step) {
      const double weight = series[step * width + bound.weight_column];
      if (weight == 0) continue;  // a day with nothing to weigh may have an undefined value
      weighted += weight * series[step * width + bound.column];
      weights += weight;
    }
    return weights > 0 ? weighted / weights : not_defined;
  }
  const double value = window_value(target.statistic, series, width, bound.column, window);
  if (!is_growth(target.statistic)) return value;
  const double base = window_value(
      target.statistic, series, width, bound.column,
      window_of(calendar, target.base_year, target.window_first_day, target.window_days));
  return base != 0 ? value / base - 1 : not_defined;
}

}  // namespace reformsim
