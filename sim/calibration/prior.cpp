#include "sim/calibration/prior.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "sim/config/parameter_spec.h"

namespace reformsim::calibration {
namespace {

constexpr double negative_infinity = -std::numeric_limits<double>::infinity();

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::vector<double> parse_arguments(const std::string& inside) {
  std::vector<double> numbers;
  std::size_t start = 0;
  while (start <= inside.size()) {
    const auto comma = std::min(inside.find(',', start), inside.size());
    const std::string item = trim(inside.substr(start, comma - start));
    double number = 0;
    const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), number);
    if (item.empty() || error != std::errc() || end != item.data() + item.size() ||
        !std::isfinite(number))
      throw std::invalid_argument("'" + item + "' is not a finite number");
    numbers.push_back(number);
    start = comma + 1;
  }
  return numbers;
}

double truncated_mass(const Prior& prior) {
  return normal_cdf((prior.high - prior.first) / prior.second) -
         normal_cdf((prior.low - prior.first) / prior.second);
}

}  // namespace

Prior Prior::uniform(double low, double high) {
  return {PriorKind::uniform, low, high, low, high};
}

Prior Prior::log_uniform(double low, double high) {
  return {PriorKind::log_uniform, low, high, low, high};
}

Prior Prior::normal(double mean, double standard_deviation) {
  return {PriorKind::normal, mean, standard_deviation, negative_infinity,
          std::numeric_limits<double>::infinity()};
}

Prior Prior::truncated_normal(double mean, double standard_deviation, double low, double high) {
  return {PriorKind::truncated_normal, mean, standard_deviation, low, high};
}

double Prior::log_density(double value) const {
  if (!contains(value)) return negative_infinity;
  const double half_log_two_pi = 0.5 * std::log(2 * std::numbers::pi);
  const double z = (value - first) / second;
  switch (kind) {
    case PriorKind::uniform:
      return -std::log(high - low);
    case PriorKind::log_uniform:
      return -std::log(value) - std::log(std::log(high / low));
    case PriorKind::normal:
      return -0.5 * z * z - std::log(second) - half_log_two_pi;
    case PriorKind::truncated_normal:
      return -0.5 * z * z - std::log(second) - half_log_two_pi - std::log(truncated_mass(*this));
  }
  return negative_infinity;
}

double Prior::quantile(double probability) const {
  switch (kind) {
    case PriorKind::uniform:
      return low + (high - low) * probability;
    case PriorKind::log_uniform:
      return low * std::pow(high / low, probability);
    case PriorKind::normal:
      return first + second * normal_quantile(probability);
    case PriorKind::truncated_normal: {
      const double below = normal_cdf((low - first) / second);
      const double value =
          first + second * normal_quantile(below + probability * truncated_mass(*this));
      return std::clamp(value, low, high);  // rounding in far tails must not leave the support
    }
  }
  return low;
}

// Inverse-CDF sampling: one uniform per draw, so a draw's position in the stream never depends
// on rejections.
double Prior::sample(RandomStream& random) const {
  return quantile(random.uniform());
}

std::string Prior::text() const {
  const auto number = [](double x) { return format_parameter_value(ParameterValue{x}); };
  switch (kind) {
    case PriorKind::uniform:
      return "uniform(" + number(low) + ", " + number(high) + ")";
    case PriorKind::log_uniform:
      return "log_uniform(" + number(low) + ", " + number(high) + ")";
    case PriorKind::normal:
      return "normal(" + number(first) + ", " + number(second) + ")";
    case PriorKind::truncated_normal:
      return "truncated_normal(" + number(first) + ", " + number(second) + ", " + number(low) +
             ", " + number(high) + ")";
  }
  return "";
}

Prior parse_prior(const std::string& text) {
  const std::string trimmed = trim(text);
  const auto open = trimmed.find('(');
  if (open == std::string::npos || trimmed.back() != ')')
    throw std::invalid_argument(
        "expected name(arguments): uniform(low, high), log_uniform(low, high), normal(mean, sd) "
        "or truncated_normal(mean, sd, low, high)");
  const std::string name = trim(trimmed.substr(0, open));
  const auto arguments = parse_arguments(trimmed.substr(open + 1, trimmed.size() - open - 2));
  const std::size_t expected = name == "truncated_normal" ? 4 : 2;
  if (name != "uniform" && name != "log_uniform" && name != "normal" && name != "truncated_normal")
    throw std::invalid_argument("unknown prior '" + name +
                                "': accepted uniform, log_uniform, normal, truncated_normal");
  if (arguments.size() != expected)
    throw std::invalid_argument(name + " takes " + std::to_string(expected) + " arguments");
  const bool is_normal = name == "normal" || name == "truncated_normal";
  if (is_normal && arguments[1] <= 0)
    throw std::invalid_argument("the standard deviation must be > 0");
  if (name == "normal") return Prior::normal(arguments[0], arguments[1]);
  const double low = arguments[is_normal ? 2 : 0], high = arguments[is_normal ? 3 : 1];
  if (!(low < high)) throw std::invalid_argument("the support is empty: low must be < high");
  if (name == "log_uniform" && low <= 0)
    throw std::invalid_argument("a log-uniform prior needs low > 0");
  if (name == "uniform") return Prior::uniform(low, high);
  if (name == "log_uniform") return Prior::log_uniform(low, high);
  const Prior prior = Prior::truncated_normal(arguments[0], arguments[1], low, high);
  if (!(truncated_mass(prior) > 1e-12))
    throw std::invalid_argument("the support holds almost none of the normal's mass");
  return prior;
}

ParameterSpace::ParameterSpace(std::vector<FreeParameter> parameters)
    : parameters_(std::move(parameters)) {}

std::vector<std::string> ParameterSpace::keys() const {
  std::vector<std::string> keys;
  for (const auto& parameter : parameters_)
    keys.push_back(parameter.key);
  return keys;
}

bool ParameterSpace::contains(const std::vector<double>& theta) const {
  for (std::size_t k = 0; k < parameters_.size(); ++k)
    if (!parameters_[k].prior.contains(theta[k])) return false;
  return true;
}

double ParameterSpace::log_density(const std::vector<double>& theta) const {
  double total = 0;
  for (std::size_t k = 0; k < parameters_.size(); ++k)
    total += parameters_[k].prior.log_density(theta[k]);
  return total;
}

std::vector<double> ParameterSpace::sample(RandomStream& random) const {
  std::vector<double> theta;
  for (const auto& parameter : parameters_)
    theta.push_back(parameter.prior.sample(random));
  return theta;
}

std::vector<double> ParameterSpace::lower_bounds() const {
  std::vector<double> bounds;
  for (const auto& parameter : parameters_)
    bounds.push_back(parameter.prior.low);
  return bounds;
}

std::vector<double> ParameterSpace::upper_bounds() const {
  std::vector<double> bounds;
  for (const auto& parameter : parameters_)
    bounds.push_back(parameter.prior.high);
  return bounds;
}

std::vector<double> ParameterSpace::medians() const {
  std::vector<double> medians;
  for (const auto& parameter : parameters_)
    medians.push_back(parameter.prior.quantile(0.5));
  return medians;
}

double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

double normal_quantile(double probability) {
  // Acklam (2003), "An algorithm for computing the inverse normal cumulative distribution".
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  if (probability <= 0) return negative_infinity;
  if (probability >= 1) return std::numeric_limits<double>::infinity();
  const double tail = 0.02425;
  double x = 0;
  if (probability < tail || probability > 1 - tail) {
    const double q = std::sqrt(-2 * std::log(std::min(probability, 1 - probability)));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    if (probability > 1 - tail) x = -x;
  } else {
    const double q = probability - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  // One Halley step on Phi(x) - p brings the 1e-9 approximation to full double precision.
  const double error = normal_cdf(x) - probability;
  const double step = error * std::sqrt(2 * std::numbers::pi) * std::exp(0.5 * x * x);
  return x - step / (1 + 0.5 * x * step);
}

}  // namespace reformsim::calibration
