#include "sim/sensitivity/sobol_indices.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/random/random_stream.h"

namespace reformsim::sensitivity {
namespace {

using Index = Eigen::Index;

// Stream id of the bootstrap's resampling draws (one entity per resample).
constexpr std::uint32_t bootstrap_stream = 0xb005;
constexpr std::uint32_t resample_purpose = 1;

SaltelliOutputs resample(const SaltelliOutputs& outputs, const std::vector<Index>& rows) {
  const auto n = static_cast<Index>(rows.size());
  SaltelliOutputs drawn{Eigen::VectorXd(n), Eigen::VectorXd(n),
                        Eigen::MatrixXd(n, outputs.ab.cols())};
  for (Index j = 0; j < n; ++j) {
    const Index row = rows[static_cast<std::size_t>(j)];
    drawn.a(j) = outputs.a(row);
    drawn.b(j) = outputs.b(row);
    drawn.ab.row(j) = outputs.ab.row(row);
  }
  return drawn;
}

double pooled_variance(const SaltelliOutputs& outputs) {
  const Index n = outputs.a.size();
  Eigen::VectorXd pooled(2 * n);
  pooled << outputs.a, outputs.b;
  return (pooled.array() - pooled.mean()).square().mean();
}

IndexEstimates with_intervals(Eigen::VectorXd estimate, const Eigen::MatrixXd& resampled,
                              double confidence) {
  const Index k = estimate.size();
  IndexEstimates result{std::move(estimate), Eigen::VectorXd(k), Eigen::VectorXd(k)};
  for (Index i = 0; i < k; ++i) {
    result.lower(i) = quantile(resampled.col(i), (1.0 - confidence) / 2.0);
    result.upper(i) = quantile(resampled.col(i), (1.0 + confidence) / 2.0);
  }
  return result;
}

}  // namespace

SaltelliOutputs split_saltelli_outputs(const Eigen::VectorXd& y, std::size_t base_samples,
                                       std::size_t factors) {
  const auto n = static_cast<Index>(base_samples), k = static_cast<Index>(factors);
  if (n == 0 || y.size() != n * (k + 2))
    throw std::invalid_argument("a Saltelli design of N = " + std::to_string(base_samples) +
                                " and k = " + std::to_string(factors) + " has " +
                                std::to_string(n * (k + 2)) + " outputs, not " +
                                std::to_string(y.size()));
  SaltelliOutputs outputs{y.head(n), y.segment(n, n), Eigen::MatrixXd(n, k)};
  for (Index i = 0; i < k; ++i)
    outputs.ab.col(i) = y.segment((2 + i) * n, n);
  return outputs;
}

void sobol_point_estimates(const SaltelliOutputs& outputs, Eigen::VectorXd& first_order,
                           Eigen::VectorXd& total_order) {
  const double variance = pooled_variance(outputs);
  const Index k = outputs.ab.cols();
  first_order.resize(k);
  total_order.resize(k);
  for (Index i = 0; i < k; ++i) {
    const Eigen::ArrayXd ab = outputs.ab.col(i).array();
    first_order(i) = (outputs.b.array() * (ab - outputs.a.array())).mean() / variance;
    total_order(i) = 0.5 * (outputs.a.array() - ab).square().mean() / variance;
  }
  if (!(variance > 0)) {
    first_order.setConstant(std::numeric_limits<double>::quiet_NaN());
    total_order.setConstant(std::numeric_limits<double>::quiet_NaN());
  }
}

SobolIndices sobol_indices(const SaltelliOutputs& outputs, const BootstrapSettings& bootstrap) {
  Eigen::VectorXd first, total;
  sobol_point_estimates(outputs, first, total);
  const Index n = outputs.a.size(), k = first.size();
  const auto resamples = static_cast<Index>(bootstrap.resamples);
  Eigen::MatrixXd first_resampled(resamples, k), total_resampled(resamples, k);
  std::vector<Index> rows(static_cast<std::size_t>(n));
  for (Index b = 0; b < resamples; ++b) {
    RandomStream draws(bootstrap.seed,
                       {bootstrap_stream, resample_purpose, static_cast<std::uint64_t>(b), 0});
    for (auto& row : rows)
      row = static_cast<Index>(draws.uniform_index(static_cast<std::uint64_t>(n)));
    Eigen::VectorXd first_b, total_b;
    sobol_point_estimates(resample(outputs, rows), first_b, total_b);
    first_resampled.row(b) = first_b.transpose();
    total_resampled.row(b) = total_b.transpose();
  }
  return {with_intervals(std::move(first), first_resampled, bootstrap.confidence),
          with_intervals(std::move(total), total_resampled, bootstrap.confidence),
          pooled_variance(outputs)};
}

double quantile(Eigen::VectorXd values, double q) {
  std::vector<double> finite;
  for (double value : values)
    if (std::isfinite(value)) finite.push_back(value);
  if (finite.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(finite.begin(), finite.end());
  const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(finite.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, finite.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return finite[below] + fraction * (finite[above] - finite[below]);
}

}  // namespace reformsim::sensitivity
