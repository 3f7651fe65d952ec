// The method of simulated moments on smooth toys with known optima; common random numbers make
// J deterministic in theta; runs repeat exactly, and a replayed run equals an uninterrupted one.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/calibration/msm.h"
#include "tests/calibration/toy_simulators.h"

namespace reformsim::calibration {
namespace {

using testing::ToySimulator;

// Statistics (a, b, a^2 + b) with targets (0.5, -1, -0.75): J = 0 only at (0.5, -1).
struct SmoothToy {
  ParameterSpace space{{{"a", Prior::uniform(-2, 2), false}, {"b", Prior::uniform(-2, 2), false}}};
  std::vector<TargetSpec> targets{{"a", 0.5, 0.1, 1, true},
                                  {"b", -1.0, 0.1, 1, true},
                                  {"a2_plus_b", -0.75, 0.1, 1, true},
                                  {"held_out", 0, 1, 1, false}};
  static std::vector<double> model(const std::vector<double>& t) {
    return {t[0], t[1], t[0] * t[0] + t[1], t[0] - t[1]};
  }
  MsmSettings settings() const {
    MsmSettings s;
    s.global_evaluations = 300;
    s.local_evaluations = 300;
    s.local_relative_tolerance = 1e-10;
    s.replications = 3;
    s.master_seed = 5;
    return s;
  }
};

TEST(Msm, ReachesTheKnownOptimumOfASmoothFunction) {
  SmoothToy toy;
  for (const auto global : {GlobalAlgorithm::crs2, GlobalAlgorithm::isres}) {
    ToySimulator simulator(SmoothToy::model, 0.0);
    auto settings = toy.settings();
    settings.global = global;
    const auto result = run_msm(simulator, toy.space, toy.targets, settings);
    const auto& best = result.evaluations[result.best];
    // Sbplx with xtol_rel 1e-10 from a CRS2/ISRES point: the optimum to well under 1e-4.
    EXPECT_NEAR(best.theta[0], 0.5, 1e-4);
    EXPECT_NEAR(best.theta[1], -1.0, 1e-4);
    EXPECT_LT(best.objective, 1e-6);
    EXPECT_LE(result.evaluations.size(), 601u);  // the budgets are enforced exactly
  }
}

TEST(Msm, CommonRandomNumbersMakeTheObjectiveDeterministicInTheta) {
  SmoothToy toy;
  ToySimulator simulator(SmoothToy::model, 0.3);
  const auto result = run_msm(simulator, toy.space, toy.targets, toy.settings());
  const std::vector<double> weights(3, 1.0);
  const std::vector<double> theta{0.4, -0.8};
  const auto first = simulator.simulate({{theta, result.seeds}}).front();
  const auto again = simulator.simulate({{theta, result.seeds}}).front();
  EXPECT_EQ(msm_objective(toy.targets, weights, first), msm_objective(toy.targets, weights, again));
  // Other seeds give another J: the noise is real, and CRN is what removes it.
  auto other_seeds = result.seeds;
  other_seeds[0] += 1;
  EXPECT_NE(msm_objective(toy.targets, weights, simulator.simulate({{theta, other_seeds}}).front()),
            msm_objective(toy.targets, weights, first));
  // With noise the optimum moves by about noise / sqrt(R) = 0.17 at most per target.
  EXPECT_NEAR(result.evaluations[result.best].theta[0], 0.5, 0.3);
}

TEST(Msm, RunsRepeatExactlyAndAReplayedRunEqualsAnUninterruptedOne) {
  SmoothToy toy;
  ToySimulator first_simulator(SmoothToy::model, 0.3), second_simulator(SmoothToy::model, 0.3);
  const auto first = run_msm(first_simulator, toy.space, toy.targets, toy.settings());
  const auto second = run_msm(second_simulator, toy.space, toy.targets, toy.settings());
  ASSERT_EQ(first.evaluations.size(), second.evaluations.size());
  for (std::size_t n = 0; n < first.evaluations.size(); ++n)
    EXPECT_EQ(first.evaluations[n].theta, second.evaluations[n].theta);
  const std::vector<MsmEvaluation> replay(first.evaluations.begin(),
                                          first.evaluations.begin() + 40);
  ToySimulator resumed_simulator(SmoothToy::model, 0.3);
  const auto resumed = run_msm(resumed_simulator, toy.space, toy.targets, toy.settings(), replay);
  ASSERT_EQ(resumed.evaluations.size(), first.evaluations.size());
  for (std::size_t n = 0; n < first.evaluations.size(); ++n) {
    EXPECT_EQ(resumed.evaluations[n].theta, first.evaluations[n].theta);
    EXPECT_EQ(resumed.evaluations[n].objective, first.evaluations[n].objective);
  }
  EXPECT_EQ(resumed_simulator.simulations.load(), first.evaluations.size() - 40);
}

TEST(Msm, EachStageStopsAtExactlyItsEvaluationBudget) {
  SmoothToy toy;
  auto settings = toy.settings();
  settings.global_evaluations = 25;  // below CRS2's initial population of 10 (n + 1) = 30
  settings.local_evaluations = 7;
  ToySimulator simulator(SmoothToy::model, 0.3);
  const auto result = run_msm(simulator, toy.space, toy.targets, settings);
  std::size_t global = 0, local = 0;
  for (const auto& evaluation : result.evaluations) {
    global += evaluation.stage == MsmStage::global;
    local += evaluation.stage == MsmStage::local;
  }
  EXPECT_EQ(global, 25u);
  EXPECT_EQ(local, 7u);
  EXPECT_EQ(result.global_status, "evaluation budget spent");
}

TEST(Msm, InverseVarianceWeightingDiscountsNoisyTargets) {
  SmoothToy toy;
  auto settings = toy.settings();
  settings.weighting = MomentWeighting::inverse_variance;
  settings.global_evaluations = 20;
  settings.local_evaluations = 5;
  ToySimulator simulator(SmoothToy::model, 0.3);
  const auto result = run_msm(simulator, toy.space, toy.targets, settings);
  ASSERT_EQ(result.moment_weights.size(), 3u);
  // Replication variance ~0.09 against u^2 R = 0.03: weights well below 1, but positive.
  for (const double weight : result.moment_weights) {
    EXPECT_GT(weight, 0);
    EXPECT_LT(weight, 0.9);
  }
  ParameterSpace unbounded({{"a", Prior::normal(0, 1), false}});
  EXPECT_THROW(run_msm(simulator, unbounded, toy.targets, settings), std::invalid_argument);
}

}  // namespace
}  // namespace reformsim::calibration
