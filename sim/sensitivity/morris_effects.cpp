#include "sim/sensitivity/morris_effects.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/random/random_stream.h"

namespace reformsim::sensitivity {
namespace {

using Index = Eigen::Index;

constexpr std::uint32_t morris_bootstrap_stream = 0xb006;
constexpr std::uint32_t resample_purpose = 1;

// The one factor that differs between two consecutive rows of a trajectory.
Index moved_factor(const Eigen::RowVectorXd& step, Index row) {
  Index moved = -1;
  for (Index f = 0; f < step.size(); ++f) {
    if (step(f) == 0.0) continue;
    if (moved >= 0)
      throw std::invalid_argument("Morris design row " + std::to_string(row) +
                                  " moves more than one factor");
    moved = f;
  }
  if (moved < 0)
    throw std::invalid_argument("Morris design row " + std::to_string(row) + " moves no factor");
  return moved;
}

Eigen::VectorXd mean_absolute(const Eigen::MatrixXd& effects) {
  return effects.cwiseAbs().colwise().mean().transpose();
}

}  // namespace

MorrisEffects morris_effects(const Eigen::MatrixXd& unit_design, const Eigen::VectorXd& y,
                             std::size_t trajectories, const BootstrapSettings& bootstrap) {
  const Index k = unit_design.cols(), r = static_cast<Index>(trajectories);
  if (r < 1 || unit_design.rows() != r * (k + 1) || y.size() != unit_design.rows())
    throw std::invalid_argument("Morris: " + std::to_string(trajectories) + " trajectories of " +
                                std::to_string(k) + " factors need " + std::to_string(r * (k + 1)) +
                                " design rows and outputs");
  MorrisEffects result;
  result.elementary_effects.resize(r, k);
  for (Index t = 0; t < r; ++t)
    for (Index j = 0; j < k; ++j) {
      const Index row = t * (k + 1) + j;
      const Eigen::RowVectorXd step = unit_design.row(row + 1) - unit_design.row(row);
      const Index f = moved_factor(step, row + 1);
      result.elementary_effects(t, f) = (y(row + 1) - y(row)) / step(f);
    }
  const Eigen::MatrixXd& effects = result.elementary_effects;
  result.mu = effects.colwise().mean().transpose();
  result.mu_star = mean_absolute(effects);
  const Eigen::MatrixXd centred = effects.rowwise() - result.mu.transpose();
  result.sigma = Eigen::VectorXd::Constant(k, std::nan(""));  // undefined from one trajectory
  if (r > 1)
    result.sigma =
        (centred.colwise().squaredNorm() / static_cast<double>(r - 1)).cwiseSqrt().transpose();
  Eigen::MatrixXd resampled(static_cast<Index>(bootstrap.resamples), k);
  Eigen::MatrixXd drawn(r, k);
  for (Index b = 0; b < resampled.rows(); ++b) {
    RandomStream draws(bootstrap.seed, {morris_bootstrap_stream, resample_purpose,
                                        static_cast<std::uint64_t>(b), 0});
    for (Index t = 0; t < r; ++t)
      drawn.row(t) =
          effects.row(static_cast<Index>(draws.uniform_index(static_cast<std::uint64_t>(r))));
    resampled.row(b) = mean_absolute(drawn).transpose();
  }
  result.mu_star_lower.resize(k);
  result.mu_star_upper.resize(k);
  for (Index f = 0; f < k; ++f) {
    result.mu_star_lower(f) = quantile(resampled.col(f), (1.0 - bootstrap.confidence) / 2.0);
    result.mu_star_upper(f) = quantile(resampled.col(f), (1.0 + bootstrap.confidence) / 2.0);
  }
  return result;
}

}  // namespace reformsim::sensitivity
