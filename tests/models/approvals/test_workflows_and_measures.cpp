// Workflows built from the Binhai parameters, and what each reform measure does to them: the
// structure of the plans (exact), and the direction each measure moves the time to permit and
// the trips (statistical: 1000 investment projects per arm, common seeds; the standard error of
// a mean time is about 0.2 working days, and every effect tested is at least 1 day).
#include <gtest/gtest.h>

#include "models/approvals/approval_settings.h"
#include "sim/config/config_error.h"
#include "tests/models/approvals/approvals_fixture.h"

namespace reformsim::models {
namespace {

using testing::ApprovalsRun;
constexpr auto investment = ApplicationType::investment_project;

ApprovalSettings default_settings() {
  ApprovalsRun run;
  return ApprovalSettings::from(run.parameters);
}

MeasureSet measures_of(std::initializer_list<Measure> measures) {
  MeasureSet set;
  for (Measure measure : measures)
    set.set(measure);
  return set;
}

std::size_t steps_in(const WorkflowPlan& plan) {
  return static_cast<std::size_t>(std::count_if(plan.nodes.begin(), plan.nodes.end(),
                                                [](const auto& n) { return n.unit != no_unit; }));
}

TEST(Workflows, InvestmentHas185StepsBeforeAnd75AfterStepReduction) {
  const auto settings = default_settings();
  EXPECT_EQ(steps_in(build_workflow_plan(settings, investment, {})), 185u);
  EXPECT_EQ(
      steps_in(build_workflow_plan(settings, investment, measures_of({Measure::step_reduction}))),
      75u);
}

TEST(Workflows, BeforeTheReformStepsRunOneAfterAnotherWithATripPerDepartment) {
  const auto plan = build_workflow_plan(default_settings(), investment, {});
  EXPECT_EQ(plan.sources.size(), 1u);
  EXPECT_EQ(plan.join_count, 0u);
  // 20 items in 20 different units: one trip each, plus 0.1 expected returns per item.
  EXPECT_NEAR(plan.expected_trips, 20 + 20 * 0.1, 1e-9);
}

TEST(Workflows, OneWindowBureauServesEveryLocalItemAndCostsOneTrip) {
  const auto settings = default_settings();
  const ApprovalUnitLayout layout{26, 10};
  const auto plan = build_workflow_plan(
      settings, investment, measures_of({Measure::one_window_bureau, Measure::delegation}));
  for (const auto& node : plan.nodes)
    if (node.unit != no_unit) {
      EXPECT_EQ(node.unit, layout.bureau());
    }
  EXPECT_NEAR(plan.expected_trips, 1 + 20 * 0.1, 1e-9);
}

TEST(Workflows, ParallelApprovalForksEachStageAndJoinsIt) {
  const auto plan = build_workflow_plan(default_settings(), investment,
                                        measures_of({Measure::parallel_approval}));
  EXPECT_EQ(plan.join_count, 3u);  // one join per stage of several items
  EXPECT_EQ(plan.sink_count, 1u);
  EXPECT_EQ(plan.sources.size(), 7u);  // the first stage's items start at once
}

TEST(Workflows, UndelegatedCityItemsGoToTheCityWithTheExtraDelay) {
  const auto settings = default_settings();
  const ApprovalUnitLayout layout{26, 10};
  auto city_steps = [&](MeasureSet measures) {
    const auto plan = build_workflow_plan(settings, investment, measures);
    return std::count_if(plan.nodes.begin(), plan.nodes.end(),
                         [&](const auto& n) { return n.unit == layout.city(); });
  };
  EXPECT_GT(city_steps({}), 0);
  EXPECT_EQ(city_steps(measures_of({Measure::delegation})), 0);
}

TEST(Workflows, ValidationRefusesMoreItemsThanSteps) {
  ApprovalsRun run;
  run.set("approvals.investment_project_items", std::int64_t{80});
  EXPECT_THROW(run.model.validate(run.parameters), ConfigError);
  ApprovalsRun merge;
  merge.set("approvals.merged_departments", std::int64_t{30});
  EXPECT_THROW(merge.model.validate(merge.parameters), ConfigError);
}

struct InvestmentResult {
  double mean_days = 0, mean_trips = 0;
};

// 1000 investment projects (0.5 a day for 8 years) under `measures`, from day 0.
InvestmentResult investment_under(const std::vector<Measure>& measures,
                                  double pre_review_days = 4.0) {
  ApprovalsRun run;
  run.set("calendar.years", std::int64_t{8});
  run.set("approvals.investment_project_pre_review_days", pre_review_days);
  run.reform(measures, 0);
  double days = 0, trips = 0, count = 0;
  run.simulate(5, [&](ApprovalsState& state, std::int64_t step) {
    if (step < 100) return;  // the empty start
    for (const auto& outcome : state.network().outcomes_today()) {
      if (outcome.type != investment) continue;
      days += outcome.completed_day - outcome.submitted_day;
      trips += outcome.trips;
      ++count;
    }
  });
  return {days / count, trips / count};
}

TEST(Measures, EachTimeSavingMeasureAloneShortensTheInvestmentWorkflow) {
  const InvestmentResult none = investment_under({});
  EXPECT_NEAR(none.mean_days, 54, 54 * 0.15);  // the reported 54 days, roughly
  for (Measure measure :
       {Measure::merge_departments, Measure::one_window_bureau, Measure::step_reduction,
        Measure::parallel_approval, Measure::tolerant_acceptance, Measure::delegation}) {
    const InvestmentResult alone = investment_under({measure});
    EXPECT_LT(alone.mean_days, none.mean_days - 1) << measure_name(measure);
    EXPECT_LE(alone.mean_trips, none.mean_trips) << measure_name(measure);
  }
}

TEST(Measures, PreReviewSavesTripsAndTimeOnlyWhenFasterThanTheReworkItPrevents) {
  // Rework it prevents: 20 items x 0.1 missing x 0.9 caught x 2 days = 3.6 days.
  const InvestmentResult none = investment_under({});
  const InvestmentResult quick = investment_under({Measure::pre_review}, 1.0);
  const InvestmentResult slow = investment_under({Measure::pre_review}, 8.0);
  EXPECT_LT(quick.mean_days, none.mean_days - 1);
  EXPECT_GT(slow.mean_days, none.mean_days + 1);
  EXPECT_LT(quick.mean_trips, none.mean_trips - 1);
}

TEST(Measures, TheFullReformBringsTheInvestmentWorkflowNearTheReportedEightDays) {
  std::vector<Measure> all(approval_measures.begin(), approval_measures.end());
  EXPECT_NEAR(investment_under(all).mean_days, 8, 8 * 0.25);
}

}  // namespace
}  // namespace reformsim::models
