#include "sim/calibration/posterior_summary.h"

#include <cmath>
#include <limits>

namespace reformsim::calibration {

PosteriorSummary summarise_posterior(const ParticleMatrix& particles,
                                     const Eigen::VectorXd& weights) {
  PosteriorSummary summary;
  summary.mean = weighted_mean(particles, weights);
  const Eigen::MatrixXd covariance = weighted_covariance(particles, weights);
  summary.standard_deviation = covariance.diagonal().array().sqrt().matrix();
  const Eigen::VectorXd inverse_sd = summary.standard_deviation.cwiseInverse();
  summary.correlation = inverse_sd.asDiagonal() * covariance * inverse_sd.asDiagonal();
  const auto count = particles.cols();
  summary.low.resize(count);
  summary.median.resize(count);
  summary.high.resize(count);
  for (Eigen::Index k = 0; k < count; ++k) {
    const Eigen::VectorXd column = particles.col(k);
    const std::vector<double> values(column.data(), column.data() + column.size());
    summary.low[k] = weighted_quantile(values, weights, interval_low_probability);
    summary.median[k] = weighted_quantile(values, weights, 0.5);
    summary.high[k] = weighted_quantile(values, weights, interval_high_probability);
  }
  return summary;
}

PredictiveSummary summarise_predictive(const std::vector<std::vector<double>>& statistics,
                                       const Eigen::VectorXd& weights) {
  PredictiveSummary summary;
  const std::size_t targets = statistics.empty() ? 0 : statistics.front().size();
  const double undefined = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t k = 0; k < targets; ++k) {
    std::vector<double> values;
    std::vector<double> kept_weights;
    for (std::size_t i = 0; i < statistics.size(); ++i)
      if (std::isfinite(statistics[i][k])) {
        values.push_back(statistics[i][k]);
        kept_weights.push_back(weights[static_cast<Eigen::Index>(i)]);
      }
    if (values.empty()) {
      summary.mean.push_back(undefined);
      summary.low.push_back(undefined);
      summary.high.push_back(undefined);
      continue;
    }
    const Eigen::Map<const Eigen::VectorXd> kept(kept_weights.data(),
                                                 static_cast<Eigen::Index>(kept_weights.size()));
    const Eigen::Map<const Eigen::VectorXd> value_vector(values.data(), kept.size());
    summary.mean.push_back(value_vector.dot(kept) / kept.sum());
    summary.low.push_back(weighted_quantile(values, kept, interval_low_probability));
    summary.high.push_back(weighted_quantile(values, kept, interval_high_probability));
  }
  return summary;
}

}  // namespace reformsim::calibration
