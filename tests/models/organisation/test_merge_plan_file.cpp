// Merge plans read from CSV files: a good file is read as written; a bad one is refused with a
// ConfigError naming the file, the column and the department at fault.
#include <gtest/gtest.h>

#include "models/organisation/merge_plan.h"
#include "sim/config/config_error.h"
#include "tests/support/test_support.h"

namespace reformsim::models {
namespace {

MergePlanShape small_shape() {
  return {3, 2, 1, 1, 1, 2, {"finance", "audit"}};
}

const std::string good_plan =
    "# three departments into two, one park body\n"
    "old_unit,new_unit,kind,big_system,approval_items,penalty_powers\n"
    "Finance Bureau,Finance,department,finance,1,0\n"
    "Tax Office,Finance,department,finance,0,1\n"
    "Audit Office,Audit,department,audit,0,1\n"
    "North Park,Parks,park_body,,0,0\n";

ConfigError refusal(const std::string& text) {
  testing::TemporaryDirectory dir;
  testing::write_text(dir / "plan.csv", text);
  try {
    MergePlan::read(dir / "plan.csv", small_shape(), 1);
  } catch (const ConfigError& error) {
    EXPECT_NE(error.origin().find("plan.csv"), std::string::npos) << error.what();
    return error;
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return ConfigError("", "", "", "");
}

TEST(MergePlanFile, ReadsAGoodPlanAsWritten) {
  testing::TemporaryDirectory dir;
  testing::write_text(dir / "plan.csv", good_plan);
  const MergePlan plan = MergePlan::read(dir / "plan.csv", small_shape(), 1);
  EXPECT_EQ(plan.old_to_new(), (std::vector<std::int32_t>{0, 0, 1, 2}));
  EXPECT_EQ(plan.new_units, (std::vector<std::string>{"Finance", "Audit", "Parks"}));
  EXPECT_TRUE(plan.old_units[0].approval_items);
  EXPECT_TRUE(plan.new_unit_holds_penalty_powers(0));
  EXPECT_FALSE(plan.new_unit_holds_approval_items(1));
}

TEST(MergePlanFile, RefusesADepartmentMappedTwice) {
  const auto error = refusal(good_plan + "Tax Office,Audit,department,audit,0,0\n");
  EXPECT_EQ(error.key(), "old_unit");
  EXPECT_EQ(error.value(), "Tax Office");
  EXPECT_NE(error.problem().find("more than once"), std::string::npos);
}

TEST(MergePlanFile, RefusesADepartmentMappedToNothing) {
  const auto error = refusal(
      "old_unit,new_unit,kind\nFinance Bureau,Finance,department\nTax Office,,department\n"
      "Audit Office,Audit,department\nNorth Park,Parks,park_body\n");
  EXPECT_EQ(error.key(), "new_unit");
  EXPECT_EQ(error.value(), "Tax Office");
  EXPECT_NE(error.origin().find("plan.csv line 3"), std::string::npos) << error.origin();
}

TEST(MergePlanFile, RefusesADepartmentMergedIntoAParkBody) {
  const auto error = refusal(
      "old_unit,new_unit,kind\nFinance Bureau,Finance,department\nTax Office,Parks,department\n"
      "Audit Office,Audit,department\nNorth Park,Parks,park_body\n");
  EXPECT_EQ(error.key(), "kind");
  EXPECT_EQ(error.value(), "North Park");
}

TEST(MergePlanFile, RefusesADepartmentCountThatDisagreesWithTheConfig) {
  const auto error = refusal(
      "old_unit,new_unit,kind\nFinance Bureau,Finance,department\nAudit Office,Audit,department\n"
      "North Park,Parks,park_body\n");
  EXPECT_EQ(error.key(), "organisation.departments_before");
  EXPECT_EQ(error.value(), "2");
}

TEST(MergePlanFile, RefusesAnUnknownKindAndABadFlag) {
  EXPECT_EQ(refusal("old_unit,new_unit,kind\nFinance Bureau,Finance,ministry\n").value(),
            "ministry");
  EXPECT_EQ(refusal("old_unit,new_unit,approval_items\nFinance Bureau,Finance,yes\n").key(),
            "approval_items");
}

TEST(MergePlanFile, RefusesAMissingFileNamingIt) {
  EXPECT_THROW(MergePlan::read("/nonexistent/plan.csv", small_shape(), 1), ConfigError);
}

}  // namespace
}  // namespace reformsim::models
