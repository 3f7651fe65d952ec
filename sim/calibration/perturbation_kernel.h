// perturbation_kernel.h - the ABC-SMC move from one generation to the next: pick an ancestor
// by weight, add multivariate normal noise with covariance 2 x the weighted covariance of the
// last population (Beaumont, Cornuet, Marin & Robert 2009, "Adaptive approximate Bayesian
// computation", Biometrika 96(4); Filippi, Barnes, Cornebise & Stumpf 2013, "On optimality of
// kernels for ABC-SMC", SAGMB 12(1), show it is the KL-optimal global normal kernel up to a
// factor). A proposal outside the prior support is redrawn whole (ancestor and noise), so the
// proposal density is the kernel mixture truncated to the support with one global constant,
// which cancels when the weights are normalised.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "sim/calibration/prior.h"
#include "sim/calibration/weighted_sample.h"
#include "sim/random/random_stream.h"

namespace reformsim::calibration {

class PerturbationKernel {
 public:
  PerturbationKernel(ParticleMatrix particles, Eigen::VectorXd weights);

  // A proposal inside space's support; std::runtime_error after max_draws draws outside it.
  std::vector<double> propose(RandomStream& random, const ParameterSpace& space,
                              int max_draws = 100000) const;

  // log of sum_j w_j K(theta | theta_j), the denominator of the importance weight (Toni,
  // Welch, Strelkowa, Ipsen & Stumpf 2009, J. R. Soc. Interface 6(31), equation 3.1).
  double log_mixture_density(const Eigen::VectorXd& theta) const;

  const Eigen::MatrixXd& covariance() const { return covariance_; }

 private:
  std::size_t ancestor(double uniform) const;

  ParticleMatrix particles_;
  Eigen::VectorXd weights_, log_weights_, cumulative_;
  Eigen::MatrixXd covariance_, cholesky_factor_;
  double log_normaliser_ = 0;
};

}  // namespace reformsim::calibration
