// The estimators on functions whose indices are known analytically: the Ishigami function
// (Ishigami & Homma 1990; a = 7, b = 0.1) and the Sobol G-function (Saltelli & Sobol' 1995),
// evaluated on the same scrambled Saltelli designs a sweep uses; Morris effects on functions
// whose elementary effects are known exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "sim/design/design.h"
#include "sim/sensitivity/morris_effects.h"
#include "sim/sensitivity/sobol_indices.h"

namespace reformsim::sensitivity {
namespace {

using std::numbers::pi;

// With N = 2^13 base samples, the estimators' error on these functions is a few 1e-3 (their
// standard error from the bootstrap is about 0.005); 0.02 allows for that without letting a
// wrong estimator (e.g. S and ST swapped, a missing 1/2, the wrong variance) pass.
constexpr double tolerance = 0.02;
constexpr std::size_t base_samples = 8192;

Eigen::VectorXd evaluate(const Eigen::MatrixXd& unit,
                         double (*function)(const Eigen::RowVectorXd&)) {
  Eigen::VectorXd y(unit.rows());
  for (Eigen::Index p = 0; p < unit.rows(); ++p)
    y(p) = function(unit.row(p));
  return y;
}

double ishigami(const Eigen::RowVectorXd& u) {
  const Eigen::RowVectorXd x = (u.array() * 2.0 * pi - pi).matrix();
  return std::sin(x(0)) + 7.0 * std::pow(std::sin(x(1)), 2) +
         0.1 * std::pow(x(2), 4) * std::sin(x(0));
}

const double g_coefficients[] = {0, 1, 4.5, 9, 99, 99};

double g_function(const Eigen::RowVectorXd& u) {
  double product = 1;
  for (Eigen::Index i = 0; i < u.size(); ++i)
    product *= (std::abs(4 * u(i) - 2) + g_coefficients[i]) / (1 + g_coefficients[i]);
  return product;
}

void expect_indices(const SobolIndices& indices, const Eigen::VectorXd& first,
                    const Eigen::VectorXd& total) {
  for (Eigen::Index i = 0; i < first.size(); ++i) {
    EXPECT_NEAR(indices.first_order.estimate(i), first(i), tolerance) << "S" << i + 1;
    EXPECT_NEAR(indices.total_order.estimate(i), total(i), tolerance) << "ST" << i + 1;
    // The interval is around the estimate and, at this N, covers the true value.
    EXPECT_LE(indices.first_order.lower(i), indices.first_order.estimate(i));
    EXPECT_GE(indices.first_order.upper(i), indices.first_order.estimate(i));
    EXPECT_LE(indices.first_order.lower(i) - 0.005, first(i)) << "S" << i + 1;
    EXPECT_GE(indices.first_order.upper(i) + 0.005, first(i)) << "S" << i + 1;
    EXPECT_LE(indices.total_order.lower(i) - 0.005, total(i)) << "ST" << i + 1;
    EXPECT_GE(indices.total_order.upper(i) + 0.005, total(i)) << "ST" << i + 1;
  }
}

TEST(SobolIndices, IshigamiMatchesAnalyticIndices) {
  const double a = 7, b = 0.1;
  const double v1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2), v2 = a * a / 8;
  const double v13 = 8 * b * b * std::pow(pi, 8) / 225, variance = v1 + v2 + v13;
  Eigen::VectorXd first(3), total(3);
  first << v1 / variance, v2 / variance, 0;
  total << (v1 + v13) / variance, v2 / variance, v13 / variance;
  EXPECT_NEAR(first(0), 0.3139, 1e-4);  // the published values
  EXPECT_NEAR(total(2), 0.2437, 1e-4);
  const Eigen::MatrixXd unit = design::saltelli_design(base_samples, 3, 2024);
  const auto outputs = split_saltelli_outputs(evaluate(unit, ishigami), base_samples, 3);
  expect_indices(sobol_indices(outputs, {300, 0.95, 1}), first, total);
}

TEST(SobolIndices, GFunctionMatchesAnalyticIndices) {
  const Eigen::Index k = 6;
  Eigen::VectorXd partial(k);
  for (Eigen::Index i = 0; i < k; ++i)
    partial(i) = 1.0 / (3.0 * std::pow(1 + g_coefficients[i], 2));
  const double variance = (partial.array() + 1).prod() - 1;
  Eigen::VectorXd first = partial / variance, total(k);
  for (Eigen::Index i = 0; i < k; ++i)
    total(i) = partial(i) * (partial.array() + 1).prod() / (1 + partial(i)) / variance;
  const Eigen::MatrixXd unit = design::saltelli_design(base_samples, 6, 77);
  const auto outputs = split_saltelli_outputs(evaluate(unit, g_function), base_samples, 6);
  expect_indices(sobol_indices(outputs, {300, 0.95, 1}), first, total);
}

TEST(SobolIndices, BootstrapIsReproducibleAndNarrowsWithMoreSamples) {
  auto width = [](std::size_t n) {
    const auto outputs =
        split_saltelli_outputs(evaluate(design::saltelli_design(n, 3, 9), ishigami), n, 3);
    const auto indices = sobol_indices(outputs, {200, 0.9, 4});
    EXPECT_TRUE(indices.first_order.lower.isApprox(
        sobol_indices(outputs, {200, 0.9, 4}).first_order.lower));
    return (indices.total_order.upper - indices.total_order.lower).mean();
  };
  EXPECT_GT(width(256), 2 * width(4096));
}

TEST(SobolIndices, RefusesWrongSizesAndGivesNaNForAConstantOutput) {
  EXPECT_THROW(split_saltelli_outputs(Eigen::VectorXd::Zero(19), 4, 3), std::invalid_argument);
  const auto outputs = split_saltelli_outputs(Eigen::VectorXd::Constant(20, 2.0), 4, 3);
  Eigen::VectorXd first, total;
  sobol_point_estimates(outputs, first, total);
  EXPECT_TRUE(std::isnan(first(0)) && std::isnan(total(2)));
}

TEST(Quantile, InterpolatesBetweenOrderStatisticsAndIgnoresNaN) {
  Eigen::VectorXd values(5);
  values << 4, 1, std::nan(""), 3, 2;
  EXPECT_DOUBLE_EQ(quantile(values, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile(values, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile(values, 1.0), 4.0);
  EXPECT_DOUBLE_EQ(quantile(values, 0.25), 1.75);
}

double linear(const Eigen::RowVectorXd& u) {
  return 2.0 * u(0) - 5.0 * u(1) + 0.0 * u(2);
}
double interaction(const Eigen::RowVectorXd& u) {
  return u(0) * u(1) + 3.0 * u(2);
}

TEST(MorrisEffects, LinearFunctionHasItsCoefficientsAsEffectsWithNoSpread) {
  const Eigen::MatrixXd unit = design::morris_design(10, 3, 4, 11);
  const auto effects = morris_effects(unit, evaluate(unit, linear), 10, {100, 0.95, 1});
  EXPECT_NEAR(effects.mu(0), 2.0, 1e-12);
  EXPECT_NEAR(effects.mu(1), -5.0, 1e-12);
  EXPECT_NEAR(effects.mu_star(1), 5.0, 1e-12);
  EXPECT_NEAR(effects.mu_star(2), 0.0, 1e-12);
  EXPECT_LT(effects.sigma.maxCoeff(), 1e-12);
}

TEST(MorrisEffects, InteractionShowsAsSpreadAndAdditiveTermDoesNot) {
  const Eigen::MatrixXd unit = design::morris_design(40, 3, 4, 12);
  const auto effects = morris_effects(unit, evaluate(unit, interaction), 40, {200, 0.95, 1});
  EXPECT_NEAR(effects.mu_star(2), 3.0, 1e-12);
  EXPECT_LT(effects.sigma(2), 1e-12);
  EXPECT_GT(effects.sigma(0), 0.2);            // the effect of u0 is u1: spread over [0, 1]
  EXPECT_NEAR(effects.mu_star(0), 0.5, 0.15);  // E[u1] over the grid {0, 1/3, 2/3, 1}
  EXPECT_LE(effects.mu_star_lower(0), effects.mu_star(0));
  EXPECT_GE(effects.mu_star_upper(0), effects.mu_star(0));
}

TEST(MorrisEffects, RefusesADesignThatMovesTwoFactorsAtOnce) {
  Eigen::MatrixXd unit(3, 2);
  unit << 0, 0, 1, 1, 1, 0;
  EXPECT_THROW(morris_effects(unit, Eigen::VectorXd::Zero(3), 1, {}), std::invalid_argument);
}

}  // namespace
}  // namespace reformsim::sensitivity
