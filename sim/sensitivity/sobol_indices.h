// sobol_indices.h - variance-based sensitivity indices from a Saltelli design.
// First order: S_i = mean(f(B) (f(AB_i) - f(A))) / V, the estimator of Saltelli et al. 2010
// (Comput. Phys. Commun. 181, 259-270, table 2 (b)). Total order: ST_i = mean((f(A) -
// f(AB_i))^2) / (2 V), Jansen's estimator (Jansen 1999, Comput. Phys. Commun. 117, 35-43),
// the one Saltelli et al. 2010 recommend (table 2 (f)). V is the variance of f(A) and f(B)
// pooled. Confidence intervals are percentile bootstrap intervals over the N base samples
// (rows of A, B and every AB_i resampled together, so their pairing is kept).
#pragma once

#include <Eigen/Dense>
#include <cstdint>

namespace reformsim::sensitivity {

// The outputs of a Saltelli design split by block: a and b (N each), ab (N x k).
struct SaltelliOutputs {
  Eigen::VectorXd a, b;
  Eigen::MatrixXd ab;
};

// y has N (k + 2) entries in the order of design::saltelli_design (A, B, AB_1 .. AB_k).
// Throws std::invalid_argument when its length is not N (k + 2).
SaltelliOutputs split_saltelli_outputs(const Eigen::VectorXd& y, std::size_t base_samples,
                                       std::size_t factors);

struct BootstrapSettings {
  std::size_t resamples = 1000;
  double confidence = 0.95;  // central interval: [(1 - c) / 2, (1 + c) / 2] quantiles
  std::uint64_t seed = 1;
};

// An index per factor with its bootstrap interval.
struct IndexEstimates {
  Eigen::VectorXd estimate, lower, upper;
};

struct SobolIndices {
  IndexEstimates first_order, total_order;
  double variance = 0;  // V, pooled over A and B
};

// The point estimates only (no bootstrap); NaN when V = 0 (a constant output).
void sobol_point_estimates(const SaltelliOutputs& outputs, Eigen::VectorXd& first_order,
                           Eigen::VectorXd& total_order);

// Point estimates and bootstrap intervals.
SobolIndices sobol_indices(const SaltelliOutputs& outputs, const BootstrapSettings& bootstrap);

// The q-quantile (0 <= q <= 1) of values by linear interpolation between order statistics
// (Hyndman and Fan's type 7, NumPy's default), ignoring NaN; NaN if none is finite.
double quantile(Eigen::VectorXd values, double q);

}  // namespace reformsim::sensitivity
