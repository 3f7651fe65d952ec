// The approvals as a component and as the standalone model: conservation of applications,
// withdrawals, the grandfathering rule, the expected wait an applicant sees, the window's time
// statistics against their definition, bit-identical ensembles on any thread count, and an
// end-to-end run of the Binhai config.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "sim/run/ensemble.h"
#include "tests/models/approvals/approvals_fixture.h"
#include "tests/support/test_support.h"

namespace reformsim::models {
namespace {

using testing::ApprovalsRun;
constexpr auto investment = ApplicationType::investment_project;

TEST(ApprovalNetwork, EveryApplicationIsCompletedInProgressOrWithdrawn) {
  ApprovalsRun run;
  std::vector<std::uint64_t> to_withdraw;
  run.simulate(3, [&](ApprovalsState& state, std::int64_t) {
    // Yesterday's applications with id % 10 == 3 give up today (if still waiting).
    for (std::uint64_t id : to_withdraw)
      state.network().withdraw(id);
    to_withdraw.clear();
    const std::uint64_t submitted = state.network().network().submitted();
    for (std::uint64_t id = submitted >= 20 ? submitted - 20 : 0; id < submitted; ++id)
      if (id % 10 == 3) to_withdraw.push_back(id);
  });
  const auto arrived = run.metrics.id("applications_arrived_total");
  const auto completed = run.metrics.id("applications_completed_total");
  const auto withdrawn = run.metrics.id("applications_withdrawn_total");
  const auto in_progress = run.metrics.id("applications_in_progress");
  for (std::size_t type = 0; type < application_type_count; ++type) {
    const double in_system = run.series[in_progress.offset + type];
    EXPECT_EQ(
        run.summary[arrived.offset + type],
        run.summary[completed.offset + type] + run.summary[withdrawn.offset + type] + in_system);
    EXPECT_GT(run.summary[withdrawn.offset + type], 0) << "the test must withdraw some";
    EXPECT_GT(in_system, 0) << "and end with some still in progress";
  }
}

TEST(ApprovalNetwork, ApplicationsInTheSystemKeepTheWorkflowTheyWereSubmittedUnder) {
  ApprovalsRun run;
  run.reform(std::vector<Measure>(approval_measures.begin(), approval_measures.end()), 250);
  double trips_before = 0, trips_after = 0, count_before = 0, count_after = 0;
  run.simulate(9, [&](ApprovalsState& state, std::int64_t) {
    for (const auto& outcome : state.network().outcomes_today()) {
      if (outcome.type != investment) continue;
      // Submitted in the last 60 days before the reform: most finish after it started.
      if (outcome.submitted_day >= 190 && outcome.submitted_day < 250) {
        trips_before += outcome.trips;
        ++count_before;
      } else if (outcome.submitted_day >= 250) {
        trips_after += outcome.trips;
        ++count_after;
      }
    }
  });
  ASSERT_GT(count_before, 10);
  EXPECT_GT(trips_before / count_before, 19);  // the old route: a trip per department
  EXPECT_LT(trips_after / count_after, 1.2);   // the window: one trip
}

TEST(ApprovalNetwork, EveryWorkflowTheScheduleReachesIsBuiltBeforeTheFirstStep) {
  // Three measures on three days: four regimes for each application type, all built with the
  // network, so that no step builds one (tests/perf/test_no_allocation_in_step.cpp).
  ApprovalsRun run;
  run.reform({Measure::one_window_bureau, Measure::step_reduction, Measure::parallel_approval},
             100);
  run.set("reform.step_reduction_day", std::int64_t{200});
  run.set("reform.parallel_approval_day", std::int64_t{300});
  std::size_t plans_on_first_day = 0, plans_on_last_day = 0;
  run.simulate(5, [&](ApprovalsState& state, std::int64_t step) {
    const std::size_t plans = state.network().network().plan_count();
    if (step == 0) plans_on_first_day = plans;
    plans_on_last_day = plans;
  });
  EXPECT_EQ(plans_on_first_day, 4 * application_type_count);
  EXPECT_EQ(plans_on_last_day, plans_on_first_day);
}

TEST(ApprovalNetwork, ExpectedWaitIsThePublishedLimitUntilSomethingCompletes) {
  ApprovalsRun run;
  run.set("calendar.years", std::int64_t{1});
  bool checked_first_day = false;
  run.simulate(4, [&](ApprovalsState& state, std::int64_t step) {
    if (step == 0) {
      EXPECT_EQ(state.network().expected_wait_days(investment), 54);
      EXPECT_NEAR(state.network().expected_trips(investment), 26 + 26 * 0.1, 1e-9);
      checked_first_day = true;
    }
    if (step == 200) {
      EXPECT_NEAR(state.network().expected_wait_days(investment), 54, 10);
    }
  });
  EXPECT_TRUE(checked_first_day);
}

TEST(ApprovalNetwork, AWithdrawalIsReportedOnceWithTheWithdrawnFlag) {
  ApprovalsRun run;
  run.set("calendar.years", std::int64_t{1});
  std::size_t reports = 0;
  std::uint64_t project = 0;
  run.simulate(6, [&](ApprovalsState& state, std::int64_t step) {
    // An investment project takes weeks: submitted on day 10, it is surely waiting on day 12.
    if (step == 10) project = state.network().submit({investment, 777, 10.5});
    if (step == 11) state.network().withdraw(project);
    if (step == 12) state.network().withdraw(project);  // twice: ignored
    for (const auto& outcome : state.network().outcomes_today())
      if (step > 10 && outcome.application == project) {
        EXPECT_TRUE(outcome.withdrawn);
        EXPECT_EQ(outcome.applicant, 777u);
        ++reports;
      }
  });
  EXPECT_EQ(reports, 1u);
}

// The time statistics of a day are those of the completions in the statistics window: every
// outcome that completed on or after day_end - window days, the mean summed in completion
// order, median and 90th percentile by nearest rank; each day, every type, exactly.
TEST(ApprovalNetwork, TimeStatisticsAreThoseOfTheCompletionsInTheWindowEveryDay) {
  ApprovalsRun run;
  run.set("calendar.years", std::int64_t{1});
  run.set("approvals.statistics_window_days", std::int64_t{15});
  run.reform({all_measures().begin(), all_measures().end()}, 120);
  std::vector<ApplicationOutcome> completed;
  std::size_t days_checked = 0;
  run.simulate(31, [&](ApprovalsState& state, std::int64_t step) {
    for (const auto& outcome : state.network().outcomes_today())
      if (!outcome.withdrawn) completed.push_back(outcome);
    const double window_start = static_cast<double>(run.calendar->reported_day(step) + 1) - 15;
    for (std::size_t type = 0; type < application_type_count; ++type) {
      std::vector<double> days;
      double sum = 0, trips = 0;
      for (const auto& outcome : completed)
        if (static_cast<std::size_t>(outcome.type) == type &&
            outcome.completed_day >= window_start) {
          days.push_back(outcome.completed_day - outcome.submitted_day);
          sum += days.back();
          trips += outcome.trips;
        }
      const auto at = [&](const char* name) {
        return run.series[run.metrics.id(name).offset + type];
      };
      if (days.empty()) {
        EXPECT_TRUE(std::isnan(at("time_to_permit_median"))) << step;
        continue;
      }
      std::sort(days.begin(), days.end());
      const auto rank = [&](double q) {
        return days[std::max<std::size_t>(
                        static_cast<std::size_t>(std::ceil(q * static_cast<double>(days.size()))),
                        1) -
                    1];
      };
      const auto count = static_cast<double>(days.size());
      ASSERT_EQ(at("time_to_permit_mean"), sum / count) << "step " << step << " type " << type;
      ASSERT_EQ(at("time_to_permit_median"), rank(0.5)) << "step " << step << " type " << type;
      ASSERT_EQ(at("time_to_permit_p90"), rank(0.9)) << "step " << step << " type " << type;
      ASSERT_EQ(at("trips_per_applicant"), trips / count) << "step " << step << " type " << type;
      ++days_checked;
    }
  });
  EXPECT_GT(days_checked, 400u);
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

TEST(ApprovalsModel, EnsembleIsBitIdenticalOnOneTwoAndEightThreads) {
  ApprovalsRun run;
  run.set("calendar.burn_in_days", std::int64_t{50});
  const auto seeds = replication_seeds(17, 0, 3);
  auto ensemble_on = [&](int threads) {
    tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                                static_cast<std::size_t>(threads));
    tbb::task_arena arena(threads);
    EnsembleResult result{{}, Calendar::from(run.parameters), {}};
    arena.execute([&] { result = run_ensemble(run.model, run.parameters, seeds); });
    return result;
  };
  const auto one = ensemble_on(1);
  for (int threads : {2, 8}) {
    const auto many = ensemble_on(threads);
    for (std::size_t r = 0; r < seeds.size(); ++r) {
      EXPECT_TRUE(same_bits(one.replications[r].series, many.replications[r].series)) << threads;
      EXPECT_TRUE(same_bits(one.replications[r].summary, many.replications[r].summary));
    }
  }
  EXPECT_FALSE(same_bits(one.replications[0].series, one.replications[1].series));
}

TEST(ApprovalNetwork, SerialAndWindowedEventLoopsGiveBitIdenticalDays) {
  // Every measure on from day 60 (the bureau's window, pre-review and parallel approval add
  // delays and joins outside the units), each day's metrics and outcomes compared exactly.
  struct Days {
    std::vector<std::vector<double>> rows;
    std::vector<std::vector<ApplicationOutcome>> outcomes;
    std::uint64_t windows = 0;
  };
  auto run_with = [](QueueingNetwork::Execution execution) {
    ApprovalsRun run;
    run.set("calendar.years", std::int64_t{1});
    run.reform({all_measures().begin(), all_measures().end()}, 60);
    Days days;
    run.simulate(23, [&](ApprovalsState& state, std::int64_t) {
      state.network().set_execution(execution);  // from the second day on
      days.rows.push_back(run.series);
      days.outcomes.push_back(state.network().outcomes_today());
      days.windows = state.network().network().windows();
    });
    return days;
  };
  const Days serial = run_with(QueueingNetwork::Execution::serial);
  const Days windowed = run_with(QueueingNetwork::Execution::windowed);
  EXPECT_GT(windowed.windows, serial.windows + 200);
  ASSERT_EQ(serial.rows.size(), windowed.rows.size());
  std::size_t outcomes = 0;
  for (std::size_t day = 0; day < serial.rows.size(); ++day) {
    ASSERT_TRUE(same_bits(serial.rows[day], windowed.rows[day])) << "day " << day;
    ASSERT_EQ(serial.outcomes[day].size(), windowed.outcomes[day].size()) << "day " << day;
    for (std::size_t i = 0; i < serial.outcomes[day].size(); ++i) {
      const ApplicationOutcome &a = serial.outcomes[day][i], &b = windowed.outcomes[day][i];
      ASSERT_EQ(a.application, b.application) << "day " << day;
      ASSERT_EQ(a.completed_day, b.completed_day) << "day " << day;
      ASSERT_EQ(a.trips, b.trips) << "day " << day;
    }
    outcomes += serial.outcomes[day].size();
  }
  EXPECT_GT(outcomes, 1000u);
}

TEST(ApprovalsModel, BinhaiConfigRunsEndToEndAndWritesEveryMetric) {
  reformsim::testing::TemporaryDirectory directory;
  const auto file = directory / "approvals.h5";
  const auto result =
      reformsim::testing::run_reformsim({"run", "--config", "configs/approvals_binhai.ini",
                                         "--quiet", "--replications=2", "--out", file.string()});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  ApprovalsRun run;
  const MetricCatalogue metrics = run.model.metrics(run.parameters);
  for (const auto& list : {metrics.series(), metrics.summaries()})
    for (const MetricSpec& spec : list)
      EXPECT_FALSE(reformsim::testing::read_hdf5_doubles(file, spec.name).empty()) << spec.name;
  // Investment time to permit on the last day of 2017 and of 2018 (steps 499 and 749).
  const auto days = reformsim::testing::read_hdf5_doubles(file, "time_to_permit_mean");
  const std::size_t types = application_type_count, steps = 750;
  auto at = [&](std::size_t step) {
    return days[step * types + 1] + days[(steps + step) * types + 1];
  };
  EXPECT_NEAR(at(499) / 2, 54, 54 * 0.2);
  EXPECT_NEAR(at(749) / 2, 8, 8 * 0.35);
}

}  // namespace
}  // namespace reformsim::models
