// ABC-SMC on toys with known answers: the conjugate normal-mean posterior, and the properties
// every run must have (normalised weights, ESS in [1, N], non-increasing tolerance, proposals
// inside the prior support, the same result on 1 and 4 threads, resume == uninterrupted).
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "sim/calibration/abc_smc.h"
#include "sim/calibration/calibration_file.h"
#include "sim/calibration/checkpoint.h"
#include "sim/calibration/posterior_summary.h"
#include "sim/cli/command.h"
#include "tests/calibration/toy_simulators.h"
#include "tests/support/test_support.h"

namespace reformsim::calibration {
namespace {

using testing::ToySimulator;

// Two parameters with uniform(0, 1) priors and targets near the edge of the support, so many
// kernel proposals fall outside it and must be redrawn.
struct EdgeToy {
  ParameterSpace space{{{"a", Prior::uniform(0, 1), false}, {"b", Prior::uniform(0, 1), false}}};
  std::vector<TargetSpec> targets{{"a_plus_noise", 0.95, 0.1, 1, true},
                                  {"b_plus_noise", 0.05, 0.1, 1, true},
                                  {"product", 0.0475, 0.1, 1, false}};
  ToySimulator simulator{[](const std::vector<double>& t) {
                           return std::vector<double>{t[0], t[1], t[0] * t[1]};
                         },
                         0.05};
  AbcSettings settings() const {
    AbcSettings s;
    s.population = 60;
    s.max_generations = 4;
    s.master_seed = 99;
    return s;
  }
};

void expect_same_state(const AbcState& a, const AbcState& b) {
  ASSERT_EQ(a.evaluations.size(), b.evaluations.size());
  for (std::size_t n = 0; n < a.evaluations.size(); ++n) {
    EXPECT_EQ(a.evaluations[n].theta, b.evaluations[n].theta);
    EXPECT_EQ(a.evaluations[n].statistics, b.evaluations[n].statistics);
    EXPECT_EQ(a.evaluations[n].distance, b.evaluations[n].distance);
    EXPECT_EQ(a.evaluations[n].accepted, b.evaluations[n].accepted);
  }
  ASSERT_EQ(a.generations.size(), b.generations.size());
  for (std::size_t g = 0; g < a.generations.size(); ++g) {
    EXPECT_EQ(a.generations[g].particles, b.generations[g].particles);
    EXPECT_EQ(a.generations[g].weights, b.generations[g].weights);
    EXPECT_EQ(a.generations[g].tolerance, b.generations[g].tolerance);
    EXPECT_EQ(a.generations[g].effective_sample_size, b.generations[g].effective_sample_size);
  }
  EXPECT_EQ(a.simulations, b.simulations);
  EXPECT_EQ(a.stop_reason, b.stop_reason);
}

TEST(AbcSmc, RecoversTheConjugateNormalMeanPosterior) {
  // theta ~ N(0, 1), y | theta ~ N(theta, 0.5^2), y_obs = 2: posterior N(1.6, 0.4472^2).
  // With a final tolerance of 0.03 the ABC blur adds ~0.8^2 0.03^2 / 3 to the variance
  // (negligible); with an ESS of several hundred the Monte Carlo standard error of the mean
  // is ~0.025 and of the sd ~0.02, so the tolerances below are about three of them.
  const ParameterSpace space({{"theta", Prior::normal(0, 1), false}});
  const std::vector<TargetSpec> targets{{"y", 2.0, 1.0, 1, true}};
  ToySimulator simulator([](const std::vector<double>& t) { return t; }, 0.5);
  AbcSettings settings;
  settings.population = 600;
  settings.minimum_tolerance = 0.03;
  settings.max_generations = 15;
  settings.master_seed = 2018;
  AbcState state;
  run_abc_smc(simulator, space, targets, settings, state);
  EXPECT_EQ(state.stop_reason, "minimum tolerance reached");
  const Generation& last = state.generations.back();
  const auto posterior = summarise_posterior(last.particles, last.weights);
  EXPECT_NEAR(posterior.mean[0], 1.6, 0.08);
  EXPECT_NEAR(posterior.standard_deviation[0], 0.4472, 0.06);
  EXPECT_GT(last.effective_sample_size, 200);
}

TEST(AbcSmc, WeightsAreNormalisedEssIsInRangeAndToleranceNeverIncreases) {
  EdgeToy toy;
  AbcState state;
  run_abc_smc(toy.simulator, toy.space, toy.targets, toy.settings(), state);
  ASSERT_EQ(state.generations.size(), 4u);
  double previous = INFINITY;
  for (const auto& generation : state.generations) {
    EXPECT_NEAR(generation.weights.sum(), 1.0, 1e-12);
    EXPECT_TRUE((generation.weights.array() >= 0).all());
    EXPECT_GE(generation.effective_sample_size, 1.0);
    EXPECT_LE(generation.effective_sample_size, 60.0 + 1e-9);
    EXPECT_LE(generation.tolerance, previous);
    previous = generation.tolerance;
    for (const double distance : generation.distances)
      EXPECT_LE(distance, generation.tolerance);
  }
  EXPECT_LT(state.generations.back().tolerance, state.generations.front().tolerance);
}

TEST(AbcSmc, EveryProposalLiesInsideThePriorSupport) {
  EdgeToy toy;
  AbcState state;
  run_abc_smc(toy.simulator, toy.space, toy.targets, toy.settings(), state);
  std::size_t near_edge = 0;
  for (const auto& evaluation : state.evaluations) {
    ASSERT_TRUE(toy.space.contains(evaluation.theta));
    near_edge += evaluation.theta[0] > 0.9;
  }
  EXPECT_GT(near_edge, 50u);  // the edge is where the posterior is: proposals crowd there
}

TEST(AbcSmc, AGenerationIsIdenticalOnOneAndFourThreads) {
  AbcState one, four;
  {
    EdgeToy toy;
    ThreadPoolLimit pool(1);
    pool.run([&] { run_abc_smc(toy.simulator, toy.space, toy.targets, toy.settings(), one); });
  }
  {
    EdgeToy toy;
    ThreadPoolLimit pool(4);  // more than the cores on purpose: scheduling must not matter
    pool.run([&] { run_abc_smc(toy.simulator, toy.space, toy.targets, toy.settings(), four); });
  }
  expect_same_state(one, four);
}

TEST(AbcSmc, AdaptiveDistanceRunsAndRecordsItsScales) {
  EdgeToy toy;
  auto settings = toy.settings();
  settings.distance = DistanceKind::adaptive;
  AbcState state;
  run_abc_smc(toy.simulator, toy.space, toy.targets, settings, state);
  // Generation 0's scales are the MADs of prior-sample statistics of uniform(0, 1): ~0.25.
  EXPECT_NEAR(state.generations.front().scales[0], 0.25, 0.06);
  EXPECT_LT(state.generations.back().scales[0], state.generations.front().scales[0]);
}

TEST(AbcSmc, TheBudgetStopsARunAndAbandonsTheUnfinishedGeneration) {
  EdgeToy toy;
  auto settings = toy.settings();
  settings.max_generations = 50;
  settings.simulation_budget = 400;
  AbcState state;
  run_abc_smc(toy.simulator, toy.space, toy.targets, settings, state);
  EXPECT_NE(state.stop_reason.find("budget"), std::string::npos);
  EXPECT_GE(state.simulations, 400u);
  settings.simulation_budget = 10;
  AbcState starved;
  EXPECT_THROW(run_abc_smc(toy.simulator, toy.space, toy.targets, settings, starved),
               std::runtime_error);
}

struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

CalibrationDescription describe(const EdgeToy& toy) {
  return {"abc-smc", toy.space.parameters(), toy.targets, "toy inputs", "[toy]\n"};
}

TEST(AbcSmc, AResumedRunIsBitIdenticalToAnUninterruptedOne) {
  reformsim::testing::TemporaryDirectory directory;
  const Provenance provenance{"calibration", "test", 99, 1, "start", "end"};
  AbcState uninterrupted;
  {
    EdgeToy toy;
    run_abc_smc(toy.simulator, toy.space, toy.targets, toy.settings(), uninterrupted);
    write_abc_file(directory / "uninterrupted.h5", provenance, describe(toy), uninterrupted, true);
  }
  const auto checkpoint = directory / "resumed.h5";
  {
    EdgeToy toy;
    AbcState state;
    EXPECT_THROW(run_abc_smc(toy.simulator, toy.space, toy.targets, toy.settings(), state,
                             [&](const AbcState& progress) {
                               publish_checkpoint(directory / ".partial", checkpoint,
                                                  [&](const std::filesystem::path& path) {
                                                    write_abc_file(path, provenance, describe(toy),
                                                                   progress, false);
                                                  });
                               if (progress.generations.size() == 2) throw Interrupted();
                             }),
                 Interrupted);
  }
  EXPECT_FALSE(read_checkpoint_header(checkpoint).complete);
  EdgeToy toy;
  AbcState resumed = read_abc_checkpoint(checkpoint, 2, 3);
  ASSERT_EQ(resumed.generations.size(), 2u);
  run_abc_smc(toy.simulator, toy.space, toy.targets, toy.settings(), resumed);
  expect_same_state(uninterrupted, resumed);
  // Only generations 2 and 3 were simulated again.
  EXPECT_EQ(toy.simulator.simulations.load(),
            uninterrupted.generations[2].simulations + uninterrupted.generations[3].simulations);
  write_abc_file(checkpoint, provenance, describe(toy), resumed, true);
  EXPECT_EQ(reformsim::testing::read_all_datasets(directory / "uninterrupted.h5"),
            reformsim::testing::read_all_datasets(checkpoint));
}

}  // namespace
}  // namespace reformsim::calibration
