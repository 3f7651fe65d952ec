// target.h - a reported figure and the simulated statistic it is compared with. Targets come
// from a CSV file in configs/targets/ (see configs/targets/README.md for the columns) and
// are computed for every replication of a run, then written to the run file's `targets`
// group, used by compare, decompose and calibrate.
//
// Statistics over the reported windows (MODEL.md section 1: January-September = the first
// window_days working days of a year; window_first_day moves the start, e.g. to measure a
// reform's steady state after applications submitted before it have drained):
//   summary              a summary metric's value
//   window_sum           sum of a daily metric over the window of `year`
//   window_mean          mean over the window of `year`
//   window_end           value on the window's last day (stocks)
//   window_weighted_mean sum(metric x weight_metric) / sum(weight_metric) over the window
//                        (e.g. mean time to permit weighted by completions that day)
//   window_sum_growth, window_mean_growth, window_end_growth
//                        the statistic in `year` over the same in `base_year`, minus 1
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/model/metric_catalogue.h"
#include "sim/time/calendar.h"

namespace reformsim {

enum class Statistic {
  summary,
  window_sum,
  window_mean,
  window_end,
  window_weighted_mean,
  window_sum_growth,
  window_mean_growth,
  window_end_growth,
};

// "metric" or "metric[label]" for one position of a dimensioned metric.
struct MetricSelector {
  std::string metric;
  std::string label;
  static MetricSelector parse(const std::string& text);
  std::string text() const { return label.empty() ? metric : metric + "[" + label + "]"; }
};

struct Target {
  std::string key;
  double reported = 0;
  double uncertainty = 0;  // scale of an acceptable deviation, in the target's unit (> 0)
  double weight = 1;       // weight in distances (>= 0)
  bool fit = true;         // false: held out, for checking only
  Statistic statistic = Statistic::summary;
  MetricSelector metric, weight_metric;
  std::int64_t year = 0, base_year = 0, window_days = 187;
  std::int64_t window_first_day = 0;  // working day of the year the window starts on
  std::string unit, source, note;
  std::string origin;  // "file.csv line 3", for messages

  std::string describe() const;  // "sum over days 0-186 of new_market_entities, 2018 over 2017 - 1"
};

Statistic statistic_from_name(const std::string& name);  // std::invalid_argument if unknown
const std::string& statistic_name(Statistic statistic);

// Reads and checks a targets file; ConfigError naming file, line, column and value.
std::vector<Target> read_targets(const std::filesystem::path& file);

// A target bound to the columns of a catalogue.
struct ResolvedTarget {
  Target target;
  bool from_summary = false;
  std::size_t column = 0, weight_column = 0;
};

// Binds every target to the metrics a model records; ConfigError (naming the target's origin,
// the column and the value) for a metric the model does not record, a label its dimension does
// not have, a year outside the simulated calendar or a window longer than a year.
std::vector<ResolvedTarget> resolve_targets(const std::vector<Target>& targets,
                                            const MetricCatalogue& metrics,
                                            const Calendar& calendar);

// The statistic of one replication (series: steps x series_width, summary: summary_width).
// NaN when undefined (a zero base, no weight in the window).
double evaluate_target(const ResolvedTarget& target, const std::vector<double>& series,
                       const std::vector<double>& summary, std::size_t series_width,
                       const Calendar& calendar);

}  // namespace reformsim
