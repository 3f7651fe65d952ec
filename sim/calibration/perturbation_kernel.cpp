#include "sim/calibration/perturbation_kernel.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace reformsim::calibration {
namespace {

// The Cholesky factor of covariance; a population collapsed onto a line (or a point) has a
// singular covariance, so a ridge proportional to its scale (or 1e-12 for a point) is added
// until the factorisation succeeds.
Eigen::MatrixXd robust_cholesky(Eigen::MatrixXd& covariance) {
  const auto dimension = covariance.rows();
  double ridge = 1e-12 * std::max(covariance.diagonal().maxCoeff(), 1e-300);
  for (int attempt = 0; attempt < 60; ++attempt) {
    Eigen::LLT<Eigen::MatrixXd> factor(covariance);
    if (factor.info() == Eigen::Success) return factor.matrixL();
    covariance += ridge * Eigen::MatrixXd::Identity(dimension, dimension);
    ridge *= 10;
  }
  throw std::runtime_error("perturbation kernel: the population covariance is not finite");
}

}  // namespace

PerturbationKernel::PerturbationKernel(ParticleMatrix particles, Eigen::VectorXd weights)
    : particles_(std::move(particles)), weights_(std::move(weights)) {
  covariance_ = 2.0 * weighted_covariance(particles_, weights_);
  cholesky_factor_ = robust_cholesky(covariance_);
  log_weights_ = weights_.array().log().matrix();
  cumulative_.resize(weights_.size());
  double running = 0;
  for (Eigen::Index i = 0; i < weights_.size(); ++i)
    cumulative_[i] = running += weights_[i];
  const double log_determinant = 2 * cholesky_factor_.diagonal().array().log().sum();
  log_normaliser_ =
      -0.5 *
      (static_cast<double>(covariance_.rows()) * std::log(2 * std::numbers::pi) + log_determinant);
}

std::size_t PerturbationKernel::ancestor(double uniform) const {
  const double target = uniform * cumulative_[cumulative_.size() - 1];
  const auto found = std::lower_bound(cumulative_.begin(), cumulative_.end(), target);
  return static_cast<std::size_t>(
      std::min<Eigen::Index>(found - cumulative_.begin(), cumulative_.size() - 1));
}

std::vector<double> PerturbationKernel::propose(RandomStream& random, const ParameterSpace& space,
                                                int max_draws) const {
  const auto dimension = static_cast<Eigen::Index>(space.size());
  std::vector<double> theta(space.size());
  Eigen::VectorXd noise(dimension);
  for (int draw = 0; draw < max_draws; ++draw) {
    const auto from = static_cast<Eigen::Index>(ancestor(random.uniform()));
    for (Eigen::Index k = 0; k < dimension; ++k)
      noise[k] = random.normal();
    const Eigen::VectorXd moved = particles_.row(from).transpose() + cholesky_factor_ * noise;
    Eigen::VectorXd::Map(theta.data(), dimension) = moved;
    if (space.contains(theta)) return theta;
  }
  throw std::runtime_error("ABC-SMC: no proposal inside the prior support after " +
                           std::to_string(max_draws) + " draws");
}

double PerturbationKernel::log_mixture_density(const Eigen::VectorXd& theta) const {
  const Eigen::Index count = particles_.rows();
  Eigen::VectorXd terms(count);
  for (Eigen::Index j = 0; j < count; ++j) {
    const Eigen::VectorXd standardised = cholesky_factor_.triangularView<Eigen::Lower>().solve(
        theta - particles_.row(j).transpose());
    terms[j] = log_weights_[j] - 0.5 * standardised.squaredNorm();
  }
  const double largest = terms.maxCoeff();
  return largest + std::log((terms.array() - largest).exp().sum()) + log_normaliser_;
}

}  // namespace reformsim::calibration
