// The queueing core against queueing theory. Each check runs enough jobs that the sampling
// error of the mean is far inside the tolerance (standard errors are given per test), with
// fixed seeds so a failure is a change in the core, not bad luck.
#include <gtest/gtest.h>

#include <cmath>

#include "models/approvals/approval_settings.h"
#include "models/model_catalogue.h"
#include "sim/run/scenario.h"
#include "tests/models/approvals/queueing_harness.h"

namespace reformsim::models {
namespace {

using testing::mean_of;
using testing::run_poisson;

constexpr auto registration = ApplicationType::business_registration;

// Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu.
double erlang_c(int servers, double offered_load) {
  double term = 1, sum = 1;  // sum of a^k / k! for k < c
  for (int k = 1; k < servers; ++k) {
    term *= offered_load / k;
    sum += term;
  }
  const double top = term * offered_load / servers / (1 - offered_load / servers);
  return top / (sum + top);
}

TEST(QueueingTheory, SingleServerMeanTimeInSystemMatchesOneOverMuMinusLambda) {
  // M/M/1, lambda 0.5, mu 1: W = 1 / (mu - lambda) = 2. With 200 000 jobs and the queue's
  // autocorrelation the standard error of the mean is about 0.7%; tolerance 3%.
  QueueingNetwork network({1}, {}, 11);
  const auto plan = network.add_plan(chain_plan(registration, 1, 0, 0, 1.0));
  const auto run = run_poisson(network, plan, 0.5, 200000, 12);
  ASSERT_EQ(run.times_in_system.size(), 200000u);
  EXPECT_NEAR(mean_of(run.times_in_system), 2.0, 0.03 * 2.0);
}

TEST(QueueingTheory, AUnitsProductivityScalesItsServiceRate) {
  // Two M/M/1 units in a chain, mu = 1 at productivity 1: unit 0 at productivity 2 serves at
  // rate 2, unit 1 at 1.25. lambda 0.5: W = 1 / (2 - 0.5) + 1 / (1.25 - 0.5) = 2.0 (Jackson
  // network: each unit is M/M/1). 200 000 jobs, standard error under 1%; tolerance 3%.
  QueueingNetwork network({1, 1}, {}, 13);
  network.set_unit_productivity(0, 2.0);
  network.set_unit_productivity(1, 1.25);
  EXPECT_DOUBLE_EQ(network.productivity(0), 2.0);
  const auto plan = network.add_plan(chain_plan(registration, 2, 0, 1, 1.0));
  const auto run = run_poisson(network, plan, 0.5, 200000, 14);
  const double expected = 1.0 / 1.5 + 1.0 / 0.75;
  EXPECT_NEAR(mean_of(run.times_in_system), expected, 0.03 * expected);
  EXPECT_THROW(network.set_unit_productivity(0, 0.0), std::invalid_argument);
  EXPECT_THROW(network.set_unit_productivity(2, 1.0), std::out_of_range);
  network.set_productivity(0.5);  // every unit
  EXPECT_DOUBLE_EQ(network.productivity(1), 0.5);
}

TEST(QueueingTheory, MultiServerMeanTimeInSystemMatchesErlangC) {
  // M/M/3, lambda 2.1, mu 1 (utilisation 0.7): W = C(3, 2.1) / (3 mu - lambda) + 1 / mu.
  // 300 000 jobs: standard error about 0.4%; tolerance 3%.
  QueueingNetwork network({3}, {}, 21);
  const auto plan = network.add_plan(chain_plan(registration, 1, 0, 0, 1.0));
  const auto run = run_poisson(network, plan, 2.1, 300000, 22);
  const double expected = erlang_c(3, 2.1) / (3.0 - 2.1) + 1.0;
  EXPECT_NEAR(mean_of(run.times_in_system), expected, 0.03 * expected);
}

TEST(QueueingTheory, ErlangCFormulaMatchesTheSingleServerCase) {
  // With one server the waiting probability is the utilisation: guards the reference itself.
  EXPECT_NEAR(erlang_c(1, 0.5), 0.5, 1e-12);
  EXPECT_NEAR(erlang_c(2, 1.0), 1.0 / 3.0, 1e-12);
}

TEST(QueueingTheory, ForkJoinOfIndependentExponentialStagesTakesHarmonicNumberOverMu) {
  // K = 5 branches, mu = 1, 1000 servers each (no queueing): E[max] = H_5 = 2.2833.
  // 100 000 jobs: standard error 0.2%; tolerance 1%.
  constexpr std::uint32_t branches = 5;
  QueueingNetwork network(std::vector<std::int32_t>(branches, 1000), {}, 31);
  const auto plan = network.add_plan(fork_join_plan(registration, branches, 0, 1.0));
  const auto run = run_poisson(network, plan, 0.2, 100000, 32);
  double harmonic = 0;
  for (std::uint32_t k = 1; k <= branches; ++k)
    harmonic += 1.0 / k;
  EXPECT_NEAR(mean_of(run.times_in_system), harmonic, 0.01 * harmonic);
}

TEST(QueueingTheory, ChainOfSequentialStagesTakesTheSumOfTheMeans) {
  // K = 5 stages of mean 0.5 at five units of 1000 servers (no queueing): E = 2.5.
  // 100 000 jobs: standard error 0.2%; tolerance 1%.
  QueueingNetwork network(std::vector<std::int32_t>(5, 1000), {}, 41);
  const auto plan = network.add_plan(chain_plan(registration, 5, 0, 1, 0.5));
  const auto run = run_poisson(network, plan, 0.2, 100000, 42);
  EXPECT_NEAR(mean_of(run.times_in_system), 2.5, 0.01 * 2.5);
}

TEST(QueueingTheory, StaffProductivityScalesServiceTimeExactly) {
  // Deterministic service: a chain of 3 steps of 1 day at productivity 0.5 takes 6 days.
  QueueingNetwork network(std::vector<std::int32_t>(3, 10),
                          {ServiceDistribution::deterministic, 1.0}, 51);
  network.set_productivity(0.5);
  const auto plan = network.add_plan(chain_plan(registration, 3, 0, 1, 1.0));
  network.submit(plan, 0, 0.25);
  network.run_until(100);
  ASSERT_EQ(network.outcomes().size(), 1u);
  EXPECT_DOUBLE_EQ(network.outcomes()[0].completed_day, 6.25);
  EXPECT_THROW(network.set_productivity(0), std::invalid_argument);
}

TEST(QueueingTheory, LognormalServiceHasTheConfiguredMean) {
  // 100 000 steps at 1000 servers: lognormal mean 2, cv 0.5; standard error 0.16%, tolerance 1%.
  QueueingNetwork network({1000}, {ServiceDistribution::lognormal, 0.5}, 61);
  const auto plan = network.add_plan(chain_plan(registration, 1, 0, 0, 2.0));
  const auto run = run_poisson(network, plan, 1.0, 100000, 62);
  EXPECT_NEAR(mean_of(run.times_in_system), 2.0, 0.02);
}

TEST(QueueingTheory, LittlesLawHoldsOnTheWholeBinhaiNetworkBeforeTheReform) {
  // Both workflows before the reform (transfers, rework, the city, shared departments): the
  // time-average number in system over a window equals arrival rate x mean time in system of
  // the applications arriving in it. Boundary effects are about W / window = 0.3% and the
  // sampling error about 1%; tolerance 3%.
  const auto catalogue = all_models();
  ParameterSet parameters(build_registry(*catalogue.find("approvals"), catalogue));
  const ApprovalSettings settings = ApprovalSettings::from(parameters);
  QueueingNetwork network(
      settings.layout.servers(static_cast<std::int32_t>(settings.servers_per_department),
                              static_cast<std::int32_t>(settings.city_servers)),
      settings.service, 71);
  const auto registrations = network.add_plan(build_workflow_plan(settings, registration, {}));
  const auto investments =
      network.add_plan(build_workflow_plan(settings, ApplicationType::investment_project, {}));
  const double window_start = 200, window_end = 8200, rate = 8.5;
  RandomStream arrivals(72, {99, 2, 0, 0});
  double time = 0, area_at_start = 0;
  std::size_t in_window = 0;
  while (time < window_end) {
    time += arrivals.exponential(rate);
    network.run_until(time);
    if (time >= window_start && area_at_start == 0)
      area_at_start = network.application_days_in_system();
    const bool investment = arrivals.bernoulli(0.5 / rate);
    network.submit(investment ? investments : registrations, 0, time);
    if (time >= window_start && time < window_end) ++in_window;
  }
  network.run_until(window_end);
  const double mean_in_system =
      (network.application_days_in_system() - area_at_start) / (window_end - window_start);
  network.run_until(window_end + 1e6);
  double total_days = 0;
  for (const ApplicationOutcome& outcome : network.outcomes())
    if (outcome.submitted_day >= window_start && outcome.submitted_day < window_end)
      total_days += outcome.completed_day - outcome.submitted_day;
  const double arrival_rate = static_cast<double>(in_window) / (window_end - window_start);
  const double mean_time = total_days / static_cast<double>(in_window);
  EXPECT_NEAR(mean_in_system, arrival_rate * mean_time, 0.03 * mean_in_system);
  EXPECT_GT(mean_in_system, 20);  // a loaded network, not an empty one
}

}  // namespace
}  // namespace reformsim::models
