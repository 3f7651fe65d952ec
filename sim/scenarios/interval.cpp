#include "sim/scenarios/interval.h"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace reformsim {

IntervalEstimate mean_interval(const std::vector<double>& values, double level) {
  IntervalEstimate estimate;
  double sum = 0;
  for (double value : values)
    if (!std::isnan(value)) {
      sum += value;
      ++estimate.count;
    }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (estimate.count == 0) return {nan, nan, nan, nan, 0};
  estimate.mean = sum / static_cast<double>(estimate.count);
  if (estimate.count == 1) return {estimate.mean, estimate.mean, estimate.mean, 0, 1};
  double squares = 0;
  for (double value : values)
    if (!std::isnan(value)) squares += (value - estimate.mean) * (value - estimate.mean);
  const double n = static_cast<double>(estimate.count);
  estimate.standard_deviation = std::sqrt(squares / (n - 1));
  const boost::math::students_t distribution(n - 1);
  const double t = boost::math::quantile(distribution, 0.5 + level / 2);
  const double half_width = t * estimate.standard_deviation / std::sqrt(n);
  estimate.low = estimate.mean - half_width;
  estimate.high = estimate.mean + half_width;
  return estimate;
}

std::vector<double> paired_differences(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("paired differences need equal lengths");
  std::vector<double> differences(a.size());
  for (std::size_t r = 0; r < a.size(); ++r)
    differences[r] = b[r] - a[r];
  return differences;
}

}  // namespace reformsim
