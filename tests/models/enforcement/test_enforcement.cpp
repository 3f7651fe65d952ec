// Enforcement: 34 departments inspect at their configured rate with duplicates; the
// consolidated bureau cuts inspections and compliance cost while violations are still found;
// inspectors' productivity sets detection; a firm's propensity depends on its id only; the
// compliance burden takes labour out of production.
#include <gtest/gtest.h>

#include "tests/models/firms/firms_fixture.h"

namespace reformsim::models {
namespace {

using testing::FirmsRun;

struct Years {
  double inspections_per_firm = 0, compliance_cost_per_firm = 0, duplicates = 0, detected = 0;
};

// Means over reported days [first, last) of the daily enforcement metrics.
Years measure(const FirmsRun& run, std::int64_t first, std::int64_t last) {
  const auto days = static_cast<double>(last - first);
  return {run.sum("inspections_per_firm", first, last) / days,
          run.sum("compliance_cost_per_firm", first, last) / days,
          run.sum("duplicate_inspections", first, last),
          run.sum("violations_detected", first, last)};
}

// 2,350 firms x 17 inspections a year: the yearly mean per firm has a relative standard error
// below 0.5%; tolerance 3%.
TEST(Enforcement, DepartmentsInspectEachFirmAtTheirCombinedRate) {
  FirmsRun run;
  run.reform(false, 250);
  run.simulate(31);
  const Years year = measure(run, 0, 250);
  EXPECT_NEAR(year.inspections_per_firm, 34 * 0.5, 17 * 0.03);
  EXPECT_NEAR(year.compliance_cost_per_firm, 17 * 1.0, 17 * 0.03);
  EXPECT_GT(year.duplicates, 0.5 * run.sum("inspections", 0, 250));  // 17 a year, 20-day window
}

TEST(Enforcement, ConsolidationCutsInspectionsAndCostButStillFindsViolations) {
  FirmsRun run;
  run.simulate(32);
  const Years before = measure(run, 0, 250), after = measure(run, 250, 500);
  EXPECT_LT(after.inspections_per_firm, 0.15 * before.inspections_per_firm);
  EXPECT_LT(after.compliance_cost_per_firm, 0.3 * before.compliance_cost_per_firm);
  EXPECT_EQ(after.duplicates, 0);  // the coordinated plan never returns within the window
  // Detection per open violation: 0.5 a year x 0.5 before, ~1.5 x 0.35 after; the count may
  // rise or fall with the stock of open violations, but must not collapse.
  EXPECT_GT(after.detected, 0.7 * before.detected);
  EXPECT_LT(run.sum("firms_in_violation", 250, 500), run.sum("firms_in_violation", 0, 250));
}

TEST(Enforcement, LessProductiveInspectorsDetectFewerViolations) {
  auto detected = [](double productivity) {
    FirmsRun run;
    run.reform(false, 250);
    run.set("enforcement.staff_productivity", productivity);
    run.simulate(33);
    return run.sum("violations_detected", 0, 500);
  };
  EXPECT_LT(detected(0.5), 0.75 * detected(1.0));
}

TEST(Enforcement, SetStaffProductivityScalesDetectionFromThatDayOn) {
  FirmsRun run;
  run.reform(false, 250);
  run.simulate(34, [](FirmsEnforcementState& state, std::int64_t step) {
    if (step == 299) state.enforcement().set_staff_productivity(0.0);
  });
  EXPECT_GT(run.sum("violations_detected", 0, 250), 100);
  EXPECT_EQ(run.sum("violations_detected", 250, 500), 0);
  EXPECT_EQ(run.at("enforcement_staff_productivity", 300), 0);
}

TEST(Enforcement, ADepartmentsInspectorsDetectOnlyInTheirOwnField) {
  // From reported day 50 the inspectors of the first 17 of 34 departments detect nothing: the
  // violations in their fields stay open, so detections fall to roughly half (fewer, since
  // undetected violations pile up in those fields) but not to zero, and the others' fields
  // keep being cleared. Without consolidation, as only departments inspect.
  auto detections_after = [](bool silence_half) {
    FirmsRun run;
    run.reform(false, 250);
    const std::int64_t burn_in = run.parameters.integer("calendar.burn_in_days");
    run.simulate(35, [&](FirmsEnforcementState& state, std::int64_t step) {
      if (!silence_half || step != burn_in + 49) return;
      for (std::size_t d = 0; d < 17; ++d)
        state.enforcement().set_department_staff_productivity(d, 0.0);
      EXPECT_THROW(state.enforcement().set_department_staff_productivity(34, 1.0),
                   std::out_of_range);
    });
    if (silence_half) {
      EXPECT_EQ(run.at("enforcement_department_staff_productivity", burn_in + 60, 3), 0.0);
      EXPECT_EQ(run.at("enforcement_department_staff_productivity", burn_in + 60, 20), 1.0);
      EXPECT_EQ(run.at("enforcement_staff_productivity", burn_in + 60), 1.0);
    }
    return run.sum("violations_detected", 50, 500);
  };
  const double all = detections_after(false), half = detections_after(true);
  EXPECT_GT(half, 0.25 * all);
  EXPECT_LT(half, 0.6 * all);
}

// A lognormal with log sd 1 over 20 000 firms: the sample mean is within ~2% (1.6 standard
// errors of 1.3%) of the configured 0.3 with high probability; tolerance 4%.
TEST(Enforcement, PropensityDependsOnTheFirmIdOnlyAndHasTheConfiguredMean) {
  FirmsRun run;
  const Calendar calendar = Calendar::from(run.parameters);
  const MetricCatalogue metrics = run.model.metrics(run.parameters);
  EnforcementSystem first({run.parameters, calendar, 5, 0}, ReformSchedule(run.parameters),
                          metrics);
  EnforcementSystem again({run.parameters, calendar, 5, 0}, ReformSchedule(), metrics);
  double total = 0;
  for (std::uint64_t id = 0; id < 20000; ++id) {
    ASSERT_EQ(first.violation_propensity(id), again.violation_propensity(id));
    total += first.violation_propensity(id);
  }
  EXPECT_NEAR(total / 20000, 0.3, 0.3 * 0.04);
}

TEST(Enforcement, ExpectedInspectionsFollowTheMeasureAndThePropensity) {
  FirmsRun run;
  const Calendar calendar = Calendar::from(run.parameters);
  const MetricCatalogue metrics = run.model.metrics(run.parameters);
  EnforcementSystem enforcement({run.parameters, calendar, 5, 0}, ReformSchedule(), metrics);
  EXPECT_DOUBLE_EQ(enforcement.expected_inspections_per_year(0.3, 0), 17);
  EXPECT_DOUBLE_EQ(enforcement.expected_inspections_per_year(0.3, 1), 1.5);
  EXPECT_GT(enforcement.expected_inspections_per_year(0.9, 1),
            enforcement.expected_inspections_per_year(0.1, 1));
}

// With ten times the time per inspection, firms lose more working time and produce less.
TEST(Enforcement, ComplianceBurdenTakesLabourOutOfProduction) {
  auto output = [](double days_per_inspection) {
    FirmsRun run;
    run.reform(false, 250);
    run.set("enforcement.department_inspection_days", days_per_inspection);
    run.simulate(35);
    return std::make_pair(run.sum("main_business_revenue", 0, 250),
                          run.sum("compliance_burden", 0, 250));
  };
  const auto light = output(1.0), heavy = output(10.0);
  EXPECT_GT(heavy.second, 5 * light.second);
  EXPECT_LT(heavy.first, light.first);
}

}  // namespace
}  // namespace reformsim::models
