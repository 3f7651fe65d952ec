// The windowed event loop (units as logical processes, plan_routing.h) against the serial one:
// how plans are routed, and that every outcome and every statistic is bit-identical, whatever
// the plans, delays, withdrawals and productivity changes, on one thread and on several.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <bit>
#include <cmath>
#include <limits>

#include "models/approvals/plan_routing.h"
#include "models/approvals/queueing_network.h"

namespace reformsim::models {
namespace {

constexpr auto registration = ApplicationType::business_registration;
constexpr auto investment = ApplicationType::investment_project;

WorkflowNode step_at(std::int32_t unit, double transfer_in, double service = 0.2) {
  WorkflowNode node;
  node.unit = unit;
  node.transfer_in_days = transfer_in;
  node.service_mean_days = service;
  node.trips_on_entry = 1;
  return node;
}

WorkflowNode delay(double days, double transfer_in = 0) {
  WorkflowNode node;
  node.service_mean_days = days;
  node.transfer_in_days = transfer_in;
  return node;
}

// Units 0 -> 1 -> 2, each step followed by a sign-off delay.
WorkflowPlan chain_with_sign_offs(double transfer) {
  WorkflowPlan plan;
  std::uint32_t last = plan.add_node(step_at(0, 0));
  for (std::int32_t unit = 0; unit < 3; ++unit) {
    if (unit > 0) {
      const std::uint32_t step = plan.add_node(step_at(unit, transfer));
      plan.add_edge(last, step);
      last = step;
    }
    const std::uint32_t sign_off = plan.add_node(delay(0.1));
    plan.add_edge(last, sign_off);
    last = sign_off;
  }
  plan.finalise();
  return plan;
}

// A pre-review (no unit, a source), then steps at units 1 and 2 at once, a join, and a step at
// unit 2 after the within-unit hand-off.
WorkflowPlan reviewed_fork_join() {
  WorkflowPlan plan;
  plan.type = investment;
  const std::uint32_t review = plan.add_node(delay(0.5));
  const std::uint32_t a = plan.add_node(step_at(1, 0.3));
  const std::uint32_t b = plan.add_node(step_at(2, 0.3));
  plan.add_edge(review, a);
  plan.add_edge(review, b);
  const std::uint32_t sign_a = plan.add_node(delay(0.0));  // a zero-day sign-off
  const std::uint32_t sign_b = plan.add_node(delay(0.2));
  plan.add_edge(a, sign_a);
  plan.add_edge(b, sign_b);
  const std::uint32_t join = plan.add_node(WorkflowNode{});
  plan.add_edge(sign_a, join);
  plan.add_edge(sign_b, join);
  const std::uint32_t last = plan.add_node(step_at(2, 0.05));
  plan.add_edge(join, last);
  plan.finalise();
  return plan;
}

// The same without the step after the join: the join is the sink.
WorkflowPlan reviewed_fork() {
  WorkflowPlan plan = reviewed_fork_join();
  plan.nodes[5].successors.clear();
  plan.nodes.pop_back();
  plan.finalise();
  return plan;
}

// A step at unit 3 waiting directly for steps at units 0 and 3 (a join that is a unit's step),
// with documents often missing at the first step, and two sinks in different units.
WorkflowPlan unit_join_two_sinks() {
  WorkflowPlan plan;
  WorkflowNode first = step_at(0, 0);
  first.missing_document_probability = 0.3;
  first.rework_days = 0.7;
  const std::uint32_t a = plan.add_node(first);
  const std::uint32_t b = plan.add_node(step_at(3, 0));
  const std::uint32_t joined = plan.add_node(step_at(3, 0.3));
  plan.add_edge(a, joined);
  plan.add_edge(b, joined);
  const std::uint32_t sink_1 = plan.add_node(step_at(1, 0.4));
  const std::uint32_t sink_2 = plan.add_node(step_at(3, 0.05));
  plan.add_edge(joined, sink_1);
  plan.add_edge(joined, sink_2);
  plan.finalise();
  return plan;
}

TEST(PlanRouting, UnitsAreTheirOwnProcessesAndDelaysLiveWithTheirPredecessor) {
  const WorkflowPlan plan = chain_with_sign_offs(0.3);
  const PlanRouting routing = route_plan(plan, 4);
  ASSERT_EQ(routing.home.size(), plan.nodes.size());
  // step 0, sign-off, step 1, sign-off, step 2, sign-off
  EXPECT_EQ(routing.home, (std::vector<std::uint32_t>{0, 0, 1, 1, 2, 2}));
  EXPECT_EQ(routing.edge(0, 0), EdgeDelivery::local);
  EXPECT_EQ(routing.edge(1, 0), EdgeDelivery::remote);  // sign-off at unit 0 -> step at 1
  EXPECT_EQ(routing.edge(3, 0), EdgeDelivery::remote);
  EXPECT_DOUBLE_EQ(routing.lookahead, 0.3);
  EXPECT_EQ(routing.relays, (std::vector<std::uint8_t>(6, 0)));
  // Within one unit nothing crosses: no bound.
  EXPECT_EQ(route_plan(chain_plan(registration, 4, 0, 0, 1.0), 1).lookahead,
            std::numeric_limits<double>::infinity());
}

TEST(PlanRouting, SourcesWithoutUnitAndJoinsAcrossUnitsGoToTheMergeProcess) {
  const WorkflowPlan plan = reviewed_fork_join();
  const PlanRouting routing = route_plan(plan, 3);
  const std::uint32_t merge = 3;
  // review, a, b, sign_a, sign_b, join, last
  EXPECT_EQ(routing.home, (std::vector<std::uint32_t>{merge, 1, 2, 1, 2, merge, 2}));
  EXPECT_EQ(routing.edge(0, 0), EdgeDelivery::remote);    // review -> a: from the merge phase
  EXPECT_EQ(routing.edge(3, 0), EdgeDelivery::deferred);  // sign_a -> join
  EXPECT_EQ(routing.edge(4, 0), EdgeDelivery::deferred);
  EXPECT_EQ(routing.relays[3], 1);
  EXPECT_EQ(routing.relays[1], 0);
  // The join's successor follows 0.05 days after the join: that is the lookahead. The 0.3
  // after the review does not add the review's 0.5: its completion may open a window.
  EXPECT_DOUBLE_EQ(routing.lookahead, 0.05);
  EXPECT_DOUBLE_EQ(route_plan(reviewed_fork(), 3).lookahead, 0.3);
}

TEST(PlanRouting, AUnitStepWaitingForTwoUnitsIsDeferredAndBoundsTheLookahead) {
  const PlanRouting routing = route_plan(unit_join_two_sinks(), 4);
  EXPECT_EQ(routing.home, (std::vector<std::uint32_t>{0, 3, 3, 1, 3}));
  EXPECT_EQ(routing.edge(0, 0), EdgeDelivery::deferred);
  EXPECT_EQ(routing.edge(1, 0), EdgeDelivery::deferred);  // same unit, but a mixed join
  EXPECT_EQ(routing.edge(2, 0), EdgeDelivery::remote);
  EXPECT_EQ(routing.edge(2, 1), EdgeDelivery::local);
  EXPECT_DOUBLE_EQ(routing.lookahead, 0.3);
  // A zero hand-off between units leaves no window.
  EXPECT_EQ(route_plan(chain_with_sign_offs(0.0), 3).lookahead, 0.0);
}

struct NetworkSetup {
  std::vector<std::int32_t> servers{2, 3, 1, 2};
  ServiceTimeModel service{ServiceDistribution::lognormal, 0.8};
  std::vector<WorkflowPlan> plans{chain_with_sign_offs(0.3), reviewed_fork_join(),
                                  unit_join_two_sinks()};
};

// Everything a day's metrics read from the network, exactly.
struct Snapshot {
  std::vector<ApplicationOutcome> outcomes;
  std::vector<double> busy, queues;
  double in_system = 0;
  std::uint64_t registrations = 0, investments = 0;
};

bool same(const ApplicationOutcome& a, const ApplicationOutcome& b) {
  return a.application == b.application && a.type == b.type && a.applicant == b.applicant &&
         std::bit_cast<std::uint64_t>(a.submitted_day) ==
             std::bit_cast<std::uint64_t>(b.submitted_day) &&
         std::bit_cast<std::uint64_t>(a.completed_day) ==
             std::bit_cast<std::uint64_t>(b.completed_day) &&
         a.trips == b.trips && a.withdrawn == b.withdrawn;
}

void expect_same(const Snapshot& serial, const Snapshot& windowed, int day) {
  ASSERT_EQ(serial.outcomes.size(), windowed.outcomes.size()) << "day " << day;
  for (std::size_t i = 0; i < serial.outcomes.size(); ++i)
    ASSERT_TRUE(same(serial.outcomes[i], windowed.outcomes[i])) << "day " << day << " #" << i;
  for (std::size_t unit = 0; unit < serial.busy.size(); ++unit) {
    ASSERT_EQ(std::bit_cast<std::uint64_t>(serial.busy[unit]),
              std::bit_cast<std::uint64_t>(windowed.busy[unit]))
        << "day " << day << " unit " << unit;
    ASSERT_EQ(serial.queues[unit], windowed.queues[unit]) << "day " << day << " unit " << unit;
  }
  ASSERT_EQ(std::bit_cast<std::uint64_t>(serial.in_system),
            std::bit_cast<std::uint64_t>(windowed.in_system))
      << "day " << day;
  ASSERT_EQ(serial.registrations, windowed.registrations) << "day " << day;
  ASSERT_EQ(serial.investments, windowed.investments) << "day " << day;
}

// Runs `days` days of Poisson submissions on every plan, withdrawing some applications and
// changing a unit's productivity now and then; execution(day) says how each day runs.
struct Run {
  std::vector<Snapshot> days;
  std::uint64_t windows = 0;
};

template <typename ExecutionOfDay>
Run run_days(const NetworkSetup& setup, int days, double per_day, ExecutionOfDay execution) {
  QueueingNetwork network(setup.servers, setup.service, 17, -3.0);
  for (const WorkflowPlan& plan : setup.plans)
    network.add_plan(plan);
  RandomStream random(5, {77, 0, 0, 0});
  Run run;
  for (int day = -3; day < days; ++day) {
    network.set_execution(execution(day));
    for (double t = random.exponential(per_day); t < 1; t += random.exponential(per_day)) {
      const auto plan = static_cast<std::uint32_t>(random.uniform_index(setup.plans.size()));
      network.submit(plan, static_cast<std::uint64_t>(day + 100), day + t);
    }
    if (network.submitted() > 0 && random.bernoulli(0.5))
      network.withdraw(random.uniform_index(network.submitted()));
    if (day % 4 == 0)
      network.set_unit_productivity(static_cast<std::size_t>(day / 4) % setup.servers.size(),
                                    0.6 + random.uniform());
    network.run_until(day + 1);
    Snapshot snapshot;
    snapshot.outcomes = network.outcomes();
    network.clear_outcomes();
    for (std::size_t unit = 0; unit < network.unit_count(); ++unit) {
      snapshot.busy.push_back(network.busy_server_days(unit));
      snapshot.queues.push_back(static_cast<double>(network.queue_length(unit)));
    }
    snapshot.in_system = network.application_days_in_system();
    snapshot.registrations = network.in_progress(registration);
    snapshot.investments = network.in_progress(investment);
    run.days.push_back(std::move(snapshot));
  }
  run.windows = network.windows();
  return run;
}

// min_windows: how many windows the windowed runs must have taken (0: the serial fallback).
void expect_windowed_equals_serial(const NetworkSetup& setup, double per_day,
                                   std::uint64_t min_windows) {
  constexpr int days = 60;
  const auto serial =
      run_days(setup, days, per_day, [](int) { return QueueingNetwork::Execution::serial; });
  std::size_t outcomes = 0;
  for (const Snapshot& snapshot : serial.days)
    outcomes += snapshot.outcomes.size();
  ASSERT_GT(outcomes, static_cast<std::size_t>(days * per_day / 5));  // applications flow
  EXPECT_EQ(serial.windows, 0u);
  for (std::size_t threads : {1, 2, 4}) {
    const tbb::global_control control(tbb::global_control::max_allowed_parallelism, threads);
    const auto windowed =
        run_days(setup, days, per_day, [](int) { return QueueingNetwork::Execution::windowed; });
    if (min_windows == 0) {
      EXPECT_EQ(windowed.windows, 0u);
    } else {
      EXPECT_GE(windowed.windows, min_windows);
    }
    for (std::size_t day = 0; day < serial.days.size(); ++day)
      expect_same(serial.days[day], windowed.days[day], static_cast<int>(day));
  }
}

TEST(WindowedExecution,
     EveryOutcomeAndStatisticIsBitIdenticalToTheSerialLoopsOnOneTwoAndFourThreads) {
  expect_windowed_equals_serial(NetworkSetup{}, 12.0,
                                60 * 10);  // windows of 0.05 days, idle gaps skipped
}

TEST(WindowedExecution, IsBitIdenticalToTheSerialLoopUnderCongestionAndOnAnyThreads) {
  NetworkSetup setup;
  setup.service = {ServiceDistribution::deterministic, 0};  // ties everywhere
  expect_windowed_equals_serial(setup, 20.0, 60 * 10);  // windows of 0.05 days, idle gaps skipped
  setup.service = {ServiceDistribution::exponential, 1};
  expect_windowed_equals_serial(setup, 20.0, 60 * 10);  // windows of 0.05 days, idle gaps skipped
}

TEST(WindowedExecution, IsBitIdenticalToTheSerialLoopWhenAllHandOffsAreBetweenUnitsOnAnyThreads) {
  // Lookahead 0.3: a review's completion and the sign-offs open windows of their own, and
  // what they hand on must still land beyond them.
  NetworkSetup setup;
  setup.plans = {chain_with_sign_offs(0.3), reviewed_fork()};
  expect_windowed_equals_serial(setup, 15.0, 60 * 3);
}

TEST(WindowedExecution, SwitchingBetweenSerialAndWindowedDaysChangesNothing) {
  const NetworkSetup setup;
  const auto serial =
      run_days(setup, 40, 15.0, [](int) { return QueueingNetwork::Execution::serial; });
  const auto mixed = run_days(setup, 40, 15.0, [](int day) {
    return (day / 3) % 2 == 0 ? QueueingNetwork::Execution::windowed
                              : QueueingNetwork::Execution::serial;
  });
  EXPECT_GT(mixed.windows, 0u);
  for (std::size_t day = 0; day < serial.days.size(); ++day)
    expect_same(serial.days[day], mixed.days[day], static_cast<int>(day));
}

TEST(WindowedExecution, AZeroHandOffFallsBackToTheSerialLoop) {
  NetworkSetup setup;
  setup.plans.push_back(chain_with_sign_offs(0.0));
  QueueingNetwork network(setup.servers, setup.service, 3);
  for (const WorkflowPlan& plan : setup.plans)
    network.add_plan(plan);
  EXPECT_EQ(network.lookahead(), 0.0);
  expect_windowed_equals_serial(setup, 10.0, 0);
}

TEST(WindowedExecution, TheLookaheadIsTheShortestOverThePlans) {
  QueueingNetwork network({1, 1, 1, 1}, {}, 3);
  EXPECT_EQ(network.lookahead(), std::numeric_limits<double>::infinity());
  network.add_plan(chain_with_sign_offs(0.3));
  EXPECT_DOUBLE_EQ(network.lookahead(), 0.3);
  network.add_plan(reviewed_fork_join());
  EXPECT_DOUBLE_EQ(network.lookahead(), 0.05);
  network.add_plan(unit_join_two_sinks());
  EXPECT_DOUBLE_EQ(network.lookahead(), 0.05);
}

}  // namespace
}  // namespace reformsim::models
