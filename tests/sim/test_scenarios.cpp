// Comparisons and decompositions: intervals, Shapley values on games with known answers, and
// compare/decompose end to end through the executable.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <numeric>

#include "sim/config/config_error.h"
#include "sim/random/random_stream.h"
#include "sim/scenarios/decomposition.h"
#include "sim/scenarios/interval.h"
#include "sim/scenarios/measure_set.h"
#include "sim/scenarios/shapley.h"
#include "tests/support/test_support.h"

namespace reformsim {
namespace {

TEST(MeanInterval, UsesTheStudentTQuantile) {
  // n = 4, mean 2.5, sd = 1.2910; t(0.975, 3) = 3.18245: half width 2.0543.
  const auto estimate = mean_interval({1, 2, 3, 4});
  EXPECT_DOUBLE_EQ(estimate.mean, 2.5);
  EXPECT_NEAR(estimate.standard_deviation, 1.2909944, 1e-6);
  EXPECT_NEAR(estimate.high - estimate.mean, 2.0543, 1e-3);
  EXPECT_NEAR(estimate.mean - estimate.low, 2.0543, 1e-3);
}

TEST(MeanInterval, LeavesOutUndefinedValuesAndHandlesTinySamples) {
  const auto estimate = mean_interval({1, NAN, 3});
  EXPECT_EQ(estimate.count, 2u);
  EXPECT_DOUBLE_EQ(estimate.mean, 2);
  EXPECT_EQ(mean_interval({5}).low, 5);
  EXPECT_TRUE(std::isnan(mean_interval({NAN}).mean));
  EXPECT_EQ(paired_differences({1, 2}, {4, 8}), (std::vector<double>{3, 6}));
}

TEST(Shapley, AnAdditiveGameGivesEachMeasureItsOwnEffect) {
  // v(S) = 10 + sum of effects of measures in S: no interactions.
  const std::vector<double> effect{1, 5, -2};
  std::vector<double> value(8);
  for (MeasureMask mask = 0; mask < 8; ++mask) {
    value[mask] = 10;
    for (std::size_t i = 0; i < 3; ++i)
      if (mask >> i & 1u) value[mask] += effect[i];
  }
  const auto phi = exact_shapley(3, value);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_DOUBLE_EQ(phi[i], effect[i]);
}

TEST(Shapley, AnInteractionIsSharedEquallyBetweenItsMeasures) {
  // Only both together have an effect (6): each gets 3; the bystander gets 0.
  std::vector<double> value(8, 0.0);
  value[0b011] = value[0b111] = 6;
  const auto phi = exact_shapley(3, value);
  EXPECT_DOUBLE_EQ(phi[0], 3);
  EXPECT_DOUBLE_EQ(phi[1], 3);
  EXPECT_DOUBLE_EQ(phi[2], 0);
}

TEST(Shapley, ValuesSumToTheTotalEffectForAnyGame) {
  RandomStream random(17, {});
  for (std::size_t n : {1u, 2u, 4u, 6u}) {
    std::vector<double> value(std::size_t{1} << n);
    for (double& v : value)
      v = random.normal(0, 10);
    const auto phi = exact_shapley(n, value);
    EXPECT_NEAR(std::accumulate(phi.begin(), phi.end(), 0.0), value.back() - value.front(), 1e-9);
  }
}

TEST(Shapley, SampledPermutationsAreEfficientAndConvergeToTheExactValues) {
  RandomStream random(18, {});
  const std::size_t n = 5;
  std::vector<double> value(32);
  std::map<MeasureMask, double> by_mask;
  for (MeasureMask mask = 0; mask < 32; ++mask)
    by_mask[mask] = value[mask] = random.normal(0, 10);
  const auto exact = exact_shapley(n, value);
  const auto orders = sample_permutations(n, 4000, 99);
  std::vector<double> se;
  const auto sampled = sampled_shapley(n, orders, by_mask, &se);
  EXPECT_NEAR(std::accumulate(sampled.begin(), sampled.end(), 0.0), value[31] - value[0], 1e-9);
  for (std::size_t i = 0; i < n; ++i)
    EXPECT_NEAR(sampled[i], exact[i], 4 * se[i] + 1e-12) << i;
  // Every prefix of every order is asked for, and nothing else.
  for (MeasureMask mask : masks_for_permutations(orders))
    EXPECT_TRUE(by_mask.count(mask));
  const auto first = sample_permutations(4, 3, 5), again = sample_permutations(4, 3, 5);
  EXPECT_EQ(first, again);
}

TEST(Shapley, OnePermutationHasAnUndefinedSamplingErrorNotZero) {
  std::map<MeasureMask, double> value{{0b00, 0}, {0b01, 1}, {0b10, 2}, {0b11, 5}};
  std::vector<double> se;
  const auto phi = sampled_shapley(2, sample_permutations(2, 1, 3), value, &se);
  EXPECT_DOUBLE_EQ(phi[0] + phi[1], 5);
  ASSERT_EQ(se.size(), 2u);
  EXPECT_TRUE(std::isnan(se[0]) && std::isnan(se[1]));
  sampled_shapley(2, sample_permutations(2, 50, 3), value, &se);
  EXPECT_TRUE(std::isfinite(se[0]) && se[0] > 0);  // both orders drawn: contributions differ
}

TEST(DecompositionPlan, MoreMeasuresThanExactUpToSampleTheDefaultNumberOfPermutations) {
  const std::vector<ReformMeasure> three{
      {"a", {"reform.a"}}, {"b", {"reform.b"}}, {"c", {"reform.c"}}};
  const auto exact = plan_decomposition(three, 3, 0, 1);
  EXPECT_TRUE(exact.exact);
  EXPECT_EQ(exact.masks.size(), 8u);
  const auto sampled = plan_decomposition(three, 2, 0, 1);  // not one silent permutation
  EXPECT_FALSE(sampled.exact);
  EXPECT_EQ(sampled.orders.size(), default_permutations);
  EXPECT_GE(default_permutations, 100u);
  EXPECT_EQ(plan_decomposition(three, 10, 7, 1).orders.size(), 7u);  // asked for: sampled
}

TEST(MeasureSet, ParsesNamesGroupsAndRefusesWhatIsNotABooleanSwitch) {
  ParameterRegistry registry;
  registry.add(boolean_parameter("reform.a", true, "", ""));
  registry.add(boolean_parameter("reform.b", true, "", ""));
  registry.add(real_parameter("reform.c", 1, 0, 2, "", "", ""));
  const auto measures = parse_measures("a,pair=a+reform.b", registry);
  ASSERT_EQ(measures.size(), 2u);
  EXPECT_EQ(measures[1].keys, (std::vector<std::string>{"reform.a", "reform.b"}));
  EXPECT_THROW(parse_measures("z", registry), ConfigError);
  EXPECT_THROW(parse_measures("c", registry), ConfigError);
  EXPECT_THROW(parse_measures("a,a", registry), ConfigError);
  EXPECT_THROW(parse_measures("a,", registry), ConfigError);
  EXPECT_EQ(mask_label(measures, 0), "none");
  EXPECT_EQ(mask_label(measures, 3), "a+pair");
}

TEST(MeasureSet, SwitchesExactlyTheMeasuresOfTheMask) {
  auto registry = std::make_shared<ParameterRegistry>();
  registry->add(boolean_parameter("reform.a", false, "", ""));
  registry->add(boolean_parameter("reform.b", true, "", ""));
  const ParameterSet full(registry);
  const auto measures = parse_measures("a,b", *registry);
  const auto only_a = with_measures(full, measures, 0b01);
  EXPECT_TRUE(only_a.boolean("reform.a"));
  EXPECT_FALSE(only_a.boolean("reform.b"));
}

const std::vector<std::string> small{"--quiet", "--replications=3", "--market.initial_firms=400",
                                     "--calendar.burn_in_days=0"};

TEST(CompareCommand, DifferencesAreThePairedMeansOfTheTargetValues) {
  testing::TemporaryDirectory dir;
  testing::write_text(dir / "slow.ini",
                      "include = " + (testing::source_dir() / "configs/demo_market.ini").string() +
                          "\n[reform]\nfaster_licensing = false\n");
  std::vector<std::string> arguments{"compare",
                                     "--config",
                                     "configs/demo_market.ini",
                                     "--config",
                                     (dir / "slow.ini").string(),
                                     "--out",
                                     (dir / "c.h5").string()};
  arguments.insert(arguments.end(), small.begin(), small.end());
  const auto result = testing::run_reformsim(arguments);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto values = testing::read_hdf5_doubles(dir / "c.h5", "target_value");         // 2 x 3 x 5
  const auto difference = testing::read_hdf5_doubles(dir / "c.h5", "difference_mean");  // 1 x 5
  ASSERT_EQ(values.size(), 30u);
  for (std::size_t t = 0; t < 5; ++t) {
    double sum = 0;
    for (std::size_t r = 0; r < 3; ++r)
      sum += values[15 + r * 5 + t] - values[r * 5 + t];
    EXPECT_NEAR(difference[t], sum / 3, 1e-9 * (1 + std::fabs(sum))) << t;
  }
  EXPECT_LT(difference[0], 0);  // entry growth falls without faster licensing
}

TEST(CompareCommand, PrintsEveryPairsDifferenceWithItsInterval) {
  testing::TemporaryDirectory dir;
  testing::write_text(dir / "slow.ini",
                      "include = " + (testing::source_dir() / "configs/demo_market.ini").string() +
                          "\n[reform]\nfaster_licensing = false\n");
  std::vector<std::string> arguments{"compare",
                                     "--config",
                                     "configs/demo_market.ini",
                                     "--config",
                                     (dir / "slow.ini").string(),
                                     "--out",
                                     (dir / "c.h5").string()};
  arguments.insert(arguments.end(), small.begin() + 1, small.end());  // printed: not --quiet
  const auto result = testing::run_reformsim(arguments);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto low = testing::read_hdf5_doubles(dir / "c.h5", "difference_low");
  const auto high = testing::read_hdf5_doubles(dir / "c.h5", "difference_high");
  EXPECT_NE(result.out.find("difference (second - first)"), std::string::npos) << result.out;
  // One line per target and pair, naming the pair and giving the file's interval.
  char interval[64];
  std::snprintf(interval, sizeof interval, "[%.4g, %.4g]", low[0], high[0]);
  const auto line = result.out.find(interval);
  ASSERT_NE(line, std::string::npos) << interval << "\n" << result.out;
  const auto start = result.out.rfind('\n', line);
  EXPECT_NE(result.out.substr(start, line - start).find(" - "), std::string::npos) << result.out;
  std::size_t lines = 0;
  for (std::size_t at = result.out.find(" - "); at != std::string::npos;
       at = result.out.find(" - ", at + 1))
    ++lines;
  EXPECT_GE(lines, 5u);  // every target of the one pair
}

TEST(DecomposeCommand, ShapleyValuesPlusTrendAddUpToTheFullReformInEveryReplication) {
  testing::TemporaryDirectory dir;
  std::vector<std::string> arguments{"decompose",
                                     "--config",
                                     "configs/demo_market.ini",
                                     "--measures",
                                     "faster_licensing,entry_subsidy",
                                     "--reform.entry_subsidy=true",
                                     "--out",
                                     (dir / "d.h5").string()};
  arguments.insert(arguments.end(), small.begin(), small.end());
  const auto result = testing::run_reformsim(arguments);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto shapley = testing::read_hdf5_doubles(dir / "d.h5", "shapley_value");  // 3 x 2 x 5
  const auto trend = testing::read_hdf5_doubles(dir / "d.h5", "trend_value");      // 3 x 5
  const auto full = testing::read_hdf5_doubles(dir / "d.h5", "full_value");
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t t = 0; t < 5; ++t) {
      const double sum = shapley[r * 10 + t] + shapley[r * 10 + 5 + t];
      EXPECT_NEAR(trend[r * 5 + t] + sum, full[r * 5 + t], 1e-9 * (1 + std::fabs(full[r * 5 + t])));
    }
  EXPECT_GT(shapley[0], 0);  // faster licensing raises entry growth
  EXPECT_GT(shapley[5], 0);  // so does the entry subsidy
}

TEST(DecomposeCommand, AboveExactUpToItSamplesPermutationsAndStatesTheirError) {
  testing::TemporaryDirectory dir;
  const auto decompose = [&](const std::string& name, const std::vector<std::string>& extra) {
    std::vector<std::string> arguments{"decompose",
                                       "--config",
                                       "configs/demo_market.ini",
                                       "--measures",
                                       "faster_licensing,entry_subsidy",
                                       "--reform.entry_subsidy=true",
                                       "--exact-up-to",
                                       "1",
                                       "--out",
                                       (dir / name).string()};
    arguments.insert(arguments.end(), small.begin() + 1, small.end());  // printed: not --quiet
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return testing::run_reformsim(arguments);
  };
  const auto sampled = decompose("sampled.h5", {});
  ASSERT_EQ(sampled.exit_status, 0) << sampled.err;
  EXPECT_NE(sampled.err.find(std::to_string(default_permutations) + " sampled permutations"),
            std::string::npos)
      << sampled.err;
  EXPECT_NE(sampled.out.find("sampling se"), std::string::npos) << sampled.out;
  EXPECT_NE(sampled.out.find("95% interval"), std::string::npos) << sampled.out;
  const auto se = testing::read_hdf5_doubles(dir / "sampled.h5", "shapley_sampling_se");  // 2 x 5
  ASSERT_EQ(se.size(), 10u);
  std::size_t positive = 0;
  for (double value : se) {
    EXPECT_TRUE(std::isnan(value) || value >= 0) << value;
    positive += value > 0;
  }
  EXPECT_GT(positive, 0u);  // sampled orders give a stated error, not a false 0
  const auto one = decompose("one.h5", {"--permutations", "1"});
  ASSERT_EQ(one.exit_status, 0) << one.err;
  for (double value : testing::read_hdf5_doubles(dir / "one.h5", "shapley_sampling_se"))
    EXPECT_TRUE(std::isnan(value)) << "one permutation: no error estimate, not 0";
  // The values still add up to the total effect in every replication.
  const auto shapley =
      testing::read_hdf5_doubles(dir / "sampled.h5", "shapley_value");  // 3 x 2 x 5
  const auto trend = testing::read_hdf5_doubles(dir / "sampled.h5", "trend_value");
  const auto full = testing::read_hdf5_doubles(dir / "sampled.h5", "full_value");
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t t = 0; t < 5; ++t)
      EXPECT_NEAR(trend[r * 5 + t] + shapley[r * 10 + t] + shapley[r * 10 + 5 + t], full[r * 5 + t],
                  1e-9 * (1 + std::fabs(full[r * 5 + t])));
}

TEST(DecomposeCommand, RefusesUnknownMeasuresAndMissingTargetsWithExitTwo) {
  testing::TemporaryDirectory dir;
  const auto unknown =
      testing::run_reformsim({"decompose", "--config", "configs/demo_market.ini", "--measures",
                              "teleport", "--out", (dir / "d.h5").string()});
  EXPECT_EQ(unknown.exit_status, 2);
  EXPECT_NE(unknown.err.find("reform.teleport"), std::string::npos) << unknown.err;
  testing::TemporaryDirectory configs;
  testing::write_text(configs / "plain.ini", "model.name = demo_market\n");
  const auto no_targets =
      testing::run_reformsim({"decompose", "--config", (configs / "plain.ini").string(),
                              "--measures", "faster_licensing", "--out", (dir / "d.h5").string()});
  EXPECT_EQ(no_targets.exit_status, 2);
  EXPECT_NE(no_targets.err.find("comparisons need targets"), std::string::npos) << no_targets.err;
  EXPECT_TRUE(dir.entries().empty());
}

}  // namespace
}  // namespace reformsim
