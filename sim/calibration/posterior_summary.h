// posterior_summary.h - what a weighted ABC-SMC population says: per parameter the weighted
// mean, standard deviation and 5/50/95% quantiles, the correlation matrix; per target the
// posterior predictive mean and 90% interval of the particles' own simulated statistics
// (each accepted particle was simulated at its theta, so these are draws from the ABC
// posterior predictive at no extra cost), set beside the reported value.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "sim/calibration/weighted_sample.h"

namespace reformsim::calibration {

inline constexpr double interval_low_probability = 0.05;
inline constexpr double interval_high_probability = 0.95;

struct PosteriorSummary {
  Eigen::VectorXd mean, standard_deviation, low, median, high;  // per parameter
  Eigen::MatrixXd correlation;
};

struct PredictiveSummary {
  std::vector<double> mean, low, high;  // per target; NaN when no particle computed it
};

PosteriorSummary summarise_posterior(const ParticleMatrix& particles,
                                     const Eigen::VectorXd& weights);

// statistics[particle][target]; undefined values are left out with their weight.
PredictiveSummary summarise_predictive(const std::vector<std::vector<double>>& statistics,
                                       const Eigen::VectorXd& weights);

}  // namespace reformsim::calibration
