// The targets group of the Binhai run file (configs/binhai_2018.ini): one variable per target
// of configs/targets/binhai_2018_targets.csv, with the reported value and the window it was
// computed over as attributes; summary targets (whole-run statistics such as the re-hiring
// counts) marked "whole run" with no window attributes; and the re-hiring counts 0, not
// undefined, in a run without competitive re-hiring.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "sim/output/hdf5_handle.h"
#include "sim/targets/target_values.h"
#include "tests/support/test_support.h"

namespace reformsim {
namespace {

// An attribute of a dataset, or nothing when the dataset does not have it.
class DatasetAttributes {
 public:
  DatasetAttributes(const std::filesystem::path& file, const std::string& dataset)
      : file_(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
              "open " + file.string()),
        dataset_(H5Dopen2(file_, dataset.c_str(), H5P_DEFAULT), H5Dclose, "open " + dataset) {}

  bool has(const std::string& name) const { return H5Aexists(dataset_, name.c_str()) > 0; }

  std::optional<std::int64_t> integer(const std::string& name) const {
    if (!has(name)) return std::nullopt;
    Hdf5Handle attribute(H5Aopen(dataset_, name.c_str(), H5P_DEFAULT), H5Aclose, "open " + name);
    std::int64_t value = 0;
    check_hdf5(H5Aread(attribute, H5T_NATIVE_INT64, &value), "read " + name);
    return value;
  }

  double real(const std::string& name) const {
    Hdf5Handle attribute(H5Aopen(dataset_, name.c_str(), H5P_DEFAULT), H5Aclose, "open " + name);
    double value = 0;
    check_hdf5(H5Aread(attribute, H5T_NATIVE_DOUBLE, &value), "read " + name);
    return value;
  }

  std::string text(const std::string& name) const {
    Hdf5Handle attribute(H5Aopen(dataset_, name.c_str(), H5P_DEFAULT), H5Aclose, "open " + name);
    Hdf5Handle type(H5Aget_type(attribute), H5Tclose, "type of " + name);
    char* value = nullptr;
    check_hdf5(H5Aread(attribute, type, &value), "read " + name);
    std::string result = value ? value : "";
    H5free_memory(value);
    return result;
  }

 private:
  Hdf5Handle file_, dataset_;
};

struct ExpectedTarget {
  const char* key;
  double reported;
  bool whole_run;  // a summary: no window
  std::int64_t year = 0, base_year = 0, window_first_day = 0, window_days = 0;
  const char* window = "";
};

// What the Binhai targets are compared over (configs/targets/binhai_2018_targets.csv, from
// the article's figures): approval days over all of 2017 and over the second half of 2018
// (250 working days a year); the re-hiring counts over the whole run; the outcomes over
// January-September (the first 187 working days), 2018 against 2017.
const ExpectedTarget binhai_targets[] = {
    {"investment_approval_days_before", 54, false, 2017, 0, 0, 250, "working days 0-249 of 2017"},
    {"investment_approval_days_after", 8, false, 2018, 0, 125, 125, "working days 125-249 of 2018"},
    {"former_heads_not_reappointed", 17, true},
    {"staff_promoted_to_management", 275, true},
    {"new_market_entities_2017", 1347, false, 2017, 0, 0, 187, "working days 0-186 of 2017"},
    {"new_market_entities_growth", 0.376, false, 2018, 2017, 0, 187,
     "working days 0-186 of 2018 against the same days of 2017"},
    {"new_registered_capital_growth", 0.139, false, 2018, 2017, 0, 187, ""},
    {"industrial_output_growth", 0.125, false, 2018, 2017, 0, 187, ""},
    {"main_business_revenue_growth", 0.11, false, 2018, 2017, 0, 187, ""},
    {"public_budget_revenue_growth", 0.121, false, 2018, 2017, 0, 187, ""},
    {"fdi_growth", 0.136, false, 2018, 2017, 0, 187, ""},
    {"trade_growth", 0.158, false, 2018, 2017, 0, 187, ""},
};

testing::CommandResult run_binhai(const std::filesystem::path& out, const std::string& extra = "") {
  std::vector<std::string> arguments{
      "run",        "--config",         "configs/binhai_2018.ini",    "--out",
      out.string(), "--replications=2", "--calendar.burn_in_days=20", "--quiet"};
  if (!extra.empty()) arguments.push_back(extra);
  return testing::run_reformsim(arguments);
}

TEST(BinhaiTargets, TheTargetsGroupHoldsEveryTargetWithItsReportedValueAndWindow) {
  testing::TemporaryDirectory dir;
  const auto out = dir / "binhai.h5";
  const auto result = run_binhai(out);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  for (const auto& expected : binhai_targets) {
    SCOPED_TRACE(expected.key);
    const std::string name = std::string("targets/") + expected.key;
    EXPECT_EQ(testing::read_hdf5_doubles(out, name).size(), 2u);  // one value per replication
    const DatasetAttributes attributes(out, name);
    EXPECT_DOUBLE_EQ(attributes.real("reported_value"), expected.reported);
    if (expected.whole_run) {
      // A whole-run statistic: marked so, and no meaningless window (was 187 days of year 0).
      EXPECT_EQ(attributes.text("window"), whole_run_window);
      EXPECT_EQ(attributes.text("statistic_name"), "summary");
      for (const char* absent : {"window_days", "window_first_day", "year", "base_year"})
        EXPECT_FALSE(attributes.has(absent)) << absent;
      continue;
    }
    EXPECT_EQ(attributes.integer("year"), expected.year);
    EXPECT_EQ(attributes.integer("base_year"), expected.base_year);
    EXPECT_EQ(attributes.integer("window_first_day"), expected.window_first_day);
    EXPECT_EQ(attributes.integer("window_days"), expected.window_days);
    if (*expected.window) {
      EXPECT_EQ(attributes.text("window"), expected.window);
    }
  }
}

TEST(BinhaiTargets, ReHiringCountsAreZeroNotUndefinedWithoutCompetitiveReHiring) {
  testing::TemporaryDirectory dir;
  const auto with = dir / "with.h5", without = dir / "without.h5";
  ASSERT_EQ(run_binhai(with).exit_status, 0);
  const auto result = run_binhai(without, "--reform.competitive_rehiring=false");
  ASSERT_EQ(result.exit_status, 0) << result.err;
  for (const char* key : {"former_heads_not_reappointed", "staff_promoted_to_management"}) {
    SCOPED_TRACE(key);
    // Nobody lost or gained a post through re-hiring: 0, so trend and Shapley values exist.
    for (double value : testing::read_hdf5_doubles(without, std::string("targets/") + key))
      EXPECT_EQ(value, 0.0);
    for (double value : testing::read_hdf5_doubles(with, std::string("targets/") + key))
      EXPECT_GT(value, 0.0);
  }
  for (double value : testing::read_hdf5_doubles(without, "staff_not_reappointed"))
    EXPECT_EQ(value, 0.0);
  // Before/after snapshots need a re-hiring to exist: still undefined without one.
  for (double value : testing::read_hdf5_doubles(without, "competence_by_level_before_rehiring"))
    EXPECT_TRUE(std::isnan(value));
}

}  // namespace
}  // namespace reformsim
