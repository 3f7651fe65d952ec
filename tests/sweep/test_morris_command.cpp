// Morris elementary effects through the user's command path: `reformsim sweep --design morris`
// over linear_test (y = 2 x1 - 5 x2 + 0 x3 + x4 + 3 x3 x4), then `reformsim sensitivity DIR
// --output y`. Its effects are known exactly at every step of every trajectory (the partial
// derivative at the step's start, times the width of the swept range), so mu, mu* and sigma
// must equal the ones computed from the design's recorded points to rounding: an additive
// input has sigma 0, the interacting pair sigma > 0, and x2, swept over [0, 2], an effect of
// -5 x 2 = -10 in the unit-cube units the analysis reports.
#include <gtest/gtest.h>

#include <cmath>

#include "models/verification/verification_functions.h"
#include "sim/output/file_description.h"
#include "tests/sweep/verification_sweep.h"

namespace reformsim {
namespace {

using models::LinearTestPoint;
using testing::SweptParameter;

constexpr std::size_t trajectories = 20;
const models::LinearTestCoefficients coefficients{{2, -5, 0, 1}, 3};

struct KnownEffects {
  Eigen::VectorXd mu, mu_star, sigma;
};

// The elementary effects along each trajectory of the recorded design, from the analytic
// partial derivatives; rows t (k + 1) .. t (k + 1) + k are trajectory t.
KnownEffects known_effects(const Eigen::MatrixXd& values,
                           const std::vector<SweptParameter>& parameters) {
  const auto k = static_cast<Eigen::Index>(parameters.size());
  Eigen::MatrixXd effects =
      Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(trajectories), k, NAN);
  for (Eigen::Index t = 0; t < static_cast<Eigen::Index>(trajectories); ++t)
    for (Eigen::Index j = 0; j < k; ++j) {
      const Eigen::RowVectorXd from = values.row(t * (k + 1) + j);
      const Eigen::RowVectorXd to = values.row(t * (k + 1) + j + 1);
      Eigen::Index moved = 0;
      (to - from).cwiseAbs().maxCoeff(&moved);
      LinearTestPoint x;
      for (Eigen::Index i = 0; i < k; ++i)
        x[static_cast<std::size_t>(i)] = from(i);
      const auto& range = parameters[static_cast<std::size_t>(moved)];
      effects(t, moved) =
          models::linear_test_partial_derivative(static_cast<std::size_t>(moved), x, coefficients) *
          (range.high - range.low);
    }
  KnownEffects known{effects.colwise().mean(), effects.cwiseAbs().colwise().mean(), {}};
  known.sigma = ((effects.rowwise() - known.mu.transpose()).array().square().colwise().sum() /
                 (trajectories - 1.0))
                    .sqrt();
  return known;
}

TEST(MorrisPipeline, LinearTestSweepGivesTheKnownElementaryEffects) {
  testing::TemporaryDirectory dir;
  const std::vector<SweptParameter> inputs{{"linear_test.x1", 0, 1},
                                           {"linear_test.x2", 0, 2},
                                           {"linear_test.x3", 0, 1},
                                           {"linear_test.x4", 0, 1}};
  const auto out = (dir / "morris").string();
  const auto sweep = testing::run_verification_sweep("linear_test", "morris", inputs,
                                                     std::to_string(trajectories), out);
  ASSERT_EQ(sweep.exit_status, 0) << sweep.err;
  const auto printed =
      testing::run_reformsim({"sensitivity", out, "--output", "y", "--bootstrap", "200"});
  ASSERT_EQ(printed.exit_status, 0) << printed.err;
  const auto file = out + "/sensitivity.h5";
  ASSERT_TRUE(is_complete_output(file));
  EXPECT_EQ(testing::read_labels(file, "parameter_label"), testing::keys_of(inputs));
  const Eigen::VectorXd mu = testing::read_vector(file, "mu");
  const Eigen::VectorXd mu_star = testing::read_vector(file, "mu_star");
  const Eigen::VectorXd sigma = testing::read_vector(file, "sigma");
  const Eigen::VectorXd lower = testing::read_vector(file, "mu_star_lower");
  const Eigen::VectorXd upper = testing::read_vector(file, "mu_star_upper");
  ASSERT_EQ(mu.size(), 4);

  const Eigen::MatrixXd values = testing::design_values(out, testing::keys_of(inputs));
  ASSERT_EQ(values.rows(), static_cast<Eigen::Index>(trajectories * (inputs.size() + 1)));
  const KnownEffects known = known_effects(values, inputs);
  constexpr double rounding = 1e-9;  // a difference quotient of values of order 10
  for (Eigen::Index f = 0; f < 4; ++f) {
    const auto& key = inputs[static_cast<std::size_t>(f)].key;
    EXPECT_NEAR(mu(f), known.mu(f), rounding) << key;
    EXPECT_NEAR(mu_star(f), known.mu_star(f), rounding) << key;
    EXPECT_NEAR(sigma(f), known.sigma(f), rounding) << key;
    EXPECT_LE(lower(f), mu_star(f) + rounding) << key;
    EXPECT_GE(upper(f), mu_star(f) - rounding) << key;
  }
  // The additive inputs: their coefficient times the width of the range, wherever measured.
  EXPECT_NEAR(mu(0), 2, rounding);
  EXPECT_NEAR(mu(1), -10, rounding);
  EXPECT_NEAR(mu_star(1), 10, rounding);
  EXPECT_NEAR(sigma(0), 0, rounding);
  EXPECT_NEAR(sigma(1), 0, rounding);
  // The interacting pair: 3 x4 and 1 + 3 x3, which vary with where the step is taken (x over
  // the levels 0, 1/3, 2/3, 1: a standard deviation of about 3 x 0.37 = 1.1).
  EXPECT_GT(sigma(2), 0.3);
  EXPECT_GT(sigma(3), 0.3);
  EXPECT_GE(mu_star(2), 0);
  EXPECT_LE(mu_star(2), 3 + rounding);
  EXPECT_GE(mu_star(3), 1 - rounding);
  EXPECT_LE(mu_star(3), 4 + rounding);

  const auto rows = testing::parse_table(printed.out);
  ASSERT_EQ(rows.size(), 4u) << printed.out;
  for (std::size_t f = 0; f < 4; ++f) {
    EXPECT_EQ(rows[f].parameter, inputs[f].key);
    const auto i = static_cast<Eigen::Index>(f);
    // Printed with 4 significant digits.
    EXPECT_NEAR(rows[f].numbers[0], mu(i), 1e-3 * std::max(1.0, std::abs(mu(i))));
    EXPECT_NEAR(rows[f].numbers[4], sigma(i), 1e-3 * std::max(1.0, sigma(i)));
  }
}

}  // namespace
}  // namespace reformsim
