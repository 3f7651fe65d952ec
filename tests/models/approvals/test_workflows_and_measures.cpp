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
  // 26 items in 26 different units (22 departments and 4 visits to the city): one trip each,
  // plus 0.1 expected returns per item.
  EXPECT_NEAR(plan.expected_trips, 26 + 26 * 0.1, 1e-9);
}

TEST(Workflows, BeforeTheReformEveryApprovalDepartmentServesSteps) {
  // The local items of both workflows (4 registration + 22 investment) are dealt over the 26
  // departments, so none is structurally idle; city items go to the city.
  const auto settings = default_settings();
  std::vector<int> steps(26, 0);
  for (auto type : {ApplicationType::business_registration, investment})
    for (const auto& node : build_workflow_plan(settings, type, {}).nodes)
      if (node.unit >= 0 && node.unit < 26) ++steps[static_cast<std::size_t>(node.unit)];
  for (int d = 0; d < 26; ++d)
    EXPECT_GT(steps[static_cast<std::size_t>(d)], 0) << "department_" << d + 1;
  // Investment's 22 local items own departments 5-26 (registration's 4 own 1-4), one each; a
  // city item (items 7, 13, 20, 26) belongs to the department of the local item before it,
  // which handles it once delegated.
  const std::vector<std::int32_t> expected{4,  5,  6,  7,  8,  9,  9,  10, 11, 12, 13, 14, 14,
                                           15, 16, 17, 18, 19, 20, 20, 21, 22, 23, 24, 25, 25};
  for (std::int64_t item = 0; item < 26; ++item)
    EXPECT_EQ(item_department(settings, investment, item), expected[static_cast<std::size_t>(item)])
        << item;
  for (std::int64_t item = 0; item < 4; ++item)
    EXPECT_EQ(item_department(settings, ApplicationType::business_registration, item), item);
}

TEST(Workflows, EveryItemIsSignedOffOncePerManagementLayer) {
  const auto settings = default_settings();  // 4 layers, 3 under flatten_layers
  auto sign_offs = [&](MeasureSet measures, std::int64_t layers) {
    const auto plan = build_workflow_plan(settings, investment, measures, layers);
    return std::count_if(plan.nodes.begin(), plan.nodes.end(), [&](const auto& n) {
      return n.unit == no_unit && n.service_mean_days == settings.sign_off_days;
    });
  };
  EXPECT_EQ(sign_offs({}, 0), 26 * 4);
  EXPECT_EQ(sign_offs(measures_of({Measure::flatten_layers}), 0), 26 * 3);
  // A staff model's count overrides the measure: 5 layers, flattened or not.
  EXPECT_EQ(sign_offs(measures_of({Measure::flatten_layers}), 5), 26 * 5);
  // Sign-offs are inside each item: under parallel approval a stage's items still sign off
  // in parallel, so the plan keeps one source per first-stage item.
  const auto parallel =
      build_workflow_plan(settings, investment, measures_of({Measure::parallel_approval}), 3);
  EXPECT_EQ(parallel.sources.size(), 9u);
}

TEST(Workflows, OneWindowBureauServesEveryLocalItemAndCostsOneTrip) {
  const auto settings = default_settings();
  const ApprovalUnitLayout& layout = settings.layout;
  const auto plan = build_workflow_plan(
      settings, investment, measures_of({Measure::one_window_bureau, Measure::delegation}));
  for (const auto& node : plan.nodes)
    if (node.unit != no_unit) {
      EXPECT_EQ(node.unit, layout.bureau());
    }
  EXPECT_NEAR(plan.expected_trips, 1 + 26 * 0.1, 1e-9);
}

TEST(Workflows, ParallelApprovalForksEachStageAndJoinsIt) {
  const auto plan = build_workflow_plan(default_settings(), investment,
                                        measures_of({Measure::parallel_approval}));
  EXPECT_EQ(plan.join_count, 3u);  // one join per stage of several items
  EXPECT_EQ(plan.sink_count, 1u);
  EXPECT_EQ(plan.sources.size(), 9u);  // the first stage's 9 of 26 items start at once
}

TEST(Workflows, UndelegatedCityItemsGoToTheCityWithTheExtraDelay) {
  const auto settings = default_settings();
  const ApprovalUnitLayout& layout = settings.layout;
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
  // Rework it prevents: 26 items x 0.1 missing x 0.9 caught x 2 days = 4.7 days.
  const InvestmentResult none = investment_under({});
  const InvestmentResult quick = investment_under({Measure::pre_review}, 1.0);
  const InvestmentResult slow = investment_under({Measure::pre_review}, 8.0);
  EXPECT_LT(quick.mean_days, none.mean_days - 1);
  EXPECT_GT(slow.mean_days, none.mean_days + 1);
  EXPECT_LT(quick.mean_trips, none.mean_trips - 1);
}

TEST(Measures, FlatteningALayerSavesOneSignOffPerItem) {
  // 26 items x 1 layer x sign_off_days (0.1) = 2.6 days fewer on the serial pre-reform route.
  const InvestmentResult none = investment_under({});
  const InvestmentResult flat = investment_under({Measure::flatten_layers});
  EXPECT_NEAR(none.mean_days - flat.mean_days, 2.6, 0.8);
  // Sign-offs cost the applicant no trip (exact on the plans; the simulated trips differ by the
  // sampling of returns, whose draws are keyed by node and so shift with the node count).
  const auto settings = default_settings();
  EXPECT_EQ(build_workflow_plan(settings, investment, measures_of({Measure::flatten_layers}))
                .expected_trips,
            build_workflow_plan(settings, investment, {}).expected_trips);
  EXPECT_NEAR(flat.mean_trips, none.mean_trips, 0.3);
  // After the reform (3 parallel stages) a layer less saves one sign-off per stage.
  std::vector<Measure> all(approval_measures.begin(), approval_measures.end());
  const InvestmentResult reform = investment_under(all);
  all.push_back(Measure::flatten_layers);
  const InvestmentResult reform_flat = investment_under(all);
  EXPECT_NEAR(reform.mean_days - reform_flat.mean_days, 3 * 0.1, 0.15);
}

TEST(Measures, TheFullReformBringsTheInvestmentWorkflowNearTheReportedEightDays) {
  std::vector<Measure> all(approval_measures.begin(), approval_measures.end());
  EXPECT_NEAR(investment_under(all).mean_days, 8, 8 * 0.25);
}

}  // namespace
}  // namespace reformsim::models
