// Targets: the CSV reader, binding targets to a model's metrics, and each statistic against a
// hand computation on a small table.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/config/config_error.h"
#include "sim/config/csv_table.h"
#include "sim/targets/target.h"
#include "tests/support/test_support.h"

namespace reformsim {
namespace {

using testing::TemporaryDirectory;
using testing::write_text;

const std::string header =
    "key,value,uncertainty,weight,use,statistic,metric,weight_metric,year,base_year,window_days,"
    "unit,source,note\n";

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(CsvTable, ReadsQuotedFieldsCommentsAndNamedColumns) {
  TemporaryDirectory dir;
  write_text(dir / "t.csv",
             "# about this file\na,b,c\n1,\"x, \"\"y\"\"\",3\n\n4,5,\"six\nlines\"\n");
  const auto table = CsvTable::read(dir / "t.csv", {"a", "c"});
  ASSERT_EQ(table.rows(), 2u);
  EXPECT_EQ(table.cell(0, "b"), "x, \"y\"");
  EXPECT_EQ(table.cell(1, "c"), "six\nlines");
  EXPECT_EQ(table.number(1, "a"), 4);
  EXPECT_EQ(table.cell(0, "missing"), "");
  EXPECT_EQ(table.origin(1), (dir / "t.csv").string() + " line 5");
}

TEST(CsvTable, RefusesMalformedTablesNamingFileAndLine) {
  TemporaryDirectory dir;
  write_text(dir / "short.csv", "a,b\n1,2\n3\n");
  EXPECT_NE(error_of([&] { CsvTable::read(dir / "short.csv", {}); }).find("short.csv line 3"),
            std::string::npos);
  write_text(dir / "quote.csv", "a,b\n\"1,2\n");
  EXPECT_NE(error_of([&] { CsvTable::read(dir / "quote.csv", {}); }).find("unbalanced quote"),
            std::string::npos);
  write_text(dir / "empty.csv", "# only a comment\n");
  EXPECT_NE(error_of([&] { CsvTable::read(dir / "empty.csv", {}); }).find("empty"),
            std::string::npos);
  write_text(dir / "cols.csv", "a,b\n1,2\n");
  EXPECT_NE(error_of([&] { CsvTable::read(dir / "cols.csv", {"c"}); }).find("required column"),
            std::string::npos);
  EXPECT_NE(error_of([&] { CsvTable::read(dir / "big.csv", {}); }).find("cannot be read"),
            std::string::npos);
  // A name longer than the system allows: a ConfigError, not a filesystem_error.
  const std::string too_long = std::string(300, 'R') + ".csv";
  EXPECT_NE(
      error_of([&] { CsvTable::read(dir / too_long, {}); }).find(too_long + ": cannot be read"),
      std::string::npos);
  write_text(dir / "large.csv", std::string(2000, 'x'));
  EXPECT_NE(error_of([&] { CsvTable::read(dir / "large.csv", {}, 1000); }).find("too large"),
            std::string::npos);
  write_text(dir / "nan.csv", "a\nnan\n");
  const auto table = CsvTable::read(dir / "nan.csv", {});
  EXPECT_THROW(table.number(0, "a"), ConfigError);
}

// A two-year calendar of 10-day years, no burn-in, with metrics x (scalar), y[a, b] and a
// summary s; x on day d of year k is 10 k + d + 1.
struct SmallRun {
  Calendar calendar{10, 0, 2017, 2};
  MetricCatalogue metrics;
  std::vector<double> series, summary{42};
  SmallRun() {
    metrics.add_dimension({"kind", "kind", {"a", "b"}});
    metrics.add_series("x", "x", "1");
    metrics.add_series("y", "y", "1", "kind");
    metrics.add_summary("s", "s", "1");
    for (int step = 0; step < 20; ++step) {
      series.push_back(step + 1);    // x
      series.push_back(step % 2);    // y[a]: 0, 1, 0, 1 ...
      series.push_back(2.0 * step);  // y[b]
    }
  }
  double value(const std::string& row_text, const std::string& head = header) {
    TemporaryDirectory dir;
    write_text(dir / "t.csv", head + row_text + "\n");
    const auto bound = resolve_targets(read_targets(dir / "t.csv"), metrics, calendar);
    return evaluate_target(bound.at(0), series, summary, metrics.series_width(), calendar);
  }
};

const std::string header_with_start = header.substr(0, header.size() - 1) + ",window_first_day\n";

double SmallRunValueWithStart(SmallRun& run, const std::string& row) {
  return run.value(row, header_with_start);
}

std::string run_error_with_start(SmallRun& run, const std::string& row) {
  return error_of([&] { run.value(row, header_with_start); });
}

TEST(Targets, EachStatisticEqualsTheHandComputation) {
  SmallRun run;
  // Window of 4 days. 2018: x = 11..14, 2017: x = 1..4.
  EXPECT_EQ(run.value("k,1,1,1,fit,window_sum,x,,2018,,4,,,"), 11 + 12 + 13 + 14);
  EXPECT_EQ(run.value("k,1,1,1,fit,window_mean,x,,2018,,4,,,"), 12.5);
  EXPECT_EQ(run.value("k,1,1,1,fit,window_end,x,,2017,,4,,,"), 4);
  EXPECT_DOUBLE_EQ(run.value("k,1,1,1,fit,window_sum_growth,x,,2018,2017,4,,,"), 50.0 / 10 - 1);
  EXPECT_DOUBLE_EQ(run.value("k,1,1,1,fit,window_end_growth,x,,2018,2017,4,,,"), 14.0 / 4 - 1);
  EXPECT_DOUBLE_EQ(run.value("k,1,1,1,fit,window_mean_growth,x,,2018,2017,4,,,"), 12.5 / 2.5 - 1);
  EXPECT_EQ(run.value("k,1,1,1,fit,window_sum,y[b],,2017,,3,,,"), 0 + 2 + 4);
  // x weighted by y[a] over 2018 days 0-3: weights 0, 1, 0, 1 on x = 11, 12, 13, 14.
  EXPECT_EQ(run.value("k,1,1,1,fit,window_weighted_mean,x,y[a],2018,,4,,,"), (12 + 14) / 2.0);
  EXPECT_EQ(run.value("k,1,1,1,fit,summary,s,,,,,,,"), 42);
  // A window starting on day 6 of 2018: x = 17, 18, 19.
  EXPECT_EQ(SmallRunValueWithStart(run, "k,1,1,1,fit,window_sum,x,,2018,,3,,,,6"), 17 + 18 + 19);
}

TEST(Targets, UndefinedStatisticsAreNaNNotZero) {
  SmallRun run;
  // y[a] sums to 0 over day 0 of 2017: growth against it is undefined.
  EXPECT_TRUE(std::isnan(run.value("k,1,1,1,fit,window_sum_growth,y[a],,2018,2017,1,,,")));
  EXPECT_TRUE(std::isnan(run.value("k,1,1,1,fit,window_weighted_mean,x,y[a],2018,,1,,,")));
}

TEST(Targets, RefusesRowsThatCannotBeComputedNamingLineColumnAndValue) {
  SmallRun run;
  const auto refused = [&](const std::string& row, const std::string& expected) {
    const std::string message = error_of([&] { run.value(row); });
    EXPECT_NE(message.find(expected), std::string::npos) << row << " -> " << message;
  };
  refused("k,1,1,1,fit,window_sum,nothing,,2018,,4,,,", "'nothing': the model records no");
  refused("k,1,1,1,fit,window_sum,y[c],,2018,,4,,,", "'y[c]': needs one of the labels");
  refused("k,1,1,1,fit,window_sum,x[a],,2018,,4,,,", "has no dimension");
  refused("k,1,1,1,fit,window_sum,x,,2019,,4,,,", "key 'year' = '2019': outside the simulated");
  refused("k,1,1,1,fit,window_sum,x,,2018,,11,,,", "window_days");
  const std::string late = run_error_with_start(run, "k,1,1,1,fit,window_sum,x,,2018,,5,,,,6");
  EXPECT_NE(late.find("window_first_day"), std::string::npos) << late;
  refused("k,1,1,1,fit,window_sum_growth,x,,2018,,4,,,", "growth statistics need a base year");
  refused("k,1,1,1,fit,median,x,,2018,,4,,,", "unknown statistic");
  refused("k,1,0,1,fit,window_sum,x,,2018,,4,,,", "uncertainty");
  refused("k,1,1,1,maybe,window_sum,x,,2018,,4,,,", "accepted fit or check");
  refused("k,1,1,1,fit,summary,x,,,,,,,", "no summary metric");
  refused("k,abc,1,1,fit,window_sum,x,,2018,,4,,,", "'abc': not a finite number");
  refused("k,1,1,1,fit,window_sum,x,,2018.5,,4,,,", "not a whole number");
}

TEST(Targets, RefusesDuplicateKeys) {
  TemporaryDirectory dir;
  write_text(dir / "t.csv",
             header + "k,1,1,1,fit,summary,s,,,,,,,\nk,1,1,1,fit,summary,s,,,,,,,\n");
  EXPECT_NE(error_of([&] { read_targets(dir / "t.csv"); }).find("given twice"), std::string::npos);
}

TEST(Targets, TheShippedReportedFiguresAndDemoTargetsRead) {
  const auto table =
      CsvTable::read(testing::source_dir() / "configs/targets/binhai_2018_reported.csv",
                     {"key", "kind", "before", "after", "source"});
  EXPECT_GT(table.rows(), 20u);
  EXPECT_EQ(read_targets(testing::source_dir() / "configs/targets/demo_market_targets.csv").size(),
            5u);
}

TEST(MetricSelector, ParsesOptionalLabel) {
  EXPECT_EQ(MetricSelector::parse("x").label, "");
  EXPECT_EQ(MetricSelector::parse("y[a b]").metric, "y");
  EXPECT_EQ(MetricSelector::parse("y[a b]").label, "a b");
  EXPECT_EQ(MetricSelector::parse("y[a]").text(), "y[a]");
}

}  // namespace
}  // namespace reformsim
