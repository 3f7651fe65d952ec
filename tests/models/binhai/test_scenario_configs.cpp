// The shipped scenarios of MODEL.md section 8: no reform, full, each measure alone, the full
// reform minus each measure; and decompositions and comparisons on the real model.
#include <gtest/gtest.h>

#include <cmath>

#include "models/common/reform_measures.h"
#include "models/model_catalogue.h"
#include "sim/run/scenario.h"
#include "tests/support/test_support.h"

namespace reformsim {
namespace {

using models::all_measures;
using models::measure_name;

Scenario scenario(const std::string& name) {
  const auto catalogue = models::all_models();
  return load_scenario(catalogue, testing::source_dir() / "configs/scenarios" / (name + ".ini"),
                       {});
}

TEST(ScenarioConfigs, EachMeasureAloneAndTheFullReformMinusEachSwitchExactlyThatMeasure) {
  for (const auto measure : all_measures()) {
    const std::string name = measure_name(measure);
    const Scenario alone = scenario("only_" + name), minus = scenario("without_" + name);
    for (const auto other : all_measures()) {
      const std::string key = "reform." + measure_name(other);
      EXPECT_EQ(alone.parameters.boolean(key), other == measure) << name << " " << key;
      EXPECT_EQ(minus.parameters.boolean(key), other != measure) << name << " " << key;
    }
    EXPECT_EQ(alone.parameters.text("model.name"), "binhai_2018");
    EXPECT_FALSE(alone.targets.empty());  // the main config's targets, resolved from configs/
  }
  for (const auto measure : all_measures()) {
    const std::string key = "reform." + measure_name(measure);
    EXPECT_FALSE(scenario("no_reform").parameters.boolean(key));
    EXPECT_TRUE(scenario("full_reform").parameters.boolean(key));
  }
}

const std::vector<std::string> short_run{"--quiet", "--calendar.burn_in_days=20",
                                         "--replications=2"};

TEST(BinhaiComparison, CommonRandomNumbersMakeIdenticalScenariosDifferByExactlyZero) {
  testing::TemporaryDirectory dir;
  testing::write_text(
      dir / "twin.ini",
      "include = " + (testing::source_dir() / "configs/scenarios/full_reform.ini").string() + "\n");
  std::vector<std::string> arguments{"compare",
                                     "--config",
                                     "configs/scenarios/full_reform.ini",
                                     "--config",
                                     (dir / "twin.ini").string(),
                                     "--out",
                                     (dir / "c.h5").string()};
  arguments.insert(arguments.end(), short_run.begin(), short_run.end());
  const auto result = testing::run_reformsim(arguments);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto difference = testing::read_hdf5_doubles(dir / "c.h5", "difference_mean");
  ASSERT_EQ(difference.size(), 12u);
  std::size_t finite = 0;
  for (double value : difference)
    if (!std::isnan(value)) {
      EXPECT_EQ(value, 0.0);
      ++finite;
    }
  // Skipping NaN must not hide a comparison of nothing: every target is defined in the full
  // reform (the re-hiring counts included) except, at most, one growth figure whose base
  // window can be empty in a 2-replication run with a 20-day burn-in.
  EXPECT_GE(finite, 11u);
}

TEST(BinhaiDecomposition, ShapleyValuesSumToTheTotalEffectOnTheRealModel) {
  testing::TemporaryDirectory dir;
  std::vector<std::string> arguments{
      "decompose",
      "--config",
      "configs/binhai_2018.ini",
      "--measures",
      "approvals=one_window_bureau+step_reduction+parallel_approval+tolerant_acceptance+"
      "pre_review+delegation,staff=competitive_rehiring+performance_pay",
      "--out",
      (dir / "d.h5").string()};
  arguments.insert(arguments.end(), short_run.begin(), short_run.end());
  const auto result = testing::run_reformsim(arguments);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto shapley = testing::read_hdf5_doubles(dir / "d.h5", "shapley_value");  // 2 x 2 x 12
  const auto trend = testing::read_hdf5_doubles(dir / "d.h5", "trend_value");      // 2 x 12
  const auto full = testing::read_hdf5_doubles(dir / "d.h5", "full_value");
  std::size_t checked = 0;
  for (std::size_t r = 0; r < 2; ++r)
    for (std::size_t t = 0; t < 12; ++t) {
      const double sum = shapley[r * 24 + t] + shapley[r * 24 + 12 + t];
      if (std::isnan(full[r * 12 + t]) || std::isnan(trend[r * 12 + t])) continue;
      EXPECT_NEAR(trend[r * 12 + t] + sum, full[r * 12 + t],
                  1e-9 * (1 + std::fabs(full[r * 12 + t])));
      ++checked;
    }
  EXPECT_GE(checked, 16u);
  // The approval measures carry the fall in approval days after the reform (target 1).
  EXPECT_LT(shapley[1], 0);
}

}  // namespace
}  // namespace reformsim
