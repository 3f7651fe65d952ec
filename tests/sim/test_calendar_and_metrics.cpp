// The calendar maps steps to years and days; the metric catalogue lays out columns.
#include <gtest/gtest.h>

#include "sim/model/metric_catalogue.h"
#include "sim/time/calendar.h"

namespace reformsim {
namespace {

TEST(Calendar, BurnInFallsInTheYearsBeforeTheFirstReportedYear) {
  const Calendar calendar(250, 250, 2017, 2);
  EXPECT_EQ(calendar.total_steps(), 750);
  EXPECT_TRUE(calendar.is_burn_in(249));
  EXPECT_FALSE(calendar.is_burn_in(250));
  EXPECT_EQ(calendar.year(0), 2016);
  EXPECT_EQ(calendar.year(249), 2016);
  EXPECT_EQ(calendar.day_of_year(249), 249);
  EXPECT_EQ(calendar.year(250), 2017);
  EXPECT_EQ(calendar.day_of_year(250), 0);
  EXPECT_EQ(calendar.year(500), 2018);
  EXPECT_EQ(calendar.reported_day(500), 250);
}

TEST(Calendar, StepOfInvertsYearAndDay) {
  const Calendar calendar(250, 100, 2017, 3);
  for (std::int64_t step = 0; step < calendar.total_steps(); ++step)
    EXPECT_EQ(calendar.step_of(calendar.year(step), calendar.day_of_year(step)), step);
  EXPECT_EQ(Calendar(250, 30, 2017, 1).year(0), 2016);  // a partial burn-in year
  EXPECT_EQ(Calendar(250, 30, 2017, 1).day_of_year(0), 220);
}

TEST(Calendar, RefusesImpossibleShapes) {
  EXPECT_THROW(Calendar(0, 0, 2017, 1), std::invalid_argument);
  EXPECT_THROW(Calendar(250, -1, 2017, 1), std::invalid_argument);
  EXPECT_THROW(Calendar(250, 0, 2017, 0), std::invalid_argument);
}

TEST(MetricCatalogue, LaysOutScalarAndDimensionedColumnsContiguously) {
  MetricCatalogue catalogue;
  catalogue.add_dimension({"level", "management level", {"a", "b", "c"}});
  const MetricId first = catalogue.add_series("x", "x", "1");
  const MetricId by_level = catalogue.add_series("y", "y", "1", "level");
  const MetricId last = catalogue.add_series("z", "z", "1");
  const MetricId summary = catalogue.add_summary("s", "s", "1");
  EXPECT_EQ(first.offset, 0u);
  EXPECT_EQ(by_level.offset, 1u);
  EXPECT_EQ(by_level.width, 3u);
  EXPECT_EQ(last.offset, 4u);
  EXPECT_EQ(catalogue.series_width(), 5u);
  EXPECT_EQ(summary.offset, 0u);
  EXPECT_EQ(catalogue.summary_width(), 1u);
  EXPECT_EQ(catalogue.id("y").offset, 1u);
}

TEST(MetricCatalogue, RefusesDuplicatesAndUndeclaredDimensions) {
  MetricCatalogue catalogue;
  catalogue.add_series("x", "x", "1");
  EXPECT_THROW(catalogue.add_summary("x", "x", "1"), std::logic_error);
  EXPECT_THROW(catalogue.add_series("w", "w", "1", "nowhere"), std::logic_error);
  EXPECT_THROW(catalogue.add_dimension({"empty", "", {}}), std::logic_error);
  EXPECT_THROW(catalogue.id("missing"), std::logic_error);
}

TEST(MetricRow, WritesIntoTheMetricsColumns) {
  std::vector<double> values(5, 0.0);
  MetricRow row(values);
  row.set(MetricId{1, 3}, 2, 7.0);
  row.set(MetricId{0, 1}, 1.0);
  EXPECT_EQ(values, (std::vector<double>{1, 0, 0, 7, 0}));
  EXPECT_EQ(row.get(MetricId{1, 3}, 2), 7.0);
}

}  // namespace
}  // namespace reformsim
