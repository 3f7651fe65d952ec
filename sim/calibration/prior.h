// prior.h - the prior of a free parameter: uniform, log-uniform, normal or truncated normal,
// written in a config as "uniform(5, 60)", "log_uniform(0.001, 0.1)", "normal(0, 1)" or
// "truncated_normal(20, 10, 5, 60)" (mean, sd, low, high). A ParameterSpace is the joint prior
// of all free parameters (independent), in the order the config lists them.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "sim/random/random_stream.h"

namespace reformsim::calibration {

enum class PriorKind { uniform, log_uniform, normal, truncated_normal };

struct Prior {
  PriorKind kind = PriorKind::uniform;
  double first = 0;   // uniform / log-uniform: low; normals: mean
  double second = 1;  // uniform / log-uniform: high; normals: standard deviation
  double low = -std::numeric_limits<double>::infinity();  // support
  double high = std::numeric_limits<double>::infinity();

  static Prior uniform(double low, double high);
  static Prior log_uniform(double low, double high);
  static Prior normal(double mean, double standard_deviation);
  static Prior truncated_normal(double mean, double standard_deviation, double low, double high);

  bool contains(double value) const { return value >= low && value <= high; }
  double log_density(double value) const;  // -inf outside the support
  double sample(RandomStream& random) const;
  double quantile(double probability) const;  // the inverse CDF, for starting points and bounds
  std::string text() const;                   // reads back through parse_prior
};

// Parses "name(a, b[, c, d])"; throws std::invalid_argument with the reason (unknown name,
// wrong number of arguments, not a number, empty or inverted support, sd <= 0, log-uniform
// low <= 0); the caller adds file, key and value.
Prior parse_prior(const std::string& text);

struct FreeParameter {
  std::string key;  // the model's parameter key
  Prior prior;
  bool integer = false;  // rounded to the nearest whole number when set on the model
};

class ParameterSpace {
 public:
  explicit ParameterSpace(std::vector<FreeParameter> parameters);

  std::size_t size() const { return parameters_.size(); }
  const std::vector<FreeParameter>& parameters() const { return parameters_; }
  std::vector<std::string> keys() const;

  bool contains(const std::vector<double>& theta) const;
  double log_density(const std::vector<double>& theta) const;  // sum of independent priors
  std::vector<double> sample(RandomStream& random) const;
  std::vector<double> lower_bounds() const;
  std::vector<double> upper_bounds() const;
  std::vector<double> medians() const;

 private:
  std::vector<FreeParameter> parameters_;
};

// The standard normal CDF and its inverse (Acklam's rational approximation refined by one
// Halley step: relative error below 1e-15 on (0, 1)).
double normal_cdf(double z);
double normal_quantile(double probability);

}  // namespace reformsim::calibration
