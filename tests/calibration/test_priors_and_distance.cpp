// Priors, distances and weighted-sample statistics: values with known answers.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "sim/calibration/distance.h"
#include "sim/calibration/prior.h"
#include "sim/calibration/weighted_sample.h"

namespace reformsim::calibration {
namespace {

TEST(NormalQuantile, MatchesTabulatedValuesAndInvertsTheCdf) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(normal_quantile(0.05), -1.6448536269514729, 1e-14);
  EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-9);
  // Above z = 5, p = Phi(z) itself is within 3e-7 of 1 and has lost the digits that would say
  // z more precisely: the round trip is checked where the double p can carry it.
  for (double z = -7; z <= 5; z += 0.5)
    EXPECT_NEAR(normal_quantile(normal_cdf(z)), z, 1e-9);
}

TEST(ParsePrior, ReadsEveryKindAndWritesTextThatReadsBack) {
  for (const std::string text : {"uniform(5, 60)", "log_uniform(0.001, 0.1)", "normal(0, 1.5)",
                                 "truncated_normal(20, 10, 5, 60)"}) {
    const Prior prior = parse_prior(text);
    EXPECT_EQ(parse_prior(prior.text()).text(), prior.text()) << text;
  }
  const Prior truncated = parse_prior(" truncated_normal( 20 , 10, 5, 60 ) ");
  EXPECT_EQ(truncated.kind, PriorKind::truncated_normal);
  EXPECT_EQ(truncated.low, 5);
  EXPECT_EQ(truncated.high, 60);
}

TEST(ParsePrior, RefusesUnknownNamesWrongArgumentsAndEmptySupports) {
  for (const std::string text :
       {"gamma(2, 3)", "uniform(5)", "uniform(60, 5)", "uniform(a, 5)", "log_uniform(0, 1)",
        "normal(0, -1)", "truncated_normal(0, 1, 50, 60)", "uniform 5, 60", "uniform(1, inf)"})
    EXPECT_THROW(parse_prior(text), std::invalid_argument) << text;
}

TEST(Prior, DensitiesIntegrateToOneOverTheSupport) {
  // Midpoint rule on 200 000 cells: error far below 1e-4 for these smooth densities.
  for (const Prior prior : {Prior::uniform(5, 60), Prior::log_uniform(0.001, 0.1),
                            Prior::truncated_normal(20, 10, 5, 60), Prior::normal(1, 2)}) {
    const double low = std::isfinite(prior.low) ? prior.low : -40;
    const double high = std::isfinite(prior.high) ? prior.high : 40;
    const int cells = 200000;
    double integral = 0;
    for (int i = 0; i < cells; ++i) {
      const double x = low + (high - low) * (i + 0.5) / cells;
      integral += std::exp(prior.log_density(x)) * (high - low) / cells;
    }
    EXPECT_NEAR(integral, 1.0, 1e-4) << prior.text();
    if (std::isfinite(prior.low)) {
      EXPECT_EQ(prior.log_density(prior.low - 1), -INFINITY);
    }
  }
}

TEST(Prior, SamplesStayInsideTheSupportWithTheRightMean) {
  const Prior prior = Prior::truncated_normal(0, 1, -0.5, 3);
  RandomStream random(7, {});
  double sum = 0;
  const int draws = 20000;
  for (int i = 0; i < draws; ++i) {
    const double x = prior.sample(random);
    ASSERT_TRUE(prior.contains(x));
    sum += x;
  }
  // Mean of N(0,1) truncated to [-0.5, 3]: (phi(-0.5) - phi(3)) / (Phi(3) - Phi(-0.5)) = 0.5037;
  // the sample sd is about 0.7, so 5 standard errors are 0.025.
  EXPECT_NEAR(sum / draws, 0.5037, 0.025);
}

TEST(WeightedSample, QuantileCovarianceAndEffectiveSampleSizeHaveTheirDefinitions) {
  const std::vector<double> values{3, 1, 2, 4};
  Eigen::VectorXd weights(4);
  weights << 0.1, 0.2, 0.3, 0.4;
  // Sorted 1 (0.2), 2 (0.3), 3 (0.1), 4 (0.4): cumulative 0.2, 0.5, 0.6, 1.0.
  EXPECT_EQ(weighted_quantile(values, weights, 0.5), 2);
  EXPECT_EQ(weighted_quantile(values, weights, 0.55), 3);
  EXPECT_EQ(weighted_quantile(values, weights, 0.1), 1);
  EXPECT_NEAR(effective_sample_size(Eigen::VectorXd::Constant(5, 0.2)), 5, 1e-12);
  EXPECT_NEAR(effective_sample_size(weights), 1 / 0.3, 1e-12);
  ParticleMatrix particles(4, 1);
  particles << 3, 1, 2, 4;
  const double mean = 0.3 + 0.2 + 0.6 + 1.6;
  const double variance = 0.1 * 9 + 0.2 * 1 + 0.3 * 4 + 0.4 * 16 - mean * mean;
  EXPECT_NEAR(weighted_mean(particles, weights)[0], mean, 1e-12);
  EXPECT_NEAR(weighted_covariance(particles, weights)(0, 0), variance, 1e-12);
  EXPECT_NEAR(normalise_log_weights(Eigen::Vector2d(1000, 1000 + std::log(3.0))).sum(), 1, 1e-15);
  EXPECT_NEAR(median_absolute_deviation({1, 2, 3, 4, 100, NAN}), 1, 1e-12);
}

TEST(Distance, ScalesFitTargetsAndIgnoresCheckTargets) {
  const std::vector<TargetSpec> targets{
      {"a", 10, 2, 1, true}, {"b", 0, 1, 4, true}, {"held_out", 5, 1, 1, false}};
  const Distance distance(targets, Distance::uncertainty_scales(targets));
  // sqrt(1 * (14 - 10)^2 / 4 + 4 * 0.5^2) = sqrt(4 + 1)
  EXPECT_NEAR(distance({14, 0.5, 1e9}), std::sqrt(5.0), 1e-12);
  EXPECT_EQ(distance({NAN, 0, 0}), INFINITY);
  EXPECT_NO_THROW(distance({10, 0, NAN}));
  const auto adaptive = Distance::adaptive_scales(targets, {{1, 5, 0}, {2, 5, 0}, {4, 5, 0}});
  EXPECT_EQ(adaptive[0], 1);  // MAD of 1, 2, 4
  EXPECT_EQ(adaptive[1], 1);  // MAD 0: keeps the uncertainty
}

}  // namespace
}  // namespace reformsim::calibration
