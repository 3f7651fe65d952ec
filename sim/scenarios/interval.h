// interval.h - the mean of a statistic over replications with a Student-t confidence interval.
// With common random numbers, the replications of two scenarios are paired, so intervals of
// their differences are computed on the paired differences.
#pragma once

#include <cstddef>
#include <vector>

namespace reformsim {

struct IntervalEstimate {
  double mean = 0;
  double low = 0;   // lower bound of the interval
  double high = 0;  // upper bound
  double standard_deviation = 0;
  std::size_t count = 0;  // replications with a defined value (NaN ones are left out)
};

// Mean and two-sided `level` interval; with one defined value the interval is that value's
// point (no spread is known), with none everything is NaN.
IntervalEstimate mean_interval(const std::vector<double>& values, double level = 0.95);

// b[r] - a[r] for every replication.
std::vector<double> paired_differences(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace reformsim
