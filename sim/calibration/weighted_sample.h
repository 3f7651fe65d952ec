// weighted_sample.h - statistics of a weighted sample of parameter vectors (an ABC-SMC
// population): normalising log weights, effective sample size, weighted mean, covariance,
// quantiles, median absolute deviation. Written as Eigen expressions; every reduction runs in
// a fixed order, so results do not depend on threads.
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace reformsim::calibration {

// Rows are particles, columns parameters.
using ParticleMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// exp(log_weights - max), normalised to sum 1 (the max shift keeps it finite).
Eigen::VectorXd normalise_log_weights(const Eigen::VectorXd& log_weights);

// Kish's effective sample size 1 / sum w_i^2 of normalised weights: in [1, N].
double effective_sample_size(const Eigen::VectorXd& weights);

Eigen::VectorXd weighted_mean(const ParticleMatrix& particles, const Eigen::VectorXd& weights);

// sum_i w_i (x_i - m)(x_i - m)' with normalised weights (the plug-in estimate the kernel of
// Beaumont et al. 2009 doubles).
Eigen::MatrixXd weighted_covariance(const ParticleMatrix& particles,
                                    const Eigen::VectorXd& weights);

// The smallest value v with sum of weights of values <= v at least probability (the weighted
// empirical quantile); ties and order resolved by sorting the values.
double weighted_quantile(const std::vector<double>& values, const Eigen::VectorXd& weights,
                         double probability);

// The median of |x - median(x)| over the finite values (0 when fewer than two).
double median_absolute_deviation(std::vector<double> values);

}  // namespace reformsim::calibration
