// Generated merge plans: valid for any seed (every old unit maps to exactly one new unit of
// its kind, every new unit receives one), grouped by big systems, with the configured numbers
// of approval and penalty holders, and reproducible from their seed.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "models/organisation/merge_plan.h"
#include "sim/config/config_error.h"

namespace reformsim::models {
namespace {

MergePlanShape binhai_shape() {
  return {60,
          23,
          9,
          6,
          26,
          34,
          {"human resources", "publicity and culture", "economic operation",
           "development and construction", "agriculture", "social management", "finance", "audit"}};
}

TEST(GeneratedMergePlan, IsValidForEverySeedTried) {
  const auto shape = binhai_shape();
  for (std::uint64_t seed = 0; seed < 500; ++seed) {
    const MergePlan plan = MergePlan::generate(shape, seed);
    EXPECT_NO_THROW(plan.check(shape)) << "seed " << seed;
    ASSERT_EQ(plan.old_units.size(), 69u);
    ASSERT_EQ(plan.new_units.size(), 29u);
  }
}

TEST(GeneratedMergePlan, IsValidForOtherShapes) {
  for (const auto& [before, after] :
       std::vector<std::pair<int, int>>{{8, 8}, {9, 8}, {100, 3}, {5, 1}, {200, 199}}) {
    MergePlanShape shape = binhai_shape();
    shape.departments_before = before, shape.departments_after = after;
    shape.park_bodies_before = 0, shape.park_bodies_after = 0;
    for (std::uint64_t seed = 0; seed < 50; ++seed)
      EXPECT_NO_THROW(MergePlan::generate(shape, seed).check(shape)) << before << "->" << after;
  }
}

TEST(GeneratedMergePlan, MergesOnlyDepartmentsOfTheSameBigSystem) {
  const MergePlan plan = MergePlan::generate(binhai_shape(), 7);
  std::map<std::int32_t, std::set<std::string>> systems_of_new;
  for (const auto& unit : plan.old_units)
    systems_of_new[unit.new_unit].insert(unit.big_system);
  for (const auto& [unit, systems] : systems_of_new)
    EXPECT_EQ(systems.size(), 1u) << plan.new_units[unit];
  std::set<std::string> used;
  for (const auto& unit : plan.old_units)
    if (unit.kind == UnitKind::department) used.insert(unit.big_system);
  EXPECT_EQ(used.size(), 8u);  // every big system of seed section 1.1 is formed
}

TEST(GeneratedMergePlan, MarksTheConfiguredApprovalAndPenaltyHolders) {
  const MergePlan plan = MergePlan::generate(binhai_shape(), 3);
  int approvals = 0, penalties = 0;
  for (const auto& unit : plan.old_units) {
    approvals += unit.approval_items, penalties += unit.penalty_powers;
    if (unit.kind == UnitKind::park_body) {
      EXPECT_FALSE(unit.approval_items || unit.penalty_powers);
    }
  }
  EXPECT_EQ(approvals, 26);
  EXPECT_EQ(penalties, 34);
  int new_holders = 0;
  for (std::size_t n = 0; n < plan.new_units.size(); ++n)
    new_holders += plan.new_unit_holds_approval_items(n);
  EXPECT_GT(new_holders, 0);
  EXPECT_LE(new_holders, 23);
}

TEST(GeneratedMergePlan, IsTheSameForTheSameSeedAndDiffersForAnother) {
  const auto a = MergePlan::generate(binhai_shape(), 11).old_to_new();
  EXPECT_EQ(a, MergePlan::generate(binhai_shape(), 11).old_to_new());
  EXPECT_NE(a, MergePlan::generate(binhai_shape(), 12).old_to_new());
}

TEST(MergePlanCheck, RefusesAnOldUnitWithoutNewUnitNamingIt) {
  MergePlan plan = MergePlan::generate(binhai_shape(), 1);
  plan.old_units[4].new_unit = -1;
  try {
    plan.check(binhai_shape());
    FAIL() << "accepted a plan with an unmapped department";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.value(), "department_5");
    EXPECT_NE(std::string(error.what()).find("department_5"), std::string::npos);
  }
}

TEST(MergePlanCheck, RefusesANewUnitThatReceivesNothing) {
  MergePlan plan = MergePlan::generate(binhai_shape(), 1);
  plan.new_units.push_back("empty bureau");
  plan.new_unit_kinds.push_back(UnitKind::department);
  EXPECT_THROW(plan.check(binhai_shape()), ConfigError);
}

}  // namespace
}  // namespace reformsim::models
