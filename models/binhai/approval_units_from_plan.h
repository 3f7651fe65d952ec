// approval_units_from_plan.h - the approval units of an organisation: with a staff model the
// approval departments are the merge plan's old departments holding approval items (in plan
// order), and merge_departments takes each into the new unit the plan merges it into, so the
// approvals merge as the organisation does (a new unit holding several approval departments
// pools their servers). The unit labels are the plan's unit names.
#pragma once

#include <cstdint>
#include <vector>

#include "models/approvals/approval_settings.h"
#include "models/organisation/merge_plan.h"

namespace reformsim::models {

struct ApprovalUnitsOfPlan {
  ApprovalUnitLayout layout;
  std::vector<std::int32_t> old_unit;  // per approval department: its unit in plan.old_units
  std::vector<std::int32_t> new_unit;  // per merged approval department: its plan.new_units
};

// Throws std::invalid_argument when no old department holds approval items.
ApprovalUnitsOfPlan approval_units_of(const MergePlan& plan);

// The approvals.* settings with `layout` (a plan's) in place of the even one.
ApprovalSettings approval_settings_with(const ParameterSet& parameters, ApprovalUnitLayout layout);

}  // namespace reformsim::models
