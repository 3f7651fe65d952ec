// The approval units and enforcement departments of the organisation: which departments the
// Binhai approvals and inspections have, how they merge (the organisation's merge plan), and
// each served at its own staff's productivity.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

#include "models/binhai/approval_unit_staff.h"
#include "models/binhai/binhai_state.h"
#include "models/binhai/penalty_department_staff.h"
#include "models/model_catalogue.h"
#include "sim/config/config_error.h"
#include "sim/run/scenario.h"

namespace reformsim::models {
namespace {

MergePlan small_plan() {
  MergePlan plan;
  plan.old_units = {{"roads", UnitKind::department, "", true, false, 1},
                    {"schools", UnitKind::department, "", false, false, 0},
                    {"water", UnitKind::department, "", true, false, 1},
                    {"land", UnitKind::department, "", true, false, 0},
                    {"park a", UnitKind::park_body, "", true, false, 2}};
  plan.new_units = {"social", "construction", "park"};
  plan.new_unit_kinds = {UnitKind::department, UnitKind::department, UnitKind::park_body};
  plan.origin = "test plan";
  return plan;
}

TEST(ApprovalUnitsOfPlan, DepartmentsHoldingApprovalItemsMergeAsThePlanSays) {
  const auto units = approval_units_of(small_plan());
  // roads, water, land (a park body holds no department's items); construction first, as it
  // receives the first approval department.
  EXPECT_EQ(units.old_unit, (std::vector<std::int32_t>{0, 2, 3}));
  EXPECT_EQ(units.new_unit, (std::vector<std::int32_t>{1, 0}));
  EXPECT_EQ(units.layout.merged_department_of(0), 3 + 0);
  EXPECT_EQ(units.layout.merged_department_of(1), 3 + 0);
  EXPECT_EQ(units.layout.merged_department_of(2), 3 + 1);
  EXPECT_EQ(units.layout.labels(),
            (std::vector<std::string>{"roads", "water", "land", "construction", "social",
                                      "approval_bureau", "city"}));
  MergePlan none = small_plan();
  for (OldUnit& unit : none.old_units)
    unit.approval_items = false;
  EXPECT_THROW(approval_units_of(none), std::invalid_argument);
}

ParameterSet binhai_parameters(const ModelCatalogue& catalogue) {
  ParameterSet parameters(build_registry(*catalogue.find("binhai_2018"), catalogue));
  parameters.set_value("calendar.burn_in_days", std::int64_t{10}, "test");
  parameters.set_value("calendar.years", std::int64_t{2}, "test");
  return parameters;
}

TEST(ApprovalUnitsOfPlan, TheBinhaiPlansApprovalDepartmentsAreTheApprovalUnits) {
  const auto catalogue = all_models();
  const auto parameters = binhai_parameters(catalogue);
  const MergePlan plan = OrganisationSettings::from(parameters).merge_plan();
  const auto units = approval_units_of(plan);
  ASSERT_EQ(units.layout.departments(), 26);
  std::int32_t holders = 0;
  for (std::size_t u = 0; u < plan.new_units.size(); ++u)
    holders += plan.new_unit_holds_approval_items(u) ? 1 : 0;
  EXPECT_EQ(units.layout.merged_departments(), holders);
  for (std::int32_t d = 0; d < 26; ++d) {
    const OldUnit& old = plan.old_units[static_cast<std::size_t>(units.old_unit[d])];
    EXPECT_TRUE(old.approval_items);
    const auto merged = units.layout.merged_department_of(d) - 26;
    EXPECT_EQ(units.new_unit[static_cast<std::size_t>(merged)], old.new_unit);
  }
  // The run file's approval_unit dimension names the organisation's units.
  const auto metrics = catalogue.find("binhai_2018")->metrics(parameters);
  const auto& labels = metrics.dimension("approval_unit").labels;
  EXPECT_EQ(labels, units.layout.labels());
}

TEST(ApprovalUnitsOfPlan, BinhaiRefusesDepartmentCountsTheOrganisationDoesNotHave) {
  const auto catalogue = all_models();
  for (const auto& [key, organisation_key] :
       {std::pair{"approvals.departments", "organisation.departments_with_approval_items = 26"},
        std::pair{"enforcement.departments_before",
                  "organisation.departments_with_penalty_powers = 34"}}) {
    auto parameters = binhai_parameters(catalogue);
    parameters.set_value(key, std::int64_t{20}, "test");
    try {
      catalogue.find("binhai_2018")->validate(parameters);
      ADD_FAILURE() << "accepted " << key << " = 20";
    } catch (const ConfigError& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find(key), std::string::npos) << message;
      EXPECT_NE(message.find("= '20'"), std::string::npos) << message;
      EXPECT_NE(message.find(organisation_key), std::string::npos) << message;
    }
  }
}

// Mean competence x effort of the staff of each staff-model unit, from the workforce itself.
std::map<std::int32_t, double> mean_productivity_by_unit(const StaffSystem& staff) {
  std::map<std::int32_t, std::pair<double, double>> sums;
  const Workforce& workforce = staff.workforce();
  for (std::size_t i = 0; i < workforce.size(); ++i) {
    auto& [output, count] = sums[workforce.unit[i]];
    output += workforce.competence[i] * workforce.effort[i], count += 1;
  }
  std::map<std::int32_t, double> means;
  for (const auto& [unit, sum] : sums)
    means[unit] = sum.first / sum.second;
  return means;
}

TEST(ApprovalUnitStaff, EachUnitIsServedAtItsOwnStaffsProductivityBeforeAndAfterTheMerge) {
  const auto catalogue = all_models();
  const Model& model = *catalogue.find("binhai_2018");
  const auto parameters = binhai_parameters(catalogue);
  const auto metrics = model.metrics(parameters);
  const Calendar calendar = Calendar::from(parameters);
  const auto state = model.create_state({parameters, calendar, 5, 0}, metrics);
  auto& binhai = dynamic_cast<BinhaiState&>(*state);
  const auto phases = state->phases();
  const std::int64_t merge_day = parameters.integer("reform.merge_departments_day");
  std::int64_t step = 0;
  for (const std::int64_t until : {merge_day - 5, merge_day + 30}) {
    for (; calendar.reported_day(step) < until; ++step)
      for (const Phase& phase : phases)
        phase.run(StepContext{step, calendar, 5});
    const StaffSystem& staff = binhai.staff();
    const MergePlan& plan = staff.merge_plan();
    ApprovalUnitStaff unit_staff(approval_units_of(plan), plan);
    std::vector<UnitServiceCapacity> capacity;
    staff.service_capacity_by_unit(capacity);
    std::vector<double> productivity;
    unit_staff.productivity(capacity, staff.merged(), productivity);
    const auto means = mean_productivity_by_unit(staff);
    const auto units = approval_units_of(plan);
    const auto& layout = units.layout;
    ASSERT_EQ(staff.merged(), until > merge_day);
    for (std::int32_t d = 0; d < layout.departments(); ++d) {
      const std::int32_t old_unit = units.old_unit[static_cast<std::size_t>(d)];
      const std::int32_t staff_unit =
          staff.merged() ? plan.old_units[static_cast<std::size_t>(old_unit)].new_unit : old_unit;
      EXPECT_NEAR(productivity[static_cast<std::size_t>(d)], means.at(staff_unit), 1e-12);
    }
    if (staff.merged()) {
      for (std::int32_t m = 0; m < layout.merged_departments(); ++m) {
        EXPECT_NEAR(productivity[static_cast<std::size_t>(layout.departments() + m)],
                    means.at(units.new_unit[static_cast<std::size_t>(m)]), 1e-12);
      }
    }
    EXPECT_NEAR(productivity[static_cast<std::size_t>(layout.bureau())],
                staff.approval_staff_productivity(), 1e-12);
    EXPECT_EQ(productivity[static_cast<std::size_t>(layout.city())], 0.0);
    // The queueing network serves each unit at that productivity over one common reference:
    // the ratio of two units' rates is the ratio of their staff's productivity.
    const QueueingNetwork& network = binhai.approvals().network();
    double lowest = 1e9, highest = 0;
    for (std::int32_t d = 0; d < layout.departments(); ++d) {
      const auto u = static_cast<std::size_t>(d);
      EXPECT_NEAR(network.productivity(u) / network.productivity(0),
                  productivity[u] / productivity[0], 1e-12);
      lowest = std::min(lowest, productivity[u]), highest = std::max(highest, productivity[u]);
    }
    EXPECT_GT(highest, lowest * 1.02) << "the departments' staff should differ";
    EXPECT_DOUBLE_EQ(network.productivity(static_cast<std::size_t>(layout.city())),
                     parameters.real("approvals.staff_productivity"));

    // Enforcement: department k's inspectors are the staff of the k-th penalty holder.
    PenaltyDepartmentStaff inspectors(plan);
    ASSERT_EQ(inspectors.departments(), 34u);
    std::vector<double> detection;
    inspectors.productivity(capacity, staff.merged(), -1.0, detection);
    const EnforcementSystem& enforcement = binhai.enforcement();
    std::size_t k = 0;
    for (std::size_t u = 0; u < plan.old_units.size(); ++u) {
      const OldUnit& old = plan.old_units[u];
      if (old.kind != UnitKind::department || !old.penalty_powers) continue;
      EXPECT_EQ(inspectors.labels()[k], old.name);
      const auto staff_unit = staff.merged() ? old.new_unit : static_cast<std::int32_t>(u);
      EXPECT_NEAR(detection[k], means.at(staff_unit), 1e-12);
      EXPECT_NEAR(enforcement.department_staff_productivity(k) /
                      enforcement.department_staff_productivity(0),
                  detection[k] / detection[0], 1e-12);
      ++k;
    }
  }
}

TEST(PenaltyDepartmentStaff, NamesThePlansPenaltyHoldersAndRefusesAPlanWithout) {
  MergePlan plan = small_plan();
  plan.old_units[1].penalty_powers = true;
  plan.old_units[4].penalty_powers = true;  // a park body: not an enforcement department
  const PenaltyDepartmentStaff inspectors(plan);
  EXPECT_EQ(inspectors.labels(), (std::vector<std::string>{"schools"}));
  EXPECT_THROW(PenaltyDepartmentStaff{small_plan()}, std::invalid_argument);
}

}  // namespace
}  // namespace reformsim::models
