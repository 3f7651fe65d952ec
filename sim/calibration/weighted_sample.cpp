#include "sim/calibration/weighted_sample.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace reformsim::calibration {
namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

}  // namespace

Eigen::VectorXd normalise_log_weights(const Eigen::VectorXd& log_weights) {
  const double largest = log_weights.maxCoeff();
  const Eigen::VectorXd weights = (log_weights.array() - largest).exp().matrix();
  return weights / weights.sum();
}

double effective_sample_size(const Eigen::VectorXd& weights) {
  return 1.0 / weights.squaredNorm();
}

Eigen::VectorXd weighted_mean(const ParticleMatrix& particles, const Eigen::VectorXd& weights) {
  return particles.transpose() * weights;
}

Eigen::MatrixXd weighted_covariance(const ParticleMatrix& particles,
                                    const Eigen::VectorXd& weights) {
  const Eigen::VectorXd mean = weighted_mean(particles, weights);
  const ParticleMatrix centred = particles.rowwise() - mean.transpose();
  return centred.transpose() * weights.asDiagonal() * centred;
}

double weighted_quantile(const std::vector<double>& values, const Eigen::VectorXd& weights,
                         double probability) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  const double total = weights.sum();
  double cumulative = 0;
  for (const std::size_t i : order) {
    cumulative += weights[static_cast<Eigen::Index>(i)];
    if (cumulative >= probability * total) return values[i];
  }
  return values[order.back()];
}

double median_absolute_deviation(std::vector<double> values) {
  std::erase_if(values, [](double x) { return !std::isfinite(x); });
  if (values.size() < 2) return 0;
  const double centre = median(values);
  for (double& x : values)
    x = std::fabs(x - centre);
  return median(values);
}

}  // namespace reformsim::calibration
