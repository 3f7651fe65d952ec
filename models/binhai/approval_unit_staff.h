// approval_unit_staff.h - whose staff serve each approval unit, and how productive they are
// today. Before merge_departments the staff model's units are the plan's old units, after it
// the new ones, and the approval units map onto them:
// - an approval department: its old unit, or after the merge the new unit its staff moved to
//   (grandfathered applications are still served there);
// - a merged approval department: its new unit, or before the merge the pooled staff of the
//   approval departments it will absorb;
// - the approval bureau: the pooled staff of every unit holding approval items;
// - the city: not the zone's staff (left to the configured productivity).
// A unit without staff takes the bureau's pool, so a rate never divides by zero.
#pragma once

#include <vector>

#include "models/binhai/approval_units_from_plan.h"
#include "models/staff/staff_system.h"

namespace reformsim::models {

class ApprovalUnitStaff {
 public:
  ApprovalUnitStaff(ApprovalUnitsOfPlan units, const MergePlan& plan);

  // Mean competence x effort of each approval unit's staff, from the staff model's capacity by
  // unit today (StaffSystem::service_capacity_by_unit, `merged` = StaffSystem::merged()), into
  // `productivity` (size layout().unit_count(); the city's entry is 0: not the zone's staff).
  // No allocation once `productivity` is sized.
  void productivity(const std::vector<UnitServiceCapacity>& capacity, bool merged,
                    std::vector<double>& productivity) const;
  const ApprovalUnitLayout& layout() const { return units_.layout; }

 private:
  static UnitServiceCapacity pooled(const std::vector<UnitServiceCapacity>& capacity,
                                    const std::vector<std::int32_t>& staff_units);

  ApprovalUnitsOfPlan units_;
  std::vector<std::int32_t> new_unit_of_old_;                   // plan.old_units[u].new_unit
  std::vector<std::vector<std::int32_t>> old_units_of_merged_;  // approval departments' old units
  std::vector<std::int32_t> approval_old_units_, approval_new_units_;
};

}  // namespace reformsim::models
