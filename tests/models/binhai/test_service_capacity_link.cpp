// The staff-to-service-rate link: configured rate until the first reported day, then moved by
// the staff model's productivity relative to that day, times the reorganisation dip.
#include <gtest/gtest.h>

#include <cmath>

#include "models/binhai/service_capacity_link.h"

namespace reformsim::models {
namespace {

TEST(ServiceCapacityLink, KeepsTheConfiguredRateUntilTheFirstReportedDay) {
  ServiceCapacityLink link({true, 0.0, 40}, 1.5, 250, true);
  EXPECT_DOUBLE_EQ(link.factor(-10, 0.3), 1.5);
  EXPECT_DOUBLE_EQ(link.factor(0, 0.5), 1.5);   // day 0 sets the reference
  EXPECT_DOUBLE_EQ(link.factor(10, 0.6), 1.8);  // 1.5 x 0.6 / 0.5
}

TEST(ServiceCapacityLink, WithoutTheLinkStaffProductivityIsIgnored) {
  ServiceCapacityLink link({false, 0.0, 40}, 0.8, 250, true);
  EXPECT_DOUBLE_EQ(link.factor(0, 0.5), 0.8);
  EXPECT_DOUBLE_EQ(link.factor(100, 0.9), 0.8);
}

TEST(ServiceCapacityLink, AReorganisationDipsAndRecoversExponentially) {
  ServiceCapacityLink link({false, 0.2, 40}, 1.0, 250, true);
  EXPECT_DOUBLE_EQ(link.factor(249, 1), 1.0);
  EXPECT_DOUBLE_EQ(link.factor(250, 1), 0.8);
  EXPECT_NEAR(link.factor(290, 1), 1 - 0.2 * std::exp(-1.0), 1e-12);
  EXPECT_GT(link.factor(1000, 1), 0.9999);
  ServiceCapacityLink untouched({false, 0.2, 40}, 1.0, 250, false);
  EXPECT_DOUBLE_EQ(untouched.factor(250, 1), 1.0);
}

TEST(ServiceCapacityLink, FirstStartDayIsTheEarliestEnabledMeasure) {
  auto registry = std::make_shared<ParameterRegistry>();
  declare_reform_parameters(*registry);
  ParameterSet parameters(registry);
  parameters.set_value("reform.merge_departments_day", std::int64_t{300}, "test");
  parameters.set_value("reform.one_window_bureau_day", std::int64_t{280}, "test");
  bool any = false;
  const ReformSchedule schedule(parameters);
  EXPECT_EQ(
      first_start_day(schedule, {Measure::merge_departments, Measure::one_window_bureau}, any),
      280);
  EXPECT_TRUE(any);
  parameters.set_value("reform.one_window_bureau", false, "test");
  parameters.set_value("reform.merge_departments", false, "test");
  first_start_day(ReformSchedule(parameters),
                  {Measure::merge_departments, Measure::one_window_bureau}, any);
  EXPECT_FALSE(any);
}

}  // namespace
}  // namespace reformsim::models
