// The verification functions at points worked out by hand, and their analytic indices against
// the published values and against cases small enough to derive on paper.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "models/verification/verification_functions.h"

namespace reformsim::models {
namespace {

using std::numbers::pi;

TEST(IshigamiFunction, HasItsValueAtPointsWhereEachTermIsKnown) {
  EXPECT_DOUBLE_EQ(ishigami(0, 0, 0, 7, 0.1), 0);
  // sin x1 = 1, sin^2 x2 = 1, x3^4 = 1: 1 + a + b.
  EXPECT_DOUBLE_EQ(ishigami(pi / 2, pi / 2, 1, 7, 0.1), 8.1);
  EXPECT_DOUBLE_EQ(ishigami(pi / 2, 0, 2, 7, 0.1), 1 + 0.1 * 16);
  // sin x1 = -1: the x3 term changes sign with it (the x1 x3 interaction).
  EXPECT_NEAR(ishigami(-pi / 2, pi / 2, pi, 7, 0.1), -1 + 7 - 0.1 * std::pow(pi, 4), 1e-12);
  EXPECT_NEAR(ishigami(1, 1, 1, 7, 0.1), 5.882132011203685, 1e-12);  // configs/verification
}

TEST(IshigamiIndices, AreThePublishedValuesForAEqualsSevenBEqualsPointOne) {
  const auto indices = ishigami_indices(7, 0.1);
  const std::vector<double> first{0.3139, 0.4424, 0}, total{0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(indices.first_order[i], first[i], 1e-4) << "S" << i + 1;
    EXPECT_NEAR(indices.total_order[i], total[i], 1e-4) << "ST" << i + 1;
  }
  // V = a^2 / 8 + b pi^4 / 5 + b^2 pi^8 / 18 + 1 / 2.
  EXPECT_NEAR(indices.variance,
              49.0 / 8 + 0.1 * std::pow(pi, 4) / 5 + 0.01 * std::pow(pi, 8) / 18 + 0.5, 1e-12);
}

TEST(IshigamiIndices, WithoutTheInteractionXThreeHasNoEffect) {
  const auto indices = ishigami_indices(7, 0);
  EXPECT_DOUBLE_EQ(indices.total_order[2], 0);
  EXPECT_DOUBLE_EQ(indices.first_order[0], indices.total_order[0]);
  EXPECT_DOUBLE_EQ(indices.first_order[0] + indices.first_order[1], 1);
}

TEST(SobolGFunction, HasItsValueAtPointsWorkedOutByHand) {
  const std::array<double, 2> a{0, 1};
  EXPECT_DOUBLE_EQ(sobol_g(std::array<double, 2>{0, 1}, a), 2.0 * 1.5);  // (2 + 0)/1, (2 + 1)/2
  EXPECT_DOUBLE_EQ(sobol_g(std::array<double, 2>{0.5, 0.5}, a), 0.0);    // |4 x - 2| + 0 = 0
  EXPECT_DOUBLE_EQ(sobol_g(std::array<double, 2>{0.25, 0.75}, a), 1.0);  // each factor 1
  EXPECT_THROW(sobol_g(std::array<double, 2>{0, 1}, std::array<double, 1>{0}),
               std::invalid_argument);
}

TEST(SobolGIndices, MatchTheTwoInputCaseDerivedOnPaper) {
  // a = (0, 1): V1 = 1/3, V2 = 1/12, V = (4/3)(13/12) - 1 = 4/9.
  const auto indices = sobol_g_indices(std::array<double, 2>{0, 1});
  EXPECT_NEAR(indices.variance, 4.0 / 9, 1e-15);
  EXPECT_NEAR(indices.first_order[0], 0.75, 1e-15);
  EXPECT_NEAR(indices.first_order[1], 0.1875, 1e-15);
  EXPECT_NEAR(indices.total_order[0], 0.8125, 1e-15);
  EXPECT_NEAR(indices.total_order[1], 0.25, 1e-15);
}

TEST(SobolGIndices, VarianceAgreesWithNumericalIntegration) {
  const std::array<double, 2> a{0, 4.5};
  // Midpoint rule on a grid whose cells do not straddle the kink at x = 1/2.
  const int n = 400;
  double sum = 0, sum_of_squares = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const double y = sobol_g(std::array<double, 2>{(i + 0.5) / n, (j + 0.5) / n}, a);
      sum += y;
      sum_of_squares += y * y;
    }
  const double mean = sum / (n * n);
  EXPECT_NEAR(mean, 1.0, 1e-9);
  EXPECT_NEAR(sum_of_squares / (n * n) - mean * mean, sobol_g_indices(a).variance, 1e-4);
}

TEST(SobolGIndices, ClassicCoefficientsGiveTheKnownOrdering) {
  const std::array<double, 8> a{0, 1, 4.5, 9, 99, 99, 99, 99};
  const auto indices = sobol_g_indices(a);
  const std::vector<double> first{0.7162, 0.1790, 0.0237, 0.0072},
      total{0.7871, 0.2422, 0.0343, 0.0105};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(indices.first_order[i], first[i], 1e-4) << "S" << i + 1;
    EXPECT_NEAR(indices.total_order[i], total[i], 1e-4) << "ST" << i + 1;
  }
  for (std::size_t i = 4; i < 8; ++i) {
    EXPECT_NEAR(indices.first_order[i], 7.162e-5, 1e-8) << "S" << i + 1;
    EXPECT_NEAR(indices.total_order[i], 1.0495e-4, 1e-8) << "ST" << i + 1;
  }
  EXPECT_NEAR(indices.variance, 0.465424, 1e-6);
}

const LinearTestCoefficients coefficients{{2, -5, 0, 1}, 3};

TEST(LinearTestFunction, IsTheSumOfItsTermsAndTheInteraction) {
  EXPECT_DOUBLE_EQ(linear_test({1, 1, 1, 1}, coefficients), 1);  // configs/verification
  EXPECT_DOUBLE_EQ(linear_test({0, 0, 0, 0}, coefficients), 0);
  EXPECT_NEAR(linear_test({0.5, 0.2, 0.4, 0.6}, coefficients), 1 - 1 + 0 + 0.6 + 3 * 0.24, 1e-15);
}

TEST(LinearTestPartialDerivative, IsTheElementaryEffectOfAnyStep) {
  const LinearTestPoint x{0.5, 0.2, 0.4, 0.6};
  EXPECT_DOUBLE_EQ(linear_test_partial_derivative(0, x, coefficients), 2);
  EXPECT_DOUBLE_EQ(linear_test_partial_derivative(1, x, coefficients), -5);
  EXPECT_DOUBLE_EQ(linear_test_partial_derivative(2, x, coefficients), 3 * 0.6);
  EXPECT_DOUBLE_EQ(linear_test_partial_derivative(3, x, coefficients), 1 + 3 * 0.4);
  // y is linear in each input, so a step of any size (either way) changes y by h dy/dx_i.
  for (std::size_t i = 0; i < linear_test_inputs; ++i)
    for (double h : {2.0 / 3, -2.0 / 3, 5.0}) {
      LinearTestPoint moved = x;
      moved[i] += h;
      EXPECT_NEAR((linear_test(moved, coefficients) - linear_test(x, coefficients)) / h,
                  linear_test_partial_derivative(i, x, coefficients), 1e-12)
          << "x" << i + 1 << " h " << h;
    }
  EXPECT_THROW(linear_test_partial_derivative(4, x, coefficients), std::out_of_range);
}

}  // namespace
}  // namespace reformsim::models
