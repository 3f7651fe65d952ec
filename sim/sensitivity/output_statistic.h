// output_statistic.h - the number per design point that a sensitivity analysis explains.
// A statistic is a scalar metric of the sweep reduced to one number per replication, then
// averaged over the replications of the point:
//   summary metric      its value                                   "total_entries"
//   series metric       METRIC:last_year (default) the mean over the steps of the last
//                       simulated calendar year; METRIC:last the value at the last step;
//                       METRIC:mean the mean over every step after the burn-in
// Averaging over replications first means the indices explain the expected output; the
// replication noise left in that mean shows up as a small share of variance no parameter
// explains (a sum of first-order indices below 1).
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "sim/sweep/sweep_source.h"

namespace reformsim::sensitivity {

enum class SeriesReduction { last_year, last_step, reported_mean };

struct StatisticSpec {
  std::string metric;
  bool series = false;
  SeriesReduction reduction = SeriesReduction::last_year;
  std::string label() const;  // "firms:last_year", "total_entries"
};

// "METRIC" or "METRIC:RULE". Throws ConfigError("command line", "--output", text, ...) for an
// unknown metric, a metric with an extra dimension, an unknown rule, or a rule on a summary.
StatisticSpec parse_statistic(const std::string& text, const sweep::SweepSource& source);

// Every scalar metric of the sweep, series reduced by the default rule.
std::vector<StatisticSpec> default_statistics(const sweep::SweepSource& source);

// The statistic at every design point. Throws ConfigError naming the statistic and the first
// point where it is not a finite number.
Eigen::VectorXd statistic_values(const sweep::SweepSource& source, const StatisticSpec& statistic);

}  // namespace reformsim::sensitivity
